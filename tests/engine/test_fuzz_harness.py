"""bench/fuzz.py (run by .ci/run for 150 s) still runs: a few mutants, in a process of its own
(it limits its memory and sets an alarm), with no failure. Keeps the harness in step with the
code it renders documents with."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_the_fuzz_run_runs_a_few_mutants_cleanly() -> None:
    done = subprocess.run([sys.executable, "bench/fuzz.py", "--mutants", "40",
                           "--min-mutants", "40", "--seconds", "120", "--seed", "3"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert '"mutants": 40' in done.stdout and '"tracebacks": 0' in done.stdout
