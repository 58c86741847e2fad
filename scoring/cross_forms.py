"""CROSS_FORM_MISMATCH (docs/rules.md §2.12): the same indicator must carry the same 年度指标值 and
实际完成值 in every form of one unit and year (project table, department table, target declaration).
The same indicator may go by two names (盲人补贴 / 盲人救助): names that agree once synonyms are read
as one word, or one within the other, are paired when nothing else claims them (cross_names.py).
HEADER_UNIT_MISMATCH and FUNDS_CROSS_MISMATCH come from cross_package.py.

Pure: the caller passes the forms (the window loads them from the store, the command line from
files). `index_form` reads one form once, so the window re-indexes only the form being edited.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from model.form import Form, Leaf
from model.tree import walk
from scoring.checks._common import norm_name
from scoring.cross_names import synonym_pairs
from scoring.cross_package import money_findings, unit_findings
from scoring.result import Finding
from scoring.values.types import Reading
from scoring.values.words import normalise_text
from scoring.values.reading import read_actual, read_target

CODE = "CROSS_FORM_MISMATCH"
_BRACKETS_RE = re.compile(r"[（(][^（()）]*[)）]")  # (%)、（户）、（万元）: the unit, not the name
_UNIT_WORDS_RE = re.compile(r"残疾人联合会")
_UNIT_SUFFIX_RE = re.compile(r"本级$")  # 山海关区残疾人联合会本级 is the federation itself
_CONVERTED = ("money", "percent")  # families whose values are compared in base units (元, fraction)
_FIELDS = (("target", "年度指标值"), ("actual", "实际完成值"))
_PLAIN = ("=", None)
_DEPARTMENT_KINDS = ("dept_self_eval", "dept_basic_data")
# Every project and the department carry their own 满意度 and 执行率: the same name, not the same figure.
_GENERIC_WORDS = ("满意度", "执行率", "到位率")


@dataclass(frozen=True)
class _Entry:
    """One leaf as the cross-form check sees it."""

    leaf: Leaf
    path: tuple[str, ...]
    target: Reading
    actual: Reading


@dataclass(frozen=True)
class FormIndex:
    """A form read for the cross-form check: its id, unit, year, label and leaves by indicator key."""

    form_id: str
    unit: str
    year: int
    project: str  # the project's key; "" for a department-wide form (it covers every project)
    label: str
    entries: dict[str, tuple[_Entry, ...]]
    form: Form | None = None  # for the package checks (units, money); None in hand-made indexes


def indicator_key(name: str | None) -> str:
    """The name two forms must share: no numbering, weight, unit in brackets, spaces or punctuation."""
    return norm_name(_BRACKETS_RE.sub("", name or ""))


def unit_key(unit: str) -> str:
    """A unit name as compared across forms: 汨罗市残疾人联合会 and 汨罗市残联 are the same unit."""
    return _UNIT_SUFFIX_RE.sub("", _UNIT_WORDS_RE.sub("残联", re.sub(r"\s", "", unit or "")))


def form_label(form: Form) -> str:
    """How a message names a form: 《title》（project name）."""
    project = (form.header.get("project_name") or "").strip()
    return f"《{form.display_title}》" + (f"（{project}）" if project else "")


def index_form(form: Form, form_id: str | None = None) -> FormIndex:
    """Read every named leaf of a form once (targets and actuals as the scoring reads them)."""
    entries: dict[str, list[_Entry]] = {}
    for _goal, node, _depth, path in walk(form):
        if not isinstance(node, Leaf):
            continue
        key = indicator_key(node.name)
        if not key or any(word in key for word in _GENERIC_WORDS):
            continue
        target = read_target(node.target, year=form.year)
        actual = read_actual(node.actual, target, year=form.year)
        entries.setdefault(key, []).append(_Entry(node, path, target, actual))
    project = "" if form.kind in _DEPARTMENT_KINDS else indicator_key(form.header.get("project_name"))
    return FormIndex(form_id or form.id or "", unit_key(form.unit), form.year, project, form_label(form),
                     {k: tuple(v) for k, v in entries.items()}, form)


def cross_check(forms: Sequence[Form]) -> list[tuple[str, Finding]]:
    """CROSS_FORM_MISMATCH between every two forms of the same unit and year.

    Args:
        forms: the forms to compare; forms of another unit (after unit_key) or year are not compared.
    Returns:
        (form id, finding) pairs, a finding on each side naming the other form; the id is Form.id,
        or "#<position in forms>" for a form without one.
    """
    return cross_check_indexed([index_form(f, f.id or f"#{i}") for i, f in enumerate(forms)])


def cross_check_indexed(indexes: Sequence[FormIndex]) -> list[tuple[str, Finding]]:
    """cross_check on forms already indexed (the window keeps the other forms' indexes)."""
    out: list[tuple[str, Finding]] = list(unit_findings(indexes))
    for i, one in enumerate(indexes):
        for other in indexes[i + 1:]:
            if one.year != other.year or one.unit != other.unit or one.form_id == other.form_id:
                continue
            out.extend(money_findings(one, other))
            if one.project and other.project and one.project != other.project:
                continue  # two projects: 培训人数 of one is not 培训人数 of the other
            out.extend(_pair(one, other))
    return out


def _pair(one: FormIndex, other: FormIndex) -> Iterator[tuple[str, Finding]]:
    pairs = [(key, key) for key in one.entries.keys() & other.entries.keys()]
    pairs += synonym_pairs(one.entries.keys() - other.entries.keys(), other.entries.keys() - one.entries.keys())
    for key_one, key_other in pairs:
        renamed = key_one != key_other
        for a in one.entries[key_one]:
            for b in other.entries[key_other]:
                if renamed and not _same_unit(a, b):
                    continue  # under two names only the very same unit of measure says “same indicator”
                for field, label in _FIELDS:
                    ra, rb = getattr(a, field), getattr(b, field)
                    if _differ(field, ra, rb):
                        yield one.form_id, _finding(a, ra, rb, label, field, other.label, b.leaf.name if renamed else None)
                        yield other.form_id, _finding(b, rb, ra, label, field, one.label, a.leaf.name if renamed else None)


def _same_unit(a: _Entry, b: _Entry) -> bool:
    units = {a.target.unit, b.target.unit}
    return len(units) == 1 and None not in units


def _differ(field: str, a: Reading, b: Reading) -> bool:
    """Whether two readings of the same indicator disagree; False when they cannot be compared."""
    if a.kind in ("number", "range") and b.kind in ("number", "range"):
        # A target keeps its operator (≥150户 and 150户 name the same figure); an actual written as a
        # bound is no figure (ACTUAL_NOT_VALUE reports it), so it is not compared.
        if field == "actual" and (a.op not in _PLAIN or b.op not in _PLAIN):
            return False
        if not _compatible(a, b):
            return False  # 30户 and 30人 are not figures of the same indicator
        return (a.value, a.high) != (b.value, b.high)
    if a.kind == "deadline" and b.kind == "deadline":
        return a.date != b.date
    if a.kind == "qualitative" and b.kind == "qualitative":
        return normalise_text(a.text) != normalise_text(b.text)
    return False  # blank, placeholder, unreadable, or different kinds: other checks report those


def _compatible(a: Reading, b: Reading) -> bool:
    if a.unit == b.unit or a.unit is None or b.unit is None:
        return True
    return a.family == b.family and a.family in _CONVERTED


def _finding(entry: _Entry, mine: Reading, theirs: Reading, label: str, field: str, other: str,
             other_name: str | None = None) -> Finding:
    name = entry.leaf.name or "（未命名指标）"
    where = f"{other}中（名为“{other_name}”，看来是同一指标）" if other_name else f"{other}中"
    message = (f"指标“{name}”的{label}在本表为“{mine.text}”，在{where}为“{theirs.text}”。"
               "同一单位同一年度的各张表中，同一指标应填写相同的数值（名称也宜统一）；请核对后改正填错的一张表。")
    return Finding("warning", CODE, entry.path, message, field, entry.leaf.id)
