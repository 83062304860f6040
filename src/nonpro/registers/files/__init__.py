"""Negotiation files (FMCT, PAROS, security assurances, ...), states' positions on them and the
state's own position papers."""
