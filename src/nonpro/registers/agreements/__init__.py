"""Bilateral nuclear cooperation agreements, safeguards and sister-laboratory arrangements."""
