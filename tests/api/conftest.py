"""API tests share ``client`` and ``bearer`` from tests/conftest.py."""
