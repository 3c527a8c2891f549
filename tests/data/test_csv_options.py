"""load_csv's arguments: target, features, task, missing, delimiter, header; and preview_csv."""

import csv
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnstudio import data
from nnstudio.data import DataError

CSV = Path(__file__).parent / "csv"


def write(tmp_path, text, name="t.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8", newline="")
    return p


def test_target_by_name_index_and_negative_index():
    by_name = data.load_csv(CSV / "regression.csv", target="size")
    assert by_name.target_name == "size" and by_name.feature_names == ["age", "price"]
    assert data.load_csv(CSV / "regression.csv", target=0).target_name == "size"
    assert data.load_csv(CSV / "regression.csv", target=-2).target_name == "age"
    assert data.load_csv(CSV / "regression.csv", target=" PRICE ").target_name == "price"  # forgiving match


def test_unknown_target_lists_the_columns():
    with pytest.raises(DataError) as info:
        data.load_csv(CSV / "regression.csv", target="prize")
    assert str(info.value) == ("regression.csv: there is no target column 'prize'; the columns are 'size', "
                               "'age', 'price'.")
    with pytest.raises(DataError, match="no target column number 3; the file has 3 columns"):
        data.load_csv(CSV / "regression.csv", target=3)


def test_feature_selection_by_names_and_indices():
    ds = data.load_csv(CSV / "regression.csv", features=["age"])
    assert ds.feature_names == ["age"] and ds.X.shape == (6, 1)
    ds = data.load_csv(CSV / "regression.csv", features=[1, 0])
    assert ds.feature_names == ["age", "size"]
    np.testing.assert_array_equal(ds.X[0], [10, 50])
    assert ds.source["options"]["features"] == ["age", "size"]


@pytest.mark.parametrize("features, words", [
    (["price"], "target column 'price' cannot also be a feature"),
    (["size", "size"], "'size' is chosen twice"),
    ([], "choose at least one feature column"),
    (["weight"], "no feature column 'weight'; the columns are"),
])
def test_bad_feature_selections(features, words):
    with pytest.raises(DataError, match=words):
        data.load_csv(CSV / "regression.csv", features=features)


def test_task_override():
    assert data.load_csv(CSV / "integer_classes.csv", task="regression").task == "regression"
    assert data.load_csv(CSV / "crlf.csv", task="multiclass").task == "multiclass"   # softmax over 2 classes
    assert data.load_csv(CSV / "crlf.csv", task="classification").task == "binary"
    assert data.load_csv(CSV / "basic.csv", task="classification").task == "multiclass"
    ds = data.load_csv(CSV / "regression.csv", task="multiclass")    # every distinct price is a class
    assert ds.n_classes == 6 and ds.class_names[0] == "151.5"


@pytest.mark.parametrize("file, task, words", [
    ("basic.csv", "regression", "target column 'species' (3) holds text, so it cannot be a regression target"),
    ("basic.csv", "binary", "has 3 classes, so the task cannot be binary"),
    ("basic.csv", "ordinal", "task must be one of binary, multiclass, regression, classification"),
])
def test_impossible_tasks(file, task, words):
    with pytest.raises(DataError, match=re.escape(words)):
        data.load_csv(CSV / file, task=task)


def test_missing_drop_and_mean():
    drop = data.load_csv(CSV / "missing_values.csv", missing="drop")
    np.testing.assert_array_equal(drop.X, [[30, 1.80], [28, 1.70], [33, 1.65]])
    assert drop.class_names == ["a", "b"]
    mean = data.load_csv(CSV / "missing_values.csv", missing="mean")
    assert mean.X.shape == (8, 2) and np.isfinite(mean.X).all()
    ages = np.array([30, 25, 40, 35, 28, 33])
    assert mean.X[1, 0] == pytest.approx(ages.mean()) and mean.X[3, 0] == pytest.approx(ages.mean())
    with pytest.raises(DataError, match="missing must be one of error, drop, mean"):
        data.load_csv(CSV / "missing_values.csv", missing="zero")


