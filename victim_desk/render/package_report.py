"""report.pdf of an evidence package: what a police officer, lawyer or judge reads first.

It tells the case in order (a timeline), lists where the material was found, what was requested of whom,
under which clock, and what came of it, gives the fingerprints of the files, and ends with how to check
the package step by step with ordinary tools — the exact commands — and the two values to compare by
another channel: the signing key's fingerprint and the audit chain's head. Very long lists are cut in the
PDF with a note pointing to the complete machine-readable members (sightings.csv, manifest.json), so a
10,000-address case gives a readable report instead of a 300-page one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from victim_desk.core.model import EvidenceItem, Request, Sighting, iso
from victim_desk.core.provenance.statements import describe
from victim_desk.i18n import Lang, t
from victim_desk.render.document import PdfDocument

MAX_ROWS = 1000  # per table; the members hold everything
SUMS_COMMAND = "sha256sum -c SHA256SUMS"
SIGNATURE_COMMAND = (
    "openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in SHA256SUMS -sigfile SHA256SUMS.sig"
)


@dataclass
class ReportContent:
    case_id: int
    case_title: str
    case_created: str
    exported_at: str
    tool_version: str
    key_fingerprint: str
    audit_head: str | None
    audit_events: int
    sightings: list[Sighting] = field(default_factory=list)  # the first MAX_ROWS
    sightings_total: int = 0
    fingerprints: list[EvidenceItem] = field(default_factory=list)
    fingerprints_total: int = 0
    requests: list[Request] = field(default_factory=list)
    referrals: list[tuple[str, str, Sequence[str]]] = field(default_factory=list)  # (date, org, shared)
    timeline: list[tuple[str, str]] = field(default_factory=list)  # (time, what)
    originals: list[str] = field(default_factory=list)  # member names
    encrypted: bool = False
    timestamp_url: str | None = None


def package_report(c: ReportContent, lang: Lang) -> bytes:
    def m(key: str, **params: object) -> str:
        return t(f"package.report.{key}", lang, **params)

    doc = PdfDocument(title=m("title", case=c.case_id), footer=m("footer", case=c.case_id), lang=lang)
    doc.key_values(
        [
            (m("case"), f"{c.case_id} — {c.case_title}"),
            (m("case_created"), c.case_created),
            (m("exported_at"), c.exported_at),
            (m("tool"), f"victim-desk {c.tool_version}"),
            (
                m("counts"),
                m(
                    "counts_value",
                    sightings=c.sightings_total,
                    fingerprints=c.fingerprints_total,
                    requests=len(c.requests),
                ),
            ),
            (m("key_fingerprint"), c.key_fingerprint),
            (m("audit_head"), m("audit_head_value", head=c.audit_head or "-", events=c.audit_events)),
        ]
    )
    doc.paragraph(m("compare_by_other_channel"), bold=True)
    if c.originals:
        doc.paragraph(m("originals_included", count=len(c.originals)), bold=True)
    else:
        doc.paragraph(m("originals_excluded"))
    if c.encrypted:
        doc.paragraph(m("encrypted_note"))

    doc.heading(m("timeline"))
    if c.timeline:
        rows = [[when, what] for when, what in c.timeline[:MAX_ROWS]]
        doc.table([m("col_time"), m("col_event")], rows, [0.3, 0.7])
        if len(c.timeline) > MAX_ROWS:
            doc.paragraph(m("cut_timeline", shown=MAX_ROWS, total=len(c.timeline)), small=True)
    else:
        doc.paragraph(m("none"))

    doc.heading(m("sightings"))
    if c.sightings:
        rows = [[str(s.id), s.url, s.platform, iso(s.seen) or "-", t(f"status.{s.status}", lang)]
                for s in c.sightings]  # fmt: skip
        header = [m("col_id"), m("col_url"), m("col_platform"), m("col_seen"), m("col_status")]
        doc.table(header, rows, [0.07, 0.48, 0.12, 0.2, 0.13])
        if c.sightings_total > len(c.sightings):
            doc.paragraph(m("cut_sightings", shown=len(c.sightings), total=c.sightings_total), small=True)
    else:
        doc.paragraph(m("none"))

    doc.heading(m("requests"))
    if c.requests:
        rows = [
            [r.reference, f"{r.recipient} ({r.jurisdiction})", iso(r.sent_at) or "-",
             iso(r.deadline) or (m("review_at", at=iso(r.review_at)) if r.review_at else "-"),
             t(f"request.status.{r.status}", lang) + (f" — {r.note}" if r.note else ""),
             ", ".join(str(s) for s in r.sightings)]
            for r in c.requests
        ]  # fmt: skip
        header = [m("col_reference"), m("col_recipient"), m("col_sent"), m("col_deadline"), m("col_outcome"),
                  m("col_covers")]  # fmt: skip
        doc.table(header, rows, [0.13, 0.17, 0.17, 0.17, 0.2, 0.16])
    else:
        doc.paragraph(m("none"))

    if c.referrals:
        doc.heading(m("referrals"))
        rows = [[when, org, ", ".join(shared)] for when, org, shared in c.referrals]
        doc.table([m("col_time"), m("col_org"), m("col_shared")], rows, [0.25, 0.35, 0.4])

    doc.heading(m("fingerprints"))
    if c.fingerprints:
        for e in c.fingerprints:
            lines = [f"{e.label}  {e.kind}  {e.size} bytes  {iso(e.added_at)}",
                     f"SHA-256 {e.sha256}", f"MD5 {e.md5}"]  # fmt: skip
            if e.pdq:
                lines.append(f"PDQ {e.pdq} (quality {e.pdq_quality})")
            doc.monospace("\n".join(lines))
            # What the file itself said about its making: indicators with their source, never a verdict.
            for line in describe(e.provenance, lang):
                doc.paragraph(line, small=True)
            doc.spacer(1.5)
        if c.fingerprints_total > len(c.fingerprints):
            doc.paragraph(m("cut_fingerprints", shown=len(c.fingerprints), total=c.fingerprints_total),
                          small=True)  # fmt: skip
    else:
        doc.paragraph(m("none"))

    doc.heading(m("how_to_verify"))
    doc.paragraph(m("verify_intro"))
    doc.paragraph(m("verify_step_unpack"))
    doc.monospace("unzip PACKAGE.zip -d package && cd package    (7z x PACKAGE.zip)")
    doc.paragraph(m("verify_step_sums"))
    doc.monospace("sha256sum -c SHA256SUMS")
    doc.paragraph(m("verify_step_signature"))
    doc.monospace(
        "openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in SHA256SUMS -sigfile SHA256SUMS.sig"
    )
    doc.paragraph(m("verify_step_key"))
    doc.monospace("openssl pkey -pubin -in key.pem -outform DER | tail -c 32 | sha256sum")
    doc.monospace(c.key_fingerprint)
    doc.paragraph(m("verify_step_timestamp"))
    doc.monospace("openssl ts -verify -data SHA256SUMS -in SHA256SUMS.tsr -CAfile TSA-CA.pem")
    doc.paragraph(m("verify_step_audit"))
    doc.paragraph(m("verify_step_app"))
    doc.monospace('victim-desk verify PACKAGE.zip --expect-key "' + c.key_fingerprint + '"')
    return doc.to_bytes()
