"""Signs that a picture or video was made by AI, read locally from the file itself (DESIGN.md).

`read_provenance` gives indicators with their source (C2PA Content Credentials, IPTC digital source type,
generator parameters and names, the Stable Diffusion watermark), never a verdict; `statements` turns them into
sentences for people and letters; `redacted` hides the sensitive values (prompts) until a person opens them.

Only the light parts are imported here (the CLI loads this at start-up); the reader, which needs NumPy,
OpenCV and Pillow, is `victim_desk.core.provenance.read.read_provenance`.
"""

from victim_desk.core.provenance.statements import describe, short_summary, substantiation, supports_synthetic
from victim_desk.core.provenance.types import (
    SENSITIVE_METADATA,
    Indicator,
    Provenance,
    Unreadable,
    check_json,
    has_hidden,
    redacted,
)

__all__ = [
    "SENSITIVE_METADATA",
    "Indicator",
    "Provenance",
    "Unreadable",
    "check_json",
    "describe",
    "has_hidden",
    "redacted",
    "short_summary",
    "substantiation",
    "supports_synthetic",
]
