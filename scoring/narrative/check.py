"""check_report: every figure a report states, paired with the forms of its unit and year or with its
own arithmetic; disagreements and unpaired figures as findings (codes in scoring/codes.py).

How a figure finds its subject: the sentence is read up to the figure; the nearest words that name an
entity (facts.py) bind it, unless 其中 or an earlier figure of the same kind and attribute lies
between (then the figure has no subject and is listed as unchecked, never guessed). A report is cut
into parts at its titles (…自评报告/评价报告): a part whose title names a project is checked
against that project's form only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from model.form import Form
from scoring.codes import SEVERITY
from scoring.narrative.arithmetic import parts, shares
from scoring.narrative.facts import FUNDS_WORDS, Entity, Fact, entities
from scoring.narrative.figures import Figure, find_figures, same_figure
from scoring.result import Result

MISMATCH = {"money": "NARRATIVE_SUM_MISMATCH", "rate": "NARRATIVE_RATE_MISMATCH", "score": "NARRATIVE_SCORE_MISMATCH",
            "grade": "NARRATIVE_GRADE_MISMATCH", "count": "NARRATIVE_COUNT_MISMATCH"}
# Words before a figure that say which attribute it is; the nearest one counts.
ATTRS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("得分率", ("score_rate",)), ("扣", ("deduction",)), ("档", ("tier",)), ("档的", ("tier",)), ("权重分为", ("weight",)), ("权重分", ("weight",)), ("执行率", ("rate",)), ("满分", ("weight",)), ("分值", ("weight",)),
    ("权重", ("weight",)), ("总分", ("score",)), ("得分", ("score",)), ("得", ("score",)), ("评分", ("score",)),
    ("分为", ("score",)), ("年初", ("initial",)), ("全年预算", ("annual",)), ("全年执行", ("executed",)),
    ("决算", ("executed",)), ("预算", ("annual", "initial", "amount")), ("执行", ("executed",)),
    ("支出", ("executed", "amount")), ("支付", ("executed",)), ("使用", ("executed",)), ("拨付", ("executed",)),
    ("到位", ("annual", "executed")), ("投入", ("annual", "initial", "amount")), ("安排", ("annual", "initial")),
    ("实际完成", ("actual",)), ("完成", ("actual",)), ("实际", ("actual",)), ("目标", ("target",)),
    ("指标值", ("target",)), ("标杆值", ("target",)), ("业绩值", ("actual",)),
)
# Words every indicator of this field shares: a match on them alone says nothing (残疾人困难诉求 ≠ 残疾人困难救助).
_GENERIC = re.compile(r"残疾人|残疾|困难|服务|人数|指标|支出|项目")
_NOUN_FOLLOWS = ("为", "对", "帮助", "保障", "救助", "扶持", "资助", "组织", "安排")
# Paragraphs that state scoring rules (评价标准, 评分规则…): their figures are thresholds, not results;
# a 审核意见 quoted from the checker restates the forms' own figures (and the disagreement it names).
_RULE_TEXT = ("评价标准", "评分标准", "评价要点", "评分规则", "评价过程", "计算过程", "扣分规则", "审核意见")
_SENTENCE = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")
_TITLE = re.compile(r"(自评报告|评价报告)\s*$")
_YEAR = re.compile(r"(20\d\d)\s*年")


@dataclass(frozen=True)
class NarrativeFinding:
    """One line of check-report's output."""

    code: str
    severity: str
    sentence: str
    stated: str
    expected: str | None
    where: str | None

    def to_json(self) -> dict[str, str | None]:
        """The JSON object of `check-report --json`."""
        return {"code": self.code, "severity": self.severity, "sentence": self.sentence, "stated": self.stated,
                "expected": self.expected, "where": self.where}


def report_year(paragraphs: list[str]) -> int | None:
    """The report's year: the first “20xx年” of its opening lines."""
    for line in paragraphs[:6]:
        m = _YEAR.search(line)
        if m:
            return int(m.group(1))
    return None


