"""Screens for reading the source: a whole section, references, Table 1, and the help screen."""
