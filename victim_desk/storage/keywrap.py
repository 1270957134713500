"""The vault's database key and the ways it is wrapped.

The SQLCipher database is keyed with a random 256-bit key that never touches disk in the clear. It is kept
in `key.json` beside the database only wrapped (AES-256-GCM): by a key derived from the passphrase with
Argon2id, whose parameters are stored with it and tuned on this computer so unlocking takes about half a
second. Changing the passphrase re-wraps the same key, so the database itself is never rewritten for it.
The optional OS-keyring wrap lives in `os_keyring.py`.

key.json carries a SHA-256 checksum over its fields so that accidental damage (a flipped bit, a truncated
copy) reads as "the key file is damaged" instead of "wrong passphrase". It is not a defence against
tampering (anyone can recompute it); the AES-GCM tag is. Files written before the checksum existed still
open. The Argon2 parameters come from the file, so they are bounded before any derivation: a crafted or
damaged file cannot make unlocking hang or exhaust memory.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import secrets
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from victim_desk.errors import (
    KdfParamsRefused,
    KeyFileDamaged,
    PassphraseTooShort,
    VaultCorrupt,
    WrongPassphrase,
)

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
_MAX_CALIBRATED_TIME_COST = 64

# What a key file may ask for. Calibration never writes more than 64 passes over 64 MiB; these bounds leave
# room above that (other computers, future tuning) while refusing what would hang or exhaust memory.
MAX_MEMORY_KIB = 1024 * 1024  # 1 GiB
MAX_TIME_COST = _MAX_CALIBRATED_TIME_COST
MAX_PARALLELISM = 16
# Total work (passes x memory): a 1 GiB file may ask for 4 passes, a 64 MiB one for 64, never both.
MAX_WORK_KIB = _MAX_CALIBRATED_TIME_COST * _DEFAULT_MEMORY_KIB
_MIN_SALT_BYTES = 8  # Argon2's own minimum
_NONCE_BYTES = 12
_WRAPPED_BYTES = KEY_BYTES + 16  # the key and the GCM tag
_FIELDS = {"format", "cipher", "kdf", "passphrase_wrap", "keyring", "checksum"}


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
    time_cost = max(_FLOOR_TIME_COST, min(_MAX_CALIBRATED_TIME_COST, round(target / per_pass)))
    return KdfParams(time_cost=time_cost, memory_kib=memory, parallelism=1, salt=salt)


def wrap(key: bytes, wrapping_key: bytes, aad: bytes) -> Wrapped:
    nonce = secrets.token_bytes(12)
    return Wrapped(nonce=_b64e(nonce), ciphertext=_b64e(AESGCM(wrapping_key).encrypt(nonce, key, aad)))


def unwrap(wrapped: Wrapped, wrapping_key: bytes, aad: bytes) -> bytes:
    """The key inside `wrapped`; raises InvalidTag when `wrapping_key` is not the one it was wrapped with."""
    key = AESGCM(wrapping_key).decrypt(_b64d(wrapped.nonce), _b64d(wrapped.ciphertext), aad)
    if len(key) != KEY_BYTES:
        raise KeyFileDamaged()
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
        body: dict[str, object] = {
            "format": KEYFILE_FORMAT,
            "cipher": "AES-256-GCM",
            "kdf": {"algorithm": "argon2id", **asdict(self.kdf)},
            "passphrase_wrap": asdict(self.passphrase_wrap),
            "keyring": {"backend": self.keyring_backend, "id": self.keyring_id},
        }
        body["checksum"] = _checksum(body)
        return json.dumps(body, indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> KeyFile:
        """Parse and check a key file; any damage raises KeyFileDamaged, absurd KDF costs KdfParamsRefused.

        Nothing here derives a key, so a refused file costs no time and no memory.
        """
        try:
            body = json.loads(text)
            if not isinstance(body, dict) or not set(body) <= _FIELDS:
                raise ValueError("fields")
            if "checksum" in body and body["checksum"] != _checksum(body):
                raise ValueError("checksum")
            if body.get("format") != KEYFILE_FORMAT:
                raise ValueError("format")
            kdf = body["kdf"]
            if kdf.get("algorithm") != "argon2id":
                raise ValueError("kdf")
            params = KdfParams(
                time_cost=_int(kdf["time_cost"]),
                memory_kib=_int(kdf["memory_kib"]),
                parallelism=_int(kdf["parallelism"]),
                salt=_str(kdf["salt"]),
            )
            pw = body["passphrase_wrap"]
            wrapped = Wrapped(nonce=_str(pw["nonce"]), ciphertext=_str(pw["ciphertext"]))
            if len(_b64d(wrapped.nonce)) != _NONCE_BYTES or len(_b64d(wrapped.ciphertext)) != _WRAPPED_BYTES:
                raise ValueError("wrap")
            if len(_b64d(params.salt)) < _MIN_SALT_BYTES or params.time_cost < 1 or params.parallelism < 1:
                raise ValueError("kdf")
            if params.memory_kib < 8 * params.parallelism:
                raise ValueError("kdf")  # below Argon2's own minimum: no calibration ever wrote it
            ring = body.get("keyring") or {}
            backend, ring_id = ring.get("backend"), ring.get("id")
            if not all(v is None or isinstance(v, str) for v in (backend, ring_id)):
                raise ValueError("keyring")
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError, VaultCorrupt):
            raise KeyFileDamaged() from None
        check_kdf_bounds(params)
        return cls(kdf=params, passphrase_wrap=wrapped, keyring_backend=backend, keyring_id=ring_id)

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
            text = path.read_bytes()
        except OSError:
            raise VaultCorrupt() from None
        try:
            return cls.from_json(text.decode("utf-8"))
        except UnicodeDecodeError:
            raise KeyFileDamaged() from None


def check_kdf_bounds(params: KdfParams) -> None:
    """Refuse Argon2 costs no calibration writes (see MAX_*), before anything is derived with them."""
    if (
        params.memory_kib > MAX_MEMORY_KIB
        or params.time_cost > MAX_TIME_COST
        or params.parallelism > MAX_PARALLELISM
        or params.time_cost * params.memory_kib > MAX_WORK_KIB
    ):
        raise KdfParamsRefused()


def _checksum(body: dict[str, object]) -> str:
    """SHA-256 over the file's fields (all but the checksum), in one canonical JSON form."""
    fields = {k: v for k, v in body.items() if k != "checksum"}
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return "sha256:" + hashlib.sha256(canonical.encode("ascii")).hexdigest()


def _int(value: object) -> int:
    # bool is an int in Python, and "64" or 64.5 are not what this app writes: both mean damage.
    if type(value) is not int:
        raise ValueError("int")
    return value


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("str")
    return value


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
    except (ValueError, binascii.Error):
        raise KeyFileDamaged() from None
