"""Structural checks the canvas runs before it connects two layers.

Each check returns one plain sentence explaining the refusal, or None when the edit is fine. They look only
at the graph's structure; shape problems are the engine's business (``nnstudio.engine.spec.analyze``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from ..i18n import _

MaxInputs = Callable[[str], "int | None"]


def registry_max_inputs(type_name: str) -> int | None:
    """How many inputs a layer type accepts, from the engine's layer registry (None = any number)."""
    from nnstudio.engine import layers  # late: the document stays importable while the engine loads

    try:
        cls = layers.get(type_name)
    except Exception:  # unknown type: analyze() reports it; do not block wiring here
        return None
    return getattr(cls, "MAX_INPUTS", None)


def _node(spec: Mapping[str, Any], node_id: str) -> dict | None:
    for n in spec["nodes"]:
        if n["id"] == node_id:
            return n
    return None


def find_path(spec: Mapping[str, Any], start: str, goal: str) -> list[str] | None:
    """A directed path start -> ... -> goal along the edges, or None."""
    succ: dict[str, list[str]] = {}
    for a, b in spec["edges"]:
        succ.setdefault(a, []).append(b)
    came: dict[str, str | None] = {start: None}
    stack = [start]
    while stack:
        cur = stack.pop()
        if cur == goal:
            path = [cur]
            while came[path[-1]] is not None:
                path.append(came[path[-1]])
            return path[::-1]
        for nxt in succ.get(cur, ()):
            if nxt not in came:
                came[nxt] = cur
                stack.append(nxt)
    return None


def check_edge(spec: Mapping[str, Any], src: str, dst: str,
               max_inputs: MaxInputs = registry_max_inputs) -> str | None:
    """Why ``src -> dst`` may not be added, or None if it may."""
    src_node, dst_node = _node(spec, src), _node(spec, dst)
    if src_node is None:
        return _("There is no layer '{src}' to connect from.").format(src=src)
    if dst_node is None:
        return _("There is no layer '{dst}' to connect to.").format(dst=dst)
    if src == dst:
        return _("'{src}' cannot feed into itself.").format(src=src)
    if [src, dst] in [list(e) for e in spec["edges"]]:
        return _("'{src}' is already connected to '{dst}'.").format(src=src, dst=dst)
    limit = max_inputs(dst_node["type"])
    inputs = [a for a, b in spec["edges"] if b == dst]
    if limit == 0:
        return _("{type} '{dst}' is where data enters the network; it takes no inputs.").format(type=dst_node['type'], dst=dst)
    if limit is not None and len(inputs) >= limit:
        have = ", ".join(f"'{i}'" for i in inputs)
        what = _("one input") if limit == 1 else _("{limit} inputs").format(limit=limit)
        return (_("{type} '{dst}' takes {what} and already receives {have}; disconnect it first "
                  "or use Add/Concatenate to merge.").format(type=dst_node['type'], dst=dst, what=what, have=have))
    loop = find_path(spec, dst, src)
    if loop is not None:
        cycle = " → ".join(loop + [dst])
        return _("Connecting '{src}' → '{dst}' would make a loop ({cycle}); data must flow one way.").format(src=src, dst=dst, cycle=cycle)
    return None


def check_name(spec: Mapping[str, Any], node_id: str, name: str) -> str | None:
    """Why ``name`` may not be given to ``node_id`` (empty, or already used by another layer), or None."""
    name = name.strip()
    if not name:
        return _("A layer name cannot be empty.")
    for n in spec["nodes"]:
        if n["id"] != node_id and (n.get("name") or n["id"]) == name:
            return _("Another layer is already called '{name}'.").format(name=name)
    return None
