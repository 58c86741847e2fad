"""evaluate(form, profile) -> Result: every leaf scored and explained, subtotals, 执行率, total,
grade and findings (those from scoring itself plus every registered check).

Pure and deterministic: no I/O, no clock; the same form and profile always give the same Result.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from model.form import Form, Goal, Group, Leaf, Node
from model.tree import leaves
from scoring.categories import level1_key, level2_key
from scoring.check_runner import run_checks
from scoring.codes import SEVERITY
from scoring.context import Context, GroupView
from scoring.leaf_memo import LeafEntry, leaf_entry
from scoring.rules.profile import Profile, as_profile
from scoring.result import Finding, GroupScore, NodeScore, Result, severity_rank
from scoring.rounding import HUNDRED, ZERO, percent_text, plain, q2, score_text, to_decimal
from scoring.rules.funds import score_funds, stated_percent

UNSCORED_KINDS = ("project_target", "dept_basic_data")
_SECTION_RANK = {"header": 0, "funds": 1, "spending_plan": 2, "basic_data": 4, "total": 5, "stated": 6}
_RATE_PLACES = Decimal("0.0001")  # 得分率 as a fraction: 2 decimals of a percent


def kind_is_scored(kind: str) -> bool:
    """Whether forms of this kind can carry scores at all (目标表 and 基础数据表 never do)."""
    return kind not in UNSCORED_KINDS


def is_scored(form: Form) -> bool:
    """Whether this form carries scores: the one answer for scoring, the printed layout and the window.

    A 部门整体支出绩效自评表 is scored (003 附件2 layout) only when it declares a 分值, on a leaf or the funds.
    """
    if not kind_is_scored(form.kind):
        return False
    if form.kind == "dept_self_eval":
        has_leaf_weight = any(leaf.weight is not None for leaf in leaves(form))
        return has_leaf_weight or (form.funds is not None and form.funds.weight is not None)
    return True


@dataclass
class _Walk:
    """What the tree walk collects."""

    profile: Profile
    year: int
    scored: bool
    kind: str
    entries: list[LeafEntry] = field(default_factory=list)
    goal_entries: dict[int, list[LeafEntry]] = field(default_factory=dict)
    groups: dict[int, GroupScore] = field(default_factory=dict)
    group_views: list[tuple[Group, Goal, tuple[str, ...], int]] = field(default_factory=list)
    group_order: list[int] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    order: dict[int, int] = field(default_factory=dict)
    path_order: dict[tuple[str, ...], int] = field(default_factory=dict)
    complete: bool = True


def evaluate(form: Form, profile: Profile | Mapping[str, Any]) -> Result:
    """Score and check one form.

    Args:
        form: the form as read by model.load_form (not changed).
        profile: a Profile or its dict (load_profile_data(form.profile_name()) or the inline `rules`).
    Returns:
        The Result: leaf scores with 计算过程, subtotals, funds, total, grade, sorted findings.
    """
    prof = as_profile(profile)
    scored = is_scored(form)
    walk = _Walk(prof, form.year, scored, form.kind)
    for goal in form.goals:
        _walk_goal(walk, goal)
    nodes = tuple(entry.view.score for entry in walk.entries if entry.view.score is not None)
    stated: Mapping[str, Any] = form.stated or {}
    funds, funds_findings = score_funds(form.funds, stated)
    findings = walk.findings + funds_findings
    total = max_total = None
    grade = None
    if scored:
        total, max_total = _total(nodes, funds)
        # A grade is a verdict on the whole form: none while some weighted item has no score yet
        # (a blank new form is not 差; the findings say what is missing).
        grade = prof.grade(total) if _complete(walk, funds) else None
        findings += _total_findings(walk, form, funds, total, max_total, stated)
    groups = tuple(walk.groups[i] for i in walk.group_order)
    context = Context(form=form, profile_name=prof.name, settings=prof.settings, scored=scored,
                      leaves=tuple(entry.view for entry in walk.entries),
                      groups=tuple(GroupView(g, goal, path, depth, walk.groups.get(g.id))
                                   for g, goal, path, depth in walk.group_views),
                      funds=funds, total=total, max_total=max_total)
    findings += run_checks(context, walk.entries, walk.goal_entries.values())
    rate = None if total is None or max_total is None else _rate(total, max_total)
    return Result(profile=prof.name, total=total, max=max_total, grade=grade, funds=funds,
                  nodes=nodes, groups=groups, findings=_sorted_unique(findings, walk), rate=rate)


def _walk_goal(walk: _Walk, goal: Goal) -> None:
    path = (goal.title,)
    walk.order[goal.id] = len(walk.order)
    walk.path_order.setdefault(path, len(walk.order))
    walk.group_order.append(goal.id)
    first = len(walk.entries)
    weight, score = _walk_children(walk, goal, goal.indicators, 1, path, "", "")
    walk.groups[goal.id] = _group_score(goal.id, path, weight, None, score)
    walk.goal_entries.setdefault(goal.id, []).extend(walk.entries[first:])


def _walk_children(walk: _Walk, goal: Goal, nodes: list[Node], depth: int, path: tuple[str, ...],
                   level1: str, level2: str) -> tuple[Decimal | None, Decimal | None]:
    """Score the nodes; returns (Σ leaf weights, Σ leaf scores in force), None where nothing is given."""
    weight_sum: Decimal | None = None
    score_sum: Decimal | None = None
    order, path_order = walk.order, walk.path_order
    for node in nodes:
        node_path = (*path, node.name)
        order[node.id] = len(order)
        path_order.setdefault(node_path, len(order))
        if isinstance(node, Group):
            l1 = level1_key(node.name) if depth == 1 else level1
            l2 = level2_key(node.name) if depth == 2 else level2
            walk.group_order.append(node.id)
            walk.group_views.append((node, goal, node_path, depth))
            weight, score = _walk_children(walk, goal, node.children, depth + 1, node_path, l1, l2)
            declared = to_decimal(node.weight)
            walk.groups[node.id] = _group_score(node.id, node_path, weight, declared, score)
            if walk.scored and declared is not None and weight is not None and declared != weight:
                walk.findings.append(Finding(
                    "warning", "WEIGHT_SUM_MISMATCH", node_path,
                    f"“{node.name}”标注分值 {plain(declared)} 分，但下级指标分值合计 {plain(weight)} 分，"
                    "请调整下级分值或标注的分值，使二者相等", "weight", node.id))
        else:
            entry = leaf_entry(walk.profile, walk.year, walk.scored, walk.kind, goal, node, node_path,
                               level1, level2)
            walk.entries.append(entry)
            walk.findings.extend(entry.issues)
            ns = entry.view.score
            weight, score = (None, None) if ns is None else (ns.weight, ns.score)
            if weight is not None and score is None:
                walk.complete = False
        if weight is not None:
            weight_sum = (weight_sum or ZERO) + weight
        if score is not None:
            score_sum = (score_sum or ZERO) + score
    return weight_sum, score_sum


def _group_score(node_id: int, path: tuple[str, ...], weight: Decimal | None, declared: Decimal | None,
                 score: Decimal | None) -> GroupScore:
    """A subtotal with its 得分率 = score ÷ weight (the declared 分值 when printed, else Σ child weights)."""
    base = declared if declared is not None else weight
    rate = None if score is None or base is None else _rate(score, base)
    return GroupScore(node_id, path, weight, declared, score, rate)


def _rate(score: Decimal, base: Decimal) -> Decimal | None:
    """得分率 score ÷ base, 4 places half-up; None when base is 0 or the figure is absurd."""
    if not base:
        return None
    try:
        return (score / base).quantize(_RATE_PLACES, rounding=ROUND_HALF_UP)
    except InvalidOperation:  # an absurd typed score (1e30) has no printable rate
        return None


def _total(nodes: tuple[NodeScore, ...], funds: Any) -> tuple[Decimal, Decimal]:
    total = ZERO
    max_total = ZERO
    if funds is not None:
        total += funds.score or ZERO
        max_total += funds.weight or ZERO
    for ns in nodes:
        total += ns.score or ZERO
        max_total += ns.weight or ZERO
    return total, max_total


def _complete(walk: _Walk, funds: Any) -> bool:
    """Whether every weighted leaf and a weighted 执行率 have a score in force."""
    return walk.complete and (funds is None or funds.weight is None or funds.score is not None)


def _total_findings(walk: _Walk, form: Form, funds: Any, total: Decimal, max_total: Decimal,
                    stated: Mapping[str, Any]) -> list[Finding]:
    out = []
    if max_total != 100:
        out.append(Finding("warning", "TOTAL_WEIGHT_NOT_100", ("total",),
                           f"分值合计为 {plain(max_total)} 分（含执行率），不是 100 分；请调整各指标分值", "weight"))
    complete = _complete(walk, funds)
    printed_total = to_decimal(stated.get("total"))
    paper_total = _paper_total(total, funds, stated)
    if printed_total is not None and complete and printed_total != paper_total:
        out.append(Finding("warning", "TOTAL_MISMATCH", ("stated", "total"),
                           f"表上总分为 {plain(printed_total)}，各项得分（含执行率得分）合计为 {score_text(paper_total)}；"
                           "请改正总分或核对各项得分"))
    rates = stated.get("rates")
    if isinstance(rates, Mapping):
        out.extend(_rate_findings(walk, form, rates))
    printed = stated_percent(stated.get("total_rate"))
    if printed is not None and max_total > 0 and q2(printed) != q2(total / max_total * HUNDRED):
        out.append(Finding("warning", "RATE_MISMATCH", ("stated", "total_rate"),
                           f"表上总得分率为 {plain(printed)}%，按总分 ÷ 总分值计算应为 {percent_text(total / max_total)}"))
    return out


def _paper_total(total: Decimal, funds: Any, stated: Mapping[str, Any]) -> Decimal:
    """The total the paper's own cells give: its printed 执行率得分 counts in place of the computed one.

    One mistake, one finding: a wrong 执行率得分 is FUNDS_SCORE_MISMATCH; the paper's 总分 is checked
    against the paper's figures (as typed leaf scores are), so it is not reported a second time.
    """
    printed = to_decimal(stated.get("funds_score"))
    if printed is None or funds is None or funds.score is None or funds.computed is None:
        return total
    if funds.score != funds.computed:
        return total  # a typed 执行率得分 is already the score in force
    paper: Decimal = total - funds.score + printed
    return paper


def _rate_findings(walk: _Walk, form: Form, rates: Mapping[str, Any]) -> list[Finding]:
    out = []
    tops = [node for goal in form.goals for node in goal.indicators if isinstance(node, Group)]
    for name, printed_text in rates.items():
        printed = stated_percent(printed_text)
        key = level1_key(name) or name
        group = next((g for g in tops if (level1_key(g.name) or g.name) == key), None)
        subtotal = walk.groups.get(group.id) if group is not None else None
        if printed is None or subtotal is None or subtotal.rate is None or subtotal.score is None:
            continue
        weight = subtotal.declared if subtotal.declared is not None else subtotal.weight
        # rate has 4 places of a fraction, so ×100 is the percent with the printed 2 decimals
        if q2(printed) != subtotal.rate * HUNDRED:
            out.append(Finding("warning", "RATE_MISMATCH", ("stated", "rates", str(name)),
                               f"表上“{name}”得分率为 {plain(printed)}%，按得分 {plain(subtotal.score)} ÷ 分值 "
                               f"{plain(weight or ZERO)} 计算应为 {percent_text(subtotal.rate)}，请改正"))
    return out


def _sorted_unique(findings: list[Finding], walk: _Walk) -> tuple[Finding, ...]:
    """Tree order (sections before and after the tree), then severity, then code; one per code+path+field."""
    seen: set[tuple[str, tuple[str, ...], str | None]] = set()
    unique = []
    for f in findings:
        severity = SEVERITY.get(f.code)
        if severity is not None and severity != f.severity:
            f = replace(f, severity=severity)  # one code, one severity (scoring/codes.py)
        key = (f.code, f.path, f.field)
        if key not in seen:
            seen.add(key)
            unique.append(f)

    def sort_key(f: Finding) -> tuple[int, int, int, str, str]:
        section = f.path[0] if f.path else ""
        if f.node_id is not None and f.node_id in walk.order:
            rank, position = 3, walk.order[f.node_id]
        elif section in _SECTION_RANK and f.path not in walk.path_order:
            rank, position = _SECTION_RANK[section], 0
        else:
            rank, position = 3, walk.path_order.get(f.path, len(walk.order))
        return rank, position, severity_rank(f.severity), f.code, f.field or ""

    return tuple(sorted(unique, key=sort_key))
