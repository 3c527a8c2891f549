"""Big CSV files are read block by block (csv_stream): the table is exactly the one-piece parse's, irregular
files fall back to it, and the peak memory stays a small multiple of the data."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nnstudio import data
from nnstudio.data import csv_read, csv_stream

FIXTURES = Path(__file__).parent / "csv"


def one_piece(monkeypatch, path, **options):
    monkeypatch.setattr(csv_stream, "STREAM_BYTES", 1 << 60)
    return csv_read.read_table(path, **options)


def streamed(monkeypatch, path, **options):
    monkeypatch.setattr(csv_stream, "STREAM_BYTES", -1)
    return csv_stream.read_stream(path, options.get("encoding"), options.get("delimiter"), options.get("header"),
                                  options.get("decimal"))


def assert_same(a, b):
    (ta, sha_a, dec_a), (tb, sha_b, dec_b) = a, b
    assert (sha_a, dec_a) == (sha_b, dec_b)
    assert (ta.name, ta.encoding, ta.delimiter, ta.header, ta.columns) == \
        (tb.name, tb.encoding, tb.delimiter, tb.header, tb.columns)
    assert np.array_equal(ta.row_numbers, tb.row_numbers)
    assert ta.numeric.keys() == tb.numeric.keys() and ta.text.keys() == tb.text.keys()
    for j in ta.numeric:
        assert np.array_equal(ta.numeric[j], tb.numeric[j], equal_nan=True)
    for j in ta.text:
        assert list(ta.text[j]) == list(tb.text[j])


def write_big(path: Path, rows: int, sep=",", crlf=False, blanks=False, gaps=False, comma=False, text_mid=False,
              text_edge=False, header=True, accents=False) -> Path:
    rng = np.random.default_rng(1)
    X = np.round(rng.normal(size=(rows, 6)), 5)
    out = [sep.join(["a", "b", "c", "d", "e", "y"] + (["kind"] if text_edge else []))] if header else []
    words = ["cat", "dög", "eel"] if accents else ["cat", "dog", "eel"]
    for i, r in enumerate(X):
        cells = [repr(float(v)) for v in r]
        if comma:
            cells = [c.replace(".", ",") for c in cells]
        if gaps and i % 97 == 5:
            cells[2] = ["", "NA", " ? ", "nan", "null"][i % 5]
        if text_mid:
            cells[2] = words[i % 3]
        if text_edge:
            cells.append(["x", "yy", "zzz"][i % 3])
        out.append(sep.join(cells))
        if blanks and i % 50 == 0:
            out.append(sep * 2 if i % 100 else "  ")
    nl = "\r\n" if crlf else "\n"
    path.write_text(nl.join(out) + nl, encoding="utf-8")
    return path


BIG_CASES = {
    "plain": {}, "crlf": {"crlf": True}, "blank lines": {"blanks": True}, "gaps": {"gaps": True},
    "decimal comma": {"sep": ";", "comma": True, "gaps": True}, "text in the middle": {"text_mid": True},
    "text at the edge": {"text_edge": True, "gaps": True, "accents": True}, "no header": {"header": False},
    "accents": {"text_mid": True, "accents": True}, "tab": {"sep": "\t", "gaps": True, "crlf": True},
}


@pytest.mark.parametrize("case", BIG_CASES)
def test_a_big_file_streams_to_the_one_piece_table(tmp_path, monkeypatch, case):
    path = write_big(tmp_path / "big.csv", 3000, **BIG_CASES[case])
    whole = one_piece(monkeypatch, path)
    monkeypatch.setattr(csv_stream, "BLOCK_BYTES", 1000)      # many blocks, lines cut across them
    monkeypatch.setattr(csv_read, "CHUNK_LINES", 37)
    result = streamed(monkeypatch, path)
    assert result is not None
    assert_same(whole, result)


@pytest.mark.parametrize("path", sorted(p for p in FIXTURES.iterdir() if p.suffix in (".csv", ".tsv", ".txt")),
                         ids=lambda p: p.name)
@pytest.mark.parametrize("encoding", [None, "gbk", "cp1252"])
def test_every_fixture_streams_the_same_or_falls_back(monkeypatch, path, encoding):
    try:
        whole = one_piece(monkeypatch, path, encoding=encoding)
    except data.DataError:
        assert streamed(monkeypatch, path, encoding=encoding) is None   # the one-piece path gives the message
        return
    result = streamed(monkeypatch, path, encoding=encoding)
    if result is not None:
        assert_same(whole, result)


@pytest.mark.parametrize("name", ["quoted.csv", "trailing_delimiter.csv", "ragged.csv", "gbk.csv",
                                  "utf16_excel.txt"])
def test_irregular_files_are_read_in_one_piece(monkeypatch, name):
    assert streamed(monkeypatch, FIXTURES / name) is None


def test_a_ragged_row_late_in_a_big_file_keeps_its_message(tmp_path, monkeypatch):
    path = write_big(tmp_path / "big.csv", 3000)
    with open(path, "a") as f:
        f.write("1,2,3,4,5,6,7\n")
    monkeypatch.setattr(csv_stream, "STREAM_BYTES", -1)
    monkeypatch.setattr(csv_stream, "BLOCK_BYTES", 5000)
    with pytest.raises(data.DataError, match=r"big.csv, row 3002: the row has 7 fields but the header has 6 "):
        data.load_csv(path)


def test_streaming_reports_progress_and_a_raising_callback_stops_it(tmp_path, monkeypatch):
    path = write_big(tmp_path / "big.csv", 20000)
    monkeypatch.setattr(csv_stream, "STREAM_BYTES", -1)
    monkeypatch.setattr(csv_stream, "BLOCK_BYTES", 20000)
    seen = []
    data.load_csv(path, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) > 10

    class Stop(Exception):
        pass

    def stop(fraction):
        if fraction >= 0.5:
            raise Stop

    with pytest.raises(Stop):
        data.load_csv(path, progress=stop)


PEAK = r"""
import json, sys, tracemalloc
import numpy as np
from nnstudio import data
tracemalloc.start()
ds = data.load_csv(sys.argv[1], target="price")
_, peak = tracemalloc.get_traced_memory()
print(json.dumps({"peak": peak, "data": (ds.X.size + ds.y.size) * 8}))
"""


def test_loading_a_20_mb_csv_peaks_below_three_times_its_data(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    try:
        from data_freeze import write_numeric_csv
    finally:
        sys.path.pop(0)
    path = tmp_path / "big.csv"
    write_numeric_csv(path, 20)
    root = str(Path(__file__).resolve().parents[2])
    out = subprocess.run([sys.executable, "-c", PEAK, str(path)], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": root, "PATH": ""}, timeout=600)
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    assert figures["peak"] < 3 * figures["data"]


@pytest.mark.parametrize("options", [{}, {"target": "a"}, {"missing": "mean"}, {"missing": "drop"},
                                     {"features": ["b", "a"]}, {"task": "regression"}])
@pytest.mark.parametrize("gaps", [False, True])
def test_features_moved_within_the_parsers_array_equal_the_column_by_column_build(tmp_path, monkeypatch, options,
                                                                                  gaps):
    from nnstudio.data import csv_import
    if gaps and not options.get("missing"):
        options = {**options, "missing": "mean"}
    path = write_big(tmp_path / "big.csv", 3000, gaps=gaps)
    packed = data.load_csv(path, **options)
    monkeypatch.setattr(csv_import, "_packed_features", lambda *args: None)
    built = data.load_csv(path, **options)
    assert np.array_equal(packed.X, built.X) and np.array_equal(packed.y, built.y)
    assert packed.X.flags.c_contiguous and packed.feature_names == built.feature_names
    assert packed.source == built.source
    if not options and not gaps:
        assert packed.X.base is not None and built.X.base is None     # the plain file took the packed path
