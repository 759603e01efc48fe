"""Ctrl-C stops a long call: the core runs without the GIL, stops at its next progress event,
cleans up (no half-written destination) and raises KeyboardInterrupt."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from conftest import DATASETS


def test_ctrl_c_stops_training_and_leaves_nothing(tmp_path):
    database = DATASETS / "nycflights13.sqlite"
    if not database.exists():
        pytest.skip("no shared datasets")
    out = tmp_path / "out.sqlite"
    script = textwrap.dedent(f"""
        import sys, relsynth as rs
        synth = rs.Synthesizer(seed=1, trees=2, quiet=True).fit({str(database)!r})
        print("trained", flush=True)
        try:
            synth.sample(scale=50, to={str(out)!r})
        except KeyboardInterrupt:
            print("interrupted", flush=True)
            sys.exit(7)
    """)
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                               env=os.environ.copy())
    assert process.stdout.readline().strip() == "trained"
    time.sleep(1.5)  # generating now (50x nycflights13 takes far longer)
    process.send_signal(signal.SIGINT)
    stdout, _ = process.communicate(timeout=120)
    assert process.returncode == 7, stdout
    assert "interrupted" in stdout
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("out.sqlite")]
