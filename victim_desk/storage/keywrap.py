"""The vault's database key and the ways it is wrapped.

The SQLCipher database is keyed with a random 256-bit key that never touches disk in the clear. It is kept
in `key.json` beside the database only wrapped (AES-256-GCM): by a key derived from the passphrase with
Argon2id, whose parameters are stored with it and tuned on this computer so unlocking takes about half a
second. Changing the passphrase re-wraps the same key, so the database itself is never rewritten for it.
The optional OS-keyring wrap lives in `os_keyring.py`.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from victim_desk.errors import PassphraseTooShort, VaultCorrupt, WrongPassphrase

KEY_BYTES = 32
MIN_PASSPHRASE = 8
KEYFILE_FORMAT = 1
# The associated data binds a wrapped key to its purpose, so a wrap cannot be swapped between slots.
_AAD_PASSPHRASE = b"victim_desk/v1/passphrase-wrap"

# OWASP's minimum for Argon2id (19 MiB, 2 passes) is the floor whatever the calibration says.
_FLOOR_MEMORY_KIB = 19 * 1024
_FLOOR_TIME_COST = 2
_DEFAULT_MEMORY_KIB = 64 * 1024
_DEFAULT_TARGET_SECONDS = 0.5


@dataclass(frozen=True)
class KdfParams:
    time_cost: int
    memory_kib: int
    parallelism: int
    salt: str  # base64

    def derive(self, passphrase: str) -> bytes:
        return hash_secret_raw(
            passphrase.encode("utf-8"),
            _b64d(self.salt),
            time_cost=self.time_cost,
            memory_cost=self.memory_kib,
            parallelism=self.parallelism,
            hash_len=KEY_BYTES,
            type=Type.ID,
        )


@dataclass(frozen=True)
class Wrapped:
    nonce: str  # base64
    ciphertext: str  # base64, includes the GCM tag


def new_database_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseTooShort(minimum=MIN_PASSPHRASE)


def _target_seconds() -> float:
    # Tests and very slow machines may ask for a faster unlock; the OWASP floor still holds.
    raw = os.environ.get("VICTIM_DESK_KDF_TARGET_MS")
    if raw:
        try:
            return max(0.0, float(raw) / 1000)
        except ValueError:
            pass
    return _DEFAULT_TARGET_SECONDS


def calibrate(target_seconds: float | None = None) -> KdfParams:
    """Argon2id parameters that take about `target_seconds` on this computer."""
    target = _target_seconds() if target_seconds is None else target_seconds
    salt = _b64e(secrets.token_bytes(16))
    memory = _DEFAULT_MEMORY_KIB if target >= 0.2 else _FLOOR_MEMORY_KIB
    probe = KdfParams(time_cost=1, memory_kib=memory, parallelism=1, salt=salt)
    # The first run pays for faulting in the memory; the best of three is what an unlock will cost.
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        probe.derive("calibration")
        runs.append(time.perf_counter() - started)
    per_pass = max(min(runs), 1e-4)
    time_cost = max(_FLOOR_TIME_COST, min(64, round(target / per_pass)))
    return KdfParams(time_cost=time_cost, memory_kib=memory, parallelism=1, salt=salt)


def wrap(key: bytes, wrapping_key: bytes, aad: bytes) -> Wrapped:
    nonce = secrets.token_bytes(12)
    return Wrapped(nonce=_b64e(nonce), ciphertext=_b64e(AESGCM(wrapping_key).encrypt(nonce, key, aad)))


def unwrap(wrapped: Wrapped, wrapping_key: bytes, aad: bytes) -> bytes:
    """The key inside `wrapped`; raises InvalidTag when `wrapping_key` is not the one it was wrapped with."""
    key = AESGCM(wrapping_key).decrypt(_b64d(wrapped.nonce), _b64d(wrapped.ciphertext), aad)
    if len(key) != KEY_BYTES:
        raise VaultCorrupt()
    return key


@dataclass(frozen=True)
class KeyFile:
    """What `key.json` holds: never a key in the clear."""

    kdf: KdfParams
    passphrase_wrap: Wrapped
    keyring_backend: str | None = None  # which OS key store holds the second wrap, if the user asked
    keyring_id: str | None = None

    @classmethod
    def create(cls, key: bytes, passphrase: str, kdf: KdfParams | None = None) -> KeyFile:
        check_passphrase(passphrase)
        params = kdf or calibrate()
        return cls(kdf=params, passphrase_wrap=wrap(key, params.derive(passphrase), _AAD_PASSPHRASE))

    def unlock(self, passphrase: str) -> bytes:
        try:
            return unwrap(self.passphrase_wrap, self.kdf.derive(passphrase), _AAD_PASSPHRASE)
        except InvalidTag:
            raise WrongPassphrase() from None

    def rewrapped(self, key: bytes, new_passphrase: str) -> KeyFile:
        """The same database key under a new passphrase, with fresh salt and freshly tuned cost."""
        check_passphrase(new_passphrase)
        params = calibrate()
        return KeyFile(
            kdf=params,
            passphrase_wrap=wrap(key, params.derive(new_passphrase), _AAD_PASSPHRASE),
            keyring_backend=self.keyring_backend,
            keyring_id=self.keyring_id,
        )

    def with_keyring(self, backend: str | None, keyring_id: str | None) -> KeyFile:
        return KeyFile(self.kdf, self.passphrase_wrap, backend, keyring_id)

    def to_json(self) -> str:
        body = {
            "format": KEYFILE_FORMAT,
            "cipher": "AES-256-GCM",
            "kdf": {"algorithm": "argon2id", **asdict(self.kdf)},
            "passphrase_wrap": asdict(self.passphrase_wrap),
            "keyring": {"backend": self.keyring_backend, "id": self.keyring_id},
        }
        return json.dumps(body, indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> KeyFile:
        try:
            body = json.loads(text)
            if body.get("format") != KEYFILE_FORMAT:
                raise ValueError("format")
            kdf = body["kdf"]
            if kdf.get("algorithm") != "argon2id":
                raise ValueError("kdf")
            params = KdfParams(
                time_cost=int(kdf["time_cost"]),
                memory_kib=int(kdf["memory_kib"]),
                parallelism=int(kdf["parallelism"]),
                salt=str(kdf["salt"]),
            )
            pw = body["passphrase_wrap"]
            ring = body.get("keyring") or {}
            return cls(
                kdf=params,
                passphrase_wrap=Wrapped(nonce=str(pw["nonce"]), ciphertext=str(pw["ciphertext"])),
                keyring_backend=ring.get("backend"),
                keyring_id=ring.get("id"),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            raise VaultCorrupt() from None

    def save(self, path: Path) -> None:
        """Write atomically: a crash leaves either the old or the new file, never half of one."""
        tmp = path.with_name(path.name + ".new")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(fd, "w", encoding="utf-8") as f:
            f.write(self.to_json())
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        _fsync_dir(path.parent)

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        try:
            return cls.from_json(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            raise VaultCorrupt() from None


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open directories; its rename is durable enough there.
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _b64e(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _b64d(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except ValueError:
        raise VaultCorrupt() from None
