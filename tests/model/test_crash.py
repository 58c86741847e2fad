"""A process killed (SIGKILL) in the middle of edits loses nothing it reported as saved."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from model.datadir import database_path
from model.store import Store
from model.tree import leaves
from tests.conftest import REPO

WRITER = textwrap.dedent("""
    import sys
    from model.store import Store
    from model.tree import leaves
    from tests.conftest import make_sample_form
    store = Store.open(sys.argv[1])
    form = make_sample_form()
    store.add(form)
    print("id", form.id, flush=True)
    leaf = next(leaves(form))
    n = 0
    while True:
        n += 1
        leaf.actual = f"{n}人"
        form.header["preparer"] = "张明" * (n % 50 + 1)  # vary the document size
        rev = store.save(form, n)
        print("saved", rev, n, flush=True)
""")


def test_sigkill_during_edits_keeps_every_saved_edit(tmp_path: Path) -> None:
    data = tmp_path / "data"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(data)], cwd=REPO, stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.stdout is not None
    form_id = proc.stdout.readline().split()[1]
    last_rev = last_n = 0
    for line in proc.stdout:
        _, rev, n = line.split()
        last_rev, last_n = int(rev), int(n)
        if last_n >= 150:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL

    conn = sqlite3.connect(database_path(data))
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    store = Store.open(data)
    try:
        revision = store.revision(form_id)
        assert revision is not None and revision >= last_rev
        n_saved = int(next(leaves(store.load(form_id))).actual.rstrip("人"))
        assert n_saved >= last_n
        assert n_saved == revision - 1  # revision 1 was the add; each save is one edit
    finally:
        store.close()
