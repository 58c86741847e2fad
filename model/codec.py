"""The `jixiao.form/1` JSON codec: read a form file with exact error locations, write it back.

Reading validates every key it knows and keeps the ones it does not (in `extra`), so
dump(load(dump(x))) == dump(x) byte for byte. A bad file raises FormFileError whose message says,
in Chinese, which file, which key path (e.g. `goals[0].indicators[1].children[2].weight`), what is
wrong and how to fix it.
"""
from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

from model.errors import FormFileError, os_reason
from model.rates import is_rate_column, parse_percent
from model.signoff_record import signoff_from_dict, signoff_to_dict
from model.form import (
    KINDS,
    MONEY_UNITS,
    SCHEMA,
    Amount,
    ChecklistItem,
    DataRow,
    DataSection,
    Form,
    Funds,
    FundsRow,
    Goal,
    Group,
    Leaf,
    Node,
    Number,
    LEAF_FIELDS,
    PlanPoint,
    TIERS,
)
from model.form_limits import (
    MAX_FORM_BYTES,
    MAX_NESTING,
    MAX_NUMBER,
    MONEY_BOUND,
    POINTS_BOUND,
    DocumentProblem,
    check_document,
    check_leaf_count,
    check_number,
    loads_checked,
)
from model.rule_params import check_rule, check_rules

from model.tree import MAX_DEPTH
T = TypeVar("T")
_LEAF_KEYS = LEAF_FIELDS
# The plain-text fields among them (the others are numbers, objects and the tier, read apart).
_LEAF_TEXTS = tuple(k for k in LEAF_FIELDS if k not in ("weight", "score", "rule", "checklist", "survey", "tier"))
_GROUP_KEYS = ("name", "code", "weight", "children")


