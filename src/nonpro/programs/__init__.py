"""Missile programs of concern: missile systems, flight tests and launches, missile transfers."""