def test_missing_target_rows_are_dropped_and_categorical_gaps_take_the_most_frequent(tmp_path):
    p = write(tmp_path, "color,x,y\nred,1,a\n,2,b\nred,3,\nblue,4,b\nred,5,a\n")
    with pytest.raises(DataError, match=r"t\.csv, row 3, column 'color' \(1\): the value is missing"):
        data.load_csv(p)
    ds = data.load_csv(p, missing="mean")
    assert len(ds) == 4 and ds.feature_names == ["color=blue", "color=red", "x"]
    np.testing.assert_array_equal(ds.X[1], [0, 1, 2])       # the gap became 'red', the most frequent
    assert data.load_csv(p, missing="drop").X[:, 2].tolist() == [1, 4, 5]


def test_text_errors_win_over_missing_policies():
    with pytest.raises(DataError, match="'twelve' is not a number"):
        data.load_csv(CSV / "text_in_numeric.csv", missing="mean")


def test_the_earliest_bad_cell_is_named(tmp_path):
    p = write(tmp_path, "a,b,y\n1,2,0\n3,oops,1\nNA,4,0\n")
    with pytest.raises(DataError, match="row 3, column 'b' \\(2\\): 'oops' is not a number"):
        data.load_csv(p)
    p = write(tmp_path, "a,b,y\n1,2,0\n3,,1\nx,4,0\nx,5,1\n7,6,0\n")   # 'a' is numbers except x: not numbers
    with pytest.raises(DataError, match="row 3, column 'b' \\(2\\): the value is missing"):
        data.load_csv(p)


def test_header_and_delimiter_can_be_forced():
    with pytest.raises(DataError, match="row 1, column 'column 1' \\(1\\): 'size' is not a number"):
        data.load_csv(CSV / "regression.csv", header=False)
    ds = data.load_csv(CSV / "semicolon_decimal_comma.csv", delimiter="semicolon")
    assert ds.source["options"]["delimiter"] == ";"
    with pytest.raises(DataError, match="delimiter must be one of comma, semicolon, tab or pipe"):
        data.load_csv(CSV / "basic.csv", delimiter=":")


def test_options_repeat_the_import_exactly():
    ds = data.load_csv(CSV / "gb18030_crlf.csv")
    again = data.load_csv(CSV / "gb18030_crlf.csv", **ds.source["options"])
    np.testing.assert_array_equal(ds.X, again.X)
    assert again.source == ds.source and len(ds.source["sha256"]) == 64


def test_too_many_classes_for_numbers_means_regression(tmp_path):
    rows = "".join(f"{i},{i % 21}\n" for i in range(42))
    assert data.load_csv(write(tmp_path, "x,y\n" + rows)).task == "regression"          # 21 distinct
    rows = "".join(f"{i},{i % 20}\n" for i in range(40))
    assert data.load_csv(write(tmp_path, "x,y\n" + rows)).task == "multiclass"          # 20 distinct


def test_preview_reports_sniffed_options_tasks_and_all_problems():
    preview = data.preview_csv(CSV / "missing_values.csv", n=3)
    cols, rows, options, tasks, problems, numeric = preview[:6]
    assert cols == ["age", "height", "group"] and rows[1] == ["", "1.75", "b"] and len(rows) == 3
    assert options == {"encoding": "utf-8-sig", "delimiter": ",", "delimiter_name": "comma", "header": True,
                       "decimal": "."}
    assert tasks == {"age": "regression", "height": "regression", "group": "binary"}   # 6 ages in 6 rows
    assert [(p.row, p.column) for p in problems] == [(3, "age"), (4, "height")]
    assert numeric == {"age": True, "height": True, "group": False}
    assert preview.whole == {"age": True, "height": False, "group": False}
    assert preview.row_numbers == [2, 3, 4]


def test_preview_never_raises():
    for name in ["ragged.csv", "empty.csv", "text_in_numeric.csv", "single_class.csv", "gbk.csv"]:
        preview = data.preview_csv(CSV / name)
        assert isinstance(preview, data.CsvPreview)
    ragged = data.preview_csv(CSV / "ragged.csv")
    assert ragged.columns == ["a", "b", "c"] and [p.row for p in ragged.problems] == [4]
    assert data.preview_csv(CSV / "empty.csv").problems[0].message == "empty.csv: the file is empty."
    assert data.preview_csv(CSV / "single_class.csv").tasks["label"] is None
    assert data.preview_csv(CSV / "text_in_numeric.csv").tasks["age"] is None
    assert data.preview_csv(CSV / "gbk.csv").options["encoding"] == "gb18030"


