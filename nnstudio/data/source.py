"""from_source: rebuild a Dataset from the JSON-able record of where it came from (as stored in projects)."""

from __future__ import annotations

import inspect
import os
from pathlib import Path

from . import image_files
from .builtin import load_builtin
from .csv_import import load_csv
from .dataset import Dataset
from .errors import DataError
from .generators import generate
from .timeseries import load_timeseries
from ..i18n import _

# source kinds read from a file (a project embeds the file or finds it beside itself) -> their loader
FILE_LOADERS = {"csv": load_csv, "timeseries": load_timeseries}


def from_source(source: dict, base_dir=None) -> Dataset:
    """Regenerate, reload or re-import a Dataset; a relative CSV path is taken from ``base_dir``.

    A CSV (or time series) file whose SHA-256 differs from the recorded one still loads, with ``source_changed`` set.
    """
    if not isinstance(source, dict) or "kind" not in source:
        raise DataError(_("The data source record is not a dictionary with a 'kind'."))
    kind = source["kind"]
    try:
        if kind == "generator":
            return generate(source["name"], seed=source.get("seed", 0), **source.get("params", {}))
        if kind == "builtin":
            return load_builtin(source["name"], as_images=bool(source.get("as_images", False)))
        if kind in FILE_LOADERS:
            return _from_file(source, base_dir, FILE_LOADERS[kind])
        if kind in ("idx", "mnist_npz"):
            return image_files.from_record(source, base_dir)
    except KeyError as exc:
        raise DataError(_("The {kind} data source record lacks its {args!r} entry.")
                        .format(kind=kind, args=exc.args[0])) from None
    raise DataError(_("Unknown data source kind {kind!r}; expected one of {kinds}.")
                    .format(kind=kind, kinds="generator, builtin, csv, timeseries, idx, mnist_npz"))


def _from_file(source: dict, base_dir, load) -> Dataset:
    path = Path(os.fspath(source["path"]))
    if not path.is_absolute() and base_dir is not None:
        path = Path(os.fspath(base_dir)) / path
    if not path.is_file():
        raise DataError(_("{name}: the data file is missing (looked for {path}).")
                        .format(name=path.name, path=path), path)
    options = dict(source.get("options", {}))
    unknown = sorted(set(options) - set(inspect.signature(load).parameters))
    if unknown:
        raise DataError(_("{name}: the recorded import option {unknown!r} is not one {loader} knows.")
                        .format(name=path.name, unknown=unknown[0], loader=load.__name__), path)
    ds = load(path, **options)
    recorded = source.get("sha256")
    ds.source["path"] = source["path"]            # keep the path as recorded (relative stays relative)
    if recorded and recorded != ds.source["sha256"]:
        ds.source_changed = True
    return ds

