"""The bundled real data sets (small CSV files under samples/data/, sources and licences in its README)."""

from __future__ import annotations

from dataclasses import dataclass

from ..paths import samples_dir
from .csv_import import load_csv
from .dataset import Dataset
from .errors import DataError


@dataclass(frozen=True)
class _Builtin:
    description: str
    task: str
    image_shape: tuple[int, int, int] | None = None


_BUILTINS = {
    "iris": _Builtin("Iris flowers: 150 samples, 4 measurements (cm), 3 species.", "multiclass"),
    "wine": _Builtin("Wine: 178 Italian wines, 13 chemical measurements, 3 cultivars.", "multiclass"),
    "breast_cancer": _Builtin("Breast cancer (Wisconsin diagnostic): 569 samples, 30 cell-nucleus "
                              "measurements, benign or malignant.", "binary"),
    "digits": _Builtin("Handwritten digits: 1797 grey 8x8 images (pixels 0-16), 10 classes; as 64 "
                       "features or as images.", "multiclass", (8, 8, 1)),
    "houses": _Builtin("Houses: the 20 houses of the course's tutorial 002, floor area (m2) and age (years), "
                       "price (thousand euros) (regression).", "regression"),
    "diabetes": _Builtin("Diabetes: 442 patients, 10 measurements (original units), disease progression "
                         "after one year (regression).", "regression"),
}

BUILTINS: dict[str, str] = {name: b.description for name, b in _BUILTINS.items()}


def load_builtin(name: str, as_images: bool = False) -> Dataset:
    """A bundled data set; ``as_images=True`` gives digits as (N, 8, 8, 1) images."""
    try:
        spec = _BUILTINS[name]
    except KeyError:
        raise DataError(f"There is no built-in data set {name!r}; choose one of {', '.join(_BUILTINS)}.") \
            from None
    if as_images and spec.image_shape is None:
        raise DataError(f"The {name} data set is a table, not images; load it without as_images.")
    path = samples_dir() / "data" / f"{name}.csv"
    ds = load_csv(path, task=spec.task, delimiter=",", header=True, encoding="utf-8")
    X, names = ds.X, ds.feature_names
    if as_images:
        X = X.reshape(len(X), *spec.image_shape)
        names = []
    return Dataset(X, ds.y, names, ds.target_name, ds.task, ds.class_names,
                   {"kind": "builtin", "name": name, "as_images": bool(as_images)})