class _Reader:
    """Validates one decoded document, remembering the file name for messages."""

    def __init__(self, source: str, strict: bool = True) -> None:
        self.source = source
        self.strict = strict

    def fail(self, path: str, problem: str, fix: str) -> NoReturn:
        raise FormFileError(self.source, path, problem, fix)

    def obj(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(path, f"应是一个对象（{{…}}），现在是{_describe(value)}", "请按 jixiao.form/1 格式改正")
        return value

    def lst(self, value: Any, path: str) -> list[Any]:
        if not isinstance(value, list):
            self.fail(path, f"应是一个列表（[…]），现在是{_describe(value)}", "请按 jixiao.form/1 格式改正")
        return value

    def text(self, d: dict[str, Any], key: str, path: str) -> str | None:
        value = d.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.fail(_join(path, key), f"应是文字，现在是{_describe(value)}", "请用英文双引号把内容括起来")
        return value

    def number(self, d: dict[str, Any], key: str, path: str, label: str,
               bound: float = POINTS_BOUND) -> Number | None:
        value = d.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not _finite(value):
            self.fail(_join(path, key), f"{label}必须是数字，现在是{_describe(value)}",
                      "请填写数字（不带单位和引号），或删去此项")
        if abs(value) > bound:
            self.fail(_join(path, key), f"{label}过大（{str(value)[:24]}，绝对值上限 {bound:,.0f}）",
                      "请检查是否多写了位数、或把元写成了万元")
        return value

    def extra(self, d: dict[str, Any], known: tuple[str, ...]) -> dict[str, Any]:
        return {k: copy.deepcopy(v) for k, v in d.items() if k not in known}

    # -- the parts of a form -------------------------------------------------------------------

    def form(self, doc: Any) -> Form:
        d = self.obj(doc, "（文件顶层）")
        schema = d.get("schema")
        if schema is None:
            self.fail("schema", "缺少格式名称", f"第一项应为 \"schema\": \"{SCHEMA}\"")
        if schema != SCHEMA:
            if isinstance(schema, str) and schema.startswith("jixiao.form/"):
                self.fail("schema", f"格式版本“{schema}”本程序不支持（支持 {SCHEMA}）",
                          "请用较新版本的程序打开，或请对方导出 jixiao.form/1 格式")
            self.fail("schema", f"“{schema}”不是本程序的表格文件格式", f"应为 \"{SCHEMA}\"")
        kind = d.get("kind")
        if kind is None:
            self.fail("kind", "缺少表格种类", "请填写 " + "、".join(KINDS))
        if not isinstance(kind, str) or kind not in KINDS:
            self.fail("kind", f"表格种类{_describe(kind)}不认识", "应为以下之一：" + "、".join(KINDS))
        year = d.get("year")
        if year is None:
            self.fail("year", "缺少年度", "请填写四位数年度，如 2024")
        if isinstance(year, bool) or not isinstance(year, int) or not 1990 <= year <= 2200:
            self.fail("year", f"年度应是四位整数，现在是{_describe(year)}", "请填写如 2024 的年度")
        if "goals" not in d:
            self.fail("goals", "缺少目标列表", "请加上 \"goals\": []（可以为空）")
        money_unit = self.text(d, "money_unit", "")
        if money_unit is not None and money_unit not in MONEY_UNITS:
            self.fail("money_unit", f"金额单位“{money_unit}”不支持", "应为“万元”或“元”")
        form = Form(
            kind=kind,
            year=year,
            id=self.text(d, "id", ""),
            title=self.text(d, "title", ""),
            money_unit=money_unit,
            header=self.header(d.get("header"), "header"),
            funds=None if d.get("funds") is None else self.funds(d["funds"], "funds"),
            spending_plan=self.plan(d.get("spending_plan"), "spending_plan"),
            goals=[self.goal(g, f"goals[{i}]") for i, g in enumerate(self.lst(d["goals"], "goals"))],
            stated=None if d.get("stated") is None else copy.deepcopy(self.obj(d["stated"], "stated")),
            rules=self.rules(d.get("rules")),
            basic_data=self.basic_data(d.get("basic_data"), "basic_data"),
            signoff=None if d.get("signoff") is None else signoff_from_dict(d["signoff"], "signoff", self.fail),
            extra=self.extra(d, _FORM_KEYS),
        )
        return form

    def header(self, value: Any, path: str) -> dict[str, str]:
        if value is None:
            return {}
        d = self.obj(value, path)
        for key, v in d.items():
            if not isinstance(v, str):
                self.fail(_join(path, key), f"表头项应是文字，现在是{_describe(v)}", "请用双引号括起来")
        return dict(d)

    def rules(self, value: Any) -> str | dict[str, Any] | None:
        if self.strict:
            check_rules(value)
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, dict):
            return copy.deepcopy(value)
        self.fail("rules", f"评分规则应是规则名称或规则对象，现在是{_describe(value)}", "例如 \"central-2020\"")

    def funds(self, value: Any, path: str) -> Funds:
        d = self.obj(value, path)
        rows = [self.funds_row(r, f"{path}.rows[{i}]")
                for i, r in enumerate(self.lst(d.get("rows", []), f"{path}.rows"))]
        return Funds(
            weight=self.number(d, "weight", path, "执行率分值"),
            rows=rows,
            score=self.number(d, "score", path, "执行率得分"),
            by_income=self.amounts(d.get("by_income"), f"{path}.by_income"),
            by_spending=self.amounts(d.get("by_spending"), f"{path}.by_spending"),
            extra=self.extra(d, ("weight", "rows", "score", "by_income", "by_spending")),
        )

    def funds_row(self, value: Any, path: str) -> FundsRow:
        d = self.obj(value, path)
        return FundsRow(
            name=self.text(d, "name", path) or "",
            initial=self.number(d, "initial", path, "年初预算数", MONEY_BOUND),
            annual=self.number(d, "annual", path, "全年预算数", MONEY_BOUND),
            executed=self.number(d, "executed", path, "全年执行数", MONEY_BOUND),
            note=self.text(d, "note", path),
            extra=self.extra(d, ("name", "initial", "annual", "executed", "note")),
        )

    def items(self, value: Any, path: str, build: Callable[[dict[str, Any], str], T]) -> list[T] | None:
        """An optional list of objects, each built by `build(obj, its_path)`."""
        if value is None:
            return None
        return [build(self.obj(item, f"{path}[{i}]"), f"{path}[{i}]")
                for i, item in enumerate(self.lst(value, path))]

    def amounts(self, value: Any, path: str) -> list[Amount] | None:
        return self.items(value, path, lambda d, p: Amount(
            name=self.text(d, "name", p) or "", amount=self.number(d, "amount", p, "金额", MONEY_BOUND),
            extra=self.extra(d, ("name", "amount"))))

    def plan(self, value: Any, path: str) -> list[PlanPoint] | None:
        return self.items(value, path, lambda d, p: PlanPoint(
            label=self.text(d, "label", p) or "", percent=self.number(d, "percent", p, "累计支出百分比"),
            extra=self.extra(d, ("label", "percent"))))

    def goal(self, value: Any, path: str) -> Goal:
        d = self.obj(value, path)
        nodes = self.lst(d.get("indicators", []), f"{path}.indicators")
        return Goal(
            title=self.text(d, "title", path) or "",
            expected=self.text(d, "expected", path),
            achieved=self.text(d, "achieved", path),
            indicators=[self.node(n, f"{path}.indicators[{i}]", 1) for i, n in enumerate(nodes)],
            extra=self.extra(d, ("title", "expected", "achieved", "indicators")),
        )

    def node(self, value: Any, path: str, depth: int) -> Node:
        d = self.obj(value, path)
        if "children" in d:
            if depth >= MAX_DEPTH:
                self.fail(path, "指标最多分三级，这里出现了第四级", "请把下级指标并入三级指标，或删去多余的层级")
            children = self.lst(d["children"], f"{path}.children")
            return Group(
                name=self.text(d, "name", path) or "",
                code=self.text(d, "code", path),
                weight=self.number(d, "weight", path, "分值"),
                children=[self.node(c, f"{path}.children[{i}]", depth + 1)
                          for i, c in enumerate(children)],
                extra=self.extra(d, _GROUP_KEYS),
            )
        return self.leaf(d, path)

    def leaf(self, d: dict[str, Any], path: str) -> Leaf:
        texts = {k: self.text(d, k, path) for k in _LEAF_TEXTS}
        rule = d.get("rule")
        if rule is not None:
            rule = copy.deepcopy(self.obj(rule, _join(path, "rule")))
            if self.strict:
                check_rule(rule, _join(path, "rule"))
            elif not isinstance(rule.get("type"), str):
                self.fail(_join(path, "rule.type"), "规则对象缺少类型", "例如 {\"type\": \"ratio\"}")
        tier = self.text(d, "tier", path)
        if tier is not None and tier not in TIERS:
            self.fail(_join(path, "tier"), f"档次“{tier}”不认识", "应为“达成”“部分达成”或“未达成”")
        texts["name"] = texts["name"] or ""
        return Leaf(
            **texts,  # type: ignore[arg-type]
            weight=self.number(d, "weight", path, "分值"),
            score=self.number(d, "score", path, "得分"),
            rule=rule,
            checklist=self.checklist(d.get("checklist"), _join(path, "checklist")),
            survey=self.survey(d.get("survey"), _join(path, "survey")),
            tier=tier,
            extra=self.extra(d, _LEAF_KEYS),
        )

    def checklist(self, value: Any, path: str) -> list[ChecklistItem] | None:
        return self.items(value, path, self.checklist_item)

    def checklist_item(self, d: dict[str, Any], p: str) -> ChecklistItem:
        for flag in ("gate", "met"):
            if d.get(flag) is not None and not isinstance(d[flag], bool):
                self.fail(_join(p, flag), f"应为 true 或 false，现在是{_describe(d[flag])}", "请填写 true 或 false")
        return ChecklistItem(text=self.text(d, "text", p) or "", share=self.number(d, "share", p, "占分值比例"),
                             gate=bool(d.get("gate", False)), met=d.get("met"),
                             extra=self.extra(d, ("text", "share", "gate", "met")))

    def survey(self, value: Any, path: str) -> dict[str, Number] | None:
        if value is None:
            return None
        d = self.obj(value, path)
        for key in d:
            count = self.number(d, key, path, "问卷人数")
            if count is not None and count < 0:
                self.fail(_join(path, key), "问卷人数不能为负数", "请填写 0 或正整数")
        return dict(d)

    def basic_data(self, value: Any, path: str) -> list[DataSection] | None:
        if value is None:
            return None
        out = []
        for i, item in enumerate(self.lst(value, path)):
            p = f"{path}[{i}]"
            d = self.obj(item, p)
            columns = d.get("columns")
            if columns is not None and not all(isinstance(c, str) for c in self.lst(columns, f"{p}.columns")):
                self.fail(f"{p}.columns", "列名应都是文字", "请用双引号括起每个列名")
            rows = None
            if d.get("rows") is not None:
                rates = {j for j, c in enumerate(columns or []) if is_rate_column(c)}
                rows = [self.data_row(r, f"{p}.rows[{j}]", rates)
                        for j, r in enumerate(self.lst(d["rows"], f"{p}.rows"))]
            out.append(DataSection(section=self.text(d, "section", p) or "",
                                   columns=None if columns is None else list(columns),
                                   rows=rows, text=self.text(d, "text", p),
                                   extra=self.extra(d, ("section", "columns", "rows", "text"))))
        return out

    def data_row(self, value: Any, path: str, rates: set[int] | frozenset[int] = frozenset()) -> DataRow:
        d = self.obj(value, path)
        values = list(self.lst(d.get("values", []), f"{path}.values"))
        for j, v in enumerate(values):
            if j in rates and isinstance(v, str):
                # Rates as the paper writes them: "100%", "98.5%" (stored as fractions).
                try:
                    values[j] = parse_percent(v)
                except ValueError as exc:
                    self.fail(f"{path}.values[{j}]", f"比率{exc}", "例如 \"100%\"，或填写小数 1.0")
                continue
            self.number({"v": v}, "v", f"{path}.values[{j}]", "数值", MAX_NUMBER)
        return DataRow(name=self.text(d, "name", path) or "", values=values,
                       extra=self.extra(d, ("name", "values")))


