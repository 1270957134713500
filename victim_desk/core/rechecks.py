"""What a re-check of an address can honestly conclude, and what it changes in a sighting.

A web request can prove little. A 404 or 410 says the page is gone; a 451 says it is blocked; a platform's
own "not found" page (where the recipients data says how to recognise one) says the post is gone. A 200 only
says the address still answers: never that the material is still there, since many sites answer 200 for a
login wall or a generic page. Everything else (a login wall, a captcha, 401/403/429, a server error, a
timeout, a TLS or DNS failure, a redirect loop, a proxy that refused) is "unknown" with a typed reason, and
is never counted as removed: a false "removed" would let a request be closed while the material is online.

This module is pure: it classifies what `net/` observed and decides status transitions. Which platform pages
show removal, and how, is data (`removal_check` in resources/recipients.json), read and validated here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import cache
from typing import Any

from victim_desk.core.model import SightingStatus, iso
from victim_desk.resources_path import resource


class Outcome(StrEnum):
    REMOVED = "removed"
    REACHABLE = "reachable"  # the address answers; NOT proof the material is there
    REAPPEARED = "reappeared"  # reachable again after it had been recorded as removed
    UNKNOWN = "unknown"


class Reason(StrEnum):
    """Why a check concluded what it did; every value has a message `recheck.reason.<value>`."""

    NOT_FOUND = "not_found"  # 404
    GONE = "gone"  # 410
    BLOCKED = "blocked"  # 451 Unavailable For Legal Reasons
    REMOVAL_PAGE = "removal_page"  # the platform's own "not found" page (recipients data)
    ANSWERED = "answered"  # 2xx
    UNRECOGNISED_PAGE = "unrecognised_page"  # a platform page matching neither removal nor presence
    LOGIN_WALL = "login_wall"
    CAPTCHA = "captcha"
    UNAUTHORIZED = "unauthorized"  # 401
    FORBIDDEN = "forbidden"  # 403
    RATE_LIMITED = "rate_limited"  # 429
    SERVER_ERROR = "server_error"  # 5xx
    UNEXPECTED_STATUS = "unexpected_status"  # any other status
    TIMEOUT = "timeout"
    TLS_ERROR = "tls_error"
    DNS_ERROR = "dns_error"
    CONNECTION_FAILED = "connection_failed"
    REDIRECT_LOOP = "redirect_loop"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    BAD_REDIRECT = "bad_redirect"  # to a non-web address, or a 3xx without a Location
    PROXY_ERROR = "proxy_error"
    BROKEN_RESPONSE = "broken_response"
    INVALID_ADDRESS = "invalid_address"  # the address cannot be requested as written


@dataclass(frozen=True)
class CheckResult:
    """What one check found. `url` is the stored address, `fetch_url` what was requested first (a
    platform's removal page, or the address itself); `http_status` is the last answer's, when any."""

    url: str
    fetch_url: str
    outcome: Outcome
    reason: Reason
    http_status: int | None
    checked_at: datetime
    redirects: int = 0


@dataclass(frozen=True)
class RecordedCheck:
    """A check as saved for a sighting: what was found and what it did to the sighting's status."""

    sighting_id: int
    url: str
    fetch_url: str
    outcome: Outcome
    reason: Reason
    http_status: int | None
    checked_at: datetime
    status_before: SightingStatus
    status_after: SightingStatus
    via_proxy: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.sighting_id,
            "url": self.url,
            "checked_url": self.fetch_url,
            "outcome": str(self.outcome),
            "reason": str(self.reason),
            "http_status": self.http_status,
            "checked_at": iso(self.checked_at),
            "status_before": str(self.status_before),
            "status_after": str(self.status_after),
            "via_proxy": self.via_proxy,
        }


def record_of(
    sighting_id: int, before: SightingStatus, result: CheckResult, via_proxy: bool
) -> RecordedCheck:
    """What saving `result` for a sighting whose status is `before` records."""
    return RecordedCheck(
        sighting_id, result.url, result.fetch_url, reported_outcome(before, result.outcome), result.reason,
        result.http_status, result.checked_at, before, next_status(before, result.outcome), via_proxy,
    )  # fmt: skip


