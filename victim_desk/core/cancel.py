"""Cooperative cancellation and progress for long work (hashing, imports, exports).

Workers never get killed; they check a `CancelToken` between units of work and stop cleanly, leaving what
was already saved intact. The GUI sets the token from its Cancel button; the CLI sets it on Ctrl+C.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from victim_desk.errors import Cancelled

# progress(done, total): total is 0 when unknown.
Progress = Callable[[int, int], None]


class CancelToken:
    """Set once, read from any thread. A child token is also cancelled when its parent is, so a piece of
    work can stop its own helpers without cancelling whoever handed it the parent token."""

    def __init__(self, parent: CancelToken | None = None) -> None:
        self._event = threading.Event()
        self._parent = parent

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set() or (self._parent is not None and self._parent.cancelled)

    def raise_if_cancelled(self) -> None:
        if self.cancelled:
            raise Cancelled()


def check(token: CancelToken | None) -> None:
    """Raise `Cancelled` if `token` was cancelled; a None token never is."""
    if token is not None:
        token.raise_if_cancelled()
