"""Big regular files are parsed in chunks of lines (so a GUI thread gets the GIL between them): the result is
the same as in one piece, progress is reported, and a progress callback that raises stops the loading."""

import numpy as np
import pytest

from nnstudio import data
from nnstudio.data import csv_read


def write(path, rows: int, decimal_comma: bool = False):
    rng = np.random.default_rng(0)
    X = np.round(rng.normal(size=(rows, 7)), 4)
    kinds = np.array(["cat", "dog", "eel"])[rng.integers(0, 3, rows)]
    sep = ";" if decimal_comma else ","
    lines = [sep.join(["a", "b", "c", "kind", "d", "e", "f", "y"])]
    for r, k in zip(X, kinds):
        cells = [f"{v:g}" for v in r]
        if decimal_comma:
            cells = [c.replace(".", ",") for c in cells]
        lines.append(sep.join(cells[:3] + [k] + cells[3:]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("decimal_comma", [False, True])
def test_chunked_parse_equals_one_piece(tmp_path, monkeypatch, decimal_comma):
    path = write(tmp_path / "big.csv", 2500, decimal_comma)
    whole = data.load_csv(path)
    monkeypatch.setattr(csv_read, "CHUNK_LINES", 300)
    seen = []
    chunked = data.load_csv(path, progress=seen.append)
    assert np.array_equal(whole.X, chunked.X) and np.array_equal(whole.y, chunked.y)
    assert whole.feature_names == chunked.feature_names and whole.source == chunked.source
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) >= 2500 // 300


def test_a_raising_progress_callback_stops_the_load(tmp_path, monkeypatch):
    path = write(tmp_path / "big.csv", 2000)
    monkeypatch.setattr(csv_read, "CHUNK_LINES", 200)

    class Stop(Exception):
        pass

    calls = []

    def progress(fraction):
        calls.append(fraction)
        if fraction >= 0.5:
            raise Stop

    with pytest.raises(Stop):
        data.load_csv(path, progress=progress)
    assert 0.5 <= calls[-1] < 1.0                  # stopped at the first report past half way
