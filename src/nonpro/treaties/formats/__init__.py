"""Parsers for the status pages and files the treaties capability reads."""
