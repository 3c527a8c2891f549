"""Readable unique node ids ("dense_2") derived from layer type names, Keras style."""

from __future__ import annotations

import re
from collections.abc import Collection


def snake(type_name: str) -> str:
    """'MaxPooling2D' -> 'max_pooling2d', 'Conv2D' -> 'conv2d' (digits glue to the word before them)."""
    s = re.sub(r"(?<=[a-z])(?=[A-Z])", "_", type_name)
    s = re.sub(r"(?<=[A-Z])(?=[A-Z][a-z])", "_", s)
    return s.lower()


def new_id(type_name: str, taken: Collection[str]) -> str:
    """The first free id ``<snake>_<n>`` with n >= 1; ``Input`` gets plain 'input' when free."""
    base = snake(type_name) or "node"
    if type_name == "Input" and base not in taken:
        return base
    n = 1
    while f"{base}_{n}" in taken:
        n += 1
    return f"{base}_{n}"


def new_ids(type_names: list[str], taken: Collection[str]) -> list[str]:
    """Ids for several new nodes at once, unique among themselves and against ``taken``."""
    used = set(taken)
    out = []
    for t in type_names:
        nid = new_id(t, used)
        used.add(nid)
        out.append(nid)
    return out
