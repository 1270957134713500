"""Every parser of untrusted input, fed seeded mutations of real files and plain noise: only DeskErrors with
a catalogue message, each case within its time and memory bounds (fuzz_targets.bounded).

CI runs a few hundred cases per parser; `python tests/security/long_run.py` runs the coverage-guided
hundreds of thousands. A failure prints Hypothesis's reproduction blob."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security import fuzz_targets as ft

# Cases per parser in CI, sized by each parser's speed on this machine (~100 images/s, ~5,000 CSVs/s).
_EXAMPLES = {"image": 120, "video": 60, "provenance": 120, "sightings_import": 400, "hash_list": 400,
             "package": 300, "key_file": 400}  # fmt: skip

_ops = st.lists(
    st.tuples(
        st.integers(0, 6),
        st.floats(0, 1, exclude_max=True),
        st.integers(1, 64),
        st.binary(min_size=1, max_size=16),
    ),
    min_size=1,
    max_size=6,
)


@pytest.mark.parametrize("target", sorted(_EXAMPLES))
def test_mutated_real_files_give_only_calm_errors(target: str) -> None:
    seeds = ft.seeds(target)
    assert seeds, f"no seed for {target}: the fuzzing would start from nothing"

    @settings(max_examples=_EXAMPLES[target], deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.integers(0, len(seeds) - 1), st.integers(0, len(seeds) - 1), _ops)
    def case(which: int, other: int, ops: list[ft.Mutation]) -> None:
        with ft.bounded():
            ft.run(target, ft.mutate(seeds[which], ops, seeds[other]))

    case()


@pytest.mark.parametrize("target", sorted(_EXAMPLES))
def test_noise_gives_only_calm_errors(target: str) -> None:
    @settings(max_examples=_EXAMPLES[target] // 3, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.binary(max_size=4096))
    def case(data: bytes) -> None:
        with ft.bounded():
            ft.run(target, data)

    case()


def test_the_rule_can_fail() -> None:
    """A parser that lets a raw exception out, or shows UnexpectedError, or hangs, is caught."""
    from victim_desk.errors import CorruptFile, UnexpectedError

    def raising(exc: BaseException) -> object:
        def target(_data: bytes) -> None:
            raise exc

        return target

    for bad in (ValueError("x"), UnexpectedError()):
        ft.TARGETS["broken"] = raising(bad)  # type: ignore[assignment]
        with pytest.raises(ft.ParserFailure):
            ft.run("broken", b"12345678")
    ft.TARGETS["broken"] = raising(CorruptFile())  # type: ignore[assignment]
    ft.run("broken", b"12345678")  # an ordinary calm refusal passes

    def spinning(_data: bytes) -> None:
        while True:
            pass

    ft.TARGETS["broken"] = spinning
    try:
        with pytest.raises(ft.ParserFailure, match="longer than"), ft.bounded(seconds=0.2):
            ft.run("broken", b"")
        with pytest.raises(ft.ParserFailure, match="peaked"), ft.bounded(peak=10 * 2**20):
            bytearray(40 * 2**20)
    finally:
        del ft.TARGETS["broken"]
