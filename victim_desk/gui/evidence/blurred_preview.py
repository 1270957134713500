"""A preview that is blurred until the person deliberately asks to see it, and blurred again right after.

The blur is done on the pixels (a strong downscale, then a smooth upscale, then once more), so what is
painted really is blurred: no overlay that a screen reader, a screenshot of a widget, or a style sheet
could look past. The unblurred picture is the vault's own small preview (already coarse, see
core/fingerprint/preview.py); it is only ever painted after a click or a key on this very widget.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent, QMouseEvent, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

# The picture is squeezed to this many pixels on its long side before being smoothed back up: colours
# remain, shapes do not.
_BLUR_SIDE = 3


def blurred(image: QImage) -> QImage:
    """`image` made unrecognisable: same size, only soft patches of its colours."""
    if image.isNull():
        return image
    size = image.size()
    long_side = max(size.width(), size.height())
    tiny = image.scaled(
        max(1, size.width() * _BLUR_SIDE // long_side),
        max(1, size.height() * _BLUR_SIDE // long_side),
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    # Two smooth steps up avoid the visible grid a single big step leaves.
    middle = tiny.scaled(
        max(1, size.width() // 8), max(1, size.height() // 8),
        Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation,
    )  # fmt: skip
    return middle.scaled(
        size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    ).convertToFormat(QImage.Format.Format_RGB32)


class BlurredPreview(QLabel):
    """Shows one item's preview, blurred; Space, Enter or a click reveals it; `blur()` hides it again."""

    revealed_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidence_preview")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(120, 120))
        self.setStyleSheet(
            "#evidence_preview { background: #eef0f2; border: 1px solid #9aa3ab; border-radius: 6px;"
            " color: #333; } #evidence_preview:focus { border: 2px solid #1f5fbf; }"
        )
        self.setAccessibleName(self.tr("Preview, blurred"))
        self._original = QImage()
        self._blurred = QImage()
        self.revealed = False
        self._empty_text = ""
        self.clear_preview(self.tr("Choose an item to see its blurred preview."))

    # --- what it shows ------------------------------------------------------------------------------

    def set_preview(self, data: bytes | None, empty_text: str) -> None:
        """A new item: its preview bytes (JPEG) or None, always shown blurred first."""
        image = QImage()
        if data:
            image.loadFromData(data)
        if image.isNull():
            self.clear_preview(empty_text)
            return
        self._original = image.convertToFormat(QImage.Format.Format_RGB32)
        self._blurred = blurred(self._original)
        self._empty_text = ""
        self.revealed = False
        self._paint()

    def clear_preview(self, text: str) -> None:
        self._original = QImage()
        self._blurred = QImage()
        self._empty_text = text
        was_revealed, self.revealed = self.revealed, False
        self.setPixmap(QPixmap())
        self.setText(text)
        self.setToolTip("")
        if was_revealed:
            self.revealed_changed.emit(False)

    @property
    def has_image(self) -> bool:
        return not self._original.isNull()

    def shown_image(self) -> QImage:
        """The pixels painted right now, at the preview's own size (for tests and checks)."""
        if not self.has_image:
            return QImage()
        return self._original if self.revealed else self._blurred

    def reveal(self) -> None:
        if self.has_image and not self.revealed:
            self.revealed = True
            self._paint()
            self.revealed_changed.emit(True)

    def blur(self) -> None:
        if self.revealed:
            self.revealed = False
            self._paint()
            self.revealed_changed.emit(False)

    def toggle(self) -> None:
        if self.revealed:
            self.blur()
        else:
            self.reveal()

    # --- input: only a deliberate click or key on this widget reveals -------------------------------

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.toggle()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.toggle()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape and self.revealed:
            self.blur()
            event.accept()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self.has_image:
            self._paint()

    def _paint(self) -> None:
        source = self.shown_image()
        box = self.contentsRect().size() - QSize(8, 8)
        scaled = source.scaled(
            box.expandedTo(QSize(16, 16)),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        pixmap = QPixmap.fromImage(scaled)
        pixmap.setDevicePixelRatio(1.0)
        self.setText("")
        self.setPixmap(pixmap)
        if self.revealed:
            self.setAccessibleName(self.tr("Preview, shown. Press Space to blur it again."))
        else:
            self.setAccessibleName(self.tr("Preview, blurred. Press Space or click to show it."))
