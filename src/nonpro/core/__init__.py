"""Settings, database, audit log, errors and clock: no domain knowledge lives here."""
