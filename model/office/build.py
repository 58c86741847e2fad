"""One form from the lines of one segment: header facts, money block, plan, goals, indicator tree.

The builder walks the lines once; each line is offered to the readers of the parts of a form in turn
(indicator rows, money rows, plan, goal texts, header facts). Every table cell no reader took is
reported as unplaced, with its position, so the preview can show it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from model.form import Amount, Form, Funds, FundsRow, Goal, PlanPoint
from model.office.basic_data import read_sections, section_start
from model.office.facts import labelled, put_header, signature, unit_code, unit_in, year_in
from model.office.indicators import IndicatorReader, Take
from model.office.lines import Line
from model.office.recognise import Segment, has_levels, is_title
from model.office.synonyms import key, synonyms
from model.office.values import maybe_number

# A title's year is the form's year when it says 年度, or when the form's name follows it directly.
_FORM_YEAR = re.compile(r"(19|20)\d{2}\s*年度|^(19|20)\d{2}\s*年(部门|项目支出|项目绩效|绩效|预算)")
_GOAL = re.compile(r"^目标\s*(\d+)$")
_MONTH = re.compile(r"^(\d{1,2})月(底|末)?$")
_INCOME = re.compile(r"(一般公共预算|政府性基金拨款|纳入专户管理的非税收入拨款|其他资金)[:：]\s*([\d.,]*)")
_SPENDING = re.compile(r"(基本支出|项目支出)[:：]\s*([\d.,]*)")
_SPENDING_TOTAL = re.compile(r"按支出性质分[:：]\s*([\d.,]+)")
_BARE_AMOUNT = re.compile(r"^(?:其中[:：])?(一般公共预算|政府性基金拨款|纳入专户管理的非税收入拨款|基本支出|项目支出)[:：]?$")
# Template text that carries no data: the seal line and footnotes.
_BOILERPLATE = re.compile(r"盖章|^\s*(注|说明)\s*[:：]|^表\s*\d+([-—－]\d+)?\s")
_SIGNATURE_LABELS = re.compile(r"(填表人|填报日期|联系电话|单位负责人)\s*[:：]")
_TARGET_FUNDS = {"预算数": "预算数", "其中:财政资金": "财政资金", "财政资金": "财政资金", "其他资金": "其他资金"}


@dataclass
class Unplaced:
    """A table cell the reader could not place: where it is and what it says."""

    where: str
    text: str


@dataclass
class Built:
    """A form built from a segment, with the cells left over and notes for the preview."""

    form: Form
    unplaced: list[Unplaced] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    weak_year: int | None = None


def signature_line(line: Line) -> bool:
    """填表人：… 填报日期：… (the line under a table)."""
    return len(line.filled) <= 2 and len(_SIGNATURE_LABELS.findall(line.joined)) >= 2


class FormBuilder:
    """Builds one form of a known kind from its lines."""

    def __init__(self, kind: str, segment: Segment) -> None:
        self.form = Form(kind=kind, year=0)
        self.segment = segment
        self.used: set[tuple[int, int]] = set()
        self.indicators = IndicatorReader(self.form, kind)
        self.funds_cols: dict[int, str] = {}
        self.plan_cols: dict[int, str] = {}
        self.goal_cols: dict[int, str] = {}
        self.overall = False
        self.expect_purpose = False
        self.budget_cols: dict[int, str] = {}
        self.stated: dict[str, object] = {}
        self.weak_year: int | None = None

    # -- walking ---------------------------------------------------------------------------------

    def build(self) -> Built:
        """Read every line; returns the form with what was left over."""
        basic: list[tuple[int, Line]] = []
        for index, line in enumerate(self.segment.lines):
            if self.form.kind == "dept_basic_data" and line.table is not None and not signature_line(line) \
                    and (basic or section_start(line)):
                basic.append((index, line))
            else:
                self.read_line(index, line)
        if basic:
            self.form.basic_data = read_sections(basic, self.take)
        return self.finish()

    def take(self, index: int, *cols: int) -> None:
        for col in cols:
            self.used.add((index, col))

    def read_line(self, i: int, line: Line) -> None:
        filled = line.filled
        if not filled:
            return
        if is_title(line):
            self.read_title(filled[0][1])
            self.take(i, filled[0][0])
            return
        if line.table is None:
            self.read_paragraph(i, line)
            return
        goal = _GOAL.match(key(filled[0][1]))
        if goal:
            self.new_goal(f"目标{goal.group(1)}")
            self.take(i, filled[0][0])
            if len(filled) == 1:
                return
        if has_levels(line):
            self.reset_modes()
            self.indicators.heading(line, lambda c: self.take(i, c))
            self.heading_above(i, line)
            return
        if self.indicators.active:
            if self.indicators.row(line, self.goal(), lambda c: self.take(i, c)):
                return
            self.indicators.active = False
        self.read_facts_line(i, line)

    def heading_above(self, i: int, line: Line) -> None:
        """A heading whose other columns sit in the row above the 一级/二级/三级 row (绩效指标 | 年度指标值 …
        over 一级指标 | 二级指标 | 三级指标): map those columns too, if that row was not read as anything else."""
        if i == 0:
            return
        above = self.segment.lines[i - 1]
        if above.table != line.table or above.sheet != line.sheet or any((i - 1, c) in self.used
                                                                          for c, _t in above.filled):
            return
        mapped = self.indicators.heading_extra(above)
        for c in mapped:
            self.take(i - 1, c)

    def read_facts_line(self, i: int, line: Line) -> None:
        """A line outside the indicator table: money, plan, goal texts or header facts."""
        def take(c: int) -> None:
            self.take(i, c)

        if self.funds_cols and self.funds_row(line, take):
            return
        if self.plan_cols and self.plan_values(line, take):
            return
        if self.goal_cols and self.goal_texts(line, take):
            return
        if self.budget_cols and self.budget_values(line, take):
            return
        if self.expect_purpose:
            self.expect_purpose = False
            texts = [t for _c, t in line.filled]
            if len(texts) == 1 and not synonyms().header_key(texts[0]):
                self.form.header["purpose"] = texts[0]
                take(line.filled[0][0])
                return
        self.reset_modes()
        if self.funds_heading(line, take) or self.plan_heading(line, take) or self.goal_heading(line, take):
            return
        self.target_budget(line, take)
        self.dept_breakdown(line, take)
        self.header_cells(line, take)

    def reset_modes(self) -> None:
        self.funds_cols, self.plan_cols, self.goal_cols, self.budget_cols = {}, {}, {}, {}

    # -- titles and paragraphs --------------------------------------------------------------------

    def read_title(self, text: str) -> None:
        title = re.sub(r"^\s*(附件\s*\d*\s*[:：]?|\d+\s*[.、．])\s*", "", text.strip())
        title = re.sub(r"\s+", "", title)
        self.form.title = self.form.title or title
        if _FORM_YEAR.search(title):
            self.form.year = self.form.year or (year_in(title) or 0)
        else:
            # "2021年省级…补助资金绩效目标表": a year inside a project name is only a fallback.
            self.weak_year = self.weak_year or year_in(title)
        if self.form.kind == "project_target" and "project_name" not in self.form.header:
            name = re.sub(r"(项目)?(支出)?绩效目标(申报)?表$", "", title)
            if name and name != title:
                self.form.header["project_name"] = name

    def read_paragraph(self, i: int, line: Line) -> None:
        text = line.filled[0][1]
        if re.fullmatch(r"[（(]\s*(19|20)\d{2}\s*年度?\s*[)）]", text.strip()):
            self.form.year = self.form.year or (year_in(text) or 0)
            return
        self.header_cells(line, lambda c: None)

    # -- header facts ----------------------------------------------------------------------------

    def header_cells(self, line: Line, take: Take) -> None:
        """Label cells followed by their value, "label：value" cells, the signature line, 单位：元."""
        mark = take
        # "填报单位：…    金额单位：万元" in one cell: each part is read like a cell of its own.
        filled = [(c, p) for c, t in line.filled for p in re.split(r"\s{2,}|\t|\u3000+", t) if p.strip()]
        header = self.form.header
        skip: set[int] = set()
        for n, (col, text) in enumerate(filled):
            if col in skip:
                continue
            unit = unit_in(text)
            if unit:
                self.form.money_unit = unit
                mark(col)
                continue
            if re.fullmatch(r"[（(]\s*(19|20)\d{2}\s*年度?\s*[)）]", text):
                self.form.year = self.form.year or (year_in(text) or 0)
                mark(col)
                continue
            name = synonyms().header_key(text)
            if name:
                mark(col)
                following = filled[n + 1] if n + 1 < len(filled) else None
                if following and not synonyms().header_key(following[1]) and not labelled(following[1]):
                    put_header(header, name, following[1])
                    mark(following[0])
                    skip.add(following[0])
                else:
                    header.setdefault(name, "")
                continue
            signed = signature(text)
            if len(signed) >= 2:
                for k, v in signed.items():
                    put_header(header, k, v)
                mark(col)
                continue
            pair = labelled(text)
            if pair:
                put_header(header, *pair)
                mark(col)
                continue
            code = unit_code(text) if n == 0 else None
            if code:
                header["unit_code"], header["unit_name"] = code
                mark(col)
            elif n == 0 and len(filled) == 2 and unit_in(filled[1][1]) and "unit_name" not in header:
                header["unit_name"] = text
                mark(col)

    # -- money -------------------------------------------------------------------------------------

    def funds_heading(self, line: Line, take: Take) -> bool:
        found = {c: synonyms().funds_column(t) for c, t in line.filled}
        cols = {c: f for c, f in found.items() if f is not None}
        if sum(f in ("initial", "annual", "executed") for f in cols.values()) < 2:
            return False
        self.funds_cols = cols
        for c, t in line.filled:
            if (c in cols or "万元" in t or "资金" in t):
                take(c)
            bracket = re.search(r"[（(](万元|元)[)）]", t)
            unit = unit_in(t) or (bracket.group(1) if bracket else None)
            if unit and self.form.kind != "project_target":
                self.form.money_unit = self.form.money_unit or unit
        return True

    def funds_row(self, line: Line, take: Take) -> bool:
        names = [(c, t) for c, t in line.filled if c not in self.funds_cols]
        if not names:
            return False
        col, raw = names[0]
        name = re.sub(r"^其中[:：]?", "", key(raw))
        s = synonyms()
        if name not in s.funds_total and name not in s.funds_parts:
            return False
        funds = self.form.funds or Funds()
        self.form.funds = funds
        row = FundsRow(name="年度资金总额" if name == "年度资金总额" else name)
        mark = take
        mark(col)
        first = not funds.rows
        for c, fieldname in self.funds_cols.items():
            text = line.text(c)
            if not text:
                continue
            if fieldname in ("initial", "annual", "executed"):
                setattr(row, fieldname, maybe_number(text))
            elif fieldname == "note":
                row.note = text
            elif first and fieldname == "weight":
                funds.weight = maybe_number(text)
            elif first and fieldname == "rate":
                self.stated["funds_rate"] = text
            elif first and fieldname == "score":
                value = maybe_number(text)
                if value is not None:
                    self.stated["funds_score"] = value
            if fieldname in ("initial", "annual", "executed", "note") or first or text in ("—", "-"):
                mark(c)
        funds.rows.append(row)
        return True

    def target_budget(self, line: Line, take: Take) -> None:
        """预算数 | 110000.00 | 其中：财政资金 | 110000.00 | 其他资金 | 0 (目标表), then the 资金用途 row.

        The figures may also sit in the row below their labels (one label row, one figure row).
        """
        filled = line.filled
        labels = [(n, _TARGET_FUNDS[key(t)]) for n, (_c, t) in enumerate(filled) if key(t) in _TARGET_FUNDS]
        if not labels or labels[0][1] != "预算数" or self.form.kind != "project_target":
            return
        mark = take
        for c, t in filled:
            if "预算规模" in t:
                mark(c)
        inline = all(n + 1 < len(filled) and maybe_number(filled[n + 1][1]) is not None for n, _l in labels)
        if not inline:
            self.budget_cols = {filled[n][0]: name for n, name in labels}
            for c in self.budget_cols:
                mark(c)
            return
        funds = self.form.funds or Funds()
        self.form.funds = funds
        for n, name in labels:
            funds.rows.append(FundsRow(name=name, annual=maybe_number(filled[n + 1][1])))
            mark(filled[n][0])
            mark(filled[n + 1][0])
        self.expect_purpose = "purpose" not in self.form.header

    def budget_values(self, line: Line, take: Take) -> bool:
        """The figure row under 预算数 / 财政资金 / 其他资金 labels."""
        if not any(maybe_number(line.text(c)) is not None for c in self.budget_cols):
            return False
        funds = self.form.funds or Funds()
        self.form.funds = funds
        for c, name in self.budget_cols.items():
            funds.rows.append(FundsRow(name=name, annual=maybe_number(line.text(c))))
            if line.text(c):
                take(c)
        self.budget_cols = {}
        self.expect_purpose = "purpose" not in self.form.header
        return True

    def dept_breakdown(self, line: Line, take: Take) -> None:
        """按收入性质分：… / 其中：一般公共预算：581.79 / 按支出性质分：1005.67 / 其中：基本支出：353.08."""
        mark = take
        filled = line.filled
        for n, (c, text) in enumerate(filled):
            k = re.sub(r"\s+", "", text)
            bare = _BARE_AMOUNT.match(k)
            if bare and n + 1 < len(filled) and maybe_number(filled[n + 1][1]) is not None:
                k = f"{bare.group(1)}：{filled[n + 1][1]}"
                mark(filled[n + 1][0])
            elif bare:
                k = f"{bare.group(1)}："
            total = _SPENDING_TOTAL.search(k)
            income = _INCOME.search(k)
            spending = _SPENDING.search(k)
            if not (total or income or spending or key(k) in ("按收入性质分", "按支出性质分")):
                continue
            funds = self.form.funds or Funds()
            self.form.funds = funds
            if total:
                self.stated["by_spending_total"] = maybe_number(total.group(1))
            if income:
                funds.by_income = (funds.by_income or []) + [Amount(income.group(1), maybe_number(income.group(2)))]
            if spending:
                funds.by_spending = (funds.by_spending or []) + [
                    Amount(spending.group(1), maybe_number(spending.group(2)))]
            mark(c)

    # -- plan and goal texts -----------------------------------------------------------------------

    def plan_heading(self, line: Line, take: Take) -> bool:
        if not any("资金支出计划" in key(t) for _c, t in line.filled):
            return False
        self.plan_cols = {c: key(t) for c, t in line.filled if _MONTH.match(key(t))}
        for c, _t in line.filled:
            take(c)
        return True

    def plan_values(self, line: Line, take: Take) -> bool:
        values = {c: line.text(c) for c in self.plan_cols if line.text(c)}
        if not values:
            return False
        plan = []
        for c, label in self.plan_cols.items():
            text = line.text(c)
            percent = maybe_number(text)
            if percent is not None and not text.endswith("%") and 0 < percent <= 1 and "." in text:
                percent = round(percent * 100, 6)
            plan.append(PlanPoint(label=label, percent=percent))
            if text:
                take(c)
        self.form.spending_plan = plan
        self.plan_cols = {}
        return True

    def goal_heading(self, line: Line, take: Take) -> bool:
        words = {key(t): c for c, t in line.filled}
        expected = words.get("预期目标", words.get("年度目标"))
        achieved = words.get("实际完成情况", words.get("年度总体目标完成情况"))
        if expected is not None or achieved is not None:
            self.goal_cols = {c: f for c, f in ((expected, "expected"), (achieved, "achieved")) if c is not None}
            self.overall = "总体目标" in words and self.form.kind == "dept_self_eval"
            for c, _t in line.filled:
                take(c)
            return True
        for n, (c, t) in enumerate(line.filled):
            if key(t) in ("绩效目标", "年度绩效目标", "年度总体目标", "总体目标") and n + 1 < len(line.filled):
                self.goal().expected = line.filled[n + 1][1]
                take(c)
                take(line.filled[n + 1][0])
                return True
        return False

    def goal_texts(self, line: Line, take: Take) -> bool:
        texts = {f: self._text_at_or_after(line, c) for c, f in self.goal_cols.items()}
        if not any(t for t, _c in texts.values()):
            return False
        if self.overall:
            self.form.extra["overall_goal"] = {f: t for f, (t, _c) in texts.items() if t}
        else:
            goal = self.goal()
            for f, (t, _c) in texts.items():
                if t:
                    setattr(goal, f, t)
        for _t, c in texts.values():
            if c is not None:
                take(c)
        self.goal_cols = {}
        return True

    def _text_at_or_after(self, line: Line, col: int) -> tuple[str, int | None]:
        """The text under a heading cell; a merged heading may sit one column left of its text."""
        ends = sorted(self.goal_cols)
        stop = next((c for c in ends if c > col), len(line.cells))
        for c in range(col, stop):
            if line.text(c):
                return line.text(c), c
        return "", None

    # -- goals and result ----------------------------------------------------------------------

    def goal(self) -> Goal:
        if not self.form.goals:
            self.form.goals.append(Goal(title="目标1"))
        return self.form.goals[-1]

    def new_goal(self, title: str) -> None:
        if self.form.goals and not self.form.goals[-1].indicators and self.form.goals[-1].title == "目标1" \
                and title == "目标1":
            return
        self.form.goals.append(Goal(title=title))
        self.indicators.restart_goal()

    def finish(self) -> Built:
        form = self.form
        self.indicators.finish(self.goal() if self.form.goals else None)
        form.goals = [g for g in form.goals if g.indicators or g.expected or g.achieved]
        stated = {**self.stated, **self.indicators.stated}
        if stated:
            form.stated = stated
        if self.indicators.has_cost_level1 and form.kind in ("project_self_eval", "dept_self_eval"):
            form.rules = "hunan-2023"
        if form.kind == "evaluation":
            form.rules = "xinjiang-eval-2022"
        if form.kind == "project_target" and not form.money_unit:
            form.money_unit = "元"
        form.money_unit = form.money_unit or "万元"
        built = Built(form, weak_year=self.weak_year)
        for index, line in enumerate(self.segment.lines):
            if line.table is None:
                continue
            for col, text in line.filled:
                if (index, col) not in self.used and not _BOILERPLATE.search(text):
                    built.unplaced.append(Unplaced(f"{line.where} 第{col + 1}列", text[:60]))
        built.notes.extend(self.indicators.notes)
        return built
