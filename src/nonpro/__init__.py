"""nonpro: an open-source nonproliferation workbench."""

__version__ = "0.1.0"
