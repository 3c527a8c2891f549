"""Every awkward file in tests/data/csv loads, or fails with one sentence naming file, row and column."""

from pathlib import Path

import numpy as np
import pytest

from nnstudio import data
from nnstudio.data import DataError

CSV = Path(__file__).parent / "csv"


def load(name, **kw):
    return data.load_csv(CSV / name, **kw)


def test_plain_comma_file_with_header_and_text_target():
    ds = load("basic.csv")
    assert ds.feature_names == ["sepal_length", "sepal_width"] and ds.target_name == "species"
    assert ds.task == "multiclass" and ds.class_names == ["setosa", "versicolor", "virginica"]
    assert ds.y.tolist() == [0, 0, 1, 2, 1, 2]
    np.testing.assert_array_equal(ds.X[2], [6.2, 2.9])
    opts = ds.source["options"]
    assert (opts["delimiter"], opts["header"], opts["encoding"]) == (",", True, "utf-8-sig")


def test_headerless_file_gets_numbered_column_names():
    ds = load("no_header.csv")
    assert ds.source["options"]["header"] is False and len(ds) == 5
    assert ds.feature_names == ["column 1", "column 2"] and ds.target_name == "column 3"
    assert ds.task == "binary" and ds.class_names == ["0", "1"]


def test_semicolons_with_decimal_commas_and_umlauts():
    ds = load("semicolon_decimal_comma.csv")
    assert ds.source["options"]["delimiter"] == ";" and ds.source["options"]["decimal"] == ","
    assert ds.feature_names == ["Größe", "Gewicht"] and ds.target_name == "Preis"
    assert ds.task == "regression"
    np.testing.assert_allclose(ds.X[1], [1.62, 55.0])
    assert ds.y[1] == 10.25


@pytest.mark.parametrize("name, delimiter", [("tab.tsv", "\t"), ("pipe.csv", "|")])
def test_tab_and_pipe_delimiters_are_sniffed(name, delimiter):
    ds = load(name)
    assert ds.source["options"]["delimiter"] == delimiter
    assert ds.X.shape == (4, 2) and ds.task == "binary"


def test_quoted_fields_with_delimiters_quotes_and_newlines_inside():
    ds = load("quoted.csv")
    assert "city=New York, NY" in ds.feature_names
    assert 'city=Springfield, "The" town' in ds.feature_names
    assert "city=Tiny\nVillage" in ds.feature_names
    np.testing.assert_allclose(ds.X[:, ds.feature_names.index("size_km2")], [783.8, 12.0, 105.4, 3.1])


def test_windows_line_endings():
    ds = load("crlf.csv")
    assert ds.feature_names == ["a", "b"] and ds.class_names == ["0", "1"]
    np.testing.assert_array_equal(ds.X[-1], [7, 8])


