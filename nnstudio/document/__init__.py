"""The editable network document (Qt-free): the spec, edit operations with inverses, change events."""

from .checks import check_edge, check_name, find_path, registry_max_inputs
from .document import Change, Document, DocumentError
from .layout import arrange, arrange_op, overlapping
from .naming import new_id, new_ids, snake
from .ops import (AddEdge, AddNodes, Batch, MoveNodes, Op, RemoveEdge, RemoveNodes, SetName, SetParams,
                  describe, is_structural)

__all__ = ["AddEdge", "AddNodes", "Batch", "Change", "Document", "DocumentError", "MoveNodes", "Op",
           "RemoveEdge", "RemoveNodes", "SetName", "SetParams", "arrange", "arrange_op", "check_edge",
           "check_name", "describe", "overlapping", "find_path", "is_structural", "new_id", "new_ids",
           "registry_max_inputs", "snake"]
