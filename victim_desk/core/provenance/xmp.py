"""XMP packets: the IPTC digital source type and the fields around it.

Generators and editors (Adobe Firefly and Photoshop, Google, Meta, Midjourney, many stock sites) write
`Iptc4xmpExt:DigitalSourceType` with a term from the IPTC vocabulary (`trainedAlgorithmicMedia` for a picture
made by a trained model, `compositeWithTrainedAlgorithmicMedia` for one with generated parts, ...), and the
2023 IPTC AI fields (`AISystemUsed`, `AIPromptInformation`). A packet can be written by anyone, so these are
indicators of what the file states, not of what is true.

Parsing is bounded: packets over the cap are refused by the walker, and a packet with a document type
declaration is refused here (XMP never needs one; entity expansion is the classic XML bomb).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

IPTC_EXT = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
XMP_BASIC = "http://ns.adobe.com/xap/1.0/"
DCTERMS = "http://purl.org/dc/terms/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
SOURCE_TYPE_BASE = "http://cv.iptc.org/newscodes/digitalsourcetype/"

_MAX_VALUE = 64 * 1024

# The IPTC digital source type vocabulary, coarsened to what a source states (types.SUGGESTS).
SOURCE_TYPES: dict[str, str] = {
    "trainedAlgorithmicMedia": "ai_generated",
    "compositeWithTrainedAlgorithmicMedia": "ai_composite",
    "algorithmicMedia": "synthetic",
    "compositeSynthetic": "synthetic",
    "algorithmicallyEnhanced": "edited",
    "humanEdits": "edited",
    "minorHumanEdits": "edited",
    "compositeCapture": "edited",
    "composite": "edited",
    "digitalCapture": "captured",
    "computationalCapture": "captured",
    "negativeFilm": "captured",
    "positiveFilm": "captured",
    "print": "captured",
    "screenCapture": "captured",
    "digitalArt": "unstated",
    "virtualRecording": "unstated",
    "dataDrivenMedia": "unstated",
    "softwareImage": "unstated",
    "digitalCreation": "unstated",
}


class XmpUnreadable(Exception):
    """The packet could not be read; `reason` is a catalogue suffix (corrupt, declaration)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class XmpFacts:
    source_types: list[str] = field(default_factory=list)  # the terms as written (short form)
    creator_tool: str | None = None
    ai_system: str | None = None
    ai_system_version: str | None = None
    sensitive: dict[str, str] = field(default_factory=dict)  # prompt information, prompt writer
    provenance_url: str | None = None  # dcterms:provenance: where a remote C2PA manifest is said to be


def source_type_term(value: str) -> str:
    """The term of a vocabulary URL ('.../digitalsourcetype/trainedAlgorithmicMedia' gives the last part)."""
    value = value.strip()
    for prefix in (SOURCE_TYPE_BASE, "https://cv.iptc.org/newscodes/digitalsourcetype/"):
        if value.startswith(prefix):
            return value[len(prefix) :]
    return value


def parse(packet: bytes) -> XmpFacts:
    head = packet[:1_000_000].upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise XmpUnreadable("declaration")
    text = packet.strip(b"\x00 \t\r\n")
    try:
        root = ET.fromstring(text)
    except (ET.ParseError, RecursionError, ValueError):
        raise XmpUnreadable("corrupt") from None
    facts = XmpFacts()
    for element in root.iter():
        for name, value in element.attrib.items():
            _take(facts, name, value)
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.startswith("{" + IPTC_EXT) or tag.startswith("{" + XMP_BASIC) or tag.startswith("{" + DCTERMS):
            value = _element_value(element)
            if value:
                _take(facts, tag, value)
    return facts


def _element_value(element: ET.Element) -> str:
    """An element's text, or its first rdf:li (Alt, Bag and Seq hold values in list items)."""
    if element.text and element.text.strip():
        return element.text.strip()
    for li in element.iter(f"{{{RDF}}}li"):
        if li.text and li.text.strip():
            return li.text.strip()
    resource = element.attrib.get(f"{{{RDF}}}resource")
    return resource.strip() if resource else ""


def _take(facts: XmpFacts, name: str, value: str) -> None:
    value = value[:_MAX_VALUE]
    if name == f"{{{IPTC_EXT}}}DigitalSourceType":
        term = source_type_term(value)
        if term and term not in facts.source_types:
            facts.source_types.append(term)
    elif name == f"{{{XMP_BASIC}}}CreatorTool":
        facts.creator_tool = facts.creator_tool or value.strip()
    elif name == f"{{{IPTC_EXT}}}AISystemUsed":
        facts.ai_system = facts.ai_system or value.strip()
    elif name == f"{{{IPTC_EXT}}}AISystemVersionUsed":
        facts.ai_system_version = facts.ai_system_version or value.strip()
    elif name == f"{{{IPTC_EXT}}}AIPromptInformation":
        facts.sensitive.setdefault("prompt", value)
    elif name == f"{{{IPTC_EXT}}}AIPromptWriterName":
        facts.sensitive.setdefault("prompt_writer", value)
    elif name == f"{{{DCTERMS}}}provenance":
        facts.provenance_url = facts.provenance_url or value.strip()
