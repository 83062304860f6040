"""Readers for the program data sets: each returns a ``ProgramData`` or raises, storing nothing."""
