"""victim_desk: an encrypted, offline desk for people whose intimate images were faked or shared without
consent, and for the counselors who help them."""

import os

# PDQ multiplies small matrices many times from worker threads; OpenBLAS's own helper threads then fight
# over the two cores and one hash goes from ~0.3 ms to ~40 ms. It must be set before NumPy loads, and every
# entry point (CLI, GUI, tests, benchmarks) imports this package first.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
