#!/bin/sh
# The whole suite ten times in a row, stopping at the first failure: a test that fails only now and then
# (randomness, timing, leftovers between tests) shows up here rather than in someone else's CI run.
# Usage: tests/run_ten.sh [N] [pytest arguments...]   (from anywhere; N defaults to 10)
set -u
cd "$(dirname "$0")/.." || exit 1
runs=10
case "${1:-}" in ''|*[!0-9]*) ;; *) runs=$1; shift ;; esac
python=.venv/bin/python
[ -x "$python" ] || python=python3
i=0
while [ "$i" -lt "$runs" ]; do
    i=$((i + 1))
    echo "=== run $i of $runs"
    if ! "$python" -m pytest -q -p no:cacheprovider "$@"; then
        echo "=== run $i of $runs FAILED ($((i - 1)) passed before it)"
        exit 1
    fi
done
echo "=== all $runs runs passed"
