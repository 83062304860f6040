"""Screening: sanctions and denied-party lists, their snapshots, and matching parties."""
