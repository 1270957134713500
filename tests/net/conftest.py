"""Fixtures that start real loopback servers for a test and stop them after it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.net.loopback import HttpProxy, Site, Socks5Proxy


@pytest.fixture
def servers() -> Iterator[Callable[[Any], Any]]:
    """start(server) -> the server, started; every server started this way is stopped after the test."""
    started: list[Site | HttpProxy | Socks5Proxy] = []

    def start(server: Any) -> Any:
        started.append(server.start())
        return server

    yield start
    for server in started:
        server.stop()
