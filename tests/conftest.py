"""Shared fixtures: in-memory and file stores, a small sample tree, the data-dir override."""
from __future__ import annotations

import datetime as dt
import gc
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Qt tests run without a display; set before any test imports PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The parsed-font cache (reports/font_cache.py) of this run goes to a temporary folder, never ~/.cache.
os.environ.setdefault("JIXIAO_CACHE_DIR", tempfile.mkdtemp(prefix="jixiao-test-cache-"))

import pytest
from hypothesis import settings

from model.form import Form, Funds, FundsRow, Goal, Group, Leaf
from model.store import Store

# CI runs each property test on the same examples every time (a red run does not land, so a rare
# example must not decide it); developers' runs stay random and keep exploring.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

@pytest.fixture(autouse=True)
def _collect_this_tests_garbage() -> Iterator[None]:
    """Collect what a test left in reference cycles right after it, while its Qt objects are coherent.

    Windows and sessions hold no cycles of their own (ui/weak.py, tests/ui/test_freed.py); what a test
    ties itself, freed later by an automatic collection in the middle of another test, crashed the
    process (a segfault). The survivors are then frozen, so each collection walks only one test's
    objects: walking every earlier test's objects each time cost half the UI tests' time.
    """
    yield
    gc.collect()
    gc.freeze()


REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"


class FakeClock:
    """A clock the test moves by hand (the store never reads the real time in tests)."""

    def __init__(self, start: dt.datetime = dt.datetime(2024, 3, 1, 9, 0, 0)) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += dt.timedelta(**kwargs)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def memory_store(clock: FakeClock) -> Store:
    return Store.memory(clock)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder, also set as JIXIAO_DATA_DIR so nothing touches the real one."""
    folder = tmp_path / "data"
    monkeypatch.setenv("JIXIAO_DATA_DIR", str(folder))
    return folder


def make_sample_form() -> Form:
    """A small 项目支出绩效自评表 with made-up names: 2 一级, 3 二级, 4 三级 and a funds block."""
    return Form(
        kind="project_self_eval", year=2024,
        header={"project_name": "残疾人康复训练补助项目", "department": "示例县残疾人联合会",
                "implementing_unit": "示例县残疾人联合会", "preparer": "张明", "phone": "0998-5550123"},
        funds=Funds(weight=10, rows=[FundsRow("年度资金总额", 40, 40, 30), FundsRow("当年财政拨款", 40, 40, 30),
                                     FundsRow("上年结转资金"), FundsRow("其他资金")]),
        goals=[Goal(title="年度总体目标", expected="完成康复训练", achieved="基本完成", indicators=[
            Group(name="产出指标", weight=50, children=[
                Group(name="数量指标", children=[
                    Leaf(name="康复训练人数", target="≥100人", actual="80人", weight=20),
                    Leaf(name="培训班期数", target="2期", actual="2期", weight=10)]),
                Group(name="时效指标", children=[
                    Leaf(name="完成时间", target="2024年10月底", actual="2024年9月", weight=20)])]),
            Group(name="满意度指标", weight=10, children=[
                Group(name="服务对象满意度指标", children=[
                    Leaf(name="受益残疾人满意度", target="≥90%", actual="95%", weight=10)])]),
        ])],
    )


@pytest.fixture
def sample_form() -> Form:
    return make_sample_form()
