"""The evidence package's format: its members, the SHA256SUMS file, the signing key, and the ZIP writer.

A package is what leaves the computer for the police, a lawyer, the Center or a court, so everything in it
must be checkable with ordinary tools by someone who does not trust this app:

- `SHA256SUMS` lists every other member in the format `sha256sum -c` reads (`<hex>  <name>` lines, LF);
  only the files that sign it (`SHA256SUMS.sig`, `SHA256SUMS.tsr`) are outside it.
- `SHA256SUMS.sig` is a raw Ed25519 signature over the exact bytes of SHA256SUMS, and `key.pem` the
  public key (SubjectPublicKeyInfo PEM), so `openssl pkeyutl -verify -pubin -inkey key.pem -rawin
  -in SHA256SUMS -sigfile SHA256SUMS.sig` checks it. A signature alone proves nothing about *who* signed
  (anyone can make a key); the key's fingerprint, told to the recipient by another channel, does.
- Members are written one at a time through a hashing stream (`PackageWriter.member`), so a case with
  10,000 sightings never needs its whole package in memory.

Pure: no SQL, no network. The application layer (`app/packages.py`) feeds it the case.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

FORMAT = "victim-desk-evidence-package"
FORMAT_VERSION = 1

SUMS = "SHA256SUMS"
SIGNATURE = "SHA256SUMS.sig"
TIMESTAMP = "SHA256SUMS.tsr"
KEY = "key.pem"
MANIFEST = "manifest.json"
REPORT = "report.pdf"
SIGHTINGS_CSV = "sightings.csv"
AUDIT = "audit.jsonl"
LETTERS_DIR = "letters/"
ORIGINALS_DIR = "originals/"

# The members that sign SHA256SUMS cannot be listed in it; everything else is.
UNSUMMED = frozenset({SUMS, SIGNATURE, TIMESTAMP})
REQUIRED = (SUMS, SIGNATURE, KEY, MANIFEST, REPORT, SIGHTINGS_CSV, AUDIT)

# Names this app writes: plain ASCII, no spaces, so `sha256sum -c` needs no escaping on any system.
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$")
_SUM_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")


# --- the signing key ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SigningKey:
    """The vault's Ed25519 key pair as raw 32-byte halves."""

    private: bytes
    public: bytes

    @classmethod
    def generate(cls) -> SigningKey:
        key = Ed25519PrivateKey.generate()
        return cls(private_raw(key), public_raw(key.public_key()))

    def sign(self, data: bytes) -> bytes:
        return Ed25519PrivateKey.from_private_bytes(self.private).sign(data)

    @property
    def fingerprint(self) -> str:
        return key_fingerprint(self.public)

    def public_pem(self) -> bytes:
        return Ed25519PublicKey.from_public_bytes(self.public).public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )


