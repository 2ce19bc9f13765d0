"""CI: the dask extra against Dask's own command-line cluster (issue 22).

Starts ``dask scheduler`` and two ``dask worker`` processes (one thread each) on this machine, the
way a user starts them by hand, and checks that ``quotetrack scan seeds/ --scheduler ADDRESS``
prints exactly what ``--jobs 1`` prints. The test suite covers the rest on a LocalCluster
(tests/test_dask_extract.py). Exits 1 on any difference; stops every process it started.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from distributed import Client

WAIT_S = 60.0
"""How long the scheduler and workers may take to come up on a busy CI machine."""


def scan(*options: str) -> bytes:
    """``quotetrack scan seeds/ -f jsonl --no-index`` with ``options``: its standard output."""
    return subprocess.run(["quotetrack", "scan", "seeds/", "-f", "jsonl", "--no-index", *options],
                          check=True, capture_output=True).stdout


def main() -> int:
    started: list[subprocess.Popen[bytes]] = []
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp) / "scheduler.json"
        try:
            started.append(subprocess.Popen(["dask", "scheduler", "--host", "127.0.0.1", "--port", "0",
                                             "--no-dashboard", "--scheduler-file", str(where)],
                                            stderr=subprocess.DEVNULL))
            deadline = time.monotonic() + WAIT_S
            while not where.exists() and time.monotonic() < deadline:
                time.sleep(0.2)
            time.sleep(0.2)  # the file is written in one go, but give it the moment
            address = json.loads(where.read_text())["address"]
            for _ in range(2):
                started.append(subprocess.Popen(["dask", "worker", address, "--nthreads", "1", "--no-dashboard"],
                                                stderr=subprocess.DEVNULL))
            with Client(address, timeout=WAIT_S) as client:
                client.wait_for_workers(2, timeout=WAIT_S)
            same = scan("--scheduler", address) == scan("--jobs", "1")
        finally:
            for proc in reversed(started):
                proc.terminate()
                proc.wait(timeout=30)
    print("dask smoke: scan seeds/ on `dask scheduler` + 2 `dask worker`:", "same as --jobs 1" if same else "DIFFERS")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
