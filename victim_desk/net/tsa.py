"""Asking a timestamping authority (RFC 3161) to sign a package's SHA256SUMS.

Only the hash goes out (inside the request), never any case data; still, contacting a TSA reveals that
someone at this address made a package at this time, so the use case asks the vault's network consent
first. Same session rules as re-checks: no cookies, no environment proxies or ~/.netrc, explicit
timeouts, no redirects (a TSA answers at its own address), and the answer's size is capped.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import requests
import urllib3

from victim_desk.errors import TimestampUnavailable, TimestampUrlInvalid
from victim_desk.logs import log_unexpected
from victim_desk.net.fetch import FetchConfig, new_session

MAX_ANSWER = 1 << 20  # a token with its certificate chain is a few KB


def check_url(url: str) -> str:
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 (a port that is not a number is refused here, not deep in the library)
    except ValueError:  # an unbalanced [ ] or a port that is not a number
        raise TimestampUrlInvalid(url=url) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TimestampUrlInvalid(url=url)
    return url.strip()


def request_timestamp(url: str, query: bytes, *, timeout: float = 30.0, verify: bool | str = True) -> bytes:
    """POST the DER query; returns the DER answer or raises `TimestampUnavailable` naming the cause."""
    config = FetchConfig(connect_timeout=min(10.0, timeout), read_timeout=timeout, verify=verify)
    try:
        with new_session(config) as session:
            response = session.post(
                check_url(url), data=query, headers={"Content-Type": "application/timestamp-query"},
                timeout=(config.connect_timeout, config.read_timeout), allow_redirects=False, stream=True,
                verify=verify,
            )  # fmt: skip
            with response:
                status = response.status_code
                if 300 <= status < 400:  # a TSA answers at its own address: the one given is not it
                    raise TimestampUnavailable(cause="moved", status=status)
                if status != 200:
                    raise TimestampUnavailable(cause="http_status", status=status)
                body = response.raw.read(MAX_ANSWER + 1, decode_content=True)
    except (requests.exceptions.Timeout, urllib3.exceptions.TimeoutError):
        raise TimestampUnavailable(cause="timeout") from None
    except requests.exceptions.SSLError:
        raise TimestampUnavailable(cause="tls") from None
    except requests.exceptions.InvalidURL:
        raise TimestampUrlInvalid(url=url) from None
    except requests.exceptions.ConnectionError:
        raise TimestampUnavailable(cause="connection") from None
    except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError) as exc:
        # The body is read from urllib3 directly, so its errors (a dropped connection, a broken
        # compression) arrive unwrapped. The class name is for the log, never for the person.
        log_unexpected(exc, "timestamp request")
        raise TimestampUnavailable(cause="network") from None
    if len(body) > MAX_ANSWER:
        raise TimestampUnavailable(cause="too_large", max_mb=MAX_ANSWER >> 20)
    return bytes(body)