_FORM_KEYS = ("schema", "id", "kind", "year", "title", "money_unit", "header", "funds",
              "spending_plan", "goals", "stated", "rules", "basic_data", "signoff")


def _finite(value: int | float) -> bool:
    """Whether a number is finite as a float (an int beyond 1.8e308 is not: it cannot be scored)."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _describe(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return "真假值"
    if isinstance(value, str):
        shown = value if len(value) <= 20 else value[:20] + "…"
        return f"文字“{shown}”"
    if isinstance(value, (int, float)):
        shown = str(value)
        return f"数字 {shown if len(shown) <= 20 else shown[:20] + '…'}"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "对象"
    return type(value).__name__


# -- public API ------------------------------------------------------------------------------------

def form_from_dict(doc: Any, source: str = "（数据）", strict: bool = True) -> Form:
    """Build a Form from decoded JSON.

    Args:
        doc: the decoded JSON document.
        source: the file name used in error messages.
        strict: check rule objects' parameters (model/rule_params.py) and the size limits
            (model/form_limits.py). Files and packages always are; the store reads its own forms
            without, so one saved by an older version with a bad rule or beyond a limit still
            opens (scoring then says what is wrong, ui/services/evaluation.py) and nothing is lost.

    Returns:
        The form. Raises FormFileError when the document is not a valid form.
    """
    try:
        check_document(doc, strict)
        if strict:
            check_leaf_count(doc)
        return _Reader(source, strict).form(doc)
    except DocumentProblem as exc:
        raise FormFileError(source, exc.path, exc.problem, exc.fix) from None


class DuplicateKey(ValueError):
    """A key written twice in one JSON object (`key` names it)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose keys are all different; json.loads would silently keep the last of two."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKey(key)
        out[key] = value
    return out


