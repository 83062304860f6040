"""Export review cases: intake, automatic assessment, state machine, queues and letters."""
