"""The desktop app: the only package that imports PySide6.

Every screen is its own small module and talks to the vault only through `victim_desk.desk.Desk`; nothing
here knows SQL or crypto. `app.run()` is the entry point the command line calls with no arguments.

    app.py              QApplication, translations, fonts, the last-resort error hook
    shell.py            the one top-level window: toolbar with Quick exit, locking, swapping screens
    unlock.py           create-a-vault and open-the-vault forms (key derivation in a worker)
    workspace.py        cases on the left, the selected case's sightings on the right
    sightings_model.py  the table model that keeps 100,000 rows responsive
    sightings_panel.py  the table and what can be done with selected sightings
    sighting_dialog.py  adding one sighting, with inline validation
    import_flow.py      bulk import in a worker, with progress, Cancel and a summary
    progress.py         a progress dialog with Cancel, bound to a running job
    safety.py           idle lock, quick-exit keys, a clipboard that forgets
    workers.py          running slow work off the GUI thread, reporting by signals
    banner.py           the calm message strip every error and confirmation goes through
    labels.py           translated names for stored status and platform ids
    fonts.py            a font that renders Hangul well
    translations.py     loading the Qt .qm translations (Korean first)
"""
