"""The test suite's network guard: every way Python code reaches another machine, refused unless the address
is loopback. Used by tests/conftest.py for the test process and by sitecustomize.py (beside this file) for
every Python subprocess the tests start (the CLI runs, the fault-injection writers).

Guarded: socket connect/connect_ex/sendto/sendmsg (TCP and UDP, IPv4 and IPv6; PySocks' sockets are sockets
too) and every name lookup of the socket module (getaddrinfo, gethostbyname(_ex), gethostbyaddr,
getnameinfo): a lookup is a query to the DNS resolver, so only loopback names are answered. A refused
attempt raises (ConnectionRefusedError, socket.gaierror) and is also reported to `on_violation`, so the run
fails even when the code under test swallowed the error.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from typing import Any

_LOOKUPS = ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "getnameinfo")
_SENDS = ("connect", "connect_ex", "sendto", "sendmsg")


def is_loopback(address: object) -> bool:
    if not isinstance(address, tuple):
        return True  # AF_UNIX paths and the like never leave the machine
    host = address[0]
    host = host.decode() if isinstance(host, bytes) else str(host)
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False  # a name: connect() would resolve it, possibly off this machine


def install(on_violation: Callable[[str], None]) -> Callable[[], None]:
    """Guards the socket module; returns the function that puts the originals back."""
    sends = {name: getattr(socket.socket, name) for name in _SENDS}
    lookups = {name: getattr(socket, name) for name in _LOOKUPS}

    def guarded_send(name: str) -> Any:
        def call(sock: socket.socket, *args: Any, **kwargs: Any) -> Any:
            address = _send_address(name, args, kwargs)
            if (
                address is not None
                and sock.family in (socket.AF_INET, socket.AF_INET6)
                and not is_loopback(address)
            ):
                on_violation(f"{name} {address!r}")
                raise ConnectionRefusedError(f"test suite: no connections outside loopback ({address!r})")
            return sends[name](sock, *args, **kwargs)

        return call

    def guarded_lookup(name: str) -> Any:
        def call(host: Any, *args: Any, **kwargs: Any) -> Any:
            subject = host[0] if name == "getnameinfo" and isinstance(host, tuple) else host
            if subject is not None and not is_loopback((subject, 0)):
                on_violation(f"{name} {subject!r}")
                raise socket.gaierror(socket.EAI_NONAME, "test suite: no name lookups outside loopback")
            return lookups[name](host, *args, **kwargs)

        return call

    for name in _SENDS:
        setattr(socket.socket, name, guarded_send(name))
    for name in _LOOKUPS:
        setattr(socket, name, guarded_lookup(name))

    def uninstall() -> None:
        for name, function in sends.items():
            setattr(socket.socket, name, function)
        for name, function in lookups.items():
            setattr(socket, name, function)

    return uninstall


def _send_address(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> object | None:
    if name in ("connect", "connect_ex"):
        return args[0] if args else kwargs.get("address")
    if name == "sendto":
        return args[-1] if len(args) >= 2 else None
    # sendmsg(buffers, ancdata=(), flags=0, address=None): only an explicit address goes anywhere new
    return args[3] if len(args) >= 4 else kwargs.get("address")
