"""The bundled real data sets (small CSV files under samples/data/, sources and licences in its README)."""

from __future__ import annotations

from dataclasses import dataclass

from ..paths import samples_dir
from . import california, remote
from .cache import dataset_dir
from .csv_import import load_csv
from .dataset import Dataset
from .errors import DataError, NotDownloaded
from .idx import read_idx_pair
from .image_files import image_dataset
from ..i18n import N_, _


@dataclass(frozen=True)
class _Builtin:
    description: str
    task: str
    image_shape: tuple[int, int, int] | None = None


_BUILTINS = {
    "iris": _Builtin(N_("Iris flowers: 150 samples, 4 measurements (cm), 3 species."), "multiclass"),
    "wine": _Builtin(N_("Wine: 178 Italian wines, 13 chemical measurements, 3 cultivars."), "multiclass"),
    "breast_cancer": _Builtin(N_("Breast cancer (Wisconsin diagnostic): 569 samples, 30 cell-nucleus "
                                 "measurements, benign or malignant."), "binary"),
    "digits": _Builtin(N_("Handwritten digits: 1797 grey 8x8 images (pixels 0-16), 10 classes; as 64 "
                          "features or as images."), "multiclass", (8, 8, 1)),
    "houses": _Builtin(N_("Houses: the 20 houses of the course's tutorial 002, floor area (m2) and age (years), "
                          "price (thousand euros) (regression)."), "regression"),
    "diabetes": _Builtin(N_("Diabetes: 442 patients, 10 measurements (original units), disease progression "
                            "after one year (regression)."), "regression"),
}

# Downloaded on request into the per-user cache (data.remote); 28x28 grey images, their own test part.
_DOWNLOADED = {
    "mnist": (N_("Handwritten digits (MNIST): 70,000 grey 28x28 images, 10 classes, 10,000 of them the official "
                 "test set. Downloaded once (11 MB)."), [str(d) for d in range(10)]),
    "fashion_mnist": (N_("Fashion-MNIST: 70,000 grey 28x28 images of clothes in 10 classes, 10,000 of them the "
                         "official test set; harder than MNIST for the same networks. Downloaded once (30 MB)."),
                      ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
                       "Bag", "Ankle boot"]),
    "california_housing": (N_("California housing: 20,640 census block groups of 1990, 8 numbers each (median "
                              "income, house age, rooms, bedrooms, population, occupancy, latitude, longitude), "
                              "median house value in 100,000 dollars (regression). Downloaded once (0.4 MB)."), None),
}

BUILTINS: dict[str, str] = {**{name: b.description for name, b in _BUILTINS.items()},
                            **{name: d[0] for name, d in _DOWNLOADED.items()}}


def is_downloaded(name: str) -> bool:
    """True for a bundled set, or a downloadable one whose files are in the cache."""
    return name not in _DOWNLOADED or not remote.missing_files(remote.remote_set(name))


def load_builtin(name: str, as_images: bool = False) -> Dataset:
    """A bundled data set; ``as_images=True`` gives digits as (N, 8, 8, 1) images.

    MNIST and Fashion-MNIST come from the download cache (``nnstudio data fetch mnist``); a missing file is a
    DataError saying how to get it. Their last 10,000 rows are the official test set (``Dataset.fixed_test``).
    """
    if name in _DOWNLOADED:
        return _load_downloaded(name, as_images)
    try:
        spec = _BUILTINS[name]
    except KeyError:
        raise DataError(_("There is no built-in data set {name!r}; choose one of {names}.")
                        .format(name=name, names=', '.join(_BUILTINS))) \
            from None
    if as_images and spec.image_shape is None:
        raise DataError(_("The {name} data set is a table, not images; load it without as_images.").format(name=name))
    path = samples_dir() / "data" / f"{name}.csv"
    ds = load_csv(path, task=spec.task, delimiter=",", header=True, encoding="utf-8")
    X, names = ds.X, ds.feature_names
    if as_images:
        X = X.reshape(len(X), *spec.image_shape)
        names = []
    return Dataset(X, ds.y, names, ds.target_name, ds.task, ds.class_names,
                   {"kind": "builtin", "name": name, "as_images": bool(as_images)})


def _load_downloaded(name: str, as_images: bool) -> Dataset:
    spec = remote.remote_set(name)
    folder = dataset_dir(name)
    missing = remote.missing_files(spec, folder)
    if missing:
        raise NotDownloaded(_("{title} is not on this computer yet: download it with `nnstudio data fetch "
                              "{name}` or from the data panel. {spec}")
                            .format(title=_(spec.title), name=name, spec=remote.manual_hint(spec, folder)),
                            folder / missing[0], name)
    return _READERS.get(name, _idx_images)(name, folder, spec, as_images)


def _idx_images(name: str, folder, spec: remote.RemoteSet, as_images: bool) -> Dataset:
    # the cache keeps each file's content decompressed beside it: the next load skips the inflating
    train_x, train_y = read_idx_pair(folder / spec.files[0].name, folder / spec.files[1].name, keep_unpacked=True)
    test_x, test_y = read_idx_pair(folder / spec.files[2].name, folder / spec.files[3].name, keep_unpacked=True)
    return image_dataset(train_x, train_y, test_x, test_y, as_images,
                         {"kind": "builtin", "name": name, "as_images": bool(as_images)}, list(_DOWNLOADED[name][1]))


def _california(name: str, folder, spec: remote.RemoteSet, as_images: bool) -> Dataset:
    if as_images:
        raise DataError(_("The {name} data set is a table, not images; load it without as_images.").format(name=name))
    X, y = california.features_and_target(california.read_table(folder / spec.files[0].name))
    return Dataset(X, y, list(california.FEATURE_NAMES), california.TARGET_NAME, "regression", None,
                   {"kind": "builtin", "name": "california_housing", "as_images": False})


_READERS = {"california_housing": _california}  # the others are IDX image pairs
