"""Re-checking a case's addresses online, only with consent, and recording what each check showed.

Any network contact can reveal the person the case is about, so the vault holds a three-state setting
(`NetworkConsent`): `ask` (the default: every run needs an explicit yes), `never` (refused outright, whatever
a command line says), `allowed`. `run()` enforces it itself, so no front end can forget to.

A run reads the sightings, lets `net/` check them with no transaction open, and saves the results in short
transactions, one per batch of results that arrived together: the vault is never locked while a server
takes its time, a crash keeps every result already saved, and a cancel stops new requests at once.
Each saved check adds a row to `url_checks` (history), sets the sighting's `last_checked`, moves its
status when the check proves something (found/requested -> removed; removed -> reappeared), and appends a
`sighting.check` audit event with the outcome and its reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from victim_desk.core.cancel import CancelToken, Progress
from victim_desk.core.model import Sighting
from victim_desk.core.rechecks import CheckPlan, NetworkConsent, RecordedCheck, plan, record_of
from victim_desk.errors import InvalidNetworkSetting, NetworkConsentNeeded, NetworkNeverAllowed
from victim_desk.storage.tables import settings as settings_table
from victim_desk.storage.tables import sightings as sightings_table
from victim_desk.storage.tables import url_checks as table
from victim_desk.storage.vault import Vault

from .cases import Cases
from .unit import change

if TYPE_CHECKING:
    from victim_desk.net.checker import CheckerConfig

CONSENT_KEY = "network.consent"
PROXY_KEY = "network.proxy"


@dataclass(frozen=True)
class PlannedCheck:
    """A sighting, what a check would request for it, and its last recorded check (if any)."""

    sighting: Sighting
    plan: CheckPlan
    last: RecordedCheck | None


@dataclass
class RecheckReport:
    total: int
    checked: list[RecordedCheck] = field(default_factory=list)
    cancelled: bool = False


class Rechecks:
    def __init__(self, vault: Vault, cases: Cases) -> None:
        self._vault = vault
        self._cases = cases

    # --- consent ----------------------------------------------------------------------------------

    def consent(self) -> NetworkConsent:
        value = settings_table.get_setting(self._vault.conn, CONSENT_KEY)
        try:
            return NetworkConsent(value) if value is not None else NetworkConsent.ASK
        except ValueError:
            # An unreadable value must never mean "allowed".
            return NetworkConsent.NEVER

    def set_consent(self, value: str) -> NetworkConsent:
        try:
            consent = NetworkConsent(value)
        except ValueError:
            raise InvalidNetworkSetting(
                value=value, choices=", ".join(c.value for c in NetworkConsent)
            ) from None
        with change(self._vault) as c:
            settings_table.set_setting(c.conn, c.audit, CONSENT_KEY, consent.value)
        return consent

    def proxy(self) -> str | None:
        """The proxy every run goes through unless one is given for the run (None: a direct connection)."""
        return settings_table.get_setting(self._vault.conn, PROXY_KEY) or None

    def proxy_for_run(self, given: str | None = None) -> str | None:
        """The proxy a run goes through: `given` for this run (checked like --proxy; it wins), else the
        stored one. What the run says about its connection (the prompt, the DNS warning) must use this,
        not only what was typed on the command line."""
        from victim_desk.net.checker import check_proxy

        return check_proxy(given) if given else self.proxy()

    def set_proxy(self, value: str | None) -> str | None:
        """Keep `value` (checked like --proxy; empty or None: no proxy). The audit shows it without any
        user name or password in it, as packages and referrals may carry the audit trail."""
        from victim_desk.net.checker import check_proxy

        proxy = check_proxy(value) if value and value.strip() else ""
        with change(self._vault) as c:
            settings_table.set_setting(c.conn, c.audit, PROXY_KEY, proxy, shown=_without_credentials)
        return proxy or None

    def require_permission(self, allow_once: bool) -> None:
        """Raise unless this run may go online: `never` always refuses; `ask` needs `allow_once` (the
        person said yes to this run); `allowed` needs nothing more."""
        consent = self.consent()
        if consent is NetworkConsent.NEVER:
            raise NetworkNeverAllowed()
        if consent is NetworkConsent.ASK and not allow_once:
            raise NetworkConsentNeeded()

    # --- planning (no network) --------------------------------------------------------------------

    def plan(self, case_id: int) -> list[PlannedCheck]:
        """What a run would check for the case, with each address's last result. Touches no network."""
        self._cases.require(case_id)
        conn = self._vault.conn
        latest = table.latest_checks(conn, case_id)
        return [
            PlannedCheck(s, plan(s.url), latest.get(s.id))
            for s in sightings_table.list_sightings(conn, case_id)
        ]

    def history(self, case_id: int) -> dict[int, RecordedCheck]:
        """The last recorded check of each checked sighting of the case."""
        self._cases.require(case_id)
        return table.latest_checks(self._vault.conn, case_id)

    # --- checking (network) -----------------------------------------------------------------------

    def run(
        self,
        case_id: int,
        *,
        allow_once: bool = False,
        proxy: str | None = None,
        config: CheckerConfig | None = None,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
        on_result: Callable[[RecordedCheck], None] | None = None,
    ) -> RecheckReport:
        """Check every sighting of the case online and record each result (see the module docstring)."""
        self.require_permission(allow_once)
        # Imported here: `requests` and friends cost start-up time every other command should not pay.
        from victim_desk.net.checker import Checker, CheckerConfig, check_proxy

        config = config or CheckerConfig()
        proxy = proxy if proxy is not None else self.proxy()
        if proxy is not None:
            config = replace(config, fetch=replace(config.fetch, proxy=check_proxy(proxy)))
        checker = Checker(config)
        via_proxy = bool(config.fetch.proxy)
        planned = self.plan(case_id)
        report = RecheckReport(total=len(planned))
        if progress:
            progress(0, report.total)
        work = [(p.sighting.id, p.plan) for p in planned]
        for batch in checker.run(work, cancel):
            with change(self._vault) as c:
                now = table.statuses(c.conn, (sid for sid, _ in batch))
                saved = [
                    (now[sid][0], record_of(sid, now[sid][1], result, via_proxy))
                    for sid, result in batch
                    if sid in now
                ]
                table.record_checks(c.conn, c.audit, saved)
            for _, check in saved:
                report.checked.append(check)
                if on_result:
                    on_result(check)
            if progress:
                progress(len(report.checked), report.total)
        report.cancelled = cancel is not None and cancel.cancelled
        return report


def _without_credentials(proxy: str) -> str:
    """The proxy address with any user:password@ replaced by ***@."""
    scheme, sep, rest = proxy.partition("://")
    if not sep or "@" not in rest.split("/", 1)[0]:
        return proxy
    return f"{scheme}://***@{rest.split('@', 1)[1]}"
