"""Benchmark scripts (not collected by pytest): run.py prints the table that goes in the README."""
