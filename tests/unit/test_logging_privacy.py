"""A decoder that fails in an unexpected way must not leak the file's path or the failure's text anywhere.

Decoders (Pillow, its plugins, PyAV) word their exceptions themselves and may quote the path of the file
they choked on. The promise: the person sees a calm message, the log keeps the exception's type and code
locations, and neither the terminal, the log folder nor the error object we hand back carries the text.
"""

from __future__ import annotations

import traceback
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFile

from victim_desk import logs
from victim_desk.core.fingerprint import files, fingerprint_file, fingerprint_files
from victim_desk.errors import CorruptFile, DeskError, UnexpectedError

NEEDLE = "zq7-needle-41f9c2"


@pytest.fixture
def log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app's log folder, inside this test's tmp_path (platformdirs takes it from XDG_STATE_HOME)."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    folder = logs.log_path().parent
    assert tmp_path in folder.parents
    return folder


@pytest.fixture
def picture(tmp_path: Path) -> Path:
    # The path itself is a needle too: a person's folder names can say who they are.
    folder = tmp_path / "kim-minji-private-photos"
    folder.mkdir()
    path = folder / "IMG_0001.png"
    rgb = np.random.default_rng(7).integers(0, 256, (64, 64, 3), dtype=np.uint8)
    Image.fromarray(rgb).save(path)
    return path


def _everything_in(folder: Path) -> str:
    for handler in logs.logger.handlers:
        handler.flush()
    if not folder.exists():
        return ""
    found = [p for p in folder.rglob("*") if p.is_file()]
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in found)


def _error_texts(error: DeskError) -> str:
    return "\n".join(
        [
            str(error),
            repr(error),
            repr(error.params),
            error.message("ko"),
            error.message("en"),
            "".join(traceback.format_exception(error)),
            repr(error.__cause__),
            repr(error.__context__),
        ]
    )


def _assert_clean(text: str, path: Path) -> None:
    assert NEEDLE not in text
    assert str(path) not in text
    assert "kim-minji-private-photos" not in text


def test_unexpected_decoder_failure_leaves_no_path_or_message(
    picture: Path, log_folder: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    def broken(path: Path, *_args: object, **_kw: object) -> None:
        raise RuntimeError(f"decoder choked on {path}: {NEEDLE}")

    monkeypatch.setattr(files, "fingerprint_image", broken)
    with pytest.raises(UnexpectedError) as caught:
        fingerprint_file(picture)
    [(_, returned)] = list(fingerprint_files([picture], workers=1))
    assert isinstance(returned, UnexpectedError)
    out, err = capfd.readouterr()
    logged = _everything_in(log_folder)
    # The developer still learns what failed and where.
    assert "builtins.RuntimeError" in logged and "fingerprinting" in logged
    for text in (out, err, logged, _error_texts(caught.value), _error_texts(returned)):
        _assert_clean(text, picture)


def test_pillow_failure_while_decoding_leaves_no_path_or_message(
    picture: Path, log_folder: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    def broken(self: ImageFile.ImageFile) -> None:
        raise ValueError(f"broken stream in {picture}: {NEEDLE}")

    monkeypatch.setattr(ImageFile.ImageFile, "load", broken)
    with pytest.raises(CorruptFile) as caught:
        fingerprint_file(picture)
    [(_, returned)] = list(fingerprint_files([picture], workers=1))
    assert isinstance(returned, CorruptFile)
    out, err = capfd.readouterr()
    for text in (out, err, _everything_in(log_folder), _error_texts(caught.value), _error_texts(returned)):
        _assert_clean(text, picture)
