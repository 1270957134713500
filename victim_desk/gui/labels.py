"""Display names for the stored ids of statuses and platforms, translated by Qt.

The vault stores stable ids (`found`, `telegram`); what a person reads comes from here, so a translation
can change without touching any data. Written as literal translate() calls so lupdate can find them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

# The platforms offered when adding a sighting, in the order people look for them. `kcsc` and `generic`
# are recipients of letters rather than places material is found, so the combo leaves them out.
PLATFORM_CHOICES: tuple[str, ...] = (
    "telegram", "x", "meta", "google", "naver", "kakao", "daum", "discord", "reddit", "web",
)  # fmt: skip


def status_labels() -> dict[str, str]:
    return {
        "found": QCoreApplication.translate("Labels", "Found"),
        "requested": QCoreApplication.translate("Labels", "Removal requested"),
        "removed": QCoreApplication.translate("Labels", "Removed"),
        "reappeared": QCoreApplication.translate("Labels", "Reappeared"),
    }


def platform_labels() -> dict[str, str]:
    return {
        "telegram": QCoreApplication.translate("Labels", "Telegram"),
        "x": QCoreApplication.translate("Labels", "X (Twitter)"),
        "meta": QCoreApplication.translate("Labels", "Meta (Facebook, Instagram)"),
        "google": QCoreApplication.translate("Labels", "Google / YouTube"),
        "naver": QCoreApplication.translate("Labels", "Naver"),
        "kakao": QCoreApplication.translate("Labels", "Kakao / Tistory"),
        "daum": QCoreApplication.translate("Labels", "Daum"),
        "discord": QCoreApplication.translate("Labels", "Discord"),
        "reddit": QCoreApplication.translate("Labels", "Reddit"),
        "kcsc": QCoreApplication.translate("Labels", "KCSC"),
        "generic": QCoreApplication.translate("Labels", "Other"),
        "web": QCoreApplication.translate("Labels", "Other website"),
    }
