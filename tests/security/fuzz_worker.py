"""One coverage-guided fuzzing run of one parser (atheris = libFuzzer for Python), started by long_run.py.

    python tests/security/fuzz_worker.py TARGET CORPUS_DIR -runs=N -timeout=S -rss_limit_mb=M

victim_desk is imported under atheris's instrumentation, so libFuzzer sees which branches each input reaches
and keeps the inputs that reach new ones. A case that breaks fuzz_targets' rule raises ParserFailure, which
libFuzzer reports as a crash (with the input saved as crash-*); one over -timeout is a hang; RSS over
-rss_limit_mb is an out-of-memory. RLIMIT_AS caps the address space as well, so a decoder asked for an
absurd allocation gets MemoryError (which the app turns into a calm "too large") rather than the machine's
memory.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

ADDRESS_SPACE = 6 * 1024**3
CASE_CPU_SECONDS = 20  # NumPy, OpenBLAS and FFmpeg reserve far more address space than they touch


def main() -> None:
    import atheris

    target = sys.argv[1]
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = ADDRESS_SPACE if hard == resource.RLIM_INFINITY else min(ADDRESS_SPACE, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    with atheris.instrument_imports(include=["victim_desk"]):
        import victim_desk.core.fingerprint.files
        import victim_desk.core.fingerprint.hashlist
        import victim_desk.core.package_verify
        import victim_desk.core.provenance.read
        import victim_desk.core.sighting_import
        import victim_desk.storage.keywrap  # noqa: F401
    from tests.security import fuzz_targets

    def one_input(data: bytes) -> None:
        # A hang is judged by CPU time, not the wall clock: on a shared machine a 1 s case can take 30 s of
        # wall time. libFuzzer's -timeout (wall clock, set high by long_run.py) stays as the backstop.
        started = time.process_time()
        fuzz_targets.run(target, data)
        used = time.process_time() - started
        if used > CASE_CPU_SECONDS:
            raise fuzz_targets.ParserFailure(f"a case used {used:.0f} s of CPU (limit {CASE_CPU_SECONDS} s)")

    atheris.Setup([sys.argv[0], *sys.argv[2:]], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
