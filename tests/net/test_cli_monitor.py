"""`monitor` and `network` from the command line, against real loopback servers."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import PASSPHRASE, Cli
from tests.net.loopback import HANG, Reply, Site, Socks5Proxy, closed_port
from victim_desk.desk import Desk


@pytest.fixture
def case_with_urls(ready_cli: Cli, servers: Callable[[Any], Any]) -> tuple[Cli, Site, str]:
    site = servers(Site({"/live": Reply(200, b"<html>still answering here</html>"), "/hang": HANG}))
    case = json.loads(ready_cli("case", "add", "--title", "monitor", "--json").stdout)["id"]
    urls = ready_cli.vault.parent / "urls.txt"
    urls.write_text(
        "".join(site.url(p) + "\n" for p in ("/live", "/removed-page", "/hang")), encoding="utf-8"
    )
    assert ready_cli("sighting", "import", "--case", str(case), str(urls)).returncode == 0
    return ready_cli, site, str(case)


def test_without_online_nothing_is_sent(case_with_urls: tuple[Cli, Site, str]) -> None:
    cli, site, case = case_with_urls
    result = cli("--lang", "en", "monitor", "--case", case)
    assert result.returncode == 0, result.stderr
    assert "Nothing was sent over the network" in result.stdout
    assert site.url("/removed-page") in result.stdout and "never checked" in result.stdout
    rows = [json.loads(line) for line in cli("monitor", "--case", case, "--json").stdout.splitlines()]
    assert [(r["online"], r["last_check"]) for r in rows] == [(False, None)] * 3
    assert site.seen == []


def test_online_without_a_terminal_to_ask_refuses_and_says_how(case_with_urls: tuple[Cli, Site, str]) -> None:
    cli, site, case = case_with_urls
    result = cli("--lang", "en", "monitor", "--case", case, "--online")
    assert result.returncode == 2
    assert "--allow-network-once" in result.stderr and "victim-desk network allow" in result.stderr
    assert result.stdout == "" and site.seen == []


def test_never_refuses_even_a_one_off_yes(case_with_urls: tuple[Cli, Site, str]) -> None:
    cli, site, case = case_with_urls
    assert cli("network", "never").returncode == 0
    assert json.loads(cli("network", "status", "--json").stdout) == {"network": "never"}
    result = cli("--lang", "en", "monitor", "--case", case, "--online", "--allow-network-once")
    assert result.returncode == 2 and "never" in result.stderr and site.seen == []


def test_online_checks_print_json_lines_and_record_them(case_with_urls: tuple[Cli, Site, str]) -> None:
    cli, _site, case = case_with_urls
    result = cli(
        "monitor",
        "--case",
        case,
        "--online",
        "--allow-network-once",
        "--timeout",
        "0.3",
        "--interval",
        "0",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    rows = {r["url"].rsplit("/", 1)[1]: r for r in map(json.loads, result.stdout.splitlines())}
    assert {k: (r["outcome"], r["reason"], r["http_status"]) for k, r in rows.items()} == {
        "live": ("reachable", "answered", 200),
        "removed-page": ("removed", "not_found", 404),
        "hang": ("unknown", "timeout", None),
    }
    assert (
        rows["removed-page"]["status_before"] == "found" and rows["removed-page"]["status_after"] == "removed"
    )
    assert set(rows["live"]) >= {
        "id",
        "url",
        "outcome",
        "http_status",
        "reason",
        "status_before",
        "status_after",
    }
    listed = {json.loads(line)["url"].rsplit("/", 1)[1]: json.loads(line)
              for line in cli("sighting", "list", "--case", case, "--json").stdout.splitlines()}  # fmt: skip
    assert listed["removed-page"]["status"] == "removed" and listed["hang"]["last_checked"]
    offline = cli("--lang", "en", "monitor", "--case", case).stdout
    assert "last checked" in offline and "removed" in offline


def test_allowed_runs_without_asking_and_a_refusing_proxy_is_unknown(
    case_with_urls: tuple[Cli, Site, str],
) -> None:
    cli, site, case = case_with_urls
    assert cli("network", "allow").returncode == 0
    proxy = f"socks5h://127.0.0.1:{closed_port()}"
    result = cli("monitor", "--case", case, "--online", "--proxy", proxy, "--json")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["outcome"], r["reason"], r["via_proxy"]) for r in rows} == {("unknown", "proxy_error", True)}
    assert site.seen == []


def test_a_bad_proxy_address_is_a_clear_error(case_with_urls: tuple[Cli, Site, str]) -> None:
    cli, site, case = case_with_urls
    result = cli(
        "--lang", "en", "monitor", "--case", case, "--online", "--allow-network-once", "--proxy", "tor"
    )
    assert result.returncode == 2 and "socks5h://127.0.0.1:9050" in result.stderr and site.seen == []


def test_socks5_without_h_warns_about_local_name_lookups(case_with_urls: tuple[Cli, Site, str]) -> None:
    cli, _, case = case_with_urls
    proxy = f"socks5://127.0.0.1:{closed_port()}"
    result = cli(
        "--lang", "en", "monitor", "--case", case, "--online", "--allow-network-once", "--proxy", proxy
    )
    assert result.returncode == 0 and "socks5h://" in result.stderr


def _store_proxy(cli: Cli, proxy: str) -> None:
    """Keep `proxy` in the vault's settings, as the settings window does."""
    with Desk.open(cli.vault, PASSPHRASE) as desk:
        desk.rechecks.set_proxy(proxy)


