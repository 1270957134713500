"""Fingerprinting files one at a time or in batches: the entry points the application layer calls.

`fingerprint_file` decides what a file is from its bytes and hands it to image.py or video.py.
`fingerprint_files` runs many over both cores and yields results in input order, one bad file never stopping
the rest. It uses threads, not processes: the heavy parts (JPEG/HEIF/video decoding, hashlib, numpy matrix
products) all release the GIL, threads share the CancelToken directly, and a frozen desktop app avoids the
spawn-a-new-interpreter cost and pitfalls of multiprocessing (benchmarks/bench_fingerprint.py measures both).
"""

from __future__ import annotations

import dataclasses
import os
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from victim_desk.core.cancel import CancelToken, Progress, check
from victim_desk.core.fingerprint import decode, pixels
from victim_desk.core.fingerprint.image import fingerprint_image
from victim_desk.core.fingerprint.types import Fingerprint
from victim_desk.core.fingerprint.video import fingerprint_video
from victim_desk.core.provenance.read import read_provenance
from victim_desk.errors import Cancelled, DeskError, ImageTooLarge, UnexpectedError
from victim_desk.logs import log_unexpected

# Share of a video's progress spent on hashing the file (the rest is decoding), in permille.
_HASH_SHARE = 200


def fingerprint_file(
    path: Path,
    *,
    cancel: CancelToken | None = None,
    progress: Progress | None = None,
    provenance: bool = True,
) -> Fingerprint:
    """Fingerprint one picture or video, with what the file says about its making (`provenance`; matching
    turns it off: it needs only the hashes). Raises a DeskError (FileUnreadable, UnsupportedFile, CorruptFile,
    ImageTooLarge, VideoTooLong, Cancelled) for anything that is not a readable, supported file.

    The error raised never links to the exception it replaces (no cause, no context): that one's message may
    quote the file's path, and its frames hold decoded pixels."""
    path = Path(path)
    check(cancel)
    failure: DeskError
    try:
        result = _fingerprint(path, cancel, progress)
        if provenance:
            # Never raises for bad metadata: what it cannot read becomes a note in the result.
            result = replace(result, provenance=read_provenance(path, result.kind).to_json())
        return result
    except DeskError as exc:
        raise _detached(exc) from None
    except MemoryError:
        failure = ImageTooLarge(width="?", height="?")
    except Exception as exc:
        # A bug, not the person's file: say so calmly. The log gets the exception's type and the code
        # locations it passed through, never its text (a decoder's message can quote the file's path).
        log_unexpected(exc, "fingerprinting")
        failure = UnexpectedError()
    # Raised outside the handlers, so Python does not attach the original as its context.
    raise failure


def _fingerprint(path: Path, cancel: CancelToken | None, progress: Progress | None) -> Fingerprint:
    size = decode.regular_file_size(path)
    kind = decode.sniff(path)
    if kind == "image":
        # The file's SHA-256 and MD5 are computed on a helper thread while this one decodes and hashes the
        # picture (hashlib releases the GIL): the fingerprint then costs little more than the decode.
        pending = pixels.background(decode.digests, path, cancel=cancel)
        result = fingerprint_image(path, pending.result, cancel=cancel)
        if progress is not None:
            progress(1, 1)
        return result

    def hashed(done: int, _total: int) -> None:
        if progress is not None:
            progress(_HASH_SHARE * done // max(size, 1), 1000)

    digests = decode.digests(path, cancel=cancel, progress=hashed, total=size)
    result = fingerprint_video(path, digests, cancel=cancel, progress=progress)
    if result.pdq is not None and result.pdq_method is None:
        result = dataclasses.replace(result, pdq_method=decode.PDQ_VIDEO_FRAME)
    if progress is not None:
        progress(1000, 1000)
    return result


def fingerprint_files(
    paths: Sequence[Path],
    *,
    workers: int | None = None,
    cancel: CancelToken | None = None,
    progress: Progress | None = None,
    provenance: bool = True,
) -> Iterator[tuple[Path, Fingerprint | DeskError]]:
    """Fingerprint `paths` in parallel, yielding (path, fingerprint or its DeskError) in input order.

    Raises Cancelled (after the files in flight finish) when `cancel` is set. `progress(done, total)` is
    called from the consuming thread, so a GUI worker can forward it as a signal as it is.
    """
    total = len(paths)
    n = max(1, workers if workers is not None else (os.cpu_count() or 1))
    if progress is not None:
        progress(0, total)
    # A short queue of futures keeps memory flat for thousands of files and lets cancel stop new work.
    window = 2 * n
    pending: deque[tuple[Path, Future[Fingerprint | DeskError]]] = deque()
    todo = iter(paths)
    done = 0
    # Ours to cancel when the consumer stops early (Ctrl+C, an error, a closed window): without it the pool
    # would wait at exit for a long video in flight to finish.
    inner = CancelToken(parent=cancel)
    with ThreadPoolExecutor(max_workers=n, thread_name_prefix="fingerprint") as pool:
        try:
            while True:
                while len(pending) < window:
                    check(cancel)
                    path = next(todo, None)
                    if path is None:
                        break
                    pending.append((Path(path), pool.submit(_one, path, inner, provenance)))
                if not pending:
                    break
                path, future = pending.popleft()
                result = future.result()
                if isinstance(result, Cancelled):
                    raise result
                yield path, result
                done += 1
                if progress is not None:
                    progress(done, total)
        finally:
            inner.cancel()
            for _, future in pending:
                future.cancel()


def _one(path: Path, cancel: CancelToken | None, provenance: bool) -> Fingerprint | DeskError:
    try:
        return fingerprint_file(Path(path), cancel=cancel, provenance=provenance)
    except DeskError as exc:
        return exc


def _detached(exc: DeskError) -> DeskError:
    """`exc` without the exception it replaced or the frames it passed through."""
    exc.__cause__ = None
    exc.__context__ = None
    exc.__suppress_context__ = True
    return exc.with_traceback(None)