def table_sentences(table: list[list[str]]) -> list[str]:
    """Each body row as a sentence: its label cells, then “header value” for each figure cell."""
    if len(table) < 2:
        return []
    header = table[0]
    out = []
    for row in table[1:]:
        labels, values = [], []
        for j, cell in enumerate(row):
            head = header[j] if j < len(header) else ""
            if not cell or cell == "—":
                continue
            if j > 0 and re.search(r"值|率|数|分|额", head) and not re.search(r"[\d]", cell):
                continue  # a written target such as 明显改善 is no figure and no subject
            if re.fullmatch(r"[\d.,]+", cell):
                unit = "万元" if "万元" in head else "元" if "（元）" in head or "(元)" in head else \
                    "分" if re.search(r"分值|得分|权重|总分", head) and "率" not in head else ""
                values.append(f"{head}{cell}{unit}")
            elif re.fullmatch(r"[\d.,]+\s*%|[≥≤><=＞＜＝].*|[\d.]+\s*\S{1,3}", cell):
                values.append(f"{head}{cell}")
            else:
                labels.append(cell)
        if values:
            out.append(f"{' '.join(labels)}：{'，'.join(values)}。")
    return out


@dataclass
class _Scope:
    forms: list[int]
    main: int | None


def _scopes(blocks: list[tuple[str, bool]], forms: list[tuple[Form, Result]]) -> list[tuple[str, bool, _Scope]]:
    """Each text with the forms its part of the report is about."""
    every = list(range(len(forms)))
    kinds = [f.kind for f, _r in forms]
    main = next((i for i, k in enumerate(kinds) if k == "dept_self_eval"), None)
    if main is None:
        main = next((i for i, k in enumerate(kinds) if k in ("project_self_eval", "evaluation")), None)
    scope = _Scope(every, main)
    out = []
    for text, is_table in blocks:
        if not is_table and len(text) < 80 and _TITLE.search(text):
            named = [i for i, (f, _r) in enumerate(forms) if f.header.get("project_name")
                     and f.header["project_name"] in text]
            if named:
                scope = _Scope(named, named[0])
            else:
                scope = _Scope(every, main)
        out.append((text, is_table, scope))
    return out


def _attr(text: str) -> tuple[str, ...] | None:
    best: tuple[int, int, tuple[str, ...]] | None = None
    for word, attrs in ATTRS:
        pos = text.rfind(word)
        if pos >= 0 and (best is None or (pos + len(word), len(word)) > best[:2]):
            best = (pos + len(word), len(word), attrs)
    return None if best is None else best[2]


def _match_len(entity: Entity, text: str) -> tuple[int, int]:
    """(end position, matched length) of the entity's best-matching name in text; (-1, 0) if none."""
    best = (-1, 0)
    for name in entity.names:
        if len(name) < 2 or name.endswith("：") and not text.startswith(name):
            continue  # “过程：” names a table row only where the row starts, not in “评价过程：”
        pos = text.rfind(name)
        if pos >= 0 and (pos + len(name), len(name)) > best:
            best = (pos + len(name), len(name))
    if best[1] == 0 and entity.fuzzy:
        # A leaf named by a long enough part of its name (“创业扶持” for 残疾人创业扶持), in the words
        # right before the figure only: further back the part may belong to another subject.
        start = max(text.rfind(c) for c in "，,：:；（(") + 1
        near = _GENERIC.sub(lambda m: "\0" * len(m.group(0)), text[start:])  # keep positions
        for name in entity.names:
            length, end = _common(_GENERIC.sub("", name), near)
            if length >= 4 and length > best[1]:
                best = (start + end, length)
    return best


def _common(a: str, b: str) -> tuple[int, int]:
    """Longest common substring of a and b: (length, its end in b)."""
    best = (0, -1)
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0] * (len(b) + 1)
        for j, cb in enumerate(b, start=1):
            if ca == cb:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best[0]:
                    best = (cur[j], j)
        prev = cur
    return best


