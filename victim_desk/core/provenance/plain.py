"""The AI-made indicators of a stored item in a few plain words each, for a list row and a detail pane.

Why not `short_summary`: a row must say *what each source claims*, not only which sources exist ("C2PA says:
made with an AI tool"), and it must say carefully what an empty result means: no indicator found is not
"not AI-made" (indicators are stripped by most sharing), and an item added before provenance was read was
simply not checked. Never a verdict, never a sensitive value (prompts stay hidden).
"""

from __future__ import annotations

from typing import Any

from victim_desk.i18n import Lang, t

_CLAIMS = ("ai_generated", "ai_composite", "synthetic", "edited", "captured")


def plain_indicators(provenance: dict[str, Any] | None, lang: Lang) -> list[str]:
    """One short phrase per indicator, or one phrase saying nothing was found / nothing was checked."""
    if provenance is None:
        return [t("evidence_view.not_checked", lang)]
    phrases: list[str] = []
    for item in provenance.get("indicators") or []:
        if not isinstance(item, dict):
            continue
        phrase = _phrase(item, lang)
        if phrase not in phrases:
            phrases.append(phrase)
    if not phrases:
        phrases.append(t("evidence_view.none_found", lang))
    if provenance.get("unreadable"):
        phrases.append(t("evidence_view.partly_unreadable", lang))
    return phrases


def _phrase(item: dict[str, Any], lang: Lang) -> str:
    kind = str(item.get("kind", ""))
    source = t(f"provenance.short.{kind}", lang) if kind in _KINDS else str(item.get("source", ""))
    if kind == "c2pa" and not item.get("valid"):
        # Its claim may have been changed after signing: name it, and say it did not validate.
        return t("evidence_view.c2pa_invalid", lang)
    if kind == "generator_parameters":
        return t("evidence_view.generator_parameters", lang)
    if kind == "watermark":
        return t("evidence_view.watermark", lang)
    if kind == "c2pa_remote":
        return t("evidence_view.c2pa_remote", lang)
    if kind == "iptc_ai_system":
        return t("evidence_view.iptc_ai_system", lang)
    suggests = str(item.get("suggests", "unstated"))
    if suggests in _CLAIMS:
        return t(f"evidence_view.says.{suggests}", lang, source=source)
    return t("evidence_view.says.unstated", lang, source=source)


_KINDS = frozenset(
    {
        "c2pa",
        "c2pa_remote",
        "iptc_source_type",
        "iptc_ai_system",
        "generator_parameters",
        "generator_software",
        "watermark",
    }
)
