"""Passphrases and key material never reach a log, an exception, a settings file or the terminal.

A full CLI session in this process (so every DeskError raised can be recorded): create, wrong passphrase,
passphrase change, backup and restore (also with a wrong passphrase), damaged key.json, an encrypted
package and its verify with a wrong and the right package passphrase, show-key, and an unexpected error on
the logging path. Then the secrets (each passphrase; the database key as bytes, hex and base64; the
signing key's private half the same ways) are searched in: every recorded DeskError's repr, str, args,
params and both messages; everything printed; every file under the isolated HOME and XDG folders (logs,
settings, caches); and the vault's own settings table. The GUI's clipboard is covered by
test_gui_session_leaves_nothing.py."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from victim_desk import errors
from victim_desk.cli import commands, main
from victim_desk.desk import Desk
from victim_desk.storage.vault import KEY_NAME

NEW_PASSPHRASE = "새 비밀문구 violet harbour 2026"
PACKAGE_PASSPHRASE = "꾸러미 암호 amber lighthouse 77"
WRONG = "틀린 비밀문구 grey pelican 4401"


def _forms(secret: bytes) -> list[bytes]:
    return [secret, secret.hex().encode(), secret.hex().upper().encode(), base64.b64encode(secret)]


def _needles(key: bytes, signing_private: bytes) -> dict[str, bytes]:
    needles: dict[str, bytes] = {}
    for name, text in (("passphrase", PASSPHRASE), ("new passphrase", NEW_PASSPHRASE),
                       ("package passphrase", PACKAGE_PASSPHRASE), ("wrong passphrase", WRONG)):  # fmt: skip
        for encoding in ("utf-8", "utf-16-le"):
            needles[f"{name}/{encoding}"] = text.encode(encoding)
    for name, secret in (("database key", key), ("signing key", signing_private)):
        for n, form in enumerate(_forms(secret)):
            needles[f"{name}/{n}"] = form
    assert min(len(n) for n in needles.values()) >= 8
    return needles


def test_no_secret_in_errors_logs_settings_or_output(
    tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    raised: list[errors.DeskError] = []
    original_init = errors.DeskError.__init__

    def recording_init(self: errors.DeskError, **params: object) -> None:
        original_init(self, **params)
        raised.append(self)

    monkeypatch.setattr(errors.DeskError, "__init__", recording_init)
    vault, backup, package = tmp_path / "vault", tmp_path / "b.vdbackup", tmp_path / "p.zip"
    base = ["--vault", str(vault)]

    def run(*args: str, passphrase: str | None = PASSPHRASE, **env: str) -> int:
        for name in (
            "VICTIM_DESK_PASSPHRASE",
            "VICTIM_DESK_NEW_PASSPHRASE",
            "VICTIM_DESK_PACKAGE_PASSPHRASE",
        ):
            monkeypatch.delenv(name, raising=False)
        if passphrase is not None:
            monkeypatch.setenv("VICTIM_DESK_PASSPHRASE", passphrase)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return main([*base, *args])

    assert run("vault", "init") == 0
    assert run("profile", "set", "--name", "Secret Tester", "--email", "secret@example.org") == 0
    assert run("case", "add", "--title", "secrets") == 0
    assert run("sighting", "add", "--case", "1", "--url", "https://t.me/secretroom/1") == 0
    assert run("case", "list", passphrase=WRONG) != 0
    assert run("vault", "passwd", VICTIM_DESK_NEW_PASSPHRASE=NEW_PASSPHRASE) == 0
    assert run("vault", "backup", "-o", str(backup), passphrase=NEW_PASSPHRASE) == 0
    assert run("vault", "restore", str(backup), "--vault", str(tmp_path / "r1"), passphrase=WRONG) != 0
    assert (
        run("vault", "restore", str(backup), "--vault", str(tmp_path / "r2"), passphrase=NEW_PASSPHRASE) == 0
    )
    assert run("export", "--case", "1", "-o", str(package), "--encrypt", passphrase=NEW_PASSPHRASE,
               VICTIM_DESK_PACKAGE_PASSPHRASE=PACKAGE_PASSPHRASE) == 0  # fmt: skip
    assert run("verify", str(package), passphrase=None, VICTIM_DESK_PACKAGE_PASSPHRASE=WRONG) != 0
    assert (
        run("verify", str(package), passphrase=None, VICTIM_DESK_PACKAGE_PASSPHRASE=PACKAGE_PASSPHRASE) == 0
    )
    assert run("vault", "show-key", passphrase=NEW_PASSPHRASE) == 0

    # the unexpected-error path, which writes the log, with the secrets in the exception's text
    def crash(args: object, lang: str) -> int:
        raise RuntimeError(f"{NEW_PASSPHRASE} {PACKAGE_PASSPHRASE}")

    case_list = commands.case_list
    monkeypatch.setattr(commands, "case_list", crash)
    assert run("case", "list", passphrase=NEW_PASSPHRASE) == 1
    monkeypatch.setattr(commands, "case_list", case_list)

    with Desk.open(vault, NEW_PASSPHRASE) as desk:
        key = bytes(desk._vault._key)
        signing_private = desk.packages.signing_key().private
        settings = json.dumps(
            desk._vault.conn.execute("SELECT * FROM settings").fetchall(), ensure_ascii=False
        )
    body = json.loads((vault / KEY_NAME).read_text(encoding="utf-8"))
    (vault / KEY_NAME).write_text(json.dumps({**body, "checksum": "0" * 64}), encoding="utf-8")
    assert main([*base, "vault", "check"]) != 0  # a damaged key file, reported with its own error

    needles = _needles(key, signing_private)
    printed = capsys.readouterr()
    places: dict[str, bytes] = {"stdout": printed.out.encode(), "stderr": printed.err.encode(),
                                "vault settings": settings.encode()}  # fmt: skip
    assert len(raised) >= 4, "the error paths were not reached: the test would prove nothing"
    for n, exc in enumerate(raised):
        text = " ".join([repr(exc), str(exc), repr(exc.args), repr(exc.params), exc.message("ko"),
                         exc.message("en")])  # fmt: skip
        places[f"error {n} {type(exc).__name__}"] = text.encode("utf-8", "surrogatepass")
    for path in isolated_home.rglob("*"):
        if path.is_file():
            places[str(path)] = path.read_bytes()
    leaks = [f"{label} in {where}" for where, data in places.items() for label, needle in needles.items()
             if needle in data]  # fmt: skip
    assert leaks == []
    logs = [p for p in isolated_home.rglob("*.log")]
    assert logs, "the unexpected-error path wrote no log: the log was not searched"