table = st.lists(st.lists(st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: round(v, 4)),
                          min_size=3, max_size=3), min_size=2, max_size=30)


@settings(max_examples=40, deadline=None)
@given(rows=table, labels=st.lists(st.sampled_from(["cat", "dog, big", 'say "hi"', "two\nlines"]),
                                   min_size=30, max_size=30))
def test_fast_and_general_readers_agree(tmp_path_factory, rows, labels):
    # Plain and fully quoted files, with or without blank lines, take NumPy's C parser; "general.csv" is
    # also read with the csv module (below, with the C parser switched off). Same data every way.
    labels = labels[: len(rows)]
    labels[:2] = ["cat", "dog, big"]
    d = tmp_path_factory.mktemp("agree")
    for name, quoting, blank in (("plain.csv", csv.QUOTE_MINIMAL, False), ("quoted.csv", csv.QUOTE_ALL, False),
                                 ("blank.csv", csv.QUOTE_MINIMAL, True), ("general.csv", csv.QUOTE_ALL, True)):
        with open(d / name, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, quoting=quoting, lineterminator="\n")
            w.writerow(["a", "b", "c", "animal"])
            if blank:
                f.write("\n,,,\n")              # a blank line and a row of empty cells
            w.writerows([[*map(repr, r), lab] for r, lab in zip(rows, labels)])
    from unittest import mock

    from nnstudio.data import csv_read
    loaded = [data.load_csv(d / n) for n in ("plain.csv", "quoted.csv", "blank.csv", "general.csv")]
    with mock.patch.object(csv_read, "_read_fast", lambda *args: None):
        loaded.append(data.load_csv(d / "general.csv"))
    np.testing.assert_array_equal(loaded[0].X, np.array(rows))
    for other in loaded[1:]:
        np.testing.assert_array_equal(loaded[0].X, other.X)
        np.testing.assert_array_equal(loaded[0].y, other.y)
        assert loaded[0].class_names == other.class_names
    assert loaded[0].labels().tolist() == labels


def test_repeated_column_names_are_made_unique(tmp_path):
    ds = data.load_csv(write(tmp_path, "x,x,y\n1,2,a\n3,4,b\n"))
    assert ds.feature_names == ["x", "x (2)"]


names = st.lists(st.text("abcdefghij", min_size=1, max_size=6), min_size=3, max_size=3, unique=True)


@settings(max_examples=60, deadline=None)
@given(rows=table, names=names, delimiter=st.sampled_from([",", ";", "\t", "|"]),
       newline=st.sampled_from(["\n", "\r\n"]), encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
       header=st.booleans(), quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
       decimal_comma=st.booleans())
def test_sniffing_recovers_how_a_file_was_written(tmp_path_factory, rows, names, delimiter, newline, encoding,
                                                  header, quoting, decimal_comma):
    decimal_comma = decimal_comma and delimiter != ","
    labels = ["北京" if i % 2 else "Zürich" for i in range(len(rows))]
    def fmt(v):
        text = repr(v)
        return text.replace(".", ",") if decimal_comma else text
    path = tmp_path_factory.mktemp("sniff") / "f.csv"
    with open(path, "w", newline="", encoding=encoding) as f:
        w = csv.writer(f, delimiter=delimiter, quoting=quoting, lineterminator=newline)
        if header:
            w.writerow([*names, "城市"])
        w.writerows([[*map(fmt, r), lab] for r, lab in zip(rows, labels)])
    ds = data.load_csv(path)
    opts = ds.source["options"]
    assert opts["delimiter"] == delimiter and opts["header"] == header
    assert opts["decimal"] == ("," if decimal_comma else ".")
    np.testing.assert_array_equal(ds.X, np.array(rows))
    assert ds.class_names == sorted(set(labels)) and ds.labels().tolist() == labels
    if header:
        assert ds.feature_names == names and ds.target_name == "城市"


messy = st.one_of(
    st.text(alphabet=st.sampled_from(list(',;\t|"\n\r 0123456789.-+eaNA?xé北')), max_size=80),
    st.binary(max_size=60).map(lambda b: b.decode("latin-1")))


