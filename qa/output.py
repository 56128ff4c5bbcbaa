"""Compatibility only: output formats live in qa.formats; this re-export stays while callers outside the CLI's
own files (tests/test_check.py) still import the contract records from here."""
from .formats import answer_json, verdict_json  # noqa: F401