def loads_form(text: str, source: str = "（数据）", strict: bool = True) -> Form:
    """Parse form JSON text; see form_from_dict. A key written twice in one object is refused."""
    if not text.strip():
        raise FormFileError(source, "", "文件是空的（没有任何内容）",
                            "请确认选择的是本程序导出的 .json 表格文件，或重新导出一次")
    if strict and len(text) > MAX_FORM_BYTES // 4 and len(text.encode("utf-8", "surrogatepass")) > MAX_FORM_BYTES:
        raise FormFileError(source, "", f"文件过大（超过 {MAX_FORM_BYTES // (1024 * 1024)} MB，正常的表格不到 200 KB）",
                            "请确认选择的文件是否正确，或把表格拆成几张")
    try:
        doc = loads_checked(text, unique_keys)
    except DocumentProblem as exc:
        raise FormFileError(source, exc.path, exc.problem, exc.fix) from None
    except RecursionError:
        raise FormFileError(source, "", "文件嵌套层数过多，无法读取", "请检查文件是否损坏") from None
    except DuplicateKey as exc:
        raise FormFileError(source, "", f"同一处写了两个“{exc.key}”，无法确定以哪一个为准",
                            f"请删去其中一个“{exc.key}”后再导入") from None
    except ValueError as exc:
        where = ""
        if isinstance(exc, json.JSONDecodeError):
            where = f"（第 {exc.lineno} 行第 {exc.colno} 列）"
        raise FormFileError(source, "", f"不是有效的 JSON 文件{where}",
                            "请确认选择的是本程序导出的 .json 表格文件") from None
    return form_from_dict(doc, source, strict)


def load_form(path: str | Path) -> Form:
    """Read a form file from disk.

    Args:
        path: the .json file.

    Returns:
        The form. Raises FormFileError (also for unreadable or non-UTF-8 files).
    """
    p = Path(path)
    source = str(p.absolute())
    try:
        with p.open("rb") as f:
            raw = f.read(MAX_FORM_BYTES + 1)
    except OSError as exc:
        raise FormFileError(source, "", f"无法读取（{os_reason(exc)}）",
                            "请检查文件名和所在文件夹，并确认文件没有被其他程序占用") from None
    if len(raw) > MAX_FORM_BYTES:
        raise FormFileError(source, "", f"文件过大（超过 {MAX_FORM_BYTES // (1024 * 1024)} MB，正常的表格不到 200 KB）",
                            "请确认选择的文件是否正确，或把表格拆成几张")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FormFileError(source, "", "文件不是 UTF-8 编码的文字", "请确认选择的是本程序导出的 .json 文件") from None
    return loads_form(text, source)


