"""qa: offline question answering and fact-checking over one review article (engine package, no UI)."""
__version__ = "0.1.0"
