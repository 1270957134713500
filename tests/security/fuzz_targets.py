"""One entry point per parser of untrusted input, shared by the Hypothesis tests (CI) and the coverage-guided
long runs (`tests/security/long_run.py`, atheris): the same rule is checked in both places.

The rule: whatever the bytes, a parser returns a result or raises a DeskError whose catalogue message reads
in Korean and English. UnexpectedError counts as a failure here (it is what the app shows for a bug it
caught), and so does anything else. Time and memory are bounded by the callers: `bounded()` below for
in-process runs, libFuzzer's -timeout/-rss_limit_mb plus RLIMIT_AS for the long runs.

Seeds are small valid files made here (a PNG, a JPEG with XMP, an A1111 PNG, a tiny H.264 video, CSV and
JSON Lines hash lists, a real signed evidence package), so mutations start from inputs that reach deep into
each parser rather than being refused at the first byte.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import tempfile
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

from victim_desk.errors import DeskError, UnexpectedError

# Per case, in process. Generous: the machine is shared; a real hang is unbounded, so it still shows.
CASE_SECONDS = 20.0
CASE_PEAK_BYTES = 512 * 1024 * 1024


class ParserFailure(AssertionError):
    """A parser broke the rule (crash, hang, memory, or an error without a catalogue message)."""


class _Hang(BaseException):  # BaseException: a parser's `except Exception` must not swallow it
    pass


def _scratch() -> Path:
    # /dev/shm keeps millions of tiny writes off the disk in long runs; any temp folder works.
    base = Path("/dev/shm") if Path("/dev/shm").is_dir() and os.access("/dev/shm", os.W_OK) else None
    return Path(tempfile.mkdtemp(prefix="vd-fuzz-", dir=base))


_SCRATCH: Path | None = None


def scratch_file(data: bytes, suffix: str = ".bin") -> Path:
    global _SCRATCH
    if _SCRATCH is None or not _SCRATCH.exists():
        _SCRATCH = _scratch()
    path = _SCRATCH / f"input{suffix}"
    path.write_bytes(data)
    return path


def _accept(exc: BaseException) -> None:
    """Whether `exc` is an allowed outcome; raises ParserFailure if not."""
    if isinstance(exc, UnexpectedError) or not isinstance(exc, DeskError):
        raise ParserFailure(f"{type(exc).__name__} escaped a parser") from exc
    for lang in ("ko", "en"):
        text = exc.message(lang)
        if not text.strip() or exc.key in text:
            raise ParserFailure(f"{type(exc).__name__} has no catalogue message in {lang}")


# --- the targets --------------------------------------------------------------------------------------


def image(data: bytes) -> None:
    from victim_desk.core.fingerprint.files import fingerprint_file

    fingerprint_file(scratch_file(data, ".img"))


video = image  # the same entry point: the file's bytes decide image or video, never its name


def sightings_import(data: bytes) -> None:
    from victim_desk.core.sighting_import import parse, read_text

    parse(read_text(scratch_file(data, ".csv")), "fuzz")


def hash_list(data: bytes) -> None:
    from victim_desk.core.fingerprint.hashlist import read_hash_array, read_hash_list

    path = scratch_file(data, ".list")
    read_hash_list(path)
    read_hash_array(path)


def provenance(data: bytes) -> None:
    from victim_desk.core.provenance.read import read_provenance

    path = scratch_file(data, ".img")
    for kind in ("image", "video"):
        result = read_provenance(path, kind)  # documented never to raise
        json.dumps(result.to_json())


def package(data: bytes) -> None:
    from victim_desk.core.package_verify import verify_package

    report = verify_package(io.BytesIO(data))
    for finding in report.findings:
        from victim_desk.i18n import t

        t(f"package.check.{finding.check}", "en", **{"member": finding.member, **finding.params})


def key_file(data: bytes) -> None:
    from victim_desk.storage.keywrap import KeyFile

    KeyFile.from_json(data.decode("utf-8", "surrogateescape"))


TARGETS: dict[str, Callable[[bytes], None]] = {
    "image": image,
    "video": video,
    "sightings_import": sightings_import,
    "hash_list": hash_list,
    "provenance": provenance,
    "package": package,
    "key_file": key_file,
}


def run(target: str, data: bytes) -> None:
    """Run one case of `target`; ParserFailure if the rule is broken."""
    try:
        TARGETS[target](data)
    except ParserFailure:
        raise
    except _Hang:
        raise
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        _accept(exc)


@contextlib.contextmanager
def bounded(seconds: float = CASE_SECONDS, peak: int = CASE_PEAK_BYTES) -> Iterator[None]:
    """Fails a case that runs longer than `seconds` (SIGALRM, main thread) or whose Python-visible
    allocations (NumPy's included: it reports to tracemalloc) peak above `peak` bytes."""
    tracing = tracemalloc.is_tracing()
    if not tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()

    def alarm(_signum: int, _frame: object) -> None:
        raise _Hang()

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Hang:
        raise ParserFailure(f"a case ran longer than {seconds} s") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        _, high = tracemalloc.get_traced_memory()
        if not tracing:
            tracemalloc.stop()
    if high > peak:
        raise ParserFailure(f"a case peaked at {high // 2**20} MiB")


# --- seeds ----------------------------------------------------------------------------------------------


def _picture(size: tuple[int, int] = (64, 48)) -> object:
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(20261202)
    return Image.fromarray(rng.integers(0, 256, (size[1], size[0], 3), dtype=np.uint8))


def _saved(fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    _picture().save(out, fmt, **options)  # type: ignore[attr-defined]
    return out.getvalue()


def _video() -> bytes:
    from fractions import Fraction

    import av
    import numpy as np

    path = _scratch() / "seed.mp4"
    rng = np.random.default_rng(7)
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=5)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        stream.options = {"preset": "ultrafast", "x264-params": "keyint=5:scenecut=0"}
        for i in range(6):
            frame = av.VideoFrame.from_ndarray(rng.integers(0, 256, (48, 64, 3), dtype=np.uint8), "rgb24")
            frame.pts, frame.time_base = i, Fraction(1, 5)
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path.read_bytes()


def _provenance_files() -> list[bytes]:
    from tests.unit.provenance import _make

    return [
        _make.a1111_png(),
        _make.comfyui_png(),
        _make.jpeg_with_segment(
            0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + _make.xmp_packet("trainedAlgorithmicMedia")
        ),
        _make.png_with_chunks(
            [_make.itxt("XML:com.adobe.xmp", _make.xmp_packet("compositeSynthetic"), compressed=True)]
        ),
    ]


def _package() -> tuple[bytes, bytes]:
    """A real signed package from a real vault: one sighting, one fingerprint, one letter, its audit chain."""
    from victim_desk.app.requests import LetterSpec
    from victim_desk.desk import Desk

    folder = _scratch()
    picture = folder / "p.png"
    picture.write_bytes(_saved("PNG"))
    with Desk.create(folder / "vault", "fuzz seed passphrase 1234") as desk:
        desk.profile.set("Seed Person", "seed@example.org")
        case = desk.cases.add("seed")
        desk.sightings.add(case, "https://t.me/seedroom/1")
        list(desk.evidence.add(case, [picture]))
        spec = LetterSpec(
            recipient="telegram", jurisdiction="US", lang="en", case_id=case, platform="telegram"
        )
        desk.requests.letter(spec, folder / "letter.txt")
        desk.packages.export(case, folder / "pkg.zip", lang="en")
    data = (folder / "pkg.zip").read_bytes()
    # A stored (uncompressed) copy too: mutations then reach the members' text rather than deflate's bits.
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
        for info in source.infolist():
            copy.writestr(info.filename, source.read(info))
    return data, out.getvalue()


@cache
def seeds(target: str) -> tuple[bytes, ...]:
    if target == "image":
        return (_saved("PNG"), _saved("JPEG", quality=80), _saved("GIF"), _saved("WEBP"), _saved("BMP"),
                _saved("TIFF"))  # fmt: skip
    if target == "video":
        return (_video(),)
    if target == "sightings_import":
        return (
            'url,platform,seen,note\nhttps://t.me/a/1,telegram,2026-01-01,메모\n"https://x.com/u/status/2",x,,\n'.encode(),
            "https://t.me/room/1\nhttps://www.naver.com/blog/2\n\n# note\n".encode("utf-16"),
            "주소;메모\r\nhttps://t.me/b;한글\r\n".encode("cp949"),
        )
    if target == "hash_list":
        pdq = "f" * 16 + "0" * 48
        return (
            f"pdq,md5,sha256,label\n{pdq},{'a' * 32},{'b' * 64},case1-evidence1\n".encode(),
            (
                json.dumps(
                    {
                        "file": "a.png",
                        "kind": "image",
                        "size": 1,
                        "sha256": "c" * 64,
                        "md5": "d" * 32,
                        "pdq": pdq,
                        "pdq_quality": 90,
                        "phash": "0" * 16,
                    }
                )
                + "\n"
            ).encode(),
        )
    if target == "provenance":
        return tuple(_provenance_files())
    if target == "package":
        return tuple(_package())
    if target == "key_file":
        from victim_desk.storage.vault import KEY_NAME, Vault

        folder = _scratch()
        Vault.create(folder / "v", "fuzz seed passphrase 1234").close()
        return ((folder / "v" / KEY_NAME).read_bytes(),)
    raise KeyError(target)


# --- mutations (Hypothesis and the fallback long run) -----------------------------------------------------

Mutation = tuple[int, float, int, bytes]  # (kind, where as a fraction of the length, how many, bytes)


def mutate(data: bytes, ops: list[Mutation], other: bytes = b"") -> bytes:
    """Applies byte-level edits the way a damaged download or a hostile author would: overwrite, insert,
    delete, truncate, duplicate a slice, splice in another seed, and set an integer field to an extreme."""
    out = bytearray(data)
    for kind, where, count, payload in ops:
        at = int(where * len(out)) if out else 0
        if kind == 0:
            out[at : at + len(payload)] = payload
        elif kind == 1:
            out[at:at] = payload
        elif kind == 2:
            del out[at : at + count]
        elif kind == 3:
            del out[at:]
        elif kind == 4:
            out[at:at] = out[at : at + count]
        elif kind == 5 and other:
            cut = int(where * len(other))
            out[at:] = other[cut:]
        else:
            extreme = (b"\xff\xff\xff\xff", b"\x7f\xff\xff\xff", b"\x00\x00\x00\x00", b"\x80\x00\x00\x00")
            out[at : at + 4] = extreme[count % 4]
    return bytes(out)
