"""One logging configuration for every nonpro process: the CLI, the server and its workers.

Records go to standard error, so a command's results (and its ``--json``) keep standard output
to themselves. ``NONPRO_LOG_LEVEL`` sets the least severe record written; ``NONPRO_LOG_FORMAT``
chooses lines for people (``text``) or one JSON object per line for a log collector (``json``):
time, level, logger, message, and the fields the caller passed with ``extra=``.

Code logs with the standard library, ``logging.getLogger(__name__)``; only the entry points
(``nonpro.cli.main.run`` and the ``log_config`` that ``nonpro serve`` hands to each server
worker) apply this configuration, so tests and embedding programs keep their own.
"""

from __future__ import annotations

import json
import logging
import logging.config
import re
import sys
import time
from datetime import UTC, datetime
from typing import Any

from nonpro.core.settings import Settings

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# The attributes every record has; any other attribute came from the caller's ``extra=``
# (except uvicorn's copy of its message with terminal colours in it).
NOT_FIELDS = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "color_message"}

# Libraries that narrate routine work at INFO: the migration check before every command, font
# subsetting for every PDF, and every HTTP request with its full URL, whose query string may
# carry a list provider's API key.
QUIET_LIBRARIES = ("alembic", "fontTools", "httpx", "httpcore")

URL_QUERY = re.compile(r"(\b[a-z][a-z0-9+.-]*://[^\s?#]*)\?[^\s#]*", re.IGNORECASE)


class JsonLinesFormatter(logging.Formatter):
    """One JSON object per record, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(
            (name, value)
            for name, value in vars(record).items()
            if name not in NOT_FIELDS and name not in entry
        )
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class StandardErrorHandler(logging.Handler):
    """Writes to ``sys.stderr`` as it is at each record, not as it was at start-up: while Rich
    shows a progress bar it swaps in a proxy that prints the line above the bar."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
            sys.stderr.write(line + "\n")
            sys.stderr.flush()
        except Exception:  # the logging module's own contract: report, never raise
            self.handleError(record)


def logging_config(settings: Settings) -> dict[str, Any]:
    """The configuration as a ``logging.config.dictConfig`` dictionary (uvicorn applies it in
    each worker process it starts)."""
    formatter: dict[str, Any] = (
        {"()": JsonLinesFormatter} if settings.log_format == "json" else {"format": TEXT_FORMAT}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"nonpro": formatter},
        "handlers": {"stderr": {"()": StandardErrorHandler, "formatter": "nonpro"}},
        "root": {"level": settings.log_level, "handlers": ["stderr"]},
        # uvicorn's loggers have no handler of their own (its default configuration is not
        # applied): their records reach the one above.
        "loggers": {name: {"level": "WARNING"} for name in QUIET_LIBRARIES},
    }


def configure_logging(settings: Settings) -> None:
    logging.config.dictConfig(logging_config(settings))


def milliseconds_since(started: float) -> float:
    """Milliseconds since ``started`` (a ``time.perf_counter()`` reading), to a tenth."""
    return round((time.perf_counter() - started) * 1000, 1)


def without_query_strings(text: str) -> str:
    """``text`` with the query string of every URL in it cut to ``?…``: a list provider's URL
    can carry an API key there."""
    return URL_QUERY.sub(r"\1?…", text)
