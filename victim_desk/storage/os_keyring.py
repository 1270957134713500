""" "Remember on this computer": a second copy of the vault key in the operating system's key store.

Only key stores that encrypt at rest and are tied to the user's login are accepted (Secret Service / GNOME
Keyring / KWallet on Linux, the macOS Keychain, the Windows Credential Manager). Plaintext file backends,
the `fail` and `null` backends, and anything unknown are refused with the backend's name, so a user never
believes a key is protected when it is lying in a file. Which backend holds the key is written in key.json.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from typing import Any

from victim_desk.errors import KeyringRefused, KeyringUnavailable

SERVICE = "victim_desk"

# `keyring` is imported where it is used: it costs a tenth of a second at start-up, and most commands never
# touch the OS key store.

# Modules whose backends keep secrets encrypted and bound to the user's session.
_TRUSTED_MODULES = (
    "keyring.backends.SecretService",
    "keyring.backends.libsecret",
    "keyring.backends.kwallet",
    "keyring.backends.macOS",
    "keyring.backends.Windows",
)


def backend_name(backend: Any) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _effective(backend: Any) -> Any:
    """The backend that would really hold the secret (the chainer delegates to its best member)."""
    members = getattr(backend, "backends", None)
    if members is not None:
        usable = sorted(members, key=lambda b: getattr(b, "priority", 0), reverse=True)
        return usable[0] if usable else backend
    return backend


def trusted_backend(backend: Any | None = None) -> Any:
    """The OS key store to use, or KeyringRefused naming why not."""
    if backend is None:
        import keyring

        backend = keyring.get_keyring()
    chosen = _effective(backend)
    name = backend_name(chosen)
    if not name.startswith(_TRUSTED_MODULES) or getattr(chosen, "priority", 0) <= 0:
        raise KeyringRefused(backend=name)
    return chosen


def store_key(key: bytes, backend: Any | None = None) -> tuple[str, str]:
    """Put the key in the OS key store; returns (backend name, entry id) to record in key.json."""
    import keyring.errors

    chosen = trusted_backend(backend)
    entry = f"vault-{uuid.uuid4()}"
    try:
        chosen.set_password(SERVICE, entry, base64.b64encode(key).decode("ascii"))
    except keyring.errors.KeyringError:
        raise KeyringRefused(backend=backend_name(chosen)) from None
    return backend_name(chosen), entry


def load_key(entry: str, backend: Any | None = None) -> bytes:
    import keyring.errors

    chosen = trusted_backend(backend)
    try:
        secret = chosen.get_password(SERVICE, entry)
    except keyring.errors.KeyringError:
        secret = None
    if not secret:
        raise KeyringUnavailable()
    try:
        return base64.b64decode(secret, validate=True)
    except (binascii.Error, ValueError):
        raise KeyringUnavailable() from None


def forget_key(entry: str, backend: Any | None = None) -> None:
    import keyring.errors

    try:
        chosen = trusted_backend(backend)
        chosen.delete_password(SERVICE, entry)
    except (KeyringRefused, keyring.errors.KeyringError):
        pass  # Nothing we may touch, or nothing there: either way no copy remains that we manage.
