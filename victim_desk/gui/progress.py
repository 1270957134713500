"""A progress dialog bound to a running job: shows how far it got, and Cancel asks it to stop.

Cancel is cooperative: the job finishes the batch it is saving and stops, so what was saved stays saved.
The dialog is window-modal, which keeps the person from changing the case while the job writes to it; the
Quick exit keys still work, because they are caught before any window sees them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from victim_desk.gui.workers import Job


class JobProgress(QObject):
    def __init__(self, job: Job, label: str, parent: QWidget) -> None:
        super().__init__(parent)
        self._job = job
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, parent)
        dialog.setObjectName("job_progress")
        # The window's own (neutral, chosen) name: a task bar may list the dialog on its own.
        dialog.setWindowTitle(parent.window().windowTitle())
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)  # quick jobs finish without a flash of a dialog
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.on_dialog_canceled)
        self.dialog = dialog
        job.signals.progressed.connect(self.on_job_progressed)
        job.signals.finished.connect(self.on_job_finished)

    def on_dialog_canceled(self) -> None:
        # QProgressDialog hides itself here; the job ends its current batch and reports `Cancelled`.
        self._job.token.cancel()

    def on_job_progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def on_job_finished(self) -> None:
        self.dialog.hide()
        self.dialog.deleteLater()
        self.deleteLater()
