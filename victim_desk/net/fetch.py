"""One check of one address: a few careful GET requests and what they allow us to conclude.

The request is made to look like nothing in particular and to leave nothing behind:
- a fresh session per check that refuses every cookie (no jar persists, none is sent, not even along a
  redirect), ignores environment proxies and ~/.netrc credentials (`trust_env = False`), and sends a
  common browser's headers (the User-Agent of the Firefox ESR that Tor Browser is built on), never
  `python-requests`;
- redirects are followed here, not by `requests`, so each hop is a new cookie-less request, at most
  `max_redirects` of them, a loop is noticed at once and a hop to a sign-in page stops the check;
- explicit connect and read timeouts, plus a deadline for the whole check (a server dripping one byte a
  second cannot hold a worker for ever);
- the answer is streamed and at most `read_limit` bytes are read (only when a body can matter: a 2xx page
  judged by a platform rule, or a gate page that might be a captcha); nothing of it is kept.

Failures become typed reasons (`core.rechecks.Reason`); none of them ever means "removed".
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from http.cookiejar import DefaultCookiePolicy
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
import socks
import urllib3.exceptions

from victim_desk.core.rechecks import (
    CheckPlan,
    CheckResult,
    Outcome,
    Reason,
    classify_status,
    is_login_url,
    looks_like_captcha,
)

# Tor Browser's User-Agent (Firefox ESR on Windows): the most common string among privacy-minded visitors,
# so these checks blend in rather than announce a tool.
USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "en-US,en;q=0.5",
    "Accept-Encoding": "gzip, deflate",
}
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Gate pages worth reading for a captcha: they stay "unknown" either way, the reason just gets precise.
_GATE_STATUSES = frozenset({403, 429, 503})
_CHUNK = 8192


@dataclass(frozen=True)
class FetchConfig:
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_redirects: int = 5
    proxy: str | None = None
    # True (the system's trust store via certifi), or a CA bundle path (tests, institutional proxies).
    verify: bool | str = True


class _NoCookies(DefaultCookiePolicy):
    """A cookie policy that accepts nothing and returns nothing."""

    def set_ok(self, cookie: object, request: object) -> bool:
        return False

    def return_ok(self, cookie: object, request: object) -> bool:
        return False


class _Deadline(Exception):
    """The whole check ran past its deadline."""


def new_session(config: FetchConfig) -> requests.Session:
    session = requests.Session()
    session.trust_env = False
    session.cookies.set_policy(_NoCookies())
    session.headers.clear()
    session.headers.update(_HEADERS)
    if config.proxy:
        session.proxies = {"http": config.proxy, "https": config.proxy}
    return session


def check(
    plan: CheckPlan,
    config: FetchConfig,
    clock: Callable[[], float] = time.monotonic,
    on_answer: Callable[[], None] | None = None,
) -> CheckResult:
    """Request `plan.fetch_url` (following redirects ourselves) and conclude what the answer allows.
    `on_answer` is called when the first answer's headers arrive: the server has surely seen the request
    by then, so the per-host interval counted from that moment can never be shorter on the server's side."""
    deadline = clock() + config.total_timeout
    status: int | None = None
    redirects = 0

    def result(outcome: Outcome, reason: Reason) -> CheckResult:
        return CheckResult(
            plan.url, plan.fetch_url, outcome, reason, status, datetime.now(UTC).replace(microsecond=0),
            redirects,
        )  # fmt: skip

    url = plan.fetch_url
    visited = {_without_fragment(url)}
    with new_session(config) as session:
        while True:
            if clock() > deadline:
                return result(Outcome.UNKNOWN, Reason.TIMEOUT)
            try:
                response = session.get(
                    url,
                    timeout=(config.connect_timeout, config.read_timeout),
                    allow_redirects=False,
                    stream=True,
                    verify=config.verify,
                )
            except Exception as exc:  # every way a request can fail becomes a typed reason
                return result(Outcome.UNKNOWN, reason_for(exc))
            if on_answer is not None and redirects == 0:
                on_answer()
            with response:
                status = response.status_code
                if status in _REDIRECTS:
                    location = response.headers.get("Location")
                    if not location:
                        return result(Outcome.UNKNOWN, Reason.BAD_REDIRECT)
                    target = _without_fragment(urljoin(url, location.strip()))
                    if urlsplit(target).scheme not in ("http", "https"):
                        return result(Outcome.UNKNOWN, Reason.BAD_REDIRECT)
                    if is_login_url(target):
                        return result(Outcome.UNKNOWN, Reason.LOGIN_WALL)
                    if target in visited:
                        return result(Outcome.UNKNOWN, Reason.REDIRECT_LOOP)
                    if redirects >= config.max_redirects:
                        return result(Outcome.UNKNOWN, Reason.TOO_MANY_REDIRECTS)
                    visited.add(target)
                    redirects += 1
                    url = target
                    continue
                outcome, reason = classify_status(status)
                try:
                    if outcome is Outcome.REACHABLE:
                        if is_login_url(url):
                            return result(Outcome.UNKNOWN, Reason.LOGIN_WALL)
                        body = _read_text(response, plan.read_limit, deadline, clock)
                        if looks_like_captcha(body):
                            return result(Outcome.UNKNOWN, Reason.CAPTCHA)
                        if plan.rule is not None:
                            outcome, reason = plan.rule.judge(body)
                    elif status in _GATE_STATUSES and looks_like_captcha(
                        _read_text(response, plan.read_limit, deadline, clock)
                    ):
                        reason = Reason.CAPTCHA
                except _Deadline:
                    return result(Outcome.UNKNOWN, Reason.TIMEOUT)
                except Exception as exc:
                    return result(Outcome.UNKNOWN, reason_for(exc))
                return result(outcome, reason)