def test_utf8_with_byte_order_mark():
    raw = (CSV / "bom_utf8.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    ds = load("bom_utf8.csv")
    assert ds.feature_names[0] == "temperature"          # no BOM glued to the first name
    assert "city=Харків" in ds.feature_names and "city=München" in ds.feature_names
    assert ds.source["options"]["encoding"] == "utf-8-sig"


def test_gbk_file_from_a_chinese_excel():
    raw = (CSV / "gbk.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    ds = load("gbk.csv")
    assert ds.source["options"]["encoding"] == "gb18030"
    assert ds.feature_names == ["身高", "体重"] and ds.target_name == "类别"
    assert ds.class_names == ["女", "男"] and ds.y.tolist() == [1, 0, 1, 0]


def test_gb18030_with_semicolons_decimal_commas_and_crlf():
    ds = load("gb18030_crlf.csv")
    opts = ds.source["options"]
    assert (opts["encoding"], opts["delimiter"], opts["decimal"]) == ("gb18030", ";", ",")
    assert ds.class_names == ["晴", "雪"]
    np.testing.assert_allclose(ds.X[:, 0], [21.5, -3.0, 18.2, -7.5])


def test_cp1252_is_the_fallback_and_is_reported():
    ds = load("cp1252.csv")
    assert ds.source["options"]["encoding"] == "cp1252"
    assert "café=crème" in ds.feature_names


def test_cp1252_that_also_decodes_as_gb18030_is_read_as_cp1252():
    raw = (CSV / "cp1252_like_gb18030.csv").read_bytes()
    assert "Gr" in raw.decode("gb18030")           # valid GB18030 too: only the heuristic tells them apart
    ds = load("cp1252_like_gb18030.csv")
    assert ds.source["options"]["encoding"] == "cp1252"
    assert ds.feature_names[-1] == "Größe" and "Stadt=Zürich" in ds.feature_names
    assert ds.target_name == "Käse" and ds.class_names == ["Crème", "Málaga"]


def test_gbk_with_latin_letters_mixed_in_stays_gbk():
    raw = (CSV / "gbk_with_latin.csv").read_bytes()
    raw.decode("cp1252")                            # valid Windows-1252 too
    ds = load("gbk_with_latin.csv")
    assert ds.source["options"]["encoding"] == "gb18030"
    assert ds.target_name == "类别" and ds.class_names == ["数码", "服装"]
    assert "产品=iPhone手机壳" in ds.feature_names and "产品=T恤" in ds.feature_names
    for name in ("gbk.csv", "gb18030_crlf.csv"):      # the other Chinese files are valid cp1252 as well
        raw = (CSV / name).read_bytes()
        raw.decode("cp1252")
        assert load(name).source["options"]["encoding"] == "gb18030"


@pytest.mark.parametrize("text, latin", [
    ("Stadt;Größe\nZürich;1\n", True), ("name,note\nCrème,Málaga\n", True),
    ("身高,体重\n男,女\n", False), ("产品\nT恤\niPhone手机壳\n", False),
])
def test_the_latin_misread_heuristic(text, latin):
    from nnstudio.data.csv_read import _misread_latin
    raw = text.encode("cp1252") if latin else text.encode("gbk")
    assert _misread_latin(raw.decode("gb18030")) is latin


def test_utf16_unicode_text_from_excel():
    assert (CSV / "utf16_excel.txt").read_bytes().startswith(b"\xff\xfe")
    ds = load("utf16_excel.txt")
    opts = ds.source["options"]
    assert (opts["encoding"], opts["delimiter"], opts["decimal"]) == ("utf-16", "\t", ",")
    assert ds.feature_names == ["Länge", "Breite"] and ds.class_names == ["setosa", "versicolor", "virginica"]
    np.testing.assert_allclose(ds.X[0], [5.1, 3.5])


def test_excel_sep_line_names_the_delimiter_and_is_not_a_row():
    with pytest.raises(DataError) as info:
        load("excel_sep_hint.csv")
    assert str(info.value) == ("excel_sep_hint.csv, row 5, column 'price' (3): 'sixty' is not a number; correct "
                               "that cell, or empty it to make it a missing value.")
    ds = load("excel_sep_hint.csv", features=["size"], target="age")
    assert ds.source["options"]["delimiter"] == ";" and ds.X.ravel().tolist() == [50, 60, 70, 80]


def test_explicit_encoding_is_used_and_a_wrong_one_is_a_clear_error():
    assert load("gbk.csv", encoding="gbk").class_names == ["女", "男"]
    with pytest.raises(DataError) as info:
        load("gbk.csv", encoding="utf-8")
    assert str(info.value) == ("gbk.csv, line 1: the bytes are not valid utf-8 text (try another encoding, "
                               "such as gb18030 or cp1252).")
    with pytest.raises(DataError, match="'klingon' is not a known text encoding"):
        load("gbk.csv", encoding="klingon")


def test_categorical_features_are_one_hot_with_the_mapping_kept():
    ds = load("categorical.csv")
    assert ds.feature_names == ["color=blue", "color=green", "color=red", "size"]
    np.testing.assert_array_equal(ds.X[0], [0, 0, 1, 1.0])     # red, 1.0
    np.testing.assert_array_equal(ds.X[2], [0, 1, 0, 1.5])     # green, 1.5
    assert ds.source["categories"] == {"color": ["blue", "green", "red"]}


def test_trailing_delimiter_empty_column_is_dropped():
    ds = load("trailing_delimiter.csv")
    assert ds.feature_names == ["a", "b"] and ds.target_name == "c"


def test_blank_lines_are_skipped_but_still_counted_in_row_numbers():
    with pytest.raises(DataError) as info:
        load("blank_lines.csv")
    e = info.value
    assert str(e) == ("blank_lines.csv, row 5, column 'b' (2): 'x' is not a number; correct that cell, or empty "
                      "it to make it a missing value.")
    assert (e.row, e.column, Path(e.path).name) == (5, "b", "blank_lines.csv")


def test_task_inference_numbers_and_classes():
    assert load("regression.csv").task == "regression"
    ds = load("integer_classes.csv")
    assert ds.task == "multiclass" and ds.class_names == ["1", "2", "3", "10"]   # numeric order
    assert ds.y.tolist() == [0, 1, 2, 3, 1, 0]


@pytest.mark.parametrize("name, message, row, column", [
    ("empty.csv", "empty.csv: the file is empty.", None, None),
    ("whitespace_only.csv", "whitespace_only.csv: the file is empty.", None, None),
    ("header_only.csv", "header_only.csv: the file has a header but no data rows.", None, None),
    ("single_class.csv", "single_class.csv: the target column 'label' (3) has a single class ('cat'); a "
                         "classifier needs at least two.", None, "label"),
    ("ragged.csv", "ragged.csv, row 4: the row has 4 fields but the header has 3 columns.", 4, None),
    ("text_in_numeric.csv", "text_in_numeric.csv, row 4, column 'age' (2): 'twelve' is not a number; correct "
                            "that cell, or empty it to make it a missing value.", 4, "age"),
    ("infinity.csv", "infinity.csv, row 3, column 'b' (2): 'inf' is not a finite number; correct that cell, or "
                     "empty it to make it a missing value.", 3, "b"),
    ("missing_values.csv", "missing_values.csv, row 3, column 'age' (1): the value is missing; to allow gaps, "
                           "choose to drop the rows with a gap or to fill gaps with the column mean "
                           "(missing='drop' or missing='mean'). The same problem is in 1 more row of this "
                           "column: row 5.", 3, "age"),
    ("single_column.csv", "single_column.csv: the file has a single column; it needs at least one feature "
                          "column and a target column (is the delimiter right?).", None, None),
])
def test_refusals_are_one_sentence_naming_the_place(name, message, row, column):
    with pytest.raises(DataError) as info:
        load(name)
    e = info.value
    assert str(e) == message and "Traceback" not in str(e)
    assert (e.row, e.column) == (row, column)
    assert Path(e.path).name == name


def test_missing_file_names_it():
    with pytest.raises(DataError, match=r"nowhere\.csv: the file does not exist"):
        data.load_csv(CSV / "nowhere.csv")