class NetworkConsent(StrEnum):
    """The vault's network setting. ASK (the default) needs a yes each time; NEVER refuses outright."""

    ASK = "ask"
    NEVER = "never"
    ALLOWED = "allowed"


def classify_status(code: int) -> tuple[Outcome, Reason]:
    """The conclusion a final HTTP status allows on its own (no body rules, no redirects left)."""
    if code in (404, 410):
        return Outcome.REMOVED, Reason.NOT_FOUND if code == 404 else Reason.GONE
    if code == 451:
        return Outcome.REMOVED, Reason.BLOCKED
    if 200 <= code < 300:
        return Outcome.REACHABLE, Reason.ANSWERED
    if code == 401:
        return Outcome.UNKNOWN, Reason.UNAUTHORIZED
    if code == 403:
        return Outcome.UNKNOWN, Reason.FORBIDDEN
    if code == 429:
        return Outcome.UNKNOWN, Reason.RATE_LIMITED
    if 500 <= code < 600:
        return Outcome.UNKNOWN, Reason.SERVER_ERROR
    return Outcome.UNKNOWN, Reason.UNEXPECTED_STATUS


# Signs that the page is a gate in front of the content rather than the content or its absence. They only
# ever turn a conclusion into "unknown", so a false hit costs a re-check, never a wrong "removed".
_LOGIN_PATH = re.compile(
    r"/(?:login|log-in|signin|sign-in|sign_in|accounts/login|i/flow/login|servicelogin|auth/login)(?:[/?#.]|$)",
    re.IGNORECASE,
)
_CAPTCHA_MARKERS = re.compile(
    r"g-recaptcha|h-captcha|hcaptcha\.com|cf-challenge|challenge-platform|cf_chl_|turnstile|"
    r"/captcha|id=\"captcha|class=\"captcha",
    re.IGNORECASE,
)


def is_login_url(url: str) -> bool:
    """Whether an address (typically where a redirect ended) is a sign-in page."""
    path = "/" + url.split("://", 1)[-1].partition("/")[2]
    return bool(_LOGIN_PATH.search(path))


def looks_like_captcha(body: str) -> bool:
    return bool(_CAPTCHA_MARKERS.search(body))


def next_status(before: SightingStatus, outcome: Outcome) -> SightingStatus:
    """The sighting's status after a check. Only a proof of removal or a fresh answer changes it."""
    if outcome is Outcome.REMOVED:
        return SightingStatus.REMOVED
    if outcome in (Outcome.REACHABLE, Outcome.REAPPEARED) and before is SightingStatus.REMOVED:
        return SightingStatus.REAPPEARED
    return before


def reported_outcome(before: SightingStatus, outcome: Outcome) -> Outcome:
    """A reachable answer from an address recorded as removed is reported as `reappeared`."""
    if outcome is Outcome.REACHABLE and before is SightingStatus.REMOVED:
        return Outcome.REAPPEARED
    return outcome


# --- platform pages that show removal (resources/recipients.json, `removal_check`) ---------------


class RemovalCheckInvalid(ValueError):
    """A `removal_check` in recipients.json breaks its rules: a bug in the shipped data, caught by tests."""


_DEFAULT_READ_LIMIT = 64 * 1024
_MAX_READ_LIMIT = 512 * 1024
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class RemovalRule:
    """How one kind of platform address shows removal.

    `match` selects the addresses (a regex with named groups over the stored URL); `fetch` is the page to
    request instead, built from those groups; a 2xx page matching any `removed_patterns` means removed.
    When `present_patterns` is given, a 2xx page matching neither list is "unknown (unrecognised page)",
    because the platform changed its page and a guess either way could mislead.
    """

    recipient: str
    match: re.Pattern[str]
    fetch: str
    removed_patterns: tuple[re.Pattern[str], ...]
    present_patterns: tuple[re.Pattern[str], ...]
    read_limit: int

    def target(self, url: str) -> str | None:
        """The page to fetch for `url`, or None when this rule does not apply to it."""
        m = self.match.fullmatch(url)
        if m is None:
            return None
        return self.fetch.format(**m.groupdict())

    def judge(self, body: str) -> tuple[Outcome, Reason]:
        """The conclusion for a 2xx answer whose (bounded) body is `body`."""
        if any(p.search(body) for p in self.removed_patterns):
            return Outcome.REMOVED, Reason.REMOVAL_PAGE
        if self.present_patterns and not any(p.search(body) for p in self.present_patterns):
            return Outcome.UNKNOWN, Reason.UNRECOGNISED_PAGE
        return Outcome.REACHABLE, Reason.ANSWERED


