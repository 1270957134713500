"""Loaded by Python at start-up in every subprocess the tests run (this folder is first on PYTHONPATH): the
same loopback guard as the test process, reporting each refused attempt into the file named by
VICTIM_DESK_TEST_NETLOG, which tests/conftest.py reads when the session ends."""

from __future__ import annotations

import os

import loopback_guard


def _report(what: str) -> None:
    log = os.environ.get("VICTIM_DESK_TEST_NETLOG")
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"pid {os.getpid()}: {what}\n")


loopback_guard.install(_report)
