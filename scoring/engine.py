"""evaluate(form, profile) -> Result: every leaf scored and explained, subtotals, 执行率, total,
grade and findings (those from scoring itself plus every registered check).

Pure and deterministic: no I/O, no clock; the same form and profile always give the same Result.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from model.form import Form, Goal, Group, Leaf, Node
from scoring.categories import is_cost, level1_key, level2_key
from scoring.context import Context, GroupView, LeafView
from scoring.profile import Profile, as_profile
from scoring.result import SEVERITIES, Finding, GroupScore, NodeScore, Result
from scoring.rounding import HUNDRED, ZERO, clamp, percent_text, plain, q2, score_text, to_decimal
from scoring.rules import Outcome, RuleInput, apply_rule
from scoring.rules_funds import score_funds, stated_percent
from scoring.rules_qual import in_band, tier_band
from scoring.value_types import Reading
from scoring.values import read_actual, read_target

UNSCORED_KINDS = ("project_target", "dept_basic_data")
_NUMERIC_RULES = ("ratio", "equal", "reverse_r1", "reverse_r2", "deviation", "quality_floor", "bands")
# Severity of each note the value reader attaches (value_notes.py) when it becomes a finding.
_NOTE_SEVERITY = {"DECIMAL_COMMA": "warning", "TARGET_PLACEHOLDER": "warning", "TARGET_NOT_MEASURABLE": "info",
                  "DEADLINE_OUTSIDE_YEAR": "warning", "ACTUAL_NOT_VALUE": "warning",
                  "PERCENT_AS_FRACTION": "info", "UNIT_MISMATCH": "info"}
_SECTION_RANK = {"header": 0, "funds": 1, "spending_plan": 2, "basic_data": 4, "total": 5, "stated": 6}

Check = Callable[[Context], Iterable[Finding]]


def _checks() -> tuple[Check, ...]:
    try:  # the checker modules may not exist yet; evaluate works without them
        from scoring.checks import ALL_CHECKS
    except ImportError:
        return ()
    return tuple(ALL_CHECKS)


def is_scored(form: Form) -> bool:
    """Whether the form kind carries scores (a dept self-evaluation only when weights are given)."""
    if form.kind in UNSCORED_KINDS:
        return False
    if form.kind == "dept_self_eval":
        has_leaf_weight = any(leaf.weight is not None for leaf in _leaves(form))
        return has_leaf_weight or (form.funds is not None and form.funds.weight is not None)
    return True


def _leaves(form: Form) -> Iterable[Leaf]:
    stack: list[Node] = [n for goal in reversed(form.goals) for n in reversed(goal.indicators)]
    while stack:
        node = stack.pop()
        if isinstance(node, Group):
            stack.extend(reversed(node.children))
        else:
            yield node


@dataclass
class _Walk:
    """What the tree walk collects."""

    profile: Profile
    year: int
    scored: bool
    nodes: list[NodeScore] = field(default_factory=list)
    leaves: list[LeafView] = field(default_factory=list)
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
    walk = _Walk(prof, form.year, scored)
    for goal in form.goals:
        _walk_goal(walk, goal)
    stated: Mapping[str, Any] = form.stated or {}
    funds, funds_findings = score_funds(form.funds, stated)
    findings = walk.findings + funds_findings
    total = max_total = None
    grade = None
    if scored:
        total, max_total = _total(walk, funds)
        grade = prof.grade(total)
        findings += _total_findings(walk, form, funds, total, max_total, stated)
    groups = tuple(walk.groups[i] for i in walk.group_order)
    context = Context(form=form, profile_name=prof.name, settings=prof.settings, scored=scored,
                      leaves=tuple(walk.leaves), groups=tuple(GroupView(g, goal, path, depth, walk.groups.get(g.id))
                                                              for g, goal, path, depth in walk.group_views),
                      funds=funds, total=total, max_total=max_total)
    for check in _checks():
        findings.extend(check(context))
    return Result(profile=prof.name, total=total, max=max_total, grade=grade, funds=funds,
                  nodes=tuple(walk.nodes), groups=groups, findings=_sorted_unique(findings, walk))


def _walk_goal(walk: _Walk, goal: Goal) -> None:
    path = (goal.title,)
    walk.order[goal.id] = len(walk.order)
    walk.path_order.setdefault(path, len(walk.order))
    walk.group_order.append(goal.id)
    weight, score = _walk_children(walk, goal, goal.indicators, 1, path, "", "")
    walk.groups[goal.id] = GroupScore(goal.id, path, weight, None, score)


def _walk_children(walk: _Walk, goal: Goal, nodes: list[Node], depth: int, path: tuple[str, ...],
                   level1: str, level2: str) -> tuple[Decimal | None, Decimal | None]:
    """Score the nodes; returns (Σ leaf weights, Σ leaf scores in force), None where nothing is given."""
    weight_sum: Decimal | None = None
    score_sum: Decimal | None = None
    for node in nodes:
        node_path = (*path, node.name)
        walk.order[node.id] = len(walk.order)
        walk.path_order.setdefault(node_path, len(walk.order))
        if isinstance(node, Group):
            l1 = level1_key(node.name) if depth == 1 else level1
            l2 = level2_key(node.name) if depth == 2 else level2
            walk.group_order.append(node.id)
            walk.group_views.append((node, goal, node_path, depth))
            weight, score = _walk_children(walk, goal, node.children, depth + 1, node_path, l1, l2)
            declared = to_decimal(node.weight)
            walk.groups[node.id] = GroupScore(node.id, node_path, weight, declared, score)
            if walk.scored and declared is not None and weight is not None and declared != weight:
                walk.findings.append(Finding(
                    "warning", "WEIGHT_SUM_MISMATCH", node_path,
                    f"“{node.name}”标注分值 {plain(declared)} 分，但下级指标分值合计 {plain(weight)} 分，"
                    "请调整下级分值或标注的分值，使二者相等", "weight", node.id))
        else:
            ns = _score_leaf(walk, goal, node, node_path, depth, level1, level2)
            weight, score = ns.weight, ns.score
        if weight is not None:
            weight_sum = (weight_sum or ZERO) + weight
        if score is not None:
            score_sum = (score_sum or ZERO) + score
    return weight_sum, score_sum


def choose_rule(leaf: Leaf, target: Reading, level1: str, level2: str,
                profile: Profile) -> tuple[str, Mapping[str, Any]] | None:
    """The rule of a leaf: its own, else the profile's for its name or place (when the target fits),
    else the default for the written target (domain.md §0); None when nothing can be scored."""
    own = leaf.rule
    if isinstance(own, Mapping) and isinstance(own.get("type"), str):
        return own["type"], own
    for word, rule in profile.name_rules.items():
        if word in leaf.name and _fits(rule["type"], target, leaf):
            return rule["type"], rule
    for key in (level2, level1):
        rule = profile.place_rules.get(key) if key else None
        if rule is not None and _fits(rule["type"], target, leaf):
            return rule["type"], rule
    if target.kind == "deadline":
        return "deadline", {}
    if target.kind == "qualitative":
        return "qualitative", {}
    if target.kind == "range":
        return "ratio", {}
    if target.kind != "number":
        return None
    if target.op in (">=", ">"):
        return "ratio", {}
    if target.op in ("<=", "<"):
        return profile.reverse, {}
    if not target.explicit_op and is_cost(level1, level2):
        return profile.reverse, {}  # a bare number under 成本 is a budget ceiling
    return "equal", {}


def _fits(rule_type: str, target: Reading, leaf: Leaf) -> bool:
    """Whether a profile's rule for this place can read this leaf (else the target's own default)."""
    if rule_type in _NUMERIC_RULES:
        return target.kind in ("number", "range")
    if rule_type == "survey":
        return bool(leaf.survey) or target.kind == "number"
    if rule_type == "deadline":
        return target.kind == "deadline"
    if rule_type == "checklist":
        return bool(leaf.checklist)
    if rule_type == "qualitative":
        return target.kind == "qualitative"
    return True


def _score_leaf(walk: _Walk, goal: Goal, leaf: Leaf, path: tuple[str, ...], depth: int,
                level1: str, level2: str) -> NodeScore:
    core = _leaf_core(walk.profile, walk.year, walk.scored, leaf, level1, level2)
    for severity, code, message, field_name in core.issues:
        walk.findings.append(Finding(severity, code, path, message, field_name, leaf.id))
    score = core.manual if core.manual is not None else core.computed
    if core.weight is not None and score is None:
        walk.complete = False
    ns = NodeScore(leaf.id, path, leaf.code, core.weight, score, core.computed, core.rule_type, core.explanation,
                   core.manual is not None, core.suggested)
    walk.nodes.append(ns)
    walk.leaves.append(LeafView(leaf, goal, path, depth, level1, level2, core.target, core.actual, ns))
    return ns


@dataclass(frozen=True)
class _Core:
    """What a leaf's own content gives, independent of where it sits in the tree (cached)."""

    target: Reading
    actual: Reading
    weight: Decimal | None
    manual: Decimal | None
    computed: Decimal | None
    rule_type: str | None
    explanation: str
    suggested: str | None
    issues: tuple[tuple[str, str, str, str | None], ...]


