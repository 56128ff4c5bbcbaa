"""Read a user's YAML list file (batch questions, gold items) with the safe loader and a clear error."""
from __future__ import annotations

from pathlib import Path


def read_yaml_list(path: Path, what: str, error, kind: str = "file") -> list:
    """The file's top-level list; raises InputError for a file it cannot open (qa.inputs), error("PATH: …")
    for YAML it cannot read and error("PATH: …") for anything but a list."""
    from .inputs import read_input
    return parse_yaml_list(read_input(str(path), kind), str(path), what, error)


def parse_yaml_list(raw: bytes, label: str, what: str, error) -> list:
    """The top-level list of YAML bytes read from `label`, with the errors of read_yaml_list."""
    import yaml
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"{label}: not UTF-8 text (byte {exc.start + 1})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise error(f"{label}: not readable YAML ({str(exc).splitlines()[0]})") from None
    except RecursionError:
        raise error(f"{label}: YAML nested too deeply") from None
    if not isinstance(data, list):
        raise error(f"{label}: expected a YAML list of {what}")
    return data