@settings(max_examples=150, deadline=None)
@given(text=messy, encoding=st.sampled_from(["utf-8", "gb18030", "latin-1"]))
def test_any_file_loads_or_fails_with_a_data_error(tmp_path_factory, text, encoding):
    path = tmp_path_factory.mktemp("messy") / "messy.csv"
    path.write_bytes(text.encode(encoding, errors="replace"))
    try:
        ds = data.load_csv(path)
    except DataError as exc:
        assert exc.message and "\n" not in exc.message.replace(repr("\n")[1:-1], "") or "\n" in text
    else:
        assert len(ds) > 0 and np.isfinite(ds.X).all()
    preview = data.preview_csv(path)                     # the import dialog never crashes either
    assert all(isinstance(p, DataError) for p in preview.problems)


def test_rows_are_counted_as_records_even_across_quoted_line_breaks(tmp_path):
    p = write(tmp_path, 'name,x,y\n"two\nlines",1,a\n"b",oops,b\n')
    with pytest.raises(DataError, match=r"t\.csv, row 3, column 'x' \(2\): 'oops' is not a number; "):
        data.load_csv(p)


def test_stray_quotes_are_read_like_a_spreadsheet(tmp_path):
    ds = data.load_csv(write(tmp_path, 'size,label\n5" pipe,a\n7" pipe,b\n'))   # inches, not a quoted field
    assert ds.feature_names == ['size=5" pipe', 'size=7" pipe']


def test_numbers_with_spaces_inside_or_gaps_around_are_told_apart(tmp_path):
    ds = data.load_csv(write(tmp_path, "x,y\n 1.5 ,a\n2,b\nNA,a\n"), missing="drop")
    assert ds.X.ravel().tolist() == [1.5, 2.0]
    with pytest.raises(DataError, match=r"row 3, column 'x' \(1\): '1 2' is not a number; "):
        data.load_csv(write(tmp_path, "x,y\n1,a\n1 2,b\n3,a\n,b\n"), missing="mean")


def test_blank_rows_count_the_same_on_both_reading_paths(tmp_path):
    plain = "a,b,y\n1,2,0\n\n,,\n3,4,1\n5,x,0\n"
    quoted = plain.replace("3,4,1", '"3",4,1')
    for text in (plain, quoted):
        with pytest.raises(DataError, match=r"row 6, column 'b' \(2\): 'x' is not a number"):
            data.load_csv(write(tmp_path, text))


def _outcome(path):
    try:
        ds = data.load_csv(path)
    except DataError as exc:
        return ("error", exc.message)
    return ("ok", ds.X.tolist(), ds.y.tolist(), ds.feature_names, ds.class_names, ds.task)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list(',;\n 0123456789.-aNA?"x')), max_size=60))
def test_both_reading_paths_give_the_same_outcome(tmp_path_factory, text):
    # Differential check: whatever NumPy's parser reads, the csv module reads the same (or fails the same).
    from unittest import mock

    from nnstudio.data import csv_read
    path = tmp_path_factory.mktemp("diff") / "d.csv"
    path.write_text(text, encoding="utf-8", newline="")
    fast = _outcome(path)
    with mock.patch.object(csv_read, "_read_fast", lambda *args: None):
        general = _outcome(path)
    assert fast == general


GAPS = ('x,y,label,z\n1.5,NA,"a, b",1\n,2,b,2\n3,?,"c ""q""",3\n4, n/a ,a,#N/A\n5,6,"two\nlines",null\n'
        '7,NaN,b,\n\n8,9,a,10\n')


@pytest.mark.parametrize("missing", ["error", "drop", "mean"])
@pytest.mark.parametrize("quoted", [True, False])
def test_gaps_of_every_kind_read_the_same_on_both_paths(tmp_path, missing, quoted):
    from unittest import mock

    from nnstudio.data import csv_read
    text = GAPS if quoted else GAPS.replace('"a, b"', "ab").replace('"c ""q"""', "c").replace('"two\nlines"', "t")
    path = write(tmp_path, text)
    # the C parser takes this file: the gaps are rewritten, the quoted fields put back
    table = csv_read._read_fast(text, "t.csv", "utf-8", ",", True, ".")
    assert table is not None and sorted(table.numeric) == [0, 1, 3]
    if quoted:
        assert list(table.text[2]) == ["a, b", "b", 'c "q"', "a", "two\nlines", "b", "a"]
    fast = _outcome_with(path, missing)
    with mock.patch.object(csv_read, "_read_fast", lambda *args: None):
        general = _outcome_with(path, missing)
    assert repr(fast) == repr(general)
    if missing == "error":
        assert fast == ("error", "t.csv, row 2, column 'y' (2): the value is missing; to allow gaps, choose to "
                                 "drop the rows with a gap or to fill gaps with the column mean (missing='drop' or "
                                 "missing='mean'). The same problem is in 3 more rows of this column, the first of "
                                 "them row 4.")


