"""Turning store data into figures, tables and widgets; testable without a running app."""
