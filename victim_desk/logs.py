"""Logging that never holds case data.

Unexpected errors are recorded as the exception's type and the code locations it passed through (file,
line, function), never its message or local values: messages from SQLite, Pillow or Qt can quote a URL, a
note or a file name. The log lives in the per-user log folder and is safe to send to a developer.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

import platformdirs

logger = logging.getLogger("victim_desk")


def log_path() -> Path:
    return Path(platformdirs.user_log_dir("victim-desk", appauthor=False)) / "victim-desk.log"


def _ensure_handler() -> None:
    """One file handler, always for the current user's log folder (it can change, e.g. between tests)."""
    path = log_path()
    for existing in list(logger.handlers):
        if isinstance(existing, logging.FileHandler) and Path(existing.baseFilename) == path:
            return
        logger.removeHandler(existing)
        existing.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def scrubbed_traceback(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = " <- ".join(f"{Path(f.filename).name}:{f.lineno}:{f.name}" for f in reversed(frames))
    return f"{type(exc).__module__}.{type(exc).__qualname__} at {where}"


def log_unexpected(exc: BaseException, context: str) -> None:
    _ensure_handler()
    logger.error("unexpected error in %s: %s", context, scrubbed_traceback(exc))