def form_to_dict(form: Form) -> dict[str, Any]:
    """The JSON document of a form, keys in the canonical order, unknown keys last."""
    d: dict[str, Any] = {"schema": SCHEMA}
    _put(d, "id", form.id)
    d["kind"] = form.kind
    d["year"] = form.year
    _put(d, "title", form.title)
    _put(d, "money_unit", form.money_unit)
    if form.header:
        d["header"] = dict(form.header)
    if form.funds is not None:
        d["funds"] = _funds(form.funds)
    if form.spending_plan is not None:
        d["spending_plan"] = [_with_extra({"label": p.label, "percent": p.percent}, p.extra)
                              for p in form.spending_plan]
    d["goals"] = [_goal(g) for g in form.goals]
    _put(d, "stated", copy.deepcopy(form.stated))
    _put(d, "rules", copy.deepcopy(form.rules))
    if form.basic_data is not None:
        d["basic_data"] = [_section(s) for s in form.basic_data]
    if form.signoff is not None:
        d["signoff"] = signoff_to_dict(form.signoff)
    return _with_extra(d, form.extra)


def dumps_form(form: Form) -> str:
    """Serialise a form as `jixiao.form/1` JSON text (UTF-8, two-space indent, final newline)."""
    return json.dumps(form_to_dict(form), ensure_ascii=False, indent=2) + "\n"


def _put(d: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        d[key] = value


def _with_extra(d: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    for k, v in extra.items():
        if k not in d:
            d[k] = copy.deepcopy(v)
    return d


def _funds(f: Funds) -> dict[str, Any]:
    d: dict[str, Any] = {}
    _put(d, "weight", f.weight)
    d["rows"] = []
    for r in f.rows:
        row: dict[str, Any] = {"name": r.name}
        for key in ("initial", "annual", "executed", "note"):
            _put(row, key, getattr(r, key))
        d["rows"].append(_with_extra(row, r.extra))
    _put(d, "score", f.score)
    for key in ("by_income", "by_spending"):
        items = getattr(f, key)
        if items is not None:
            d[key] = [_with_extra({"name": a.name, "amount": a.amount}, a.extra) for a in items]
    return _with_extra(d, f.extra)


def _goal(g: Goal) -> dict[str, Any]:
    d: dict[str, Any] = {"title": g.title}
    _put(d, "expected", g.expected)
    _put(d, "achieved", g.achieved)
    d["indicators"] = [_node(n) for n in g.indicators]
    return _with_extra(d, g.extra)


def _node(n: Node) -> dict[str, Any]:
    if isinstance(n, Group):
        d: dict[str, Any] = {"name": n.name}
        _put(d, "code", n.code)
        _put(d, "weight", n.weight)
        d["children"] = [_node(c) for c in n.children]
        return _with_extra(d, n.extra)
    d = {"name": n.name}
    for key in _LEAF_KEYS[1:]:
        value = getattr(n, key)
        if key == "checklist" and value is not None:
            value = [_with_extra({"text": c.text, "share": c.share, "gate": c.gate, "met": c.met}, c.extra)
                     for c in value]
        _put(d, key, copy.deepcopy(value))
    return _with_extra(d, n.extra)


def node_to_dict(node: Node) -> dict[str, Any]:
    """One indicator (with its subtree) as its `jixiao.form/1` object (ids are not written)."""
    return _node(node)


def node_from_dict(doc: Any, source: str = "（剪贴板）", depth: int = 1) -> Node:
    """Read one indicator object written by node_to_dict; every node gets a fresh id.

    `depth` is the level the node would have (1 = 一级); a deeper subtree raises FormFileError.
    """
    return _Reader(source).node(doc, "$", depth)


def _section(s: DataSection) -> dict[str, Any]:
    d: dict[str, Any] = {"section": s.section}
    _put(d, "columns", None if s.columns is None else list(s.columns))
    if s.rows is not None:
        d["rows"] = [_with_extra({"name": r.name, "values": list(r.values)}, r.extra) for r in s.rows]
    _put(d, "text", s.text)
    return _with_extra(d, s.extra)


def dump_form_file(form: Form, path: str | Path) -> None:
    """Write a form file atomically: a temporary file beside it, then a rename.

    Args:
        form: the form to write.
        path: the destination .json file; an existing file is replaced only when writing succeeded.
    """
    from model.atomic import write_atomic

    write_atomic(Path(path), dumps_form(form).encode("utf-8"))
