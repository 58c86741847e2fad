"""Soak: kill -9 a writer again and again, during edits and during package imports (issue #11).

Each round starts a writer process on one data folder that saves edits (each save states its base
revision) or imports a package, printing every save the store acknowledged; the round kills it
with SIGKILL at a random moment and then checks, from outside: the database passes its integrity
check, the stored revision is at least the last acknowledged one, and the stored value is the last
acknowledged value (or the one being written when the kill came). Prints the figures at the end.

    python3 bench/soak_kill.py [--kills 300] [--import-every 8]

Not part of `make test` (`make soak` runs it); the last figures are in docs/robustness.md.
"""
from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

EDITOR = r"""
import sys
from model.errors import StaleRevision
from model.store import Store
from model.tree import leaves
store = Store.open(sys.argv[1])
form_id = sys.argv[2]
form, base = store.load_with_revision(form_id)
n = int(sys.argv[3])
while True:
    n += 1
    next(leaves(form)).actual = f"{n}人"
    form.header["preparer"] = "张" * (n % 40 + 1)  # vary the document size
    print("try", n, flush=True)
    try:
        base = store.save(form, base)
    except StaleRevision:
        form, base = store.load_with_revision(form_id)
        continue
    print("saved", base, n, flush=True)
"""

IMPORTER = r"""
import sys
from pathlib import Path
from model.package_apply import import_items
from model.package_read import read_package
from model.store import Store
store = Store.open(sys.argv[1])
for i, path in enumerate(sys.argv[2:]):
    plan, written = import_items(store, read_package(Path(path)), Path(path).name)
    print("imported", i, len(written), flush=True)
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def _stored(data: Path, form_id: str) -> tuple[str, int, int | None]:
    """(integrity, revision, the n in the first leaf's actual) read straight from the file."""
    from model.codec import loads_form
    from model.tree import leaves

    conn = sqlite3.connect(data / "jixiao.sqlite3")
    try:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        row = conn.execute("SELECT revision, body FROM forms WHERE id = ?", [form_id]).fetchone()
    finally:
        conn.close()
    actual = next(leaves(loads_form(row[1]))).actual or ""
    return check, int(row[0]), int(actual[:-1]) if actual.endswith("人") else None


def _packages(folder: Path, count: int) -> tuple[list[Path], str]:
    """Packages carrying ever newer revisions of one form of another unit (bureau-side imports)."""
    from model.package_write import build_package_bytes
    from model.store import Store
    from tests.conftest import make_sample_form

    unit = Store.memory()
    form = make_sample_form()
    form.header["project_name"] = "导入的项目"
    form_id = unit.add(form)
    paths = []
    for i in range(count):
        form.goals[0].achieved = f"第{i}次"
        unit.save(form, unit.revision(form_id) or 1)
        path = folder / f"p{i}.jxpkg"
        import datetime as dt
        path.write_bytes(build_package_bytes(unit, [form_id], dt.datetime(2024, 3, 5, 10, 0)))
        paths.append(path)
    return paths, form_id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=300)
    parser.add_argument("--import-every", type=int, default=8, help="every Nth round kills an import instead")
    args = parser.parse_args()
    from model.store import Store
    from tests.conftest import make_sample_form

    random.seed(11)
    lost = corrupt = errors = import_kills = edit_kills = 0
    acknowledged_total = 0
    with tempfile.TemporaryDirectory(prefix="jixiao-soak-") as tmp:
        data = Path(tmp) / "data"
        store = Store.open(data)
        form_id = store.add(make_sample_form())
        store.close()
        packages, imported_id = _packages(Path(tmp), 6)
        n = 0
        started = time.monotonic()
        for round_no in range(args.kills):
            importing = args.import_every and round_no % args.import_every == args.import_every - 1
            if importing:
                cmd = [sys.executable, "-c", IMPORTER, str(data), *map(str, packages)]
            else:
                cmd = [sys.executable, "-c", EDITOR, str(data), form_id, str(n)]
            proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                    env=_env())
            time.sleep(random.uniform(0.35, 0.9))  # start-up is ~0.3 s: kill somewhere in the work
            proc.send_signal(signal.SIGKILL)
            out, err = proc.communicate(timeout=30)
            if "Traceback" in err:
                errors += 1
                print(f"round {round_no}: internal error\n{err}", file=sys.stderr)
            saved = [line.split() for line in out.splitlines() if line.startswith("saved")]
            tried = [int(line.split()[1]) for line in out.splitlines() if line.startswith("try")]
            try:
                check, revision, stored_n = _stored(data, form_id)
            except Exception as exc:  # noqa: BLE001 — any failure to read back is corruption
                corrupt += 1
                print(f"round {round_no}: unreadable after kill: {exc}", file=sys.stderr)
                continue
            if check != "ok":
                corrupt += 1
            if importing:
                import_kills += 1
                continue
            edit_kills += 1
            acknowledged_total += len(saved)
            if saved:
                last_rev, last_n = int(saved[-1][1]), int(saved[-1][2])
                in_flight = tried[-1] if tried else last_n
                if revision < last_rev or stored_n not in (last_n, in_flight):
                    lost += 1
                    print(f"round {round_no}: acknowledged {last_n} at revision {last_rev}, "
                          f"stored {stored_n} at {revision}", file=sys.stderr)
            n = max(n, stored_n or 0)
        elapsed = time.monotonic() - started
    print(f"kills: {edit_kills + import_kills} ({edit_kills} during edits, {import_kills} during imports); "
          f"acknowledged saves: {acknowledged_total}; lost: {lost}; corrupt: {corrupt}; internal errors: {errors}; "
          f"{elapsed:.0f} s")
    return 0 if lost == corrupt == errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
