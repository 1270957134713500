"""Choosing a font that renders Hangul well.

Qt's fallback often finds *a* CJK font, but it may be a Chinese or Japanese design whose Hangul looks off,
or a bitmap font. Naming Korean families first gives people text that reads naturally. Nothing is bundled
yet: the system's fonts are used (Debian: fonts-noto-cjk or fonts-nanum).
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

KOREAN_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK KR",
    "Noto Sans KR",
    "Source Han Sans KR",
    "NanumGothic",
    "NanumBarunGothic",
    "Malgun Gothic",  # Windows
    "Apple SD Gothic Neo",  # macOS
)
_MIN_POINT_SIZE = 10.5  # people read this in distress, often on small laptop screens


def hangul_families() -> list[str]:
    installed = set(QFontDatabase.families())
    return [family for family in KOREAN_FAMILIES if family in installed]


def app_font(base: QFont) -> QFont:
    """`base` with Korean families preferred and a size that is comfortable to read."""
    font = QFont(base)
    korean = hangul_families()
    if korean:
        # Keep the system's UI family last so Latin text still has a fallback.
        font.setFamilies([*korean, base.family()])
    if font.pointSizeF() < _MIN_POINT_SIZE:
        font.setPointSizeF(_MIN_POINT_SIZE)
    return font
