"""A closed form's session, its undo stack and its commands are freed without crashing.

Commands used to hold the session strongly: session → undo stack → command → session, a cycle that
only the garbage collector frees, and it freed the Python side first, so the stack's destructor
deleted commands twice (a segfault). A window that drops closed sessions must survive that.
Run in a child process: a crash must fail this test, not end the test run.
"""
from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO

def test_sessions_with_commands_are_freed_without_a_crash() -> None:
    script = f"""
import gc, sys
sys.path.insert(0, {str(REPO)!r})
from PySide6.QtWidgets import QApplication
from tests.ui.helpers import open_session, leaf_named
from model.store import Store

app = QApplication([])
store = Store.memory()
for _ in range(5):
    session = open_session(store)
    session.set_node_field(leaf_named(session, "康复训练人数").id, "actual", "81人")
    session.set_node_field(leaf_named(session, "康复训练人数").id, "actual", "82人")
    session.undo_stack.undo()
    session.undo_stack.redo()
    del session
    gc.collect()
print("freed")
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0 and "freed" in done.stdout, done.stderr[-2000:]
