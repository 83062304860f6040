"""Documents that leave the office, in one place: Jinja2 → HTML → PDF, and a small model → DOCX.

Each capability keeps its templates in its own ``templates/`` folder and its layout in its own
modules; this package only turns them into files, the same way for letters, minutes, notices,
reports and the arms-register report. It knows nothing of the domain, so every package may use it.
"""
