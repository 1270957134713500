"""Asking a timestamping authority (RFC 3161) to sign a package's SHA256SUMS.

Only the hash goes out (inside the request), never any case data; still, contacting a TSA reveals that
someone at this address made a package at this time, so the use case asks the vault's network consent
first. Same session rules as re-checks: no cookies, no environment proxies or ~/.netrc, explicit
timeouts, no redirects (a TSA answers at its own address), and the answer's size is capped.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import requests

from victim_desk.errors import TimestampUnavailable, TimestampUrlInvalid
from victim_desk.net.fetch import FetchConfig, new_session

MAX_ANSWER = 1 << 20  # a token with its certificate chain is a few KB


def check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TimestampUrlInvalid(url=url)
    return url.strip()


def request_timestamp(url: str, query: bytes, *, timeout: float = 30.0, verify: bool | str = True) -> bytes:
    """POST the DER query; returns the DER answer or raises `TimestampUnavailable` saying why."""
    config = FetchConfig(connect_timeout=min(10.0, timeout), read_timeout=timeout, verify=verify)
    try:
        with new_session(config) as session:
            response = session.post(
                check_url(url), data=query, headers={"Content-Type": "application/timestamp-query"},
                timeout=(config.connect_timeout, config.read_timeout), allow_redirects=False, stream=True,
                verify=verify,
            )  # fmt: skip
            with response:
                if response.status_code != 200:
                    raise TimestampUnavailable(reason=f"HTTP {response.status_code}")
                body = response.raw.read(MAX_ANSWER + 1, decode_content=True)
    except requests.exceptions.Timeout:
        raise TimestampUnavailable(reason="timeout") from None
    except requests.exceptions.SSLError:
        raise TimestampUnavailable(reason="TLS") from None
    except requests.exceptions.RequestException as exc:
        raise TimestampUnavailable(reason=type(exc).__name__) from None
    if len(body) > MAX_ANSWER:
        raise TimestampUnavailable(reason="answer too large")
    return bytes(body)
