"""Readers for the sanctions and denied-party lists, one module per published format.

``load_path`` (in ``detect``) is the entry point: give it a file or a folder, get ParsedLists.
"""

from __future__ import annotations

from nonpro.screening.formats.detect import load_path

__all__ = ["load_path"]
