"""SQL per table, one module each, and the audit event that goes with every change.

Functions here take an open connection inside the caller's transaction (see `Vault.transaction` and
`victim_desk.app.unit.change`): a change and its audit event are written together or not at all. Nothing
here decides policy; that is the application layer's (`victim_desk.app`).
"""
