"""Fingerprints of videos (MP4, MOV, WebM, MKV, AVI): file digests, PDQ of sampled frames, and robust
signatures of a few frames.

Platforms match videos frame by frame, and a re-upload is usually re-encoded, cut or trimmed, so the file
digests alone find only exact copies. We sample each keyframe (about once a second) or, where every frame is
decoded anyway, a frame every half second, hash it with PDQ at a small size, and collapse runs of
near-identical frames so a static scene costs one hash. People also screenshot videos at any moment, and PDQ
loses a panning shot within a tenth of a second; so the first frame of every shot and then one every 2 s
also keep a robust signature (local features), with which the matcher confirms a shifted, zoomed, cropped
or framed screenshot of the moments around them (measured in benchmarks/eval_video.py).

Speed comes from decoding as little as possible (the target is 20x real time for 1080p H.264 on two cores):

1. a first pass only demuxes (no decoding) to learn where the keyframes are;
2. a second pass feeds the decoder, group of pictures by group of pictures: where keyframes are at most
   KEYFRAME_GAP_S apart, only the keyframes that are due are decoded (they stand alone, and skipping every
   other packet is what makes this fast); where a group is longer, all of it is decoded and frames are
   picked by time;
3. frames are scaled down and converted to gray by libswscale before they reach Python.

Hostile files are bounded by a duration cap, a packet cap, a frame size cap and a wall-clock limit; the
demuxer is the one the file's magic bytes name, not whatever FFmpeg guesses.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
from av.video.reformatter import VideoReformatter
from PIL import Image

from victim_desk.core.cancel import CancelToken, Progress, check
from victim_desk.core.fingerprint import decode, pdq
from victim_desk.core.fingerprint.hashing import (
    FRAME_DEDUP_DISTANCE,
    GOOD_QUALITY,
    MIN_FRAME_QUALITY,
    pdq_of_gray,
    phash_of,
    robust_signature,
)
from victim_desk.core.fingerprint.types import Fingerprint, FrameHash
from victim_desk.errors import CorruptFile, UnsupportedFile, VideoTooLong, file_error

log = logging.getLogger(__name__)

SAMPLE_INTERVAL_S = 1.0
# Inside a group of pictures a second frame is taken halfway to the next keyframe, and where every frame is
# decoded frames are taken this often: a screenshot is then never more than ~0.25 s from a sampled frame.
DENSE_INTERVAL_S = 0.5
# Whether groups of <= KEYFRAME_GAP_S are also decoded up to their midpoint. Off: measured on 1080p H.264
# with 1 s keyframes it halves the speed (below the 20x real-time goal), and the vault finds screenshots of
# any moment through the frames' robust signatures without it. On, a PDQ-only hash list finds more
# screenshots (benchmarks/eval_video.py --midpoints). Groups that are decoded in full anyway are always
# sampled every DENSE_INTERVAL_S.
MIDPOINT_SAMPLES = False
# Two samples closer than this are not both taken (a group this short is covered by its keyframe).
MIN_SAMPLE_GAP_S = 0.2
# Groups of pictures up to this long are covered by their keyframes alone.
KEYFRAME_GAP_S = 2.0
# Refuse longer videos (beyond any realistic clip; also bounds the work a hostile file can ask for).
MAX_DURATION_S = 4 * 3600
# Give up on a file that takes longer than this, whatever it claims about itself.
TIME_LIMIT_S = 600.0
MAX_PACKETS = 4_000_000
# Hash at most this many samples (longer videos are sampled more sparsely) and keep at most MAX_FRAME_HASHES.
MAX_SAMPLES = 7200
MAX_FRAME_HASHES = 7200
# Frames are scaled so the long side is at most this before hashing (PDQ filters down to 64x64 anyway).
GRAY_LONG_SIDE = 512
# Robust signatures (local features, ~10 KB each) are kept for the first frame of every shot and then for a
# kept frame at most every SIGNATURE_SPACING_S seconds, at most MAX_SIGNATURES per video (longer videos get
# them more sparsely). The feature stage finds a screenshot whose view is shifted, zoomed or cropped by a
# fifth or more from a signed frame, so one every 2 s covers pans and zooms that PDQ loses within 0.1 s.
SIGNATURE_SPACING_S = 2.0
MAX_SIGNATURES = 600
# A cut: the grey-level histograms (16 bins, shares) of consecutive samples differ by more than this (L1,
# out of 2). Pans and zooms over one scene change them far less.
CUT_HISTOGRAM_L1 = 0.5
# Decoding errors tolerated before a file with no good frame is called corrupt.
MAX_DECODE_ERRORS = 100

# Demuxer per magic: only these three container parsers are ever used.
_DEMUXERS = {"mov": "mov", "matroska": "matroska", "avi": "avi"}


@dataclass(frozen=True)
class _Segment:
    """Packets [start, end) in demux order; `key_only` when the group is short enough to skip most of its
    P/B frames; `t`/`next_t` are the times of its keyframe and of the next one (None when unknown)."""

    start: int
    end: int
    key_only: bool
    t: float | None = None
    next_t: float | None = None

    def midpoint(self) -> float | None:
        """Where in the group the extra sample is taken (stream time), None when the group has no length."""
        if self.t is None or self.next_t is None or self.next_t - self.t < 2 * MIN_SAMPLE_GAP_S:
            return None
        return self.t + (self.next_t - self.t) / 2


@dataclass(frozen=True)
class _Plan:
    segments: list[_Segment]
    start_t: float
    duration: float
    interval: float


def fingerprint_video(
    path: Path,
    digests: decode.Digests,
    *,
    cancel: CancelToken | None = None,
    progress: Progress | None = None,
) -> Fingerprint:
    """Fingerprint the video at `path`; `digests` are of the same file. Progress is reported in permille."""
    deadline = time.monotonic() + TIME_LIMIT_S
    demuxer = demuxer_for(path)
    with _container(path, demuxer) as container:
        stream = _video_stream(container)
        _check_declared(container, stream)
        segments, start_t, duration = _scan(container, stream, deadline, cancel)
    # Two samples a second (the keyframe and one halfway through its group) up to MAX_SAMPLES; longer
    # videos are sampled more sparsely and then by keyframes only.
    interval = max(DENSE_INTERVAL_S, duration / MAX_SAMPLES)
    with _container(path, demuxer) as container:
        stream = _video_stream(container)
        if all(s.key_only for s in segments):
            # Only keyframes will be decoded and none is used to predict another decoded frame, so the
            # deblocking filter can be skipped: ~20% less decoding, no visible change at 64x64. The frames
            # decoded on the way to a group's midpoint drift a little without it (half a group at most),
            # which PDQ at 64 x 64 does not see. Frames no other frame refers to (most B-frames) are not
            # needed on that way either: the first decoded frame past the midpoint is the sample.
            stream.codec_context.options = {"skip_loop_filter": "all"}
            stream.codec_context.skip_frame = "NONREF"
        plan = _Plan(segments, start_t, duration, interval)
        samples = _sample(container, stream, plan, deadline, cancel, progress)
        frames, rep = _keep(samples, max(SIGNATURE_SPACING_S, duration / MAX_SIGNATURES))
    if rep is None:
        raise CorruptFile()
    return Fingerprint(
        file=str(path),
        kind="video",
        size=digests.size,
        sha256=digests.sha256,
        md5=digests.md5,
        pdq=rep[0].pdq,
        pdq_quality=rep[0].quality,
        phash=phash_of(Image.fromarray(rep[1])),
        frames=frames,
    )


def _keep(
    samples: Iterator[tuple[FrameHash, np.ndarray]], spacing: float
) -> tuple[tuple[FrameHash, ...], tuple[FrameHash, np.ndarray] | None]:
    """Collapse near-identical samples (hashing.collapse's rule), sign the first kept frame of each shot and
    then one at most every `spacing` seconds, and pick the representative (first good frame, else the best).

    Streams: only the representative's small grey image is held, never every sample's."""
    kept: list[FrameHash] = []
    rep: tuple[FrameHash, np.ndarray] | None = None
    previous: np.ndarray | None = None
    shot_signed = False
    signed_t: float | None = None
    for frame, gray in samples:
        if rep is None or (rep[0].quality < GOOD_QUALITY and frame.quality > rep[0].quality):
            rep = (frame, gray)
        histogram = np.bincount((gray.ravel() >> 4).astype(np.intp), minlength=16) / max(1, gray.size)
        if previous is not None and float(np.abs(histogram - previous).sum()) > CUT_HISTOGRAM_L1:
            shot_signed = False
        previous = histogram
        if frame.quality < MIN_FRAME_QUALITY:
            continue
        if kept and pdq.hamming(kept[-1].pdq, frame.pdq) <= FRAME_DEDUP_DISTANCE:
            continue
        if not shot_signed or signed_t is None or frame.t - signed_t >= spacing:
            signature = robust_signature(gray)
            if signature is not None:
                frame = FrameHash(frame.t, frame.pdq, frame.quality, signature)
                shot_signed, signed_t = True, frame.t
        kept.append(frame)
        if len(kept) >= MAX_FRAME_HASHES:
            break
    return tuple(kept), rep


def demuxer_for(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            head = fh.read(64)
    except OSError as exc:
        raise file_error(exc) from exc
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return _DEMUXERS["matroska"]
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return _DEMUXERS["avi"]
    if head[4:8] == b"ftyp" or decode.kind_of(head) == "video":
        return _DEMUXERS["mov"]
    raise UnsupportedFile()


@contextmanager
def _container(path: Path, demuxer: str) -> Iterator[av.container.InputContainer]:
    try:
        container = av.open(str(path), format=demuxer, metadata_errors="ignore")
    except av.FFmpegError as exc:
        log.debug("cannot open video: %s", type(exc).__name__)
        raise CorruptFile() from exc
    try:
        yield container
    finally:
        container.close()


def _video_stream(container: av.container.InputContainer) -> av.video.stream.VideoStream:
    streams = list(container.streams.video)
    if not streams:
        # An MP4 with only sound (m4a) or only data: nothing to see, so nothing to fingerprint.
        raise UnsupportedFile()
    stream = streams[0]
    if stream.codec_context is None:
        # FFmpeg knows no decoder for the codec the header names (a damaged header, usually): unreadable.
        raise CorruptFile()
    # Slice and frame threads over both cores; the decoder releases the GIL while it works.
    stream.thread_type = "AUTO"
    return stream


def _check_declared(container: av.container.InputContainer, stream: av.video.stream.VideoStream) -> None:
    """Refuse what the headers already admit to: huge frames, endless durations."""
    ctx = stream.codec_context
    if ctx.width and ctx.height:
        decode.check_size(ctx.width, ctx.height)
    duration = None
    if container.duration is not None:
        duration = container.duration / 1_000_000  # AV_TIME_BASE
    elif stream.duration is not None and stream.time_base is not None:
        duration = float(stream.duration * stream.time_base)
    if duration is not None and duration > MAX_DURATION_S:
        raise _too_long(duration)


def _too_long(seconds: float) -> VideoTooLong:
    """The error for a video longer than MAX_DURATION_S, with both figures in hours."""
    # Rounded up to a tenth: a video just past the limit must not read "4.0 hours, more than 4 hours".
    hours = math.ceil(seconds / 360) / 10
    return VideoTooLong(limit="duration", hours=hours, max_hours=round(MAX_DURATION_S / 3600))


def _packet_time(packet: av.Packet) -> float | None:
    ts = packet.pts if packet.pts is not None else packet.dts
    if ts is None or packet.time_base is None:
        return None
    return float(ts * packet.time_base)


def _scan(
    container: av.container.InputContainer,
    stream: av.video.stream.VideoStream,
    deadline: float,
    cancel: CancelToken | None,
) -> tuple[list[_Segment], float, float]:
    """Demux without decoding: keyframe positions -> segments, plus the start time and the duration."""
    keys: list[tuple[int, float | None]] = []
    first_t: float | None = None
    last_t: float | None = None
    count = 0
    try:
        for packet in container.demux(stream):
            if packet.size == 0:  # the flush packet PyAV yields at the end
                continue
            t = _packet_time(packet)
            if t is not None:
                first_t = t if first_t is None else min(first_t, t)
                last_t = t if last_t is None else max(last_t, t)
            if packet.is_keyframe:
                keys.append((count, t))
            count += 1
            if count % 256 == 0:
                _checkpoint(deadline, cancel)
                if count > MAX_PACKETS:
                    raise VideoTooLong(limit="frames", count=count, max_count=MAX_PACKETS)
                if first_t is not None and last_t is not None and last_t - first_t > MAX_DURATION_S:
                    raise _too_long(last_t - first_t)
    except av.FFmpegError as exc:
        # A file cut short ends the scan early; the part before is still worth decoding.
        log.debug("demux stopped: %s", type(exc).__name__)
    if count == 0:
        raise CorruptFile()
    start_t = first_t if first_t is not None else 0.0
    end_t = last_t if last_t is not None else start_t
    if end_t - start_t > MAX_DURATION_S:
        raise _too_long(end_t - start_t)
    # The last group runs to the end; give it one frame's worth so a 1-frame group is not "zero long".
    frame_s = 1.0 / float(stream.average_rate) if stream.average_rate else 0.04
    return _segments(keys, count, end_t + frame_s), start_t, max(0.0, end_t - start_t)


def _segments(keys: list[tuple[int, float | None]], count: int, end_t: float) -> list[_Segment]:
    segments: list[_Segment] = []
    if not keys or keys[0][0] != 0:
        # Packets before the first keyframe (or a stream with none flagged): decode them all.
        segments.append(_Segment(0, keys[0][0] if keys else count, key_only=False))
    for i, (index, t) in enumerate(keys):
        next_index, next_t = keys[i + 1] if i + 1 < len(keys) else (count, end_t)
        gap = (next_t - t) if (t is not None and next_t is not None) else math.inf
        segments.append(_Segment(index, next_index, gap <= KEYFRAME_GAP_S, t, next_t))
    return segments


def _checkpoint(deadline: float, cancel: CancelToken | None) -> None:
    check(cancel)
    if time.monotonic() > deadline:
        raise VideoTooLong(limit="time", minutes=round(TIME_LIMIT_S / 60))


def _sample(
    container: av.container.InputContainer,
    stream: av.video.stream.VideoStream,
    plan: _Plan,
    deadline: float,
    cancel: CancelToken | None,
    progress: Progress | None,
) -> Iterator[tuple[FrameHash, np.ndarray]]:
    """Decode what the segments call for and yield (hash, small gray image) of each sampled frame."""
    segments, start_t, duration, interval = plan.segments, plan.start_t, plan.duration, plan.interval
    ctx = stream.codec_context
    # A frame is due this long after the previous sample. Where only keyframes are decoded the slack is wide,
    # so keyframes 0.8-1 s apart all count; where every frame is decoded, the next one a second on is taken.
    key_gap, full_gap = interval * 0.75, interval * 0.98
    due_gap = key_gap
    # Midpoints are sampled while sampling is dense (not for very long videos, sampled more sparsely).
    midpoints = MIDPOINT_SAMPLES and interval <= DENSE_INTERVAL_S
    # The stream time of the pending midpoint sample of the current key-only group, if any.
    mid_target: float | None = None
    mid_seg = -1
    last: float | None = None
    errors = 0
    seg_i = 0
    index = -1
    checked_size = False

    def due(t: float) -> bool:
        return last is None or t >= last + due_gap

    def decoded(packet: av.Packet | None) -> list[av.VideoFrame]:
        nonlocal errors
        try:
            return list(ctx.decode(packet))
        except av.FFmpegError as exc:
            errors += 1
            log.debug("decode error: %s", type(exc).__name__)
            if errors > MAX_DECODE_ERRORS and last is None:
                raise CorruptFile() from exc
            return []

    def packets() -> Iterator[av.Packet]:
        try:
            yield from container.demux(stream)
        except av.FFmpegError as exc:
            log.debug("demux stopped: %s", type(exc).__name__)

    # One reformatter for the whole video keeps libswscale's scaling context, not rebuilt for every frame.
    reformatter = VideoReformatter()
    flushed = False
    for packet in packets():
        if packet.size == 0:
            # PyAV's end-of-stream packet: decoding it drains the frames the (threaded) decoder holds.
            flushed = True
        else:
            index += 1
            while seg_i + 1 < len(segments) and index >= segments[seg_i].end:
                seg_i += 1
            seg = segments[seg_i]
            due_gap = key_gap if seg.key_only else full_gap
            if seg.key_only:
                t = _packet_time(packet)
                if index == seg.start and midpoints and mid_seg != seg_i:
                    mid_seg, mid_target = seg_i, seg.midpoint()
                if index == seg.start:
                    if mid_target is None and t is not None and not due(t - start_t):
                        continue
                elif mid_target is None:
                    continue
            if index % 32 == 0 or seg.key_only:
                _checkpoint(deadline, cancel)
        for frame in decoded(packet):
            t = _frame_time(frame, stream, start_t)
            if segments[seg_i].key_only:
                # The keyframe when it is due, then the first frame at or past the midpoint.
                at_mid = mid_target is not None and t + start_t >= mid_target - 1e-3
                if at_mid:
                    mid_target = None
                    if last is not None and t < last + MIN_SAMPLE_GAP_S:
                        continue
                elif not (frame.key_frame and due(t)):
                    continue
            elif not due(t):
                continue
            if not checked_size:
                decode.check_size(frame.width, frame.height)
                checked_size = True
            last = t
            yield _hash_frame(frame, t, reformatter)
            if progress is not None and duration > 0:
                progress(min(1000, 200 + int(800 * t / duration)), 1000)
    if not flushed:
        # The demuxer stopped on an error (a cut-off file): drain the decoder ourselves.
        for frame in decoded(None):
            t = _frame_time(frame, stream, start_t)
            if due(t):
                last = t
                yield _hash_frame(frame, t, reformatter)


def _frame_time(frame: av.VideoFrame, stream: av.video.stream.VideoStream, start_t: float) -> float:
    ts = frame.pts
    base = frame.time_base or stream.time_base
    if ts is None or base is None:
        return 0.0
    return max(0.0, float(ts * base) - start_t)


def _hash_frame(
    frame: av.VideoFrame, t: float, reformatter: VideoReformatter
) -> tuple[FrameHash, np.ndarray]:
    scale = min(1.0, GRAY_LONG_SIDE / max(frame.width, frame.height))
    width = max(2, round(frame.width * scale))
    height = max(2, round(frame.height * scale))
    try:
        small = reformatter.reformat(frame, width=width, height=height, format="gray", interpolation="AREA")
        gray: np.ndarray = small.to_ndarray()
    except (av.FFmpegError, ValueError) as exc:
        raise CorruptFile() from exc
    # Phones store portrait video sideways with a display rotation (counter-clockwise degrees).
    turns = round((frame.rotation or 0) / 90) % 4
    if turns:
        gray = np.ascontiguousarray(np.rot90(gray, turns))
    pdq_hex, quality = pdq_of_gray(gray)
    return FrameHash(t=round(t, 3), pdq=pdq_hex, quality=quality), gray
