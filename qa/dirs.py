"""The user's base directories as the XDG Base Directory spec defines them: an unset, empty or relative
XDG_CACHE_HOME / XDG_DATA_HOME is ignored and the default (~/.cache, ~/.local/share) used instead."""
from __future__ import annotations

import os
from pathlib import Path


def _base(variable: str, default: str) -> Path:
    value = os.environ.get(variable, "")
    # "All paths set in these environment variables must be absolute. If an implementation encounters a relative
    # path in any of these variables it should consider the path invalid and ignore it."
    if value and os.path.isabs(value):
        return Path(value)
    return Path(os.path.expanduser("~")) / default


def cache_home() -> Path:
    return _base("XDG_CACHE_HOME", ".cache")


def data_home() -> Path:
    return _base("XDG_DATA_HOME", os.path.join(".local", "share"))
