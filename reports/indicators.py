"""The indicator table of every kind: 一级/二级 cells merged down their rows, one row per 三级.

The caller names the columns after 三级 (targets, scores, criteria…) as functions of a leaf, so the
same tree walk serves the self-evaluation, target, department and evaluation layouts.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from model.form import Goal, Group, Leaf, Node
from reports.cells import head, num, text
from reports.layout import Cell, Grid
from scoring.result import Result

LeafColumn = Callable[[Leaf], Cell]


def group_label(group: Group) -> str:
    """The printed 一级/二级 cell: code, name and the declared 分值, as in 产出指标(30分)."""
    name = f"{group.code or ''}{group.name}" if group.code and not group.name.startswith(group.code) else group.name
    if group.weight is not None:
        return f"{name}\n({num(group.weight, 'plain').display}分)"
    return name


def leaf_label(leaf: Leaf) -> str:
    """The printed 三级 cell, with its code when the form numbers indicators (A11…)."""
    if leaf.code and not leaf.name.startswith(leaf.code):
        return f"{leaf.code} {leaf.name}"
    return leaf.name


def row_count(node: Node) -> int:
    """How many table rows a node takes: one per leaf below it, at least one."""
    if isinstance(node, Leaf):
        return 1
    return max(1, sum(row_count(child) for child in node.children))


def header_row(grid: Grid, headings: Sequence[str]) -> None:
    """Add the column headings 一级指标 | 二级指标 | 三级指标 | … as one repeated row."""
    grid.add(*(head(h) for h in headings))
    grid.repeat = len(grid.rows)


def add_tree(grid: Grid, goal: Goal, columns: Sequence[LeafColumn]) -> None:
    """Add one row per leaf of a goal, merging each 一级 and 二级 cell down its rows.

    Args:
        grid: a grid of 3 + len(columns) columns.
        goal: the goal whose indicators are printed.
        columns: one function per column after 三级, giving that leaf's cell.
    """
    blank = [text("") for _ in columns]
    for first in goal.indicators:
        if isinstance(first, Leaf):
            # A leaf straight under the goal: no 一级/二级 to print.
            grid.add(text(""), text(""), text(leaf_label(first)), *(col(first) for col in columns))
            continue
        lead: list[Cell] = [Cell(group_label(first), style="label", rowspan=row_count(first))]
        if not first.children:
            grid.add(*lead, text(""), text(""), *blank)
            continue
        for second in first.children:
            if isinstance(second, Leaf):
                # 一级 → 三级 without a 二级 level (allowed by the format).
                grid.add(*lead, text(""), text(leaf_label(second)), *(col(second) for col in columns))
                lead = []
                continue
            mid: list[Cell] = [Cell(group_label(second), style="label", rowspan=row_count(second))]
            leaves: list[Leaf | None] = [n for n in second.children if isinstance(n, Leaf)] or [None]
            for leaf in leaves:
                if leaf is None:
                    grid.add(*lead, *mid, text(""), *blank)
                else:
                    grid.add(*lead, *mid, text(leaf_label(leaf)), *(col(leaf) for col in columns))
                lead, mid = [], []  # merged cells: only the first row of a block carries them


def score_of(result: Result) -> LeafColumn:
    """Column: the score in force from the Result (empty when the rules cannot decide).

    Printed as 分值 is (10, 0.45), as the official forms print both columns.
    """
    def cell(leaf: Leaf) -> Cell:
        node = result.node(leaf.id)
        return num(node.score if node else None, "plain")
    return cell


def weight_of(leaf: Leaf) -> Cell:
    """Column: the leaf's 分值 as written."""
    return num(leaf.weight, "plain")


def field_of(name: str, align: str | None = None) -> LeafColumn:
    """Column: a text field of the leaf (target, actual, reason, basis, criteria…)."""
    numeric = name in ("target", "actual")  # “100” here is a figure; “≥70%” stays text

    def cell(leaf: Leaf) -> Cell:
        return replace(text(getattr(leaf, name), align=align), written_number=numeric)
    return cell
