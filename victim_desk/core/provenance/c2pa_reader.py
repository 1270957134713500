"""C2PA manifest stores (Content Credentials), read with the C2PA project's own library (`c2pa-python`).

What we record from the active manifest: the claim generator, the actions (created, edited, with their
digital source type and software agent), the signer named by the certificate, whether the signature and
hashes validate, and every validation status code. "Valid" means the signature and the bindings check out;
the signer's certificate is *not* checked against a trust list here (that needs lists fetched from the
internet), so `trusted` is false unless the library itself said so. A valid signature proves who signed the
claim, not that the claim is true.

The reader is configured not to touch the network: remote manifests are not fetched (a file that points to
one is noted with the address, never visited) and certificate revocation (OCSP) is not queried. The store is
only read when the walker found one in the file, and only up to `containers.MAX_C2PA` bytes: the library is
native code we cannot interrupt, so its input is bounded instead.
"""

from __future__ import annotations

import io
import json
from typing import IO, Any

from victim_desk.core.provenance.types import Indicator, Unreadable
from victim_desk.core.provenance.xmp import SOURCE_TYPES, source_type_term

SOURCE = "C2PA manifest (Content Credentials)"
_SETTINGS = {"verify": {"remote_manifest_fetch": False, "ocsp_fetch": False}}
_MAX_ITEMS = 32
_MAX_TEXT = 512
_RANK = ("ai_generated", "ai_composite", "synthetic", "edited", "captured", "unstated")

_MIME = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def read(fh: IO[bytes], container: str, mime: str | None) -> tuple[Indicator | None, Unreadable | None]:
    """The manifest store's indicator, or why it could not be read. Never raises for a bad store."""
    try:
        import c2pa
    except (ImportError, OSError):
        return None, Unreadable(SOURCE, "reader_missing")
    fh.seek(0)
    fmt = _MIME.get(container, mime)
    try:
        context = c2pa.Context(c2pa.Settings.from_dict(_SETTINGS))
        with c2pa.Reader(fmt, fh, context=context) as reader:
            store = json.loads(reader.json())
            state = reader.get_validation_state()
            remote = reader.get_remote_url() if not reader.is_embedded() else None
    except c2pa.C2paError.ManifestNotFound:
        # Only called when the walker saw a store: one the library cannot find is a damaged one.
        return None, Unreadable(SOURCE, "corrupt")
    except c2pa.C2paError as exc:
        # The library names a remote manifest it was told not to fetch in its message ("Remote: must fetch
        # remote manifests from url ..."); any other failure is a store we could not read.
        text = str(exc)
        if isinstance(exc, c2pa.C2paError.RemoteManifest) or text.startswith("Remote"):
            url = text.rsplit("from url ", 1)[1].strip() if "from url " in text else None
            return remote_indicator(url), None
        return None, Unreadable(SOURCE, "corrupt")
    except (ValueError, RecursionError, MemoryError):
        return None, Unreadable(SOURCE, "corrupt")
    try:
        return describe(store, state, remote), None
    except (KeyError, TypeError, AttributeError, ValueError):
        return None, Unreadable(SOURCE, "corrupt")


def remote_indicator(url: str | None) -> Indicator:
    """The file says its Content Credential is kept online: recorded with the address, never fetched."""
    details = {"remote_manifest": _short(url), "fetched": False}
    return Indicator("c2pa_remote", SOURCE, "unstated", {k: v for k, v in details.items() if v is not None})


def describe(store: dict[str, Any], state: str | None, remote: str | None = None) -> Indicator | None:
    manifests = store.get("manifests") or {}
    active = manifests.get(store.get("active_manifest")) if isinstance(manifests, dict) else None
    if not isinstance(active, dict):
        return None
    actions = _actions(active)
    types = [a["digital_source_type"] for a in actions if "digital_source_type" in a]
    ingredient_types = []
    for label, manifest in manifests.items():
        if label != store.get("active_manifest") and isinstance(manifest, dict):
            ingredient_types += [
                a["digital_source_type"] for a in _actions(manifest) if "digital_source_type" in a
            ]
    suggests = _strongest([SOURCE_TYPES.get(t, "unstated") for t in types])
    if suggests not in ("ai_generated", "ai_composite") and any(
        SOURCE_TYPES.get(t) in ("ai_generated", "ai_composite") for t in ingredient_types
    ):
        suggests = "ai_composite"  # an ingredient was generated: the whole is at least partly AI-made
    statuses = store.get("validation_status") or []
    codes = [
        {"code": _short(s.get("code")), "explanation": _short(s.get("explanation"))}
        for s in statuses[:_MAX_ITEMS]
        if isinstance(s, dict)
    ]
    signature = active.get("signature_info") or {}
    details: dict[str, Any] = {
        "claim_generator": _claim_generator(active),
        "actions": actions,
        "digital_source_type": types,
        "signer": _short(signature.get("common_name") or signature.get("issuer")),
        "signer_organization": _short(signature.get("issuer")),
        "signed_at": _short(signature.get("time")),
        "validation_state": state,
        "valid": state in ("Valid", "Trusted"),
        "trusted": state == "Trusted",
        "validation_status": codes,
        "manifests": len(manifests),
    }
    if ingredient_types:
        details["ingredient_digital_source_type"] = sorted(set(ingredient_types))[:_MAX_ITEMS]
    if remote:
        details["remote_manifest"] = _short(remote)
    return Indicator("c2pa", SOURCE, suggests, {k: v for k, v in details.items() if v is not None})


def _actions(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for assertion in manifest.get("assertions") or []:
        if not isinstance(assertion, dict) or not str(assertion.get("label", "")).startswith("c2pa.actions"):
            continue
        data = assertion.get("data") or {}
        for action in (data.get("actions") if isinstance(data, dict) else None) or []:
            if not isinstance(action, dict) or len(out) >= _MAX_ITEMS:
                continue
            item: dict[str, Any] = {"action": _short(action.get("action"))}
            dst = action.get("digitalSourceType")
            if isinstance(dst, str) and dst:
                item["digital_source_type"] = source_type_term(dst)[:_MAX_TEXT]
            agent = action.get("softwareAgent")
            if isinstance(agent, dict):
                agent = agent.get("name")
            if isinstance(agent, str) and agent:
                item["software_agent"] = _short(agent)
            out.append(item)
    return out


def _claim_generator(manifest: dict[str, Any]) -> str | None:
    info = manifest.get("claim_generator_info")
    if isinstance(info, list) and info and isinstance(info[0], dict):
        name, version = info[0].get("name"), info[0].get("version")
        if isinstance(name, str):
            return _short(f"{name} {version}" if isinstance(version, str) else name)
    generator = manifest.get("claim_generator")
    return _short(generator) if isinstance(generator, str) else None


def _strongest(suggested: list[str]) -> str:
    return min(suggested, key=_RANK.index) if suggested else "unstated"


def _short(value: object) -> str | None:
    if value is None:
        return None
    return str(value)[:_MAX_TEXT]


def read_bytes(data: bytes, container: str) -> tuple[Indicator | None, Unreadable | None]:
    """For tests and tools: read a store from bytes in memory."""
    return read(io.BytesIO(data), container, None)
