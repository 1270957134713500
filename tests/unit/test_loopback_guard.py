"""The session-wide guard (tests/conftest.py) really stops a connection or a name lookup outside loopback."""

from __future__ import annotations

import socket

import pytest


def test_a_connection_outside_loopback_is_refused_and_remembered(loopback_only: list[str]) -> None:
    before = len(loopback_only)
    with socket.socket() as s, pytest.raises(ConnectionRefusedError):
        s.connect(("192.0.2.10", 80))  # TEST-NET-1: never routed, and never reached here
    with pytest.raises(socket.gaierror):
        socket.getaddrinfo("example.org", 443)
    assert loopback_only[before:] == ["connect ('192.0.2.10', 80)", "getaddrinfo 'example.org'"]
    del loopback_only[before:]  # this test's own attempts were the point; the rest must stay empty


def test_loopback_is_allowed() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=5):
            pass
