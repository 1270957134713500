"""The application layer: one module per use case, shared by the command line and the desktop app.

`victim_desk.desk.Desk` is the thin front door: an unlocked vault plus one service object per use case
(`desk.cases`, `desk.sightings`, `desk.evidence`, ...). Nothing here knows Qt, terminals or printing;
services return domain objects and raise `DeskError`s with translated messages. Every change goes through
`unit.change`, which is "one transaction and the audit events that record it".
"""
