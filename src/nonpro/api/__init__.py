"""The JSON API: one router module per capability, thin over the services."""