_CORE_CACHE: dict[tuple[Any, ...], _Core] = {}
_CORE_CACHE_SIZE = 20000
_CACHED_PROFILES: dict[int, Profile] = {}


def _leaf_core(profile: Profile, year: int, scored: bool, leaf: Leaf, level1: str, level2: str) -> _Core:
    """Read and score one leaf; memoised on everything it depends on, so a keystroke re-scores one leaf."""
    key = (id(profile), year, scored, level1, level2, leaf.name, leaf.target, leaf.actual, leaf.weight,
           leaf.score, leaf.tier, _frozen(leaf.rule), _frozen(leaf.survey),
           None if leaf.checklist is None else tuple((c.share, c.gate, c.met) for c in leaf.checklist))
    core = _CORE_CACHE.get(key)
    if core is None:
        core = _compute_core(profile, year, scored, leaf, level1, level2)
        if len(_CORE_CACHE) >= _CORE_CACHE_SIZE:
            _CORE_CACHE.clear()
            _CACHED_PROFILES.clear()
        # Holding the profile keeps its id from being reused by another profile while keys name it.
        _CACHED_PROFILES[id(profile)] = profile
        _CORE_CACHE[key] = core
    return core


def _frozen(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _frozen(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def _compute_core(profile: Profile, year: int, scored: bool, leaf: Leaf, level1: str, level2: str) -> _Core:
    target = read_target(leaf.target, year=year)
    actual = read_actual(leaf.actual, target, year=year)
    issues = [(_NOTE_SEVERITY.get(note.code, "info"), note.code, note.message, field_name)
              for field_name, reading in (("target", target), ("actual", actual)) for note in reading.notes]
    weight = to_decimal(leaf.weight) if scored else None
    manual = to_decimal(leaf.score) if scored else None
    if weight is None:
        why = "本表不评分" if not scored else "未填写分值，不计分"
        return _Core(target, actual, None, manual, None, None, why, None, tuple(issues))
    chosen = choose_rule(leaf, target, level1, level2, profile)
    if chosen is None:
        rule_type = None
        outcome = Outcome(None, _why_no_rule(target))
    else:
        rule_type, params = chosen
        outcome = apply_rule(rule_type, RuleInput(weight, target, actual, leaf, params, profile.qualitative_bands))
    computed = None if outcome.score is None else q2(clamp(outcome.score, ZERO, weight))
    issues.extend((i.severity, i.code, i.message, i.field) for i in outcome.issues)
    issues.extend(_manual_findings(profile, leaf, rule_type, weight, manual, computed, outcome.tier_suggested))
    # The explanation is the rule's 计算过程 even under a manual score: `score` vs `computed` shows both.
    return _Core(target, actual, weight, manual, computed, rule_type, outcome.explanation,
                 outcome.tier_suggested, tuple(issues))


def _why_no_rule(target: Reading) -> str:
    if target.kind == "blank":
        return "未填写年度指标值，无法计算得分"
    if target.kind == "placeholder":
        return f"年度指标值“{target.text}”是未选定的模板选项，无法计算得分"
    return f"无法识别年度指标值“{target.text}”，请改写指标值或手工评分"


def _manual_findings(profile: Profile, leaf: Leaf, rule_type: str | None, weight: Decimal,
                     manual: Decimal | None, computed: Decimal | None,
                     suggested: str | None) -> list[tuple[str, str, str, str | None]]:
    if manual is None:
        return []
    out = []
    name = leaf.name or "（未命名指标）"
    if manual > weight or manual < 0:
        out.append(("error", "SCORE_OVER_WEIGHT",
                    f"“{name}”得分 {plain(manual)} 超出 0–{plain(weight)} 分的范围，请改为不超过分值的得分",
                    "score"))
    bands = profile.qualitative_bands
    if rule_type == "qualitative":
        if leaf.tier in ("达成", "部分达成", "未达成"):
            if not in_band(leaf.tier, manual, weight, bands):
                low, high = tier_band(leaf.tier, weight, bands)
                out.append(("warning", "QUAL_TIER_BAND",
                            f"“{name}”完成等级为“{leaf.tier}”，得分应在 {score_text(low)}–{score_text(high)} "
                            f"之间，实际填写 {plain(manual)}；请调整得分或完成等级", "score"))
        elif suggested == "达成" and manual < bands[0] * weight:
            out.append(("warning", "QUAL_MET_LOW_SCORE",
                        f"“{name}”的实际完成值与年度指标值一致（达成），得分却只有 {plain(manual)}，低于达成档的 "
                        f"{score_text(bands[0] * weight)} 分；请确认完成等级，或在偏差原因中说明扣分理由", "score"))
    elif computed is not None and manual != computed:
        out.append(("warning", "SCORE_MISMATCH",
                    f"“{name}”填写得分 {plain(manual)}，按评分规则计算为 {score_text(computed)}；"
                    "请核对得分，或在偏差原因中说明调整理由", "score"))
    return out


def _total(walk: _Walk, funds: Any) -> tuple[Decimal, Decimal]:
    total = ZERO
    max_total = ZERO
    if funds is not None:
        total += funds.score or ZERO
        max_total += funds.weight or ZERO
    for ns in walk.nodes:
        total += ns.score or ZERO
        max_total += ns.weight or ZERO
    return total, max_total


def _total_findings(walk: _Walk, form: Form, funds: Any, total: Decimal, max_total: Decimal,
                    stated: Mapping[str, Any]) -> list[Finding]:
    out = []
    if max_total != 100:
        out.append(Finding("warning", "TOTAL_WEIGHT_NOT_100", ("total",),
                           f"分值合计为 {plain(max_total)} 分（含执行率），不是 100 分；请调整各指标分值", "weight"))
    complete = walk.complete and (funds is None or funds.weight is None or funds.score is not None)
    printed_total = to_decimal(stated.get("total"))
    if printed_total is not None and complete and printed_total != total:
        out.append(Finding("warning", "TOTAL_MISMATCH", ("stated", "total"),
                           f"表上总分为 {plain(printed_total)}，各项得分（含执行率得分）合计为 {score_text(total)}；"
                           "请改正总分或核对各项得分"))
    rates = stated.get("rates")
    if isinstance(rates, Mapping):
        out.extend(_rate_findings(walk, form, rates))
    printed = stated_percent(stated.get("total_rate"))
    if printed is not None and max_total > 0 and q2(printed) != q2(total / max_total * HUNDRED):
        out.append(Finding("warning", "RATE_MISMATCH", ("stated", "total_rate"),
                           f"表上总得分率为 {plain(printed)}%，按总分 ÷ 总分值计算应为 {percent_text(total / max_total)}"))
    return out


def _rate_findings(walk: _Walk, form: Form, rates: Mapping[str, Any]) -> list[Finding]:
    out = []
    tops = [node for goal in form.goals for node in goal.indicators if isinstance(node, Group)]
    for name, printed_text in rates.items():
        printed = stated_percent(printed_text)
        key = level1_key(name) or name
        group = next((g for g in tops if (level1_key(g.name) or g.name) == key), None)
        subtotal = walk.groups.get(group.id) if group is not None else None
        if printed is None or subtotal is None or subtotal.score is None:
            continue
        weight = subtotal.declared if subtotal.declared is not None else subtotal.weight
        if not weight:
            continue
        rate = subtotal.score / weight
        if q2(printed) != q2(rate * HUNDRED):
            out.append(Finding("warning", "RATE_MISMATCH", ("stated", "rates", str(name)),
                               f"表上“{name}”得分率为 {plain(printed)}%，按得分 {plain(subtotal.score)} ÷ 分值 "
                               f"{plain(weight)} 计算应为 {percent_text(rate)}，请改正"))
    return out


def _sorted_unique(findings: list[Finding], walk: _Walk) -> tuple[Finding, ...]:
    """Tree order (sections before and after the tree), then severity, then code; one per code+path+field."""
    seen: set[tuple[str, tuple[str, ...], str | None]] = set()
    unique = []
    for f in findings:
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
        return rank, position, SEVERITIES.index(f.severity) if f.severity in SEVERITIES else 9, f.code, f.field or ""

    return tuple(sorted(unique, key=sort_key))