def _read_text(response: requests.Response, limit: int, deadline: float, clock: Callable[[], float]) -> str:
    """At most `limit` bytes of the (decompressed) body as text; the rest is never read."""
    body = bytearray()
    for chunk in response.iter_content(_CHUNK):
        body += chunk
        if len(body) >= limit:
            break
        if clock() > deadline:
            raise _Deadline()
    return body[:limit].decode(response.encoding or "utf-8", errors="replace")


def _without_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


# --- failures -------------------------------------------------------------------------------------

# SOCKS5 replies that mean the proxy worked but could not reach the site (RFC 1928 section 6).
_SOCKS_UNREACHABLE = ("0x03", "0x04", "0x05")


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception and everything it wraps: causes, contexts, urllib3's `reason`, exceptions in args."""
    seen: set[int] = set()
    todo = [exc]
    while todo:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        linked = [current.__cause__, current.__context__, getattr(current, "reason", None)]
        linked.extend(a for a in current.args if isinstance(a, BaseException))
        socket_err = getattr(current, "socket_err", None)
        linked.append(socket_err)
        todo.extend(e for e in linked if isinstance(e, BaseException))


def reason_for(exc: BaseException) -> Reason:
    """The typed reason for a failed request. Order matters: a proxy or TLS failure also looks like a
    connection error, and a timeout can hide inside a proxy error."""
    chain = list(_chain(exc))

    def found(*types: type[BaseException]) -> bool:
        return any(isinstance(e, types) for e in chain)

    for e in chain:
        if isinstance(e, socks.SOCKS5Error | socks.SOCKS4Error):
            return (
                Reason.CONNECTION_FAILED if str(e.msg).startswith(_SOCKS_UNREACHABLE) else Reason.PROXY_ERROR
            )
    if found(socks.ProxyConnectionError, socks.SOCKS5AuthError, socks.GeneralProxyError):
        return Reason.TIMEOUT if found(socket.timeout, TimeoutError) else Reason.PROXY_ERROR
    if found(requests.exceptions.ProxyError, urllib3.exceptions.ProxyError):
        return Reason.PROXY_ERROR
    if found(requests.exceptions.SSLError, ssl.SSLError, urllib3.exceptions.SSLError):
        return Reason.TLS_ERROR
    if found(socket.gaierror, urllib3.exceptions.NameResolutionError):
        return Reason.DNS_ERROR
    # urllib3's NewConnectionError (a refused connection) subclasses its ConnectTimeoutError for old
    # callers' sake; it is not a timeout.
    timeouts = (requests.exceptions.Timeout, urllib3.exceptions.TimeoutError, TimeoutError)
    if any(
        isinstance(e, timeouts) and not isinstance(e, urllib3.exceptions.NewConnectionError) for e in chain
    ):
        return Reason.TIMEOUT
    if found(
        requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema,
        requests.exceptions.MissingSchema, urllib3.exceptions.LocationParseError,
    ):  # fmt: skip
        return Reason.INVALID_ADDRESS
    if found(
        requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError,
        requests.exceptions.InvalidHeader, http.client.HTTPException, urllib3.exceptions.ProtocolError,
        urllib3.exceptions.DecodeError,
    ):  # fmt: skip
        # A connection reset mid-answer is a ProtocolError too; it is still a broken answer, not "refused".
        return Reason.CONNECTION_FAILED if found(ConnectionRefusedError) else Reason.BROKEN_RESPONSE
    return Reason.CONNECTION_FAILED
