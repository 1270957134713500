"""Real servers on 127.0.0.1 for the network tests: web sites, a TLS site, an HTTP proxy, a SOCKS5 proxy.

Each binds port 0 (the system picks a free one), runs in daemon threads, and records what it saw (path,
headers, a monotonic arrival time) so tests can check from the server's side what the app sent. Nothing
here ever connects anywhere but 127.0.0.1; the session-wide guard in tests/conftest.py would fail the run
if it did.
"""

from __future__ import annotations

import datetime as dt
import http.client
import select
import socket
import socketserver
import ssl
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class Seen:
    path: str
    headers: dict[str, str]
    at: float  # time.monotonic() when the request arrived
    port: int


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()


# A route answers a path: a fixed Reply, or a function of the path (for redirect chains and the like).
Route = Reply | Callable[[str], Reply]
HANG = Reply(0)  # the server reads the request and never answers (until the test ends)


@dataclass
class Site:
    """A small web site: path -> Reply. Unknown paths get 404."""

    routes: dict[str, Route] = field(default_factory=dict)
    tls: ssl.SSLContext | None = None
    seen: list[Seen] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _release: threading.Event = field(default_factory=threading.Event)
    server: ThreadingHTTPServer | None = None

    def start(self) -> Site:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                arrived = time.monotonic()
                with site._lock:
                    site.seen.append(Seen(self.path, dict(self.headers.items()), arrived, site.port))
                route = site.routes.get(self.path) or site.routes.get(self.path.split("?")[0])
                reply = route(self.path) if callable(route) else route
                if reply is None:
                    reply = Reply(404, b"<html><body>no such page here</body></html>")
                if reply is HANG:
                    site._release.wait(30)
                    return
                self.send_response(reply.status)
                for name, value in reply.headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

        self.server = ThreadingHTTPServer((LOOPBACK, 0), Handler)
        self.server.daemon_threads = True
        if self.tls is not None:
            self.server.socket = self.tls.wrap_socket(self.server.socket, server_side=True)
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()
        return self

    @property
    def port(self) -> int:
        assert self.server is not None
        return int(self.server.server_address[1])

    def url(self, path: str) -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://{LOOPBACK}:{self.port}{path}"

    def stop(self) -> None:
        self._release.set()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


def closed_port() -> int:
    """A port nothing listens on: connecting to it is refused at once."""
    s = socket.socket()
    s.bind((LOOPBACK, 0))
    port = int(s.getsockname()[1])
    s.close()
    return port


