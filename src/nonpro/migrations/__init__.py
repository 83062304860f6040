"""Alembic migrations: one chain that runs on SQLite and PostgreSQL alike."""