@dataclass(frozen=True)
class CheckPlan:
    """What to request for one stored address, and the rule that will judge the answer (if any)."""

    url: str
    fetch_url: str
    rule: RemovalRule | None

    @property
    def read_limit(self) -> int:
        return self.rule.read_limit if self.rule else _DEFAULT_READ_LIMIT


def _patterns(rid: str, raw: Any, field: str) -> tuple[re.Pattern[str], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(p, str) and p for p in raw):
        raise RemovalCheckInvalid(f"{rid}: {field} must be a list of patterns")
    try:
        return tuple(re.compile(p, re.IGNORECASE) for p in raw)
    except re.error as exc:
        raise RemovalCheckInvalid(f"{rid}: {field}: {exc}") from None


def validate_removal_checks(data: Any) -> tuple[RemovalRule, ...]:
    """Every `removal_check` rule of recipients.json (parsed), or RemovalCheckInvalid naming the problem."""
    rows = data.get("recipients") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise RemovalCheckInvalid("no 'recipients' list")
    rules: list[RemovalRule] = []
    for row in rows:
        check = row.get("removal_check") if isinstance(row, dict) else None
        if check is None:
            continue
        rid = str(row.get("id"))
        if not isinstance(check, dict) or not isinstance(check.get("rules"), list) or not check["rules"]:
            raise RemovalCheckInvalid(f"{rid}: removal_check needs a non-empty 'rules' list")
        for rule in check["rules"]:
            rules.append(_rule(rid, rule))
    return tuple(rules)


def _rule(rid: str, rule: Any) -> RemovalRule:
    if not isinstance(rule, dict):
        raise RemovalCheckInvalid(f"{rid}: a rule must be an object")
    for field in ("match", "fetch", "source", "verified_on"):
        if field not in rule:
            raise RemovalCheckInvalid(f"{rid}: a rule needs '{field}'")
    try:
        match = re.compile(rule["match"])
    except (re.error, TypeError) as exc:
        raise RemovalCheckInvalid(f"{rid}: match: {exc}") from None
    fetch = rule["fetch"]
    if not isinstance(fetch, str) or not fetch.startswith("https://"):
        raise RemovalCheckInvalid(f"{rid}: fetch must be an https:// address template")
    if "{" in fetch[len("https://") :].partition("/")[0]:
        # The host is fixed by the data: a captured piece of the stored address never chooses the server.
        raise RemovalCheckInvalid(f"{rid}: fetch must name its host, not take it from the address")
    missing = set(_PLACEHOLDER.findall(fetch)) - set(match.groupindex)
    if missing:
        raise RemovalCheckInvalid(f"{rid}: fetch uses {sorted(missing)} that match does not capture")
    removed = _patterns(rid, rule.get("removed_if_body_matches"), "removed_if_body_matches")
    if not removed:
        raise RemovalCheckInvalid(f"{rid}: a rule needs removed_if_body_matches")
    present = _patterns(rid, rule.get("present_if_body_matches"), "present_if_body_matches")
    limit = rule.get("read_limit", _DEFAULT_READ_LIMIT)
    if not isinstance(limit, int) or not 1024 <= limit <= _MAX_READ_LIMIT:
        raise RemovalCheckInvalid(f"{rid}: read_limit must be 1024..{_MAX_READ_LIMIT} bytes")
    return RemovalRule(rid, match, fetch, removed, present, limit)


@cache
def removal_rules() -> tuple[RemovalRule, ...]:
    """The shipped rules, read once and checked."""
    text = resource("recipients.json").read_text(encoding="utf-8")
    return validate_removal_checks(json.loads(text))


def plan(url: str, rules: tuple[RemovalRule, ...] | None = None) -> CheckPlan:
    """What to request for a stored address: a platform's removal page when a rule applies, else itself."""
    for rule in removal_rules() if rules is None else rules:
        target = rule.target(url)
        if target is not None:
            return CheckPlan(url, target, rule)
    return CheckPlan(url, url, None)