def _outcome_with(path, missing):
    try:
        ds = data.load_csv(path, missing=missing)
    except DataError as exc:
        return ("error", exc.message)
    return ("ok", ds.X.tolist(), ds.y.tolist(), ds.feature_names, ds.class_names, ds.task)


def test_a_word_among_numbers_with_gaps_is_still_named(tmp_path):
    path = write(tmp_path, "a,b,y\n1,NA,0\n2,3,1\n,4,0\n5,six,1\n6,7,0\n")
    with pytest.raises(DataError, match=r"^t\.csv, row 5, column 'b' \(2\): 'six' is not a number; correct "
                                         r"that cell, or empty it to make it a missing value\.$"):
        data.load_csv(path, missing="mean")


def test_preview_parses_only_the_head_and_shows_cells_as_written(tmp_path, monkeypatch):
    from nnstudio.data import csv_import
    monkeypatch.setattr(csv_import, "PREVIEW_LINES", 6)
    rows = ['1.50,NA,a', '2,3,"b\nc"', '4,5,a', '6,7,"d\ne"', '8,9,a', '10,11,b', '12,oops,a', '13,x,y,z']
    path = write(tmp_path, "p,q,label\n" + "\n".join(rows) + "\n")
    preview = data.preview_csv(path, n=3)
    assert preview.rows == [["1.50", "NA", "a"], ["2", "3", "b\nc"], ["4", "5", "a"]]
    assert preview.row_numbers == [2, 3, 4]        # as the messages number rows: the header is row 1
    # rows 2-4 lie in the first 6 lines (a quoted line break counts); row 5 is cut in two there, so it is
    # left out, and the problems further down ('oops', the long row) are load_csv's to report
    assert [(p.row, p.column) for p in preview.problems] == [(2, "q")]
    assert preview.tasks == {"p": "regression", "q": "binary", "label": "binary"}
    with pytest.raises(DataError, match="row 9: the row has 4 fields"):
        data.load_csv(path)


@pytest.mark.parametrize("text", [
    "a,b,y,\n1,2,0,\n3,,1,\n5,6,0,\n",               # Excel's delimiter at the end of every line
    "a;b;y;;\n1;2;x;;\n3;4;\"z;w\";;\n",             # two of them, and a quoted field
    "1,2,0,\n3,4,1,\n",                               # no header
])
def test_trailing_delimiters_are_dropped_the_same_on_both_paths(tmp_path, text):
    from unittest import mock

    from nnstudio.data import csv_read
    path = write(tmp_path, text)
    delimiter = ";" if ";" in text else ","
    header = text[0].isalpha()
    assert csv_read._read_fast(text, "t.csv", "utf-8", delimiter, header, ".") is not None   # the C parser
    fast = _outcome_with(path, "mean")
    with mock.patch.object(csv_read, "_read_fast", lambda *args: None):
        general = _outcome_with(path, "mean")
    assert fast[0] == "ok" and repr(fast) == repr(general)


CELLS = st.sampled_from(["1", "2.5", "-3e2", "", "NA", "?", "#N/A", "null", "NaN", '"a,b"', '"x\ny"', '"q ""r"""',
                         "abc", '"3"', " 4 ", "N/A ", "7", "cat", '"cat"', "inf"])


@settings(max_examples=120, deadline=None)
@given(width=st.integers(1, 4), draw=st.data(), header=st.booleans(), trailing=st.booleans(),
       blank=st.lists(st.integers(0, 12), max_size=2), missing=st.sampled_from(["error", "mean", "drop"]),
       newline=st.sampled_from(["\n", "\r\n"]), delimiter=st.sampled_from([",", ";"]))
