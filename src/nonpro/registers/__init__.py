"""Registers for the multilateral files: arms register, agreements, negotiation files."""
