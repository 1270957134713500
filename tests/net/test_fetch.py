"""One check against real servers on 127.0.0.1: what each kind of answer or failure is concluded to mean,
and what the request looks like from the server's side (no cookies, a browser's User-Agent)."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.net.loopback import (
    HANG,
    HttpProxy,
    Names,
    Reply,
    Site,
    Socks5Proxy,
    closed_port,
    make_certificate,
    server_context,
)
from victim_desk.core.rechecks import CheckPlan, Outcome, Reason, plan, validate_removal_checks
from victim_desk.net.fetch import USER_AGENT, FetchConfig, check
from victim_desk.resources_path import resource

FAST = FetchConfig(connect_timeout=2.0, read_timeout=0.3, total_timeout=5.0)
LIVE_PAGE = b"<html><body><h1>a page that is still here</h1></body></html>"


def direct(url: str) -> CheckPlan:
    return CheckPlan(url, url, None)


@pytest.fixture
def site(servers: Callable[[Any], Any]) -> Site:
    # Redirect chains: /chain/N redirects to /chain/N-1 ... /chain/0 answers 200.
    def chain(path: str) -> Reply:
        n = int(path.rsplit("/", 1)[1])
        return Reply(200, LIVE_PAGE) if n == 0 else Reply(302, headers=(("Location", f"/chain/{n - 1}"),))

    routes: dict[str, Any] = {
        "/ok": Reply(200, LIVE_PAGE, (("Set-Cookie", "tracking=abcdef123456; Path=/"),)),
        "/gone": Reply(410),
        "/blocked": Reply(451),
        "/forbidden": Reply(403, b"<html>access denied for this visitor</html>"),
        "/captcha": Reply(403, b'<html><div class="g-recaptcha" data-sitekey="x"></div></html>'),
        "/slow-down": Reply(429),
        "/broken": Reply(500),
        "/unavailable": Reply(503),
        "/who": Reply(401),
        "/hang": HANG,
        "/loop-a": Reply(302, headers=(("Location", "/loop-b"),)),
        "/loop-b": Reply(302, headers=(("Location", "/loop-a"),)),
        "/to-login": Reply(302, headers=(("Location", "/accounts/login?next=/x"),)),
        "/to-mail": Reply(302, headers=(("Location", "mailto:someone@example.org"),)),
        "/cookie-then-ok": Reply(
            302, headers=(("Set-Cookie", "session=0123456789abcdef"), ("Location", "/ok"))
        ),
    }
    for n in range(8):
        routes[f"/chain/{n}"] = chain
    return servers(Site(routes))


@pytest.mark.parametrize(
    ("path", "outcome", "reason", "status"),
    [
        ("/ok", Outcome.REACHABLE, Reason.ANSWERED, 200),
        ("/nothing-here", Outcome.REMOVED, Reason.NOT_FOUND, 404),
        ("/gone", Outcome.REMOVED, Reason.GONE, 410),
        ("/blocked", Outcome.REMOVED, Reason.BLOCKED, 451),
        ("/forbidden", Outcome.UNKNOWN, Reason.FORBIDDEN, 403),
        ("/captcha", Outcome.UNKNOWN, Reason.CAPTCHA, 403),
        ("/slow-down", Outcome.UNKNOWN, Reason.RATE_LIMITED, 429),
        ("/broken", Outcome.UNKNOWN, Reason.SERVER_ERROR, 500),
        ("/unavailable", Outcome.UNKNOWN, Reason.SERVER_ERROR, 503),
        ("/who", Outcome.UNKNOWN, Reason.UNAUTHORIZED, 401),
        ("/to-login", Outcome.UNKNOWN, Reason.LOGIN_WALL, 302),
        ("/to-mail", Outcome.UNKNOWN, Reason.BAD_REDIRECT, 302),
        ("/loop-a", Outcome.UNKNOWN, Reason.REDIRECT_LOOP, 302),
        ("/chain/5", Outcome.REACHABLE, Reason.ANSWERED, 200),  # exactly 5 redirects: followed
        ("/chain/6", Outcome.UNKNOWN, Reason.TOO_MANY_REDIRECTS, 302),  # a sixth: refused
    ],
)
def test_each_answer_is_classified(
    site: Site, path: str, outcome: Outcome, reason: Reason, status: int
) -> None:
    result = check(direct(site.url(path)), FAST)
    assert (result.outcome, result.reason, result.http_status) == (outcome, reason, status)


def test_too_many_redirects_stops_after_the_fifth(site: Site) -> None:
    check(direct(site.url("/chain/7")), FAST)
    assert [s.path for s in site.seen] == [f"/chain/{n}" for n in range(7, 1, -1)]  # 1 + 5 requests


def test_a_server_that_hangs_is_a_timeout_not_removed(site: Site) -> None:
    result = check(direct(site.url("/hang")), FAST)
    assert (result.outcome, result.reason, result.http_status) == (Outcome.UNKNOWN, Reason.TIMEOUT, None)


def test_a_closed_port_is_a_failed_connection() -> None:
    result = check(direct(f"http://127.0.0.1:{closed_port()}/page"), FAST)
    assert (result.outcome, result.reason) == (Outcome.UNKNOWN, Reason.CONNECTION_FAILED)


def test_a_name_that_does_not_resolve_is_a_dns_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_name(host: Any, *args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)
    result = check(direct("https://no-such-site.invalid/page"), FAST)
    assert (result.outcome, result.reason) == (Outcome.UNKNOWN, Reason.DNS_ERROR)


def test_the_request_carries_a_browser_user_agent_and_never_a_cookie(site: Site) -> None:
    first = check(direct(site.url("/cookie-then-ok")), FAST)
    second = check(direct(site.url("/ok")), FAST)  # the site set a cookie on both earlier answers
    assert first.outcome is second.outcome is Outcome.REACHABLE
    assert first.redirects == 1
    assert [s.path for s in site.seen] == ["/cookie-then-ok", "/ok", "/ok"]
    for seen in site.seen:
        headers = {k.lower(): v for k, v in seen.headers.items()}
        assert headers["user-agent"] == USER_AGENT
        assert "python-requests" not in json.dumps(headers).lower()
        assert "cookie" not in headers
        assert "authorization" not in headers


def test_the_body_read_is_bounded(servers: Callable[[Any], Any]) -> None:
    # 4 MB of page with the removal marker at its very end: beyond the read limit, so never seen.
    rule = validate_removal_checks({"recipients": [{"id": "generic", "removal_check": {"rules": [{
        "match": r"https?://127\.0\.0\.1:\d+/(?P<page>big)", "fetch": "https://example.test/{page}",
        "removed_if_body_matches": ["this post was deleted"], "read_limit": 4096,
        "source": "test", "verified_on": None}]}}]})[0]  # fmt: skip
    site = servers(Site({"/big": Reply(200, b"x" * 4_000_000 + b"this post was deleted")}))
    result = check(CheckPlan(site.url("/big"), site.url("/big"), rule), FAST)
    assert (result.outcome, result.reason) == (Outcome.REACHABLE, Reason.ANSWERED)


# --- TLS -------------------------------------------------------------------------------------------


def test_a_self_signed_certificate_is_a_tls_error(servers: Callable[[Any], Any], tmp_path: Path) -> None:
    cert, key, _, _ = make_certificate(tmp_path, ["localhost", "127.0.0.1"])
    site = servers(Site({"/ok": Reply(200, LIVE_PAGE)}, tls=server_context(cert, key)))
    result = check(direct(site.url("/ok")), FAST)
    assert (result.outcome, result.reason, result.http_status) == (Outcome.UNKNOWN, Reason.TLS_ERROR, None)


# --- proxies ---------------------------------------------------------------------------------------


def test_through_an_http_proxy(site: Site, servers: Callable[[Any], Any]) -> None:
    proxy = servers(HttpProxy())
    result = check(direct(site.url("/gone")), FetchConfig(read_timeout=2.0, proxy=proxy.url))
    assert (result.outcome, result.reason) == (Outcome.REMOVED, Reason.GONE)
    assert proxy.seen == [f"GET {site.url('/gone')} HTTP/1.1"]
    assert [s.path for s in site.seen] == ["/gone"]


def test_through_a_socks5_proxy_that_resolves_names(site: Site, servers: Callable[[Any], Any]) -> None:
    # "hidden.test" exists only in the proxy's table: the check works only if the proxy resolves it.
    proxy = servers(Socks5Proxy(Names({("hidden.test", 80): site.port})))
    result = check(
        direct("http://hidden.test/gone"), FetchConfig(read_timeout=2.0, proxy=proxy.url("socks5h"))
    )
    assert (result.outcome, result.reason) == (Outcome.REMOVED, Reason.GONE)
    assert proxy.seen == [("hidden.test", 80)]


def test_a_socks_proxy_that_cannot_reach_the_site_is_unknown(servers: Callable[[Any], Any]) -> None:
    proxy = servers(Socks5Proxy())
    result = check(direct("http://unknown-host.test/page"), FetchConfig(read_timeout=2.0, proxy=proxy.url()))
    assert (result.outcome, result.reason) == (Outcome.UNKNOWN, Reason.CONNECTION_FAILED)


@pytest.mark.parametrize("scheme", ["http", "socks5h", "socks5"])
def test_a_proxy_that_refuses_connections_is_a_proxy_error(site: Site, scheme: str) -> None:
    proxy = f"{scheme}://127.0.0.1:{closed_port()}"
    result = check(direct(site.url("/gone")), FetchConfig(read_timeout=2.0, proxy=proxy))
    assert (result.outcome, result.reason) == (Outcome.UNKNOWN, Reason.PROXY_ERROR)
    assert site.seen == []


# --- a platform's own removal page (recipients data) -----------------------------------------------


@pytest.fixture
def fake_telegram(servers: Callable[[Any], Any], tmp_path: Path) -> tuple[Site, Socks5Proxy, Path]:
    """A TLS server holding a certificate for t.me from a test CA, reached through a SOCKS5 proxy that
    maps t.me:443 to it: the shipped Telegram rule runs unchanged, and nothing leaves 127.0.0.1."""
    ca_file, _, ca_cert, ca_key = make_certificate(tmp_path, ["Test CA"], is_ca=True)
    cert, key, _, _ = make_certificate(tmp_path, ["t.me"], (ca_cert, ca_key))
    pages = {
        "/gonechannel/41?embed=1": Reply(200, b'<div class="tgme_widget_message_error">Post not found</div>'),
        "/livechannel/42?embed=1": Reply(
            200, b'<div class="tgme_widget_message js-widget_message" data-post="livechannel/42">hello</div>'
        ),
        "/oddchannel/43?embed=1": Reply(200, b"<html><body>something else entirely</body></html>"),
    }
    site = servers(Site(pages, tls=server_context(cert, key)))
    proxy = servers(Socks5Proxy(Names({("t.me", 443): site.port})))
    return site, proxy, ca_file


@pytest.mark.parametrize(
    ("url", "outcome", "reason"),
    [
        ("https://t.me/gonechannel/41", Outcome.REMOVED, Reason.REMOVAL_PAGE),
        ("https://t.me/s/livechannel/42", Outcome.REACHABLE, Reason.ANSWERED),
        ("https://telegram.me/oddchannel/43", Outcome.UNKNOWN, Reason.UNRECOGNISED_PAGE),
    ],
)
def test_a_deleted_telegram_post_is_recognised_from_its_embed_page(
    fake_telegram: tuple[Site, Socks5Proxy, Path], url: str, outcome: Outcome, reason: Reason
) -> None:
    site, proxy, ca_file = fake_telegram
    the_plan = plan(url)
    assert the_plan.rule is not None and the_plan.rule.recipient == "telegram"
    result = check(the_plan, FetchConfig(read_timeout=2.0, proxy=proxy.url("socks5h"), verify=str(ca_file)))
    assert (result.outcome, result.reason, result.http_status) == (outcome, reason, 200)
    assert [s.path for s in site.seen] == [the_plan.fetch_url.removeprefix("https://t.me")]
    assert proxy.seen == [("t.me", 443)]


def test_the_shipped_recipients_data_names_its_source() -> None:
    data = json.loads(resource("recipients.json").read_text(encoding="utf-8"))
    telegram = next(r for r in data["recipients"] if r["id"] == "telegram")
    rule = telegram["removal_check"]["rules"][0]
    assert rule["source"].startswith("UNVERIFIED") and rule["verified_on"] is None
    assert rule["fetch"] == "https://t.me/{channel}/{post}?embed=1"