def private_raw(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def public_raw(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_fingerprint(public: bytes) -> str:
    """SHA-256 of the raw public key, hex in groups of four, so two people can read it to each other."""
    digest = hashlib.sha256(public).hexdigest()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def normalise_fingerprint(text: str) -> str:
    """A fingerprint as typed (spaces, colons, capitals) reduced to its 64 hex digits."""
    return re.sub(r"[^0-9a-f]", "", text.lower())


def load_public_pem(data: bytes) -> bytes | None:
    """The raw Ed25519 public key in a PEM, or None when it is not one."""
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError):
        return None
    return public_raw(key) if isinstance(key, Ed25519PublicKey) else None


def signature_holds(public: bytes, signature: bytes, data: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


# --- SHA256SUMS -----------------------------------------------------------------------------------------


def safe_member_name(name: str) -> bool:
    return bool(_SAFE_NAME.match(name)) and ".." not in name


def sums_bytes(entries: Iterable[tuple[str, str]]) -> bytes:
    """`sha256sum` text mode lines for (name, hex digest) pairs, in the order given."""
    return "".join(f"{digest}  {name}\n" for name, digest in entries).encode("ascii")


class SumsInvalid(ValueError):
    """SHA256SUMS is not in the format sha256sum writes (the line number says where)."""

    def __init__(self, line: int) -> None:
        super().__init__(f"line {line}")
        self.line = line


def parse_sums(data: bytes) -> dict[str, str]:
    """name -> hex digest; raises `SumsInvalid` on a malformed or repeated line."""
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        raise SumsInvalid(1) from None
    found: dict[str, str] = {}
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for number, line in enumerate(lines, 1):
        match = _SUM_LINE.match(line)
        if match is None or match.group(2) in found:
            raise SumsInvalid(number)
        found[match.group(2)] = match.group(1)
    return found


# --- writing ----------------------------------------------------------------------------------------------


class _HashingStream:
    """A write-only stream that hashes what passes through it on its way into the ZIP member."""

    def __init__(self, target: IO[bytes]) -> None:
        self._target = target
        self.sha256 = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self.sha256.update(data)
        self.size += len(data)
        self._target.write(data)
        return len(data)


class _TextStream:
    """Text written as UTF-8 into a hashing stream (csv and json write str)."""

    def __init__(self, target: _HashingStream) -> None:
        self._target = target

    def write(self, text: str) -> int:
        self._target.write(text.encode("utf-8"))
        return len(text)


@dataclass
class PackageWriter:
    """Writes members into a ZIP (AES-256 when a passphrase is given), hashing each as it goes.

    `finish(sign)` writes SHA256SUMS over every member written, then its signature; `add_timestamp`
    then adds the token over it. The ZIP is written with `pyzipper`, whose WinZip AES (AE-2) encryption
    7-Zip, WinZip, PeaZip and Keka open; without a passphrase it is an ordinary deflated ZIP.
    """

    target: IO[bytes]
    passphrase: str | None = None
    digests: list[tuple[str, str]] = field(default_factory=list)
    _zip: Any = None

    def __post_init__(self) -> None:
        import pyzipper

        if self.passphrase:
            self._zip = pyzipper.AESZipFile(self.target, "w", compression=pyzipper.ZIP_DEFLATED,
                                            encryption=pyzipper.WZ_AES, compresslevel=6)  # fmt: skip
            self._zip.setpassword(self.passphrase.encode("utf-8"))
            self._zip.setencryption(pyzipper.WZ_AES, nbits=256)
        else:
            self._zip = pyzipper.ZipFile(self.target, "w", compression=pyzipper.ZIP_DEFLATED, compresslevel=6)

    @contextlib.contextmanager
    def member(self, name: str) -> Iterator[_HashingStream]:
        """A binary stream for member `name`; its digest goes into SHA256SUMS."""
        if not safe_member_name(name) or name in UNSUMMED:
            raise ValueError(f"not a package member name: {name!r}")
        with self._zip.open(self._info(name), "w", force_zip64=True) as handle:
            stream = _HashingStream(handle)
            yield stream
        self.digests.append((name, stream.sha256.hexdigest()))

    @contextlib.contextmanager
    def text_member(self, name: str) -> Iterator[_TextStream]:
        with self.member(name) as raw:
            yield _TextStream(raw)

    def add(self, name: str, data: bytes) -> str:
        with self.member(name) as stream:
            stream.write(data)
        return self.digests[-1][1]

    def members(self) -> list[str]:
        return [name for name, _ in self.digests]

    def finish(self, sign: Callable[[bytes], bytes]) -> bytes:
        """Write SHA256SUMS and its signature; returns the SHA256SUMS bytes (what a timestamp covers)."""
        sums = sums_bytes(self.digests)
        self._raw(SUMS, sums)
        self._raw(SIGNATURE, sign(sums))
        return sums

    def add_timestamp(self, token: bytes) -> None:
        self._raw(TIMESTAMP, token)

    def close(self) -> None:
        self._zip.close()

    def _raw(self, name: str, data: bytes) -> None:
        with self._zip.open(self._info(name), "w") as handle:
            handle.write(data)

    def _info(self, name: str) -> Any:
        import pyzipper

        # A fixed date keeps ZIP metadata from telling anything the manifest does not say itself.
        info = self._zip.zipinfo_cls(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = pyzipper.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        return info


# --- the manifest ----------------------------------------------------------------------------------------


def json_line(obj: Any) -> str:
    """Canonical-enough JSON for members: UTF-8 text, sorted keys, no spaces."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def write_manifest(
    out: _TextStream | IO[str], head: dict[str, Any], lists: Iterable[tuple[str, Iterable[Any]]]
) -> dict[str, int]:
    """Stream a JSON object: the `head` fields, then each named list item by item (never all in memory).
    Returns the number of items in each list."""
    counts: dict[str, int] = {}
    out.write("{")
    first = True
    for key, value in head.items():
        out.write(("" if first else ",\n") + json.dumps(key) + ":" + json_line(value))
        first = False
    for key, items in lists:
        out.write(("" if first else ",\n") + json.dumps(key) + ":[")
        first = False
        n = 0
        for item in items:
            out.write(("\n" if n == 0 else ",\n") + json_line(item))
            n += 1
        out.write("]")
        counts[key] = n
    out.write("}\n")
    return counts


# --- how strong a package passphrase looks (a hint, not a gate beyond the minimum length) -------------

PACKAGE_MIN_PASSPHRASE = 8
_POOLS = ((str.islower, 26), (str.isupper, 26), (str.isdigit, 10))


def passphrase_strength(passphrase: str) -> str:
    """ "too_short", "weak", "fair" or "strong": a rough estimate of guessing effort.

    Bits = effective length x log2(alphabet), where the alphabet grows with each kind of character used
    (Hangul and other non-ASCII letters count as a large alphabet) and runs of one repeated character count
    once. The package leaves the computer, so it may meet an offline guesser with time: "strong" asks for
    about 70 bits, which a few random words or a Korean sentence reach.
    """
    import math

    if len(passphrase) < PACKAGE_MIN_PASSPHRASE:
        return "too_short"
    pool = sum(size for test, size in _POOLS if any(c.isascii() and test(c) for c in passphrase))
    if any(c.isascii() and not c.isalnum() for c in passphrase):
        pool += 33
    if any(not c.isascii() for c in passphrase):
        pool += 2000
    effective = 1 + sum(1 for a, b in itertools.pairwise(passphrase) if a != b)
    bits = effective * math.log2(max(pool, 2))
    if len(set(passphrase)) <= 3:
        bits = min(bits, 20.0)
    return "weak" if bits < 45 else "fair" if bits < 70 else "strong"
