"""Which task a CSV target column is inferred as: classes only when the values name groups of rows."""

from pathlib import Path

import pytest

from nnstudio import data
from nnstudio.data import DataError

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "data"
GALLERY = Path(__file__).parent / "csv"

# The task of each file's default target (its last column), as the import dialog previews it.
# Only the course's house table differs from the old rule (17 prices in 20 rows were 17 classes), and two
# refusal files whose last column has a different number in every row (3, 6, 13 in ragged.csv; 1, 2, 3 in
# single_column.csv), which were as many "classes" of one row each.
DEFAULT_TARGET_TASKS = {
    SAMPLES: {
        "breast_cancer.csv": "binary", "co2_monthly.csv": "regression", "diabetes.csv": "regression",
        "digits.csv": "multiclass", "houses.csv": "regression", "iris.csv": "multiclass",
        "wine.csv": "multiclass",
    },
    GALLERY: {
        "basic.csv": "multiclass", "blank_lines.csv": "binary", "bom_utf8.csv": "binary",
        "categorical.csv": "binary", "cp1252.csv": "binary", "cp1252_like_gb18030.csv": "binary",
        "crlf.csv": "binary", "empty.csv": None, "excel_sep_hint.csv": None, "gb18030_crlf.csv": "binary",
        "gbk.csv": "binary", "gbk_with_latin.csv": "binary", "header_only.csv": None,
        "infinity.csv": "binary", "integer_classes.csv": "multiclass", "missing_values.csv": "binary",
        "no_header.csv": "binary", "pipe.csv": "binary", "quoted.csv": "binary", "ragged.csv": "regression",
        "regression.csv": "regression", "semicolon_decimal_comma.csv": "regression",
        "single_class.csv": None, "single_column.csv": "regression", "tab.tsv": "binary",
        "text_in_numeric.csv": "regression", "trailing_delimiter.csv": "binary",
        "utf16_excel.txt": "multiclass", "whitespace_only.csv": None,
    },
}
FILES = [(folder, name) for folder, tasks in DEFAULT_TARGET_TASKS.items() for name in tasks]


def write(tmp_path, text, name="t.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8", newline="")
    return p


def test_every_sample_and_gallery_file_is_listed():
    for folder, tasks in DEFAULT_TARGET_TASKS.items():
        on_disk = {p.name for p in folder.iterdir() if p.is_file() and p.suffix != ".md"}
        assert on_disk == set(tasks), folder


@pytest.mark.parametrize("folder,name", FILES, ids=[n for _f, n in FILES])
def test_default_target_infers_as_listed(folder, name):
    expected = DEFAULT_TARGET_TASKS[folder][name]
    preview = data.preview_csv(folder / name)
    assert (preview.tasks[preview.columns[-1]] if preview.columns else None) == expected
    try:
        ds = data.load_csv(folder / name, missing="drop")
    except DataError:
        return                                   # a refusal file: its sentence is test_csv_gallery's
    assert ds.task == expected


def test_course_house_prices_are_regression_not_17_classes():
    preview = data.preview_csv(SAMPLES / "houses.csv")
    assert preview.tasks == {"area_m2": "regression", "age_years": "regression",
                             "price_thousand_eur": "regression"}
    ds = data.load_csv(SAMPLES / "houses.csv")
    assert ds.task == "regression" and ds.class_names is None and ds.y.shape == (20,)


def test_whole_numbers_that_repeat_are_classes(tmp_path):
    iris_like = "".join(f"{i / 10},{i % 3}\n" for i in range(150))            # 3 classes of 50 rows
    ds = data.load_csv(write(tmp_path, "x,label\n" + iris_like))
    assert ds.task == "multiclass" and ds.class_names == ["0", "1", "2"]
    xor = data.load_csv(write(tmp_path, "a,b,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n"))   # 2 classes in 4 rows
    assert xor.task == "binary" and xor.class_names == ["0", "1"]
    assert data.load_csv(write(tmp_path, "x,y\n1,0\n2,1\n")).task == "binary"      # a 0/1 label, 2 rows


def test_values_most_rows_have_alone_are_a_quantity(tmp_path):
    # 4 rows, values 1, 2, 3, 3: half the rows (1 and 2) are the only one with their value
    assert data.load_csv(write(tmp_path, "x,y\n0,1\n1,2\n2,3\n3,3\n")).task == "regression"
    # 5 rows, values 1, 2, 3, 3, 3: 2 of 5 rows alone, so classes
    assert data.load_csv(write(tmp_path, "x,y\n0,1\n1,2\n2,3\n3,3\n4,3\n")).task == "multiclass"
    # the user can still ask for classes
    assert data.load_csv(write(tmp_path, "x,y\n0,1\n1,2\n2,3\n3,3\n"), task="classification").task == \
        "multiclass"
