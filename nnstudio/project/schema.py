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

from nnstudio.i18n import N_, _

# JSON type -> how a sentence names it (translated where the sentence is made)
_TYPE_NAMES = {"object": N_("an object"), "array": N_("a list"), "string": N_("a string"),
               "integer": N_("an integer"), "number": N_("a number"), "boolean": N_("true or false"), "null": "null"}


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
    kind = _(_TYPE_NAMES.get(_json_type(value), _json_type(value)))
    if isinstance(value, (str, int, float)) and not isinstance(value, bool) and len(repr(value)) <= 40:
        return f"{kind} ({value!r})" if kind != "null" else kind
    return kind


def _field(path: str) -> str:
    return path or _("the top level")


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
        return _("{where} must be {want!r}, not {got}").format(where=where, want=sub["const"], got=_describe(value))
    if "enum" in sub and value not in sub["enum"]:
        options = ", ".join("null" if v is None else repr(v) for v in sub["enum"])
        return _("{where} must be one of {options}, not {got}").format(where=where, options=options,
                                                                        got=_describe(value))
    if "type" in sub:
        wanted = sub["type"] if isinstance(sub["type"], list) else [sub["type"]]
        if not any(_type_ok(value, t) for t in wanted):
            names = _(_TYPE_NAMES[wanted[0]])
            for t in wanted[1:]:
                names = _("{one} or {other}").format(one=names, other=_(_TYPE_NAMES[t]))
            return _("{where} must be {names}, not {got}").format(where=where, names=names, got=_describe(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in sub and value < sub["minimum"]:
            return _("{where} must be at least {minimum}, not {value!r}").format(where=where, minimum=sub["minimum"],
                                                                                       value=value)
        if "maximum" in sub and value > sub["maximum"]:
            return _("{where} must be at most {maximum}, not {value!r}").format(where=where, maximum=sub["maximum"],
                                                                                      value=value)
    if isinstance(value, str) and len(value) < sub.get("minLength", 0):
        return _("{where} must not be empty").format(where=where)
    if isinstance(value, list):
        if len(value) < sub.get("minItems", 0) or len(value) > sub.get("maxItems", len(value)):
            lo, hi = sub.get("minItems"), sub.get("maxItems")
            template = (_("{where} must hold exactly {lo} items, not {n}") if lo == hi
                        else _("{where} must hold at least {lo} items, not {n}") if hi is None
                        else _("{where} must hold at most {hi} items, not {n}"))
            return template.format(where=where, lo=lo, hi=hi, n=len(value))
        if "items" in sub:
            for i, item in enumerate(value):
                problem = first_error(item, sub["items"], f"{path}[{i}]", root)
                if problem:
                    return problem
    if isinstance(value, dict):
        for key in sub.get("required", ()):
            if key not in value:
                return _("{where} lacks the required field {key!r}").format(where=where, key=key)
        props = sub.get("properties", {})
        extra = sub.get("additionalProperties", True)
        for key, item in value.items():
            child = f"{path}.{key}" if path else str(key)
            if key in props:
                problem = first_error(item, props[key], child, root)
            elif extra is False:
                problem = _("{where} has the unknown field {key!r}").format(where=where, key=key)
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
