"""Report drafts: a generated report the office edits, has cleared by offices, and finalizes."""