# --- certificates ------------------------------------------------------------------------------------


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def make_certificate(
    folder: Path, hosts: list[str], ca: tuple[Any, Any] | None = None, *, is_ca: bool = False
) -> tuple[Path, Path, Any, Any]:
    """A certificate for `hosts` (self-signed unless `ca` = (ca_cert, ca_key)); returns cert and key
    files plus the certificate and key objects."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    subject = _name(hosts[0])
    issuer, signer = (ca[0].subject, ca[1]) if ca else (subject, key)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True)
    )
    if not is_ca:
        names: list[x509.GeneralName] = [x509.DNSName(h) for h in hosts]
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
    else:
        builder = builder.add_extension(
            x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                          data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                          encipher_only=False, decipher_only=False),
            critical=True,
        )  # fmt: skip
    cert = builder.sign(signer, hashes.SHA256())
    stem = hosts[0].replace(".", "_")
    cert_file, key_file = folder / f"{stem}.crt", folder / f"{stem}.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_file, key_file, cert, key


def server_context(cert_file: Path, key_file: Path) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert_file, key_file)
    return ctx


# --- proxies -----------------------------------------------------------------------------------------


def _relay(a: socket.socket, b: socket.socket) -> None:
    """Copy bytes both ways until either side closes."""
    sockets = [a, b]
    try:
        while True:
            readable, _, _ = select.select(sockets, [], [], 30)
            if not readable:
                return
            for s in readable:
                data = s.recv(65536)
                if not data:
                    return
                (b if s is a else a).sendall(data)
    except OSError:
        return
    finally:
        for s in sockets:
            s.close()


@dataclass
class Names:
    """Where a proxy sends a (host, port): loopback only; anything else is refused like an unknown host."""

    table: dict[tuple[str, int], int] = field(default_factory=dict)

    def resolve(self, host: str, port: int) -> int | None:
        if host == LOOPBACK:
            return port
        return self.table.get((host, port))


@dataclass
class HttpProxy:
    """A forward proxy: absolute-URI GETs for http://, CONNECT tunnels for https://."""

    names: Names = field(default_factory=Names)
    seen: list[str] = field(default_factory=list)  # request lines
    server: ThreadingHTTPServer | None = None

    def start(self) -> HttpProxy:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                proxy.seen.append(self.requestline)
                from urllib.parse import urlsplit

                parts = urlsplit(self.path)
                port = proxy.names.resolve(parts.hostname or "", parts.port or 80)
                if port is None:
                    self.send_error(502)
                    return
                conn = http.client.HTTPConnection(LOOPBACK, port, timeout=10)
                headers = {k: v for k, v in self.headers.items() if k.lower() != "proxy-connection"}
                conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers)
                answer = conn.getresponse()
                body = answer.read()
                self.send_response(answer.status)
                for name, value in answer.getheaders():
                    if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                conn.close()

            def do_CONNECT(self) -> None:
                proxy.seen.append(self.requestline)
                host, _, port_text = self.path.rpartition(":")
                port = proxy.names.resolve(host, int(port_text))
                if port is None:
                    self.send_error(502)
                    return
                upstream = socket.create_connection((LOOPBACK, port), timeout=10)
                self.send_response(200, "Connection established")
                self.end_headers()
                self.close_connection = True
                _relay(self.connection, upstream)

        self.server = ThreadingHTTPServer((LOOPBACK, 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()
        return self

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://{LOOPBACK}:{self.server.server_address[1]}"

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


@dataclass
class Socks5Proxy:
    """A minimal SOCKS5 server (RFC 1928): no authentication, CONNECT only, IPv4 and domain names. Names
    are resolved here (socks5h), from `names` only, so a test can prove the app did not look them up."""

    names: Names = field(default_factory=Names)
    seen: list[tuple[str, int]] = field(default_factory=list)  # (host as the client sent it, port)
    server: socketserver.ThreadingTCPServer | None = None

    def start(self) -> Socks5Proxy:
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def _exact(self, n: int) -> bytes:
                data = b""
                while len(data) < n:
                    chunk = self.request.recv(n - len(data))
                    if not chunk:
                        raise ConnectionError("client went away")
                    data += chunk
                return data

            def handle(self) -> None:
                conn: socket.socket = self.request
                version, count = self._exact(2)
                methods = self._exact(count)
                if version != 5 or 0 not in methods:
                    conn.sendall(b"\x05\xff")
                    return
                conn.sendall(b"\x05\x00")
                _, command, _, kind = self._exact(4)
                if kind == 1:
                    host = socket.inet_ntoa(self._exact(4))
                elif kind == 3:
                    host = self._exact(self._exact(1)[0]).decode("ascii")
                else:
                    conn.sendall(b"\x05\x08\x00\x01" + b"\x00" * 6)  # address type not supported
                    return
                (port,) = struct.unpack("!H", self._exact(2))
                proxy.seen.append((host, port))
                target = proxy.names.resolve(host, port)
                if command != 1:
                    conn.sendall(b"\x05\x07\x00\x01" + b"\x00" * 6)
                    return
                if target is None:
                    conn.sendall(b"\x05\x04\x00\x01" + b"\x00" * 6)  # host unreachable
                    return
                try:
                    upstream = socket.create_connection((LOOPBACK, target), timeout=10)
                except OSError:
                    conn.sendall(b"\x05\x05\x00\x01" + b"\x00" * 6)  # connection refused
                    return
                conn.sendall(b"\x05\x00\x00\x01" + socket.inet_aton(LOOPBACK) + struct.pack("!H", target))
                _relay(conn, upstream)

        self.server = socketserver.ThreadingTCPServer((LOOPBACK, 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()
        return self

    def url(self, scheme: str = "socks5h") -> str:
        assert self.server is not None
        return f"{scheme}://{LOOPBACK}:{self.server.server_address[1]}"

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
