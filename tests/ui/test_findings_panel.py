"""The checker panel: findings by severity, and a click reports node id and field."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from scoring.result import Finding, Result
from ui.findings_panel import FindingsPanel, path_text

# The offscreen platform warns when a top-level window is shown; harmless.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def _result(*findings: Finding) -> Result:
    return Result("fake", Decimal(50), Decimal(100), "差", None, (), (), tuple(findings))


W = Finding("warning", "REASON_MISSING", ("目标1", "产出指标", "数量指标", "培训人数"), "未得满分，但没有填写偏差原因",
            "reason", 7)
E = Finding("error", "FUNDS_SUM_MISMATCH", ("funds", "年度资金总额"), "各项资金之和与年度资金总额不符", "annual")
I = Finding("info", "NOTE", ("total",), "提示信息")


def test_groups_by_severity_errors_first(qtbot) -> None:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.show_result(_result(W, I, E))
    heads = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]
    assert heads == ["错误（1）", "警告（1）", "提示（1）"]
    assert panel.findings() == [E, W, I]
    assert panel.summary.text() == "审核结果：错误 1，警告 1，提示 1"
    assert "资金表 › 年度资金总额 › 全年预算数" in panel.tree.topLevelItem(0).child(0).text(0)


def test_no_findings_says_so(qtbot) -> None:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.show_result(_result())
    assert panel.tree.topLevelItemCount() == 0 and "没有发现问题" in panel.summary.text()
    panel.show_result(None)
    assert panel.summary.text() == ""


def test_click_emits_node_field_and_path(qtbot) -> None:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.show_result(_result(W, E))
    panel.show()
    item = panel.item_for(W)
    rect = panel.tree.visualItemRect(item)
    with qtbot.waitSignal(panel.finding_activated) as blocker:
        from PySide6.QtCore import Qt
        qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [7, "reason", W.path]
    with qtbot.waitSignal(panel.finding_activated) as blocker:
        panel.tree.itemActivated.emit(panel.item_for(E), 0)
    assert blocker.args == [None, "annual", ("funds", "年度资金总额")]


def test_path_text_names_places_as_the_form_prints_them() -> None:
    # Issue #15 point 8: no internal keys (funds, header, phone, annual).
    assert path_text(("header", "phone"), "phone") == "表头 › 联系电话"
    assert path_text(("funds", "年度资金总额"), "executed") == "资金表 › 年度资金总额 › 全年执行数"
    assert path_text(("目标1", "产出指标", "数量指标", "培训人数"), "actual") == "目标1 › 产出指标 › 数量指标 › 培训人数 › 实际完成值"
    assert path_text(("目标1", "产出指标")) == "目标1 › 产出指标"
    assert path_text(()) == ""


def test_an_unchanged_list_keeps_the_users_place(qtbot) -> None:
    """After an edit that changes no finding, the selected finding stays selected (no rebuild)."""
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.show_result(_result(W, I, E))
    item = panel.item_for(W)
    panel.tree.setCurrentItem(item)
    panel.show_result(_result(W, I, E))  # equal findings in a new Result
    assert panel.tree.currentItem() is item
    panel.show_result(_result(W, E))  # one fewer: the list is rebuilt
    assert panel.findings() == [E, W] and panel.summary.text() == "审核结果：错误 1，警告 1"
    panel.show_result(None)
    assert panel.findings() == [] and panel.summary.text() == ""


def test_the_selected_finding_is_shown_in_full(qtbot) -> None:
    long = Finding("warning", "REASON_MISSING", ("目标1", "产出指标", "数量指标", "培训人数"),
                   "未得满分，但没有填写偏差原因分析及改进措施。" * 6, "reason", 7)
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.show_result(_result(long, E))
    assert panel.detail.text() == ""
    panel.tree.setCurrentItem(panel.item_for(long))
    assert panel.detail.text() == f"警告：{long.message}\n位置：目标1 › 产出指标 › 数量指标 › 培训人数 › 偏差原因分析及改进措施"
    panel.show_result(_result(E))
    assert panel.detail.text() == ""


def test_what_is_still_to_fill_is_one_list_not_a_wall_of_errors(qtbot) -> None:
    """Issue #15 point 7: a blank new form showed nine red errors."""
    missing = [Finding("error", "TARGET_MISSING", ("目标1", "产出指标", name, ""), f"“{name}”下还没有填写任何指标", "target", i)
               for i, name in enumerate(("数量指标", "质量指标", "时效指标"))]
    header = Finding("warning", "HEADER_MISSING", ("header", "project_name"), "表头“项目名称”没有填写", "project_name")
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.show_result(_result(*missing, header, W))
    heads = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]
    assert heads == ["未填写（4 项）", "警告（1）"]
    assert panel.summary.text() == "审核结果：未填写 4 项，警告 1"
    assert panel.findings() == [*missing, header, W]


def test_long_messages_show_whole_in_the_list(qtbot) -> None:
    long = Finding("warning", "REASON_MISSING", ("目标1", "产出指标", "数量指标", "培训人数"),
                   "未得满分，但没有填写偏差原因分析及改进措施。" * 4, "reason", 7)
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.resize(260, 600)
    panel.show()
    panel.show_result(_result(long))
    qtbot.wait(20)
    item = panel.item_for(long)
    rect = panel.tree.visualItemRect(item)
    lines = len(item.text(0).split("\n"))
    line = panel.tree.fontMetrics().lineSpacing()
    # Wrapped to the panel's width: more than the two lines it was cut to, and no "…".
    assert rect.height() >= 4 * line and lines == 2
    assert panel.tree.textElideMode() == Qt.TextElideMode.ElideNone
    panel.resize(200, 600)  # narrower: measured again, taller
    qtbot.wait(20)
    assert panel.tree.visualItemRect(item).height() > rect.height()
