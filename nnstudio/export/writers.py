"""What the format exporters share about layers: each keeps one table ``WRITERS`` from layer type to writer
function, and a type missing from it is refused with the same sentence in every format.

A new layer type gets one writer per format (``pytorch.WRITERS[TYPE] = write_it``); docs/adding-a-layer.md
says what each format's writer receives and returns.
"""

from __future__ import annotations

from typing import Mapping, TypeVar

from nnstudio.engine.errors import SpecError

from .graph import Node
from ..i18n import _

W = TypeVar("W")


def unsupported(format_name: str, node: Node) -> SpecError:
    """The refusal of a node whose type has no writer, e.g. "ONNX export does not support layer 'lstm_1'
    (LSTM) yet." """
    return SpecError(_("{format_name} export does not support layer '{id}' ({type}) yet.")
                     .format(format_name=format_name, id=node.id, type=node.type), node.id)


def writer_for(writers: Mapping[str, W], format_name: str, node: Node) -> W:
    """The writer of ``node``'s type in a format's table, else the SpecError of ``unsupported``."""
    writer = writers.get(node.type)
    if writer is None:
        raise unsupported(format_name, node)
    return writer
