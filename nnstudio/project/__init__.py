"""Project files (.nnproj): one archive with the network, its data choice, settings, weights and history."""

from .errors import ProjectError
from .migrations import FORMAT_VERSION
from .model import Project, load

__all__ = ["FORMAT_VERSION", "Project", "ProjectError", "load"]
