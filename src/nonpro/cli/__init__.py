"""The ``nonpro`` command line: one module per capability, each thin over the services."""
