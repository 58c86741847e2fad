"""Second writer: two processes edit one form at once, and the program is started twice (issue #11).

Part 1: two writer processes save edits to the same form for --seconds each, every save stating
its base revision (as the window does); a refused save reloads and tries again. At the end every
writer's last acknowledged value must be in the stored form: nothing acknowledged is lost.
Part 2: the program window is started on one data folder, then started again --starts times: each
second start must exit 0 within a few seconds and leave the first running (QLocalServer).

    python3 bench/second_writer.py [--seconds 15] [--starts 10]

Not part of `make test` (`make soak` runs it); the last figures are in docs/robustness.md.
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

WRITER = r"""
import sys, time
from model.errors import StaleRevision
from model.store import Store
store = Store.open(sys.argv[1])
form_id, key, until = sys.argv[2], sys.argv[3], time.monotonic() + float(sys.argv[4])
n = stale = 0
form, base = store.load_with_revision(form_id)
while time.monotonic() < until:
    n += 1
    form.header[key] = str(n)
    try:
        base = store.save(form, base)
        print("ack", n, flush=True)
    except StaleRevision:
        stale += 1
        form, base = store.load_with_revision(form_id)
    time.sleep(0.05)
print("stale", stale, flush=True)
"""


def two_writers(seconds: float) -> tuple[int, int, int]:
    """(acknowledged saves, refused stale saves, values lost)."""
    from model.store import Store
    from tests.conftest import make_sample_form

    with tempfile.TemporaryDirectory(prefix="jixiao-2w-") as tmp:
        data = Path(tmp) / "data"
        store = Store.open(data)
        form_id = store.add(make_sample_form())
        store.close()
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        procs = {key: subprocess.Popen([sys.executable, "-c", WRITER, str(data), form_id, key, str(seconds)],
                                       cwd=REPO, stdout=subprocess.PIPE, text=True, env=env)
                 for key in ("writer_a", "writer_b")}
        acks: dict[str, list[int]] = {}
        stale = 0
        for key, proc in procs.items():
            out, _ = proc.communicate(timeout=seconds + 60)
            acks[key] = [int(line.split()[1]) for line in out.splitlines() if line.startswith("ack")]
            stale += sum(int(line.split()[1]) for line in out.splitlines() if line.startswith("stale"))
        store = Store.open(data)
        stored = store.load(form_id).header
        store.close()
        lost = sum(1 for key, values in acks.items() if values and stored.get(key) != str(values[-1]))
        return sum(len(v) for v in acks.values()), stale, lost


def second_starts(starts: int) -> tuple[int, int, float]:
    """(second starts that exited 0 and raised the first, first window still running, slowest second start s)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory(prefix="jixiao-2s-") as tmp:
        first = subprocess.Popen([sys.executable, "main.py", "--data-dir", tmp], cwd=REPO, env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        time.sleep(5)  # the first window opens the database and loads the samples
        ok, slowest = 0, 0.0
        for _ in range(starts):
            started = time.monotonic()
            second = subprocess.run([sys.executable, "main.py", "--data-dir", tmp], cwd=REPO, env=env,
                                    capture_output=True, text=True, timeout=60)
            slowest = max(slowest, time.monotonic() - started)
            ok += second.returncode == 0 and "已经在数据文件夹" in second.stderr
        running = first.poll() is None
        first.send_signal(signal.SIGINT)
        _, err = first.communicate(timeout=30)
        raised = err.count("raise()")  # the offscreen platform notes each raise() it cannot do
        return min(ok, raised), int(running), slowest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--starts", type=int, default=10)
    args = parser.parse_args()
    acknowledged, stale, lost = two_writers(args.seconds)
    print(f"two writers for {args.seconds:.0f} s: acknowledged saves {acknowledged}, stale saves refused {stale}, "
          f"acknowledged values lost {lost}")
    raised, running, slowest = second_starts(args.starts)
    print(f"second starts: {args.starts}, exited and raised the first window {raised}, "
          f"first window still running {bool(running)}, slowest second start {slowest:.1f} s")
    return 0 if lost == 0 and raised == args.starts and running else 1


if __name__ == "__main__":
    sys.exit(main())
