"""Chat start-up as a person sees it: seconds from launch until the first screen is drawn.

    .venv/bin/python benchmarks/first_paint.py [--runs 5] [--seeds seeds] [--index index]

Each run starts `qa chat` in a real pseudo-terminal (100x30) and reads what it draws until the
question box's placeholder appears; the median of the runs is printed with each run. The chat
is then stopped. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAWN = "Ask a question".encode()


def first_paint(seeds: Path, index: Path, timeout: float = 30.0) -> float | None:
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "HF_HUB_OFFLINE": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "qa", "chat", "--seeds", str(seeds), "--index", str(index)],
        stdin=secondary, stdout=secondary, stderr=secondary,  # Textual draws on stderr env=env, cwd=ROOT,
        start_new_session=True,
    )
    os.close(secondary)
    seen, elapsed = b"", None
    try:
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([primary], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(primary, 65536)
                except OSError:
                    break
                if DRAWN in seen:
                    elapsed = time.perf_counter() - started
                    break
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
        os.close(primary)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--index", type=Path, default=ROOT / "index")
    args = parser.parse_args()
    runs = [first_paint(args.seeds, args.index) for _ in range(args.runs)]
    drawn = [r for r in runs if r is not None]
    print("runs (s):", " ".join(f"{r:.2f}" if r is not None else "none" for r in runs))
    if drawn:
        print(f"first paint median {statistics.median(drawn):.2f} s over {len(drawn)} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
