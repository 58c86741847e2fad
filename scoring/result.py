"""What evaluate() returns: every score with its 计算过程, subtotals, total, grade and findings.

Immutable; the UI, the reports and the command line only read it. `to_json()` gives the
"Scoring output" of docs/form-format.md (a contract for tools outside the program).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

SEVERITIES = ("error", "warning", "info")  # worst first: the order of every list of findings
SEVERITY_LABELS: dict[str | None, str] = {"error": "错误", "warning": "警告", "info": "提示"}


def severity_rank(severity: str) -> int:
    """0 for the worst severity; an unknown one sorts last."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def severity_label(severity: str) -> str:
    """The Chinese word users see (错误/警告/提示); an unknown severity as it is."""
    return SEVERITY_LABELS.get(severity, severity)


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


@dataclass(frozen=True)
class Finding:
    """One problem the checker found: severity, stable code, where, and a Chinese message."""

    severity: str
    code: str
    path: tuple[str, ...]
    message: str
    field: str | None = None
    node_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"severity": self.severity, "code": self.code, "path": list(self.path),
                             "message": self.message}
        if self.field is not None:
            d["field"] = self.field
        return d


@dataclass(frozen=True)
class NodeScore:
    """A leaf's score: in force (`score`), computed by the rule (`computed`), and why."""

    node_id: int
    path: tuple[str, ...]
    code: str | None
    weight: Decimal | None
    score: Decimal | None
    computed: Decimal | None
    rule: str | None
    explanation: str
    manual: bool = False
    tier_suggested: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"path": list(self.path), "code": self.code, "weight": _num(self.weight),
                "score": _num(self.score), "computed": _num(self.computed), "rule": self.rule,
                "explanation": self.explanation}


@dataclass(frozen=True)
class GroupScore:
    """A group's (or goal's) subtotal: Σ child weights, the declared 分值, Σ rounded child scores, and
    the 得分率 `rate` = score ÷ (declared, else weight) as a fraction rounded half-up to 4 places
    (0.8667 prints as 86.67%); None without a score or when that weight is 0 or absent."""

    node_id: int
    path: tuple[str, ...]
    weight: Decimal | None
    declared: Decimal | None
    score: Decimal | None
    rate: Decimal | None = None

    def to_json(self) -> dict[str, Any]:
        return {"path": list(self.path), "weight": _num(self.weight), "declared": _num(self.declared),
                "score": _num(self.score), "rate": _num(self.rate)}


@dataclass(frozen=True)
class FundsScore:
    """The budget execution rate (执行率) and its score."""

    rate: Decimal | None
    weight: Decimal | None
    score: Decimal | None
    computed: Decimal | None
    explanation: str

    def to_json(self) -> dict[str, Any]:
        return {"rate": _num(self.rate), "weight": _num(self.weight), "score": _num(self.score),
                "explanation": self.explanation}


@dataclass(frozen=True)
class Result:
    """Everything evaluate() computed for one form."""

    profile: str
    total: Decimal | None
    max: Decimal | None
    grade: str | None
    funds: FundsScore | None
    nodes: tuple[NodeScore, ...]
    groups: tuple[GroupScore, ...]
    findings: tuple[Finding, ...]
    rate: Decimal | None = None  # 总得分率 = total ÷ max, 4 places (2 decimals of percent), half-up
    _by_id: dict[int, NodeScore] = field(default_factory=dict, compare=False, repr=False)
    _groups_by_id: dict[int, GroupScore] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({n.node_id: n for n in self.nodes})
        self._groups_by_id.update({g.node_id: g for g in self.groups})

    def node(self, node_id: int) -> NodeScore | None:
        """The score of a leaf by node id."""
        return self._by_id.get(node_id)

    def group(self, node_id: int) -> GroupScore | None:
        """The subtotal of a group or goal by id."""
        return self._groups_by_id.get(node_id)

    def count(self, severity: str) -> int:
        """How many findings of a severity."""
        return sum(1 for f in self.findings if f.severity == severity)

    def to_json(self) -> dict[str, Any]:
        """The scoring output of docs/form-format.md."""
        return {"profile": self.profile, "total": _num(self.total), "max": _num(self.max),
                "grade": self.grade, "funds": None if self.funds is None else self.funds.to_json(),
                "nodes": [n.to_json() for n in self.nodes], "groups": [g.to_json() for g in self.groups],
                "findings": [f.to_json() for f in self.findings], "rate": _num(self.rate)}