def test_both_reading_paths_agree_on_tables_of_awkward_cells(tmp_path_factory, width, draw, header, trailing,
                                                             blank, missing, newline, delimiter):
    # Differential check on table-shaped files (most take the C parser): gaps of every spelling, quoted
    # fields with delimiters, quotes and line breaks, quoted numbers, words, blank rows, trailing delimiters.
    from unittest import mock

    from nnstudio.data import csv_read
    end = delimiter if trailing else ""
    lines = [delimiter.join(draw.draw(CELLS) for _ in range(width)) + end
             for _ in range(draw.draw(st.integers(1, 12)))]
    if header:
        lines.insert(0, delimiter.join(f"h{j}" for j in range(width)) + end)
    for at in blank:
        lines.insert(min(at, len(lines)), draw.draw(st.sampled_from(["", delimiter * width, "  "])))
    path = tmp_path_factory.mktemp("cells") / "d.csv"
    path.write_text(newline.join(lines) + newline, encoding="utf-8", newline="")
    fast = _outcome_with(path, missing)
    with mock.patch.object(csv_read, "_read_fast", lambda *args: None):
        general = _outcome_with(path, missing)
    assert repr(fast) == repr(general)


def test_a_gap_and_a_text_cell_each_say_what_to_do(tmp_path):
    from nnstudio.data.errors import MissingValue
    path = write(tmp_path, "a,b,y\n1,,0\n2,3,1\n")
    with pytest.raises(MissingValue) as gap:             # a type, so a window can tell it in any language
        data.load_csv(path)
    # the window's words (drop those rows, fill with the column mean) and load_csv's / project.json's option
    assert str(gap.value) == ("t.csv, row 2, column 'b' (2): the value is missing; to allow gaps, choose to drop "
                              "the rows with a gap or to fill gaps with the column mean (missing='drop' or "
                              "missing='mean').")
    path = write(tmp_path, "a,b,y\n1,,0\n2,three,1\n4,5,0\n")
    for missing in ("drop", "mean"):                     # no missing-values choice loads text: fix the file
        with pytest.raises(DataError) as text:
            data.load_csv(path, missing=missing)
        assert not isinstance(text.value, MissingValue)
        assert str(text.value) == ("t.csv, row 3, column 'b' (2): 'three' is not a number; correct that cell, or "
                                   "empty it to make it a missing value.")
    # emptied, it is a gap like the others
    assert len(data.load_csv(write(tmp_path, "a,b,y\n1,,0\n2,,1\n4,5,0\n6,7,1\n"), missing="drop")) == 2


def test_every_bad_cell_and_gap_of_a_column_is_counted_the_first_named(tmp_path):
    path = write(tmp_path, "a,b,y\n1,x,0\n2,3,1\n3,inf,0\n4,y,1\n5,6,0\n")
    with pytest.raises(DataError) as text:
        data.load_csv(path)
    assert str(text.value) == ("t.csv, row 2, column 'b' (2): 'x' is not a number; correct that cell, or empty it "
                               "to make it a missing value. The same problem is in 2 more rows of this column, "
                               "the first of them row 4.")
    path = write(tmp_path, "a,b,y\n1,,0\n2,3,1\n3,NA,0\n")
    with pytest.raises(DataError) as gap:
        data.load_csv(path)
    assert str(gap.value).endswith("(missing='drop' or missing='mean'). The same problem is in 1 more row of this "
                                   "column: row 4.")


def test_the_preview_counts_in_the_rows_it_read_and_says_a_longer_file_may_hold_more(tmp_path):
    from nnstudio.data.csv_import import PREVIEW_LINES
    lines = ["a,b,y"] + [f"{i},{'oops' if i % 500 == 7 else i},{i % 2}" for i in range(3 * PREVIEW_LINES)]
    preview = data.preview_csv(write(tmp_path, "\n".join(lines) + "\n"))
    spot = preview.bad["b"]
    assert (spot.row, spot.cell, spot.next_row) == (9, "oops", 509) and not spot.complete
    assert spot.more == 3                # rows 9, 509, 1009 and 1509 of the first 2,000 lines
    problem = next(p for p in preview.problems if p.column == "b")
    assert str(problem).endswith(" More rows of this column have the same problem (at least 3 in the rows "
                                 "previewed), the first of them row 509.")
    whole = data.preview_csv(write(tmp_path, "\n".join(lines[:1000]) + "\n", name="short.csv"))
    assert whole.bad["b"].complete and whole.bad["b"].more == 1 and whole.gaps == {}
