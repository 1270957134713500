"""Safe opening of untrusted files: sniffing, digests, caps, and one DeskError for every kind of bad input."""

from __future__ import annotations

import hashlib
import os
import random
import struct
import subprocess
import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from _photos import photo
from PIL import Image, ImageFile

from victim_desk.core.cancel import CancelToken
from victim_desk.core.fingerprint import Fingerprint, decode, fingerprint_file, fingerprint_files
from victim_desk.errors import (
    Cancelled,
    CorruptFile,
    DeskError,
    FileIsFolder,
    FileMissing,
    FileNotPermitted,
    FileUnreadable,
    ImageTooLarge,
    UnsupportedFile,
)

REPO = Path(__file__).resolve().parents[3]


def noise(n: int, seed: int) -> bytes:
    """Random-looking bytes that are the same on every run, so a failure can be reproduced."""
    return random.Random(seed).randbytes(n)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int, zeros: int = 4_000_000) -> bytes:
    """A PNG whose header claims width x height, followed by a compressed run of zeros (a few KB)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * zeros, 9)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


# --- what a file is --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "save"),
    [
        ("a.jpg", {"quality": 90}),
        ("a.png", {}),
        ("a.webp", {"quality": 80}),
        ("a.gif", {}),
        ("a.bmp", {}),
        ("a.tif", {}),
        ("a.heic", {"format": "HEIF"}),
    ],
)
def test_pictures_are_recognised_by_content_not_name(photo_file, name: str, save: dict) -> None:
    path = photo_file(name, **save)
    renamed = path.rename(path.with_suffix(".dat"))
    assert decode.sniff(renamed) == "image"


@pytest.mark.parametrize(("name", "codec"), [("v.mp4", "libx264"), ("v.mov", "libx264"), ("v.mkv", "libx264"),
                                             ("v.webm", "libvpx-vp9"), ("v.avi", "mpeg4")])  # fmt: skip
def test_videos_are_recognised_by_content_not_name(video, name: str, codec: str) -> None:
    path = video(name, codec=codec, seconds_each=0.3)
    assert decode.sniff(path.rename(path.with_suffix(".jpg"))) == "video"


def test_text_with_a_picture_name_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "holiday.jpg"
    path.write_text("this is not a picture\n" * 50)
    with pytest.raises(UnsupportedFile):
        fingerprint_file(path)


def test_empty_file_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "empty.png"
    path.write_bytes(b"")
    with pytest.raises(CorruptFile):
        fingerprint_file(path)


@pytest.mark.parametrize(("name", "save", "keep"), [("t.jpg", {"quality": 90}, 0.4), ("t.png", {}, 0.4),
                                                    ("t.webp", {}, 0.5), ("t.gif", {}, 0.3),
                                                    ("t.heic", {"format": "HEIF"}, 0.5)])  # fmt: skip
def test_truncated_pictures_are_corrupt(photo_file, name: str, save: dict, keep: float) -> None:
    path = photo_file(name, **save)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(CorruptFile):
        fingerprint_file(path)


def test_garbage_after_a_valid_header_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "noise.png"
    path.write_bytes(png_claiming(640, 480)[:33] + noise(5000, seed=1))
    with pytest.raises(CorruptFile):
        fingerprint_file(path)


# --- size caps, checked before decoding -------------------------------------------------------------------


def test_decompression_bomb_is_refused_before_decoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(png_claiming(30_000, 30_000))
    assert path.stat().st_size < 50_000
    decoded: list[object] = []
    real_load = ImageFile.ImageFile.load

    def load(self: ImageFile.ImageFile) -> object:
        decoded.append(self)
        return real_load(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    with pytest.raises(ImageTooLarge) as caught:
        fingerprint_file(path)
    # Refused from the header, no pixel decoded (900 MP would be 2.7 GB); the time is in benchmarks/.
    assert decoded == []
    assert caught.value.params == {"width": 30_000, "height": 30_000}
    assert "30000" in caught.value.message("ko")


@pytest.mark.parametrize(("width", "height"), [(70_000, 8), (8, 70_000), (15_000, 14_000)])
def test_huge_dimensions_are_refused(tmp_path: Path, width: int, height: int) -> None:
    path = tmp_path / "huge.png"
    path.write_bytes(png_claiming(width, height, zeros=1000))
    with pytest.raises(ImageTooLarge):
        fingerprint_file(path)


def test_an_image_just_under_the_cap_is_not_refused_by_size(tmp_path: Path) -> None:
    # 12,000 x 10,000 = 120 MP is allowed; this file is cut short, so the decoder, not the cap, says no.
    path = tmp_path / "big.png"
    path.write_bytes(png_claiming(12_000, 10_000, zeros=1000))
    with pytest.raises(CorruptFile):
        fingerprint_file(path)


# --- paths that are not readable files --------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileUnreadable):
        fingerprint_file(tmp_path / "gone.jpg")


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.jpg"
    folder.mkdir()
    with pytest.raises(FileUnreadable):
        fingerprint_file(folder)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jpg"
    os.mkfifo(fifo)
    with pytest.raises(FileUnreadable):
        fingerprint_file(fifo)


@contextmanager
def _without_root() -> Iterator[None]:
    """Root reads every file whatever its mode, so as root the read is made as `nobody` (effective uid only;
    the saved uid stays root, so it can switch back). Not root: nothing to change."""
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX file modes")
def test_permission_denied(photo_file) -> None:
    path = photo_file("locked.png")
    path.chmod(0)
    try:
        with _without_root(), pytest.raises(FileNotPermitted):
            fingerprint_file(path)
    finally:
        path.chmod(0o600)


# --- digests ----------------------------------------------------------------------------------------------


def test_digests_are_of_the_exact_bytes(photo_file) -> None:
    path = photo_file("d.jpg", quality=85)
    data = path.read_bytes()
    fp = fingerprint_file(path)
    assert fp.sha256 == hashlib.sha256(data).hexdigest()
    assert fp.md5 == hashlib.md5(data).hexdigest()
    assert fp.size == len(data)


def test_digests_stream_large_files(tmp_path: Path) -> None:
    path = tmp_path / "big.bin"
    data = noise(3 * (1 << 20) + 12345, seed=2)
    path.write_bytes(data)
    seen: list[int] = []
    d = decode.digests(path, progress=lambda done, total: seen.append(done), total=len(data))
    assert d.size == len(data)
    assert (d.sha256, d.md5) == (hashlib.sha256(data).hexdigest(), hashlib.md5(data).hexdigest())
    assert seen and seen[-1] == len(data)


def test_cancel_before_start(photo_file) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        fingerprint_file(photo_file("c.png"), cancel=token)


# --- batches ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("workers", [1, 2])
def test_batch_keeps_order_and_survives_bad_files(tmp_path: Path, photo_file, workers: int) -> None:
    good = [photo_file(f"g{i}.png", photo(name)) for i, name in enumerate(["astronaut", "coffee", "camera"])]
    text = tmp_path / "t.jpg"
    text.write_text("hello")
    bomb = tmp_path / "b.png"
    bomb.write_bytes(png_claiming(30_000, 30_000))
    paths = [good[0], text, tmp_path / "missing.gif", good[1], bomb, tmp_path, good[2]]
    progress: list[tuple[int, int]] = []
    results = list(fingerprint_files(paths, workers=workers, progress=lambda d, t: progress.append((d, t))))
    assert [p for p, _ in results] == paths
    kinds = [type(r) for _, r in results]
    assert kinds == [Fingerprint, UnsupportedFile, FileMissing, Fingerprint, ImageTooLarge, FileIsFolder,
                     Fingerprint]  # fmt: skip
    assert all(isinstance(r, DeskError) for _, r in results if not isinstance(r, Fingerprint))
    assert [r.sha256 for _, r in results if isinstance(r, Fingerprint)] == [
        hashlib.sha256(p.read_bytes()).hexdigest() for p in good
    ]
    assert progress[0] == (0, len(paths)) and progress[-1] == (len(paths), len(paths))


def test_batch_stops_when_cancelled(photo_file) -> None:
    paths = [photo_file(f"p{i}.png") for i in range(8)]
    token = CancelToken()
    got = []
    with pytest.raises(Cancelled):
        for path, result in fingerprint_files(paths, workers=2, cancel=token):
            got.append((path, result))
            token.cancel()
    assert 1 <= len(got) < len(paths)


# --- nothing printed --------------------------------------------------------------------------------------


def test_bad_files_print_nothing(tmp_path: Path, video) -> None:
    """Pillow's warnings and FFmpeg's log must not reach the person's terminal."""
    exif_broken = tmp_path / "exif.jpg"
    Image.fromarray(photo("coffee")).save(exif_broken, quality=80)
    data = exif_broken.read_bytes()
    # An APP1 "Exif" segment full of nonsense right after the SOI marker.
    app1 = b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\xff\xff" + noise(64, seed=3)
    exif_broken.write_bytes(data[:2] + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + data[2:])
    cut = video("cut.mkv", seconds_each=0.5)
    cut.write_bytes(cut.read_bytes()[: cut.stat().st_size // 2])
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + noise(20_000, seed=4))
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(png_claiming(30_000, 30_000))
    code = (
        "import sys; from pathlib import Path; from victim_desk.core.fingerprint import fingerprint_files\n"
        "for p, r in fingerprint_files([Path(a) for a in sys.argv[1:]]): pass\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(exif_broken), str(cut), str(junk), str(bomb)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONWARNINGS": ""},
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout == ""


def test_permission_denied_even_as_root(photo_file, monkeypatch: pytest.MonkeyPatch) -> None:
    # The test above cannot run as root (root reads everything), so simulate what open() raises.
    path = photo_file("locked.png")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(decode, "open", refuse, raising=False)
    with pytest.raises(FileUnreadable) as caught:
        fingerprint_file(path)
    assert isinstance(caught.value, FileNotPermitted)
