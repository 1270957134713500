"""Bad vault inputs, shared by the CI test and the long run: wrong passphrases, a truncated vault.db, a
flipped bit anywhere in vault.db or key.json.

For every attempt: opening is refused with a clear DeskError (never a wrong-passphrase message for damage,
never a raw exception) or, when the damaged page is not needed to open, `vault check` reports the damage;
the vault's files are byte for byte what they were; and the backup made before still restores everything.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from victim_desk.desk import Desk
from victim_desk.errors import DeskError, UnexpectedError, WrongPassphrase
from victim_desk.storage.vault import DB_NAME, KEY_NAME

PASSPHRASE = "바다 위 고래 seven lanterns"


@dataclass
class DamageTally:
    attempts: int = 0
    wrong_passphrases: int = 0
    truncations: int = 0
    vault_bit_flips: int = 0
    key_bit_flips: int = 0
    refused_on_open: int = 0
    found_by_check: int = 0
    restores: int = 0
    problems: list[str] = field(default_factory=list)


def make_vault(root: Path) -> tuple[Path, Path, int, int]:
    """A closed vault with several pages of rows, and its backup. Returns (vault, backup, case, rows)."""
    vault = root / "vault"
    urls = root / "urls.txt"
    urls.write_text(
        "".join(f"https://t.me/damageroom/{n}/{'x' * 80}\n" for n in range(200)), encoding="utf-8"
    )
    with Desk.create(vault, PASSPHRASE) as desk:
        case = desk.cases.add("damage sweep")
        rows = len(desk.sightings.import_file(case, urls).added)
        desk.admin.backup(root / "backup.vdbackup")
    return vault, root / "backup.vdbackup", case, rows


def _snapshot(vault: Path) -> dict[str, bytes]:
    return {name: (vault / name).read_bytes() for name in (DB_NAME, KEY_NAME)}


def _attempt(vault: Path, passphrase: str, tally: DamageTally, label: str, *, wrong: bool) -> None:
    before = _snapshot(vault)
    try:
        with Desk.open(vault, passphrase) as desk:
            sound = desk.admin.check().sound
        if wrong:
            tally.problems.append(f"{label}: a wrong passphrase opened the vault")
        elif sound:
            tally.problems.append(f"{label}: damage not found by vault check")
        else:
            tally.found_by_check += 1
    except UnexpectedError:
        tally.problems.append(f"{label}: UnexpectedError")
    except WrongPassphrase:
        if wrong:
            tally.refused_on_open += 1
        else:
            tally.problems.append(f"{label}: damage reported as a wrong passphrase")
    except DeskError as exc:
        if wrong:
            tally.problems.append(f"{label}: wrong passphrase reported as {type(exc).__name__}")
        else:
            tally.refused_on_open += 1
    except Exception as exc:
        tally.problems.append(f"{label}: raw {type(exc).__name__}")
    after = _snapshot(vault)
    if after != before:
        tally.problems.append(f"{label}: the vault's files changed")
    tally.attempts += 1


def run(root: Path, attempts: int, seed: int) -> DamageTally:
    """`attempts` bad inputs, a quarter of each kind, then a restore of the backup checked row for row."""
    tally, rng = DamageTally(), random.Random(seed)
    vault, backup, case, rows = make_vault(root)
    pristine = _snapshot(vault)
    db_size = len(pristine[DB_NAME])
    for n in range(attempts):
        kind = n % 4
        damaged = dict(pristine)
        if kind == 0:
            wrong = rng.choice([PASSPHRASE[:-1], PASSPHRASE + " ", PASSPHRASE.upper(), "",
                                "x" * rng.randint(1, 64),
                                PASSPHRASE.replace("고래", "고레")])  # fmt: skip
            for name, data in damaged.items():
                (vault / name).write_bytes(data)
            _attempt(vault, wrong, tally, f"wrong passphrase {n}", wrong=True)
            tally.wrong_passphrases += 1
            continue
        if kind == 1:
            cut = rng.choice([0, 1, 15, 16, 100, 4095, 4096, 4097, rng.randrange(db_size), db_size - 1,
                              (rng.randrange(db_size) // 4096) * 4096])  # fmt: skip
            damaged[DB_NAME] = pristine[DB_NAME][:cut]
            tally.truncations += 1
            label = f"vault.db cut at {cut}"
        else:
            name = DB_NAME if kind == 2 else KEY_NAME
            data = bytearray(pristine[name])
            offset = rng.randrange(len(data))
            data[offset] ^= 1 << rng.randrange(8)
            damaged[name] = bytes(data)
            if kind == 2:
                tally.vault_bit_flips += 1
            else:
                tally.key_bit_flips += 1
            label = f"bit flipped in {name} at {offset}"
        for name, data in damaged.items():
            (vault / name).write_bytes(data)
        for extra in (vault / f"{DB_NAME}-wal", vault / f"{DB_NAME}-shm"):
            extra.unlink(missing_ok=True)
        _attempt(vault, PASSPHRASE, tally, label, wrong=False)
    shutil.rmtree(vault)
    with Desk.restore(backup, root / "restored", PASSPHRASE) as desk:
        restored = len(list(desk.sightings.list(case)))
        if restored != rows + 0 or not desk.admin.check().sound:
            tally.problems.append(f"the backup restored {restored} of {rows} rows")
        tally.restores += 1
    return tally
