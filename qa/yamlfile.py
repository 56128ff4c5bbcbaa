"""Read a user's YAML list file (batch questions, gold items) with the safe loader; YAML errors as FILE:LINE:COL."""
from __future__ import annotations

from pathlib import Path

_CORE = "tag:yaml.org,2002:"


def tag_name(tag: str) -> str:
    """A tag as it is written in YAML: tag:yaml.org,2002:python/object -> !!python/object."""
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


def yaml_problem(label: str, exc) -> str:
    """A PyYAML error as "LABEL:LINE:COL: what", at the problem's own position (a !!python/... tag: the tag's)."""
    import yaml
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = f"{label}:{mark.line + 1}:{mark.column + 1}" if mark is not None else label
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if isinstance(exc, yaml.constructor.ConstructorError):
        tag = problem.split("'")[1] if problem.count("'") >= 2 else ""
        if "python/" in tag:
            return f"{where}: the tag {tag_name(tag)} is not allowed (plain YAML only)"
        return f"{where}: {problem}"
    return f"{where}: YAML syntax error: {problem}"


def read_yaml_list(path: Path, what: str, error, kind: str = "file") -> list:
    """The file's top-level list; raises InputError for a file it cannot open (qa.inputs), error("PATH:LINE:COL: …")
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
        raise error(yaml_problem(label, exc)) from None
    except RecursionError:
        raise error(f"{label}: YAML nested too deeply") from None
    if not isinstance(data, list):
        raise error(f"{label}: expected a YAML list of {what}")
    return data
