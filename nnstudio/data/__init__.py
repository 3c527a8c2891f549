"""Data for nnstudio (Qt-free): teaching generators, bundled real sets, CSV import (tables and time series), preprocessing, splits.

    from nnstudio import data
    ds = data.generate("spiral", n_samples=400, noise=0.1, classes=3, seed=0)
    train, val, test = ds.split(val=0.15, test=0.15, stratify=True, seed=0)
    prep = data.Preprocessor(scale="standard").fit(train)
    Xtr, ytr = prep.transform(train)
"""

from .builtin import BUILTINS, load_builtin
from .csv_import import CsvPreview, load_csv, preview_csv
from .dataset import TASKS, Dataset
from .errors import DataError
from .generators import GENERATORS, generate, generator_params
from .image_files import import_into_cache, importable, load_idx, load_mnist_npz
from .preprocessing import Preprocessor
from .source import from_source
from .timeseries import load_timeseries

__all__ = [
    "BUILTINS", "GENERATORS", "TASKS", "CsvPreview", "DataError", "Dataset", "Preprocessor", "from_source",
    "generate", "generator_params", "import_into_cache", "importable", "load_builtin", "load_csv", "load_idx",
    "load_mnist_npz", "load_timeseries", "preview_csv",
]
