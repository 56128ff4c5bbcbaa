"""Read a user's YAML list file (batch questions, gold items) with the safe loader and a clear error."""
from __future__ import annotations

from pathlib import Path


def read_yaml_list(path: Path, what: str, error) -> list:
    """The file's top-level list; raises error("PATH: …") for unreadable YAML or anything but a list."""
    import yaml
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise error(f"{path}: not readable YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(data, list):
        raise error(f"{path}: expected a YAML list of {what}")
    return data
