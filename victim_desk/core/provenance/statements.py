"""Plain sentences for the indicators, in Korean and English: for the CLI, the GUI and letters.

Every sentence says what the file states and where, never that the file *is* AI-made: metadata can be
forged or stripped. `substantiation()` is the form a letter cites (the requests capability wires it in);
`supports_synthetic()` tells a Korean letter whether the file's own indicators support naming the material
허위영상물 (synthesised material) — the letter still says these are indications, not proof.

All functions take the stored JSON form, so they work on what the vault holds.
"""

from __future__ import annotations

from typing import Any

from victim_desk.i18n import Lang, t

AI_SUGGESTS = ("ai_generated", "ai_composite", "synthetic")


def statement(indicator: dict[str, Any], lang: Lang) -> str:
    """One sentence for one indicator (stored JSON form). Sensitive values are never quoted."""
    kind = indicator.get("kind")
    suggests = t(f"provenance.suggests.{indicator.get('suggests', 'unstated')}", lang)
    source = str(indicator.get("source", ""))
    unknown = t("provenance.unknown", lang)
    if kind == "c2pa":
        if indicator.get("trusted"):
            validity = t("provenance.c2pa.trusted", lang)
        elif indicator.get("valid"):
            validity = t("provenance.c2pa.valid", lang)
        else:
            validity = t("provenance.c2pa.invalid", lang)
        return t(
            "provenance.c2pa",
            lang,
            signer=indicator.get("signer") or unknown,
            generator=indicator.get("claim_generator") or unknown,
            suggests=suggests,
            validity=validity,
        )
    if kind == "c2pa_remote":
        return t("provenance.c2pa_remote", lang, url=indicator.get("remote_manifest") or unknown)
    if kind == "iptc_source_type":
        return t("provenance.iptc_source_type", lang, value=indicator.get("value", ""), suggests=suggests)
    if kind == "iptc_ai_system":
        return t("provenance.iptc_ai_system", lang, value=indicator.get("value", ""))
    if kind == "generator_parameters":
        return t(
            "provenance.generator_parameters",
            lang,
            source=source,
            generator=indicator.get("generator") or unknown,
        )
    if kind == "generator_software":
        return t(
            "provenance.generator_software",
            lang,
            source=source,
            value=indicator.get("value", ""),
            generator=indicator.get("generator") or unknown,
        )
    if kind == "watermark":
        return t("provenance.watermark", lang, value=indicator.get("value", ""))
    return t("provenance.other", lang, source=source, suggests=suggests)


def describe(provenance: dict[str, Any] | None, lang: Lang) -> list[str]:
    """Every line a person reads about a file's provenance: the indicators, what could not be read, and
    the reminder that finding nothing proves nothing. Sensitive values are never included."""
    if not provenance:
        return []
    lines = [statement(i, lang) for i in provenance.get("indicators") or [] if isinstance(i, dict)]
    if not lines:
        lines.append(t("provenance.none_found", lang))
    for item in provenance.get("unreadable") or []:
        if isinstance(item, dict):
            lines.append(
                t(
                    f"provenance.unreadable.{item.get('reason', 'corrupt')}",
                    lang,
                    source=item.get("source", ""),
                )
            )
    return lines


def short_summary(provenance: dict[str, Any] | None, lang: Lang) -> str | None:
    """A few words for a list row (`evidence list`): which kinds of indicator, or None when none."""
    if not provenance:
        return None
    labels = []
    for item in provenance.get("indicators") or []:
        if isinstance(item, dict):
            label = t(f"provenance.short.{item.get('kind')}", lang)
            if item.get("kind") == "c2pa" and not item.get("valid"):
                label = t("provenance.short.c2pa_invalid", lang)
            if label not in labels:
                labels.append(label)
    if not labels:
        return None
    key = "provenance.short.line_ai" if supports_synthetic(provenance) else "provenance.short.line"
    return t(key, lang, kinds=", ".join(labels))


def supports_synthetic(provenance: dict[str, Any] | None) -> bool:
    """Whether any indicator states that the material was generated or composed by software."""
    if not provenance:
        return False
    return any(_states_ai(i) for i in provenance.get("indicators") or [])


def _states_ai(indicator: object) -> bool:
    """An indicator stating AI or software generation; a credential that did not validate is not one
    (its statement may have been changed)."""
    if not isinstance(indicator, dict) or indicator.get("suggests") not in AI_SUGGESTS:
        return False
    return not (indicator.get("kind") == "c2pa" and not indicator.get("valid"))


def substantiation(provenance: dict[str, Any] | None, lang: Lang) -> list[str]:
    """Short sentences a letter can cite: an introduction, then one sentence per indicator that states AI
    generation or composition, then the caveat. Empty when the file states nothing of the kind (a letter
    then says nothing about provenance: absence is not evidence either way)."""
    if not supports_synthetic(provenance):
        return []
    assert provenance is not None
    cited = [statement(i, lang) for i in provenance.get("indicators") or [] if _states_ai(i)]
    return [t("provenance.letter.intro", lang), *cited, t("provenance.letter.caveat", lang)]
