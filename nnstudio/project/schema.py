"""Field type checks for project.json against the JSON Schema shipped beside this module.

A small validator for the subset of JSON Schema that schema.json uses (type, const, enum, properties,
required, additionalProperties, items, min/maxItems, minimum/maximum, minLength, local $ref), so loading
needs no extra dependency and every failure reads as one sentence naming the field.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

_TYPE_NAMES = {"object": "an object", "array": "a list", "string": "a string", "integer": "an integer",
               "number": "a number", "boolean": "true or false", "null": "null"}


@lru_cache(maxsize=1)
def schema() -> dict:
    """The JSON Schema of project.json (format_version 1), as shipped in schema.json."""
    return json.loads((Path(__file__).with_name("schema.json")).read_text(encoding="utf-8"))


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _type_ok(value: Any, wanted: str) -> bool:
    actual = _json_type(value)
    return actual == wanted or (wanted == "number" and actual == "integer")


def _describe(value: Any) -> str:
    kind = _TYPE_NAMES.get(_json_type(value), _json_type(value))
    if isinstance(value, (str, int, float)) and not isinstance(value, bool) and len(repr(value)) <= 40:
        return f"{kind} ({value!r})" if kind != "null" else kind
    return kind


def _field(path: str) -> str:
    return path or "the top level"


def _resolve(ref: str, root: dict) -> dict:
    if not ref.startswith("#/"):
        raise ValueError(f"only local $ref is supported, not {ref!r}")
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def first_error(value: Any, sub: dict | None = None, path: str = "", root: dict | None = None) -> str | None:
    """The first schema violation as a phrase like ``training.epochs must be an integer, not a string``."""
    root = schema() if root is None else root
    sub = root if sub is None else sub
    if "$ref" in sub:
        return first_error(value, _resolve(sub["$ref"], root), path, root)
    where = _field(path)
    if "const" in sub and value != sub["const"]:
        return f"{where} must be {sub['const']!r}, not {_describe(value)}"
    if "enum" in sub and value not in sub["enum"]:
        options = ", ".join("null" if v is None else repr(v) for v in sub["enum"])
        return f"{where} must be one of {options}, not {_describe(value)}"
    if "type" in sub:
        wanted = sub["type"] if isinstance(sub["type"], list) else [sub["type"]]
        if not any(_type_ok(value, t) for t in wanted):
            names = " or ".join(_TYPE_NAMES[t] for t in wanted)
            return f"{where} must be {names}, not {_describe(value)}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in sub and value < sub["minimum"]:
            return f"{where} must be at least {sub['minimum']}, not {value!r}"
        if "maximum" in sub and value > sub["maximum"]:
            return f"{where} must be at most {sub['maximum']}, not {value!r}"
    if isinstance(value, str) and len(value) < sub.get("minLength", 0):
        return f"{where} must not be empty"
    if isinstance(value, list):
        if len(value) < sub.get("minItems", 0) or len(value) > sub.get("maxItems", len(value)):
            lo, hi = sub.get("minItems"), sub.get("maxItems")
            count = f"exactly {lo}" if lo == hi else f"at least {lo}" if hi is None else f"at most {hi}"
            return f"{where} must hold {count} items, not {len(value)}"
        if "items" in sub:
            for i, item in enumerate(value):
                problem = first_error(item, sub["items"], f"{path}[{i}]", root)
                if problem:
                    return problem
    if isinstance(value, dict):
        for key in sub.get("required", ()):
            if key not in value:
                return f"{where} lacks the required field {key!r}"
        props = sub.get("properties", {})
        extra = sub.get("additionalProperties", True)
        for key, item in value.items():
            child = f"{path}.{key}" if path else str(key)
            if key in props:
                problem = first_error(item, props[key], child, root)
            elif extra is False:
                problem = f"{where} has the unknown field {key!r}"
            elif isinstance(extra, dict):
                problem = first_error(item, extra, child, root)
            else:
                problem = None
            if problem:
                return problem
    return None


def check(document: Any, definition: str | None = None) -> str | None:
    """Check a parsed document against the whole schema, or against ``$defs/<definition>``."""
    root = schema()
    sub = root if definition is None else root["$defs"][definition]
    return first_error(document, sub, "", root)
