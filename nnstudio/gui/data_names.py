"""Class and feature names that nnstudio's own data sets give in English, shown in the window's language.

The data keeps its names as they are (project files, `nnstudio predict` and exports read the same in every
language); only what the window draws goes through here. Names the data brings itself (a CSV's columns,
iris's Latin species) are shown as they are.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "DataNames"
NAMES = frozenset((
    # the memory task (data/sequences.py): its classes and features; the forecast series' one feature
    QT_TRANSLATE_NOOP("DataNames", "negative"), QT_TRANSLATE_NOOP("DataNames", "positive"),
    QT_TRANSLATE_NOOP("DataNames", "value"), QT_TRANSLATE_NOOP("DataNames", "marker"),
    # breast_cancer's diagnoses
    QT_TRANSLATE_NOOP("DataNames", "benign"), QT_TRANSLATE_NOOP("DataNames", "malignant"),
    # Fashion-MNIST's classes
    QT_TRANSLATE_NOOP("DataNames", "T-shirt/top"), QT_TRANSLATE_NOOP("DataNames", "Trouser"),
    QT_TRANSLATE_NOOP("DataNames", "Pullover"), QT_TRANSLATE_NOOP("DataNames", "Dress"),
    QT_TRANSLATE_NOOP("DataNames", "Coat"), QT_TRANSLATE_NOOP("DataNames", "Sandal"),
    QT_TRANSLATE_NOOP("DataNames", "Shirt"), QT_TRANSLATE_NOOP("DataNames", "Sneaker"),
    QT_TRANSLATE_NOOP("DataNames", "Bag"), QT_TRANSLATE_NOOP("DataNames", "Ankle boot"),
))


def shown(names):
    """``names`` (class or feature names, or None) as the window shows them."""
    if names is None:
        return None
    return [QCoreApplication.translate(CONTEXT, str(n)) if str(n) in NAMES else str(n) for n in names]
