"""California housing (Pace and Barry, 1990 census) from scikit-learn's archive, as scikit-learn presents it.

The archive ``cal_housing.tgz`` holds one comma-separated table, ``CaliforniaHousing/cal_housing.data``: 20,640
block groups with longitude, latitude, median house age, total rooms, total bedrooms, population, households,
median income and median house value. scikit-learn's ``fetch_california_housing`` turns the totals into
averages per household and the value into units of 100,000 dollars; ``features_and_target`` does the same, so
a learner's numbers match the tutorial's. The member is read in memory: nothing is extracted to disk, and only
a regular file of a bounded size is accepted.
"""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import numpy as np

from .errors import DataError
from ..i18n import _

MEMBER = "CaliforniaHousing/cal_housing.data"
MAX_MEMBER_BYTES = 16 << 20  # the real table is under 2 MB
RAW_COLUMNS = ("longitude", "latitude", "housingMedianAge", "totalRooms", "totalBedrooms", "population",
               "households", "medianIncome", "medianHouseValue")
FEATURE_NAMES = ["MedInc", "HouseAge", "AveRooms", "AveBedrms", "Population", "AveOccup", "Latitude",
                 "Longitude"]
TARGET_NAME = "MedHouseVal"
TARGET_UNIT = 100_000.0


def read_table(archive: Path) -> np.ndarray:
    """The raw (N, 9) table of the archive's data member, columns as ``RAW_COLUMNS``."""
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            try:
                member = tar.getmember(MEMBER)
            except KeyError:
                raise DataError(_("{archive} has no {MEMBER}: not scikit-learn's California housing archive.")
                                .format(archive=archive, MEMBER=MEMBER),
                                archive) from None
            if not member.isreg():
                raise DataError(_("{MEMBER} in {archive} is not a regular file.")
                                .format(MEMBER=MEMBER, archive=archive), archive)
            if member.size > MAX_MEMBER_BYTES:
                raise DataError(_("{MEMBER} in {archive} is {size:,} bytes, more than the table can be.")
                                .format(MEMBER=MEMBER, archive=archive, size=member.size),
                                archive)
            handle = tar.extractfile(member)
            raw = handle.read(MAX_MEMBER_BYTES + 1) if handle is not None else b""
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise DataError(_("Cannot read the archive {archive} ({exc}).")
                        .format(archive=archive, exc=exc), archive) from None
    return _parse(raw, archive)


def _parse(raw: bytes, archive: Path) -> np.ndarray:
    rows = []
    for number, line in enumerate(io.StringIO(raw.decode("ascii", errors="replace")), start=1):
        if not line.strip():
            continue
        cells = line.split(",")
        if len(cells) != len(RAW_COLUMNS):
            raise DataError(_("Row {number} of {MEMBER} in {archive} has {count} values, not {count2}.")
                            .format(number=number, MEMBER=MEMBER, archive=archive, count=len(cells),
                                    count2=len(RAW_COLUMNS)), archive, row=number)
        try:
            rows.append([float(c) for c in cells])
        except ValueError:
            raise DataError(_("Row {number} of {MEMBER} in {archive} holds a value that is not a number.")
                            .format(number=number, MEMBER=MEMBER, archive=archive),
                            archive, row=number) from None
    table = np.array(rows, dtype=np.float64).reshape(-1, len(RAW_COLUMNS))
    if len(table) == 0:
        raise DataError(_("{MEMBER} in {archive} is empty.").format(MEMBER=MEMBER, archive=archive), archive)
    bad = ~np.isfinite(table).all(axis=1) | (table[:, RAW_COLUMNS.index("households")] <= 0)
    if bad.any():
        row = int(np.flatnonzero(bad)[0]) + 1
        raise DataError(_("Row {row} of {MEMBER} in {archive} has a missing value or no households.")
                        .format(row=row, MEMBER=MEMBER, archive=archive), archive,
                        row=row)
    return table


def features_and_target(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's presentation: X (N, 8) as ``FEATURE_NAMES``, y the median value in 100,000 dollars."""
    col = {name: table[:, i] for i, name in enumerate(RAW_COLUMNS)}
    households = col["households"]
    X = np.column_stack([col["medianIncome"], col["housingMedianAge"], col["totalRooms"] / households,
                         col["totalBedrooms"] / households, col["population"], col["population"] / households,
                         col["latitude"], col["longitude"]])
    return X, col["medianHouseValue"] / TARGET_UNIT
