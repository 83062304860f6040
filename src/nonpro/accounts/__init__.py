"""Users, agencies, roles, API tokens: who may do what in nonpro."""
