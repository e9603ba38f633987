"""What the readers need from the libraries they call: their log messages kept quiet.

pdfminer, trafilatura and htmldate log warnings about the files they read ("could not parse a date",
"invalid object"); with no logging configured, Python prints those on stderr, where a command promises
one line at most. The readers say what matters in their own messages.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator


@contextlib.contextmanager
def quiet(*names: str) -> Iterator[None]:
    """Silence the named loggers (and their children) for the duration of the block."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
