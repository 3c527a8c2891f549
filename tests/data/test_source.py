import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from nnstudio import data
from nnstudio.data import DataError

CSV = Path(__file__).parent / "csv"


@pytest.mark.parametrize("make", [
    lambda: data.generate("spiral", n_samples=90, noise=0.2, classes=3, seed=4),
    lambda: data.generate("house_prices"),
    lambda: data.load_builtin("iris"),
    lambda: data.load_builtin("digits", as_images=True),
])
def test_generated_and_builtin_sources_rebuild_the_same_data(make):
    ds = make()
    source = json.loads(json.dumps(ds.source))
    again = data.from_source(source)
    np.testing.assert_array_equal(again.X, ds.X)
    np.testing.assert_array_equal(again.y, ds.y)
    assert again.source == ds.source and not again.source_changed


def test_csv_source_with_relative_path_and_changed_file(tmp_path):
    shutil.copy(CSV / "categorical.csv", tmp_path / "shop.csv")
    ds = data.load_csv(tmp_path / "shop.csv")
    source = json.loads(json.dumps({**ds.source, "path": "shop.csv"}))
    again = data.from_source(source, base_dir=tmp_path)
    np.testing.assert_array_equal(again.X, ds.X)
    assert not again.source_changed and again.source["path"] == "shop.csv"
    with open(tmp_path / "shop.csv", "a", encoding="utf-8") as f:
        f.write("blue,3.0,no\n")
    changed = data.from_source(source, base_dir=tmp_path)
    assert changed.source_changed and len(changed) == 6


def test_missing_csv_is_named(tmp_path):
    with pytest.raises(DataError) as info:
        data.from_source({"kind": "csv", "path": "gone.csv", "sha256": "0" * 64, "options": {}},
                         base_dir=tmp_path)
    assert str(info.value).startswith("gone.csv: the data file is missing")
    assert info.value.path == str(tmp_path / "gone.csv")


def test_unknown_recorded_option_is_named(tmp_path):
    shutil.copy(CSV / "basic.csv", tmp_path / "b.csv")
    with pytest.raises(DataError, match="recorded import option 'sheet' is not one load_csv knows"):
        data.from_source({"kind": "csv", "path": "b.csv", "options": {"sheet": 2}}, base_dir=tmp_path)


@pytest.mark.parametrize("source, words", [
    ({"kind": "url"}, "Unknown data source kind 'url'"),
    ({"kind": "generator"}, "lacks its 'name' entry"),
    ("iris", "not a dictionary"),
    ({"kind": "builtin", "name": "cifar10"}, "no built-in data set 'cifar10'"),
])
def test_bad_source_records(source, words):
    with pytest.raises(DataError, match=words):
        data.from_source(source)
