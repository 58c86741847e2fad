"""A stand-in scorer for the window tests: simple, hand-checkable figures and findings.

Each leaf with an actual scores its weight, without one 0 and an ACTUAL_MISSING finding on its
`actual` cell; the funds block scores its weight. The real engine is tested in tests/scoring.
"""
from __future__ import annotations

from decimal import Decimal

from model.form import Form, Group, Leaf
from scoring.result import Finding, FundsScore, GroupScore, NodeScore, Result


def fake_evaluate(form: Form) -> Result:
    nodes, groups, findings = [], [], []

    def visit(node, path):  # type: ignore[no-untyped-def]
        path = (*path, node.name)
        if isinstance(node, Leaf):
            w = Decimal(str(node.weight or 0))
            score = w if node.actual else Decimal(0)
            nodes.append(NodeScore(node.id, path, None, w, score, score, "fake", f"{score}"))
            if not node.actual:
                findings.append(Finding("warning", "ACTUAL_MISSING", path, "没有填写实际完成值",
                                        "actual", node.id))
            return w, score
        total_w = total_s = Decimal(0)
        for child in node.children:
            w, s = visit(child, path)
            total_w += w
            total_s += s
        declared = Decimal(str(node.weight)) if isinstance(node, Group) and node.weight is not None else None
        groups.append(GroupScore(node.id, path, total_w, declared, total_s))
        return total_w, total_s

    total = Decimal(0)
    for goal in form.goals:
        for node in goal.indicators:
            total += visit(node, (goal.title,))[1]
    funds = None
    if form.funds is not None and form.funds.weight is not None:
        fw = Decimal(str(form.funds.weight))
        funds = FundsScore(Decimal(1), fw, fw, fw, "fake")
        total += fw
    grade = "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"
    return Result("fake", total, Decimal(100), grade, funds, tuple(nodes), tuple(groups), tuple(findings))