def _monitor(cli: Cli, case: str, *extra: str) -> Any:
    fast = ("--timeout", "0.3", "--interval", "0", "--json")
    return cli("--lang", "en", "monitor", "--case", case, "--online", "--allow-network-once", *fast, *extra)


def test_a_stored_socks5_proxy_without_h_warns_too(case_with_urls: tuple[Cli, Site, str]) -> None:
    cli, site, case = case_with_urls
    _store_proxy(cli, f"socks5://127.0.0.1:{closed_port()}")
    result = _monitor(cli, case)
    assert result.returncode == 0, result.stderr
    assert "looks up the site names itself" in result.stderr and "socks5h://" in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["reason"], r["via_proxy"]) for r in rows} == {("proxy_error", True)} and site.seen == []


def test_a_proxy_given_for_the_run_wins_over_the_stored_one_warning_included(
    case_with_urls: tuple[Cli, Site, str], servers: Callable[[Any], Any]
) -> None:
    cli, _site, case = case_with_urls
    stored, given = servers(Socks5Proxy()), servers(Socks5Proxy())
    # Stored resolves names through the proxy, given does not: the warning follows the proxy in use.
    _store_proxy(cli, stored.url("socks5h"))
    warned = _monitor(cli, case, "--proxy", given.url("socks5"))
    assert warned.returncode == 0, warned.stderr
    assert "looks up the site names itself" in warned.stderr
    assert given.seen and stored.seen == []
    # The other way round: a socks5h:// given for the run, a socks5:// stored: no warning, the given one used.
    _store_proxy(cli, given.url("socks5"))
    before = len(given.seen)
    quiet = _monitor(cli, case, "--proxy", stored.url("socks5h"))
    assert quiet.returncode == 0, quiet.stderr
    assert "looks up the site names itself" not in quiet.stderr
    assert stored.seen and len(given.seen) == before
    rows = [json.loads(line) for line in quiet.stdout.splitlines()]
    assert {r["url"].rsplit("/", 1)[1]: r["outcome"] for r in rows}["live"] == "reachable"


@pytest.mark.parametrize(("answer", "code"), [("y\n", 0), ("\n", 1), ("no\n", 1)])
def test_ask_once_on_a_terminal(
    case_with_urls: tuple[Cli, Site, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    answer: str,
    code: int,
) -> None:
    cli, site, case = case_with_urls
    from victim_desk.cli import main

    terminal = io.StringIO(answer)
    terminal.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stdin", terminal)
    monkeypatch.setenv("VICTIM_DESK_PASSPHRASE", PASSPHRASE)
    status = main(["--vault", str(cli.vault), "--lang", "en", "monitor", "--case", case, "--online",
                   "--timeout", "0.3", "--interval", "0"])  # fmt: skip
    captured = capsys.readouterr()
    assert "Check this case's 3 addresses (1 sites) online?" in captured.err
    assert status == code
    assert (len(site.seen) == 3) is (code == 0)
    if code:
        assert "nothing was checked and nothing was sent" in captured.err