@dataclass
class _Checker:
    forms: list[tuple[Form, Result]]
    ents: list[Entity]
    findings: list[NarrativeFinding]

    def sentence(self, sentence: str, scope: _Scope, skip: set[int], offset: int) -> None:
        figures = find_figures(sentence)
        used: list[tuple[int, str, tuple[str, ...] | None, int]] = []  # (entity id, kind, attr, figure end)
        for fig in figures:
            if fig.start + offset in skip:
                continue
            prefix = sentence[:fig.start]
            prev_end = max((f.end for f in figures if f.end <= fig.start), default=0)
            near = sentence[prev_end:fig.start]
            if fig.kind == "count" and (fig.unit == "名" or near.rstrip().endswith(_NOUN_FOLLOWS)):
                # “为5名残疾儿童提供…”: the subject comes after the figure; no guess.
                self._unchecked(sentence, fig)
                continue
            attr = _attr(near)
            candidates = self._entities(prefix, scope, fig.kind)
            chosen: list[Entity] = []
            if candidates:
                end, group = candidates
                barrier = "其中" in sentence[end:fig.start]
                stale = any(u[0] in {id(e) for e in group} and u[1] == fig.kind and u[2] == attr and u[3] > end
                            for u in used)
                if not barrier and not stale:
                    chosen = group
            if not chosen:
                chosen = self._default(near, scope, fig.kind, attr)
            if not chosen:
                self._unchecked(sentence, fig)
                continue
            used.extend((id(e), fig.kind, attr, fig.end) for e in chosen)
            self._compare(sentence, fig, chosen, attr)

    def _entities(self, prefix: str, scope: _Scope, kind: str) -> tuple[int, list[Entity]] | None:
        best: tuple[int, int] = (-1, 0)
        group: list[Entity] = []
        for e in self.ents:
            if e.form_index not in scope.forms or not e.of_kind(kind):
                continue
            end, length = _match_len(e, prefix)
            if length == 0:
                continue
            key = (end, length)
            if key > best:
                best, group = key, [e]
            elif key == best:
                group.append(e)
        return None if not group else (best[0], group)

    def _default(self, near: str, scope: _Scope, kind: str, attr: tuple[str, ...] | None) -> list[Entity]:
        """No subject named: the whole form for a score/grade/得分率, its funds for money with a funds word."""
        if scope.main is None:
            return []
        main = [e for e in self.ents if e.form_index == scope.main]
        if kind == "grade":
            return [e for e in main if "总分" in e.names][:1]
        if kind == "money" and any(w in near for w in FUNDS_WORDS) or kind == "rate" and attr == ("rate",):
            return [e for e in main if "执行率" in e.names][:1]
        return []

    def _compare(self, sentence: str, fig: Figure, chosen: list[Entity], attr: tuple[str, ...] | None) -> None:
        facts = [f for e in chosen for f in e.of_kind(fig.kind)]
        if fig.kind == "count":  # 32次 is not a count of 人: another quantity of the subject, not checked
            facts = [f for f in facts if _same_unit(fig.unit, f.unit)]
        narrowed = [f for f in facts if attr is None or f.attr in attr]
        if not narrowed:  # the words say it is something the forms do not hold (扣分 of a funds row…)
            self._unchecked(sentence, fig)
            return
        if any(self._agrees(fig, f) for f in narrowed):
            return
        want = narrowed[0]
        self.findings.append(NarrativeFinding(MISMATCH[fig.kind], _severity(MISMATCH[fig.kind]), sentence.strip(),
                                              fig.text, want.shown, want.where))

    @staticmethod
    def _agrees(fig: Figure, fact: Fact) -> bool:
        if fig.kind == "grade":
            return fig.grade == fact.grade
        if fact.value is None:
            return False
        return same_figure(fig, fact.value)

    def _unchecked(self, sentence: str, fig: Figure) -> None:
        self.findings.append(NarrativeFinding("NARRATIVE_UNCHECKED", _severity("NARRATIVE_UNCHECKED"),
                                              sentence.strip(), fig.text, None, None))


def _same_unit(stated: str, written: str) -> bool:
    """Whether a stated count and a form's count measure the same thing (人, 人次 and 名 are people)."""
    return not written or stated == written or {stated, written} <= {"人", "人次", "名"}


def _severity(code: str) -> str:
    return SEVERITY.get(code) or "warning"


def check_report(blocks: list[str | list[list[str]]], forms: list[tuple[Form, Result]]) -> list[NarrativeFinding]:
    """Every disagreement and unchecked figure of a report (paragraphs and tables in reading order)."""
    texts: list[tuple[str, bool]] = []
    for block in blocks:
        if isinstance(block, str):
            texts.append((block, False))
        else:
            texts.extend((s, True) for s in table_sentences(block))
    checker = _Checker(forms, entities(forms), [])
    for text, _is_table, scope in _scopes(texts, forms):
        if text.lstrip().startswith(_RULE_TEXT):
            continue
        figures = find_figures(text)
        problems, checked = shares(text, figures)
        problems += parts(text, figures)
        for p in problems:
            checker.findings.append(NarrativeFinding(p.code, _severity(p.code), _sentence_of(text, p.figure.start),
                                                     p.figure.text, p.expected, None))
        skip = checked | {p.figure.start for p in problems}
        for m in _SENTENCE.finditer(text):
            checker.sentence(m.group(0), scope, skip, m.start())
    return checker.findings


def _sentence_of(text: str, pos: int) -> str:
    for m in _SENTENCE.finditer(text):
        if m.start() <= pos < m.end():
            return m.group(0).strip()
    return text.strip()
