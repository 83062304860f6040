"""Server-rendered pages (Jinja2 + htmx): one module per capability, thin over the services."""
