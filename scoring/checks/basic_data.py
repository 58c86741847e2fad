"""部门整体支出绩效评价基础数据表 (docs/rules.md §1.4): the sums and ratios among its standard rows.

三公 = 车 + 出国 + 接待; 车 = 购置 + 运维; 项目支出 = Σ items; 县级专项 = Σ 专项 rows; 公用经费 ≥ Σ 其中;
控制率 = 在职 ÷ 编制; 规模控制率 = 实际 ÷ 批复; 投资概算控制率 = 实际投资 ÷ 预算投资, undefined ("—")
when the denominator is 0. Rows are found by their printed names; unknown rows are left alone.
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from model.form import DataRow, DataSection
from model.rates import rate_fraction
from scoring.checks._common import dec, fmt, norm_name, pct
from scoring.context import Context
from scoring.result import Finding

_RATE_TOLERANCE = Decimal("0.0001")  # rates are printed to 2 decimals of a percent


def _find(rows: list[DataRow], *words: str) -> int | None:
    for i, row in enumerate(rows):
        name = norm_name(row.name)
        if all(w in name for w in words):
            return i
    return None


def _value(row: DataRow, col: int) -> Decimal | None:
    values = row.values if isinstance(row.values, list) else []
    return dec(values[col]) if col < len(values) else None


def _columns(section: DataSection) -> list[str]:
    cols = section.columns if isinstance(section.columns, list) else []
    width = max((len(r.values) for r in section.rows or [] if isinstance(r.values, list)), default=0)
    return [cols[i] if i < len(cols) else f"第{i + 1}列" for i in range(max(len(cols), width))]


def _sum_check(ctx: Context, section: DataSection, total: DataRow, parts: list[DataRow],
               relation: str) -> Iterator[Finding]:
    """total = Σ parts per column (blank parts count as 0); skipped when all parts are blank; a blank
    total with filled parts is TOTAL_BLANK (once per row)."""
    blank: list[str] = []
    for col, title in enumerate(_columns(section)):
        whole = _value(total, col)
        values = [_value(p, col) for p in parts]
        if all(v is None for v in values):
            continue
        if whole is None:
            blank.append(title)
            continue
        summed = sum((v for v in values if v is not None), Decimal(0))
        if summed != whole:
            terms = " + ".join(fmt(v) if v is not None else "0" for v in values)
            yield ctx.finding(
                "error", "FUNDS_SUM_MISMATCH", ("basic_data", section.section, total.name),
                f"基础数据表“{total.name}”的{title} {fmt(whole)}，不等于{relation} {terms} = {fmt(summed)}。"
                f"请核对合计数和各分项。", title)
    if blank:
        yield ctx.finding(
            "warning", "TOTAL_BLANK", ("basic_data", section.section, total.name),
            f"基础数据表“{total.name}”的{'、'.join(blank)}空白，但下面的分项填了数。请填写合计（{relation}）。",
            blank[0])


def _subset_check(ctx: Context, section: DataSection, total: DataRow,
                  parts: list[DataRow]) -> Iterator[Finding]:
    """Σ 其中 rows must not exceed their total; when every 其中 row is filled they should equal it.

    Over the total is an error (SUBSET_EXCEEDS_TOTAL); under it, with no 其中 row left blank, a
    warning (BASIC_SUM_MISMATCH): the rows may not list everything, but usually a figure is wrong.
    """
    for col, title in enumerate(_columns(section)):
        whole = _value(total, col)
        raw = [_value(p, col) for p in parts]
        values = [v for v in raw if v is not None]
        if whole is None or not values:
            continue
        summed = sum(values, Decimal(0))
        path = ("basic_data", section.section, total.name)
        terms = " + ".join(fmt(v) for v in values)
        if summed > whole:
            yield ctx.finding(
                "error", "SUBSET_EXCEEDS_TOTAL", path,
                f"基础数据表“{total.name}”的{title} {fmt(whole)}，小于其中各项之和 {fmt(summed)}。"
                f"“其中”各项不能超过总数，请核对。", title)
        elif summed != whole and len(values) == len(raw):
            names = "、".join(f"“{p.name.removeprefix('其中：')}”" for p in parts)
            yield ctx.finding(
                "warning", "BASIC_SUM_MISMATCH", path,
                f"基础数据表“{total.name}”的{title} {fmt(whole)}，但其中{names}之和为 {terms} = "
                f"{fmt(summed)}，相差 {fmt(whole - summed)}。请核对{total.name}和各项金额。", title)


def project_rows(rows: list[DataRow]) -> tuple[DataRow, list[DataRow]] | None:
    """The “项目支出” row and its numbered items (up to and with 县级专项资金), or None."""
    names = [norm_name(r.name) for r in rows]
    project = next((i for i, n in enumerate(names) if n == "项目支出"), None)
    if project is None:
        return None
    special, common = _find(rows, "县级专项"), _find(rows, "公用经费")
    end = special + 1 if special is not None else (common if common is not None else len(rows))
    items = [r for r, n in zip(rows[project + 1:end], names[project + 1:end]) if n[:1].isdigit()
             or "经费" in n or "专项" in n]
    return rows[project], items


def value_at(row: DataRow, col: int) -> Decimal | None:
    """A 基础数据表 cell as a number (None when blank or beyond the row)."""
    return _value(row, col)


def _spending(ctx: Context, section: DataSection) -> Iterator[Finding]:
    rows = list(section.rows or [])
    sangong, car = _find(rows, "三公"), _find(rows, "公务用车")
    trips, hosting = _find(rows, "出国"), _find(rows, "公务接待")
    if sangong is not None and None not in (car, trips, hosting):
        parts = [rows[i] for i in (car, trips, hosting) if i is not None]
        yield from _sum_check(ctx, section, rows[sangong], parts, "公务用车 + 出国 + 公务接待")
    buy, run = _find(rows, "公车购置"), _find(rows, "公车运行")
    if car is not None and buy is not None and run is not None:
        yield from _sum_check(ctx, section, rows[car], [rows[buy], rows[run]], "公车购置 + 公车运行维护")
    special = _find(rows, "县级专项")
    common = _find(rows, "公用经费")
    found = project_rows(rows)
    if found is not None:
        yield from _sum_check(ctx, section, found[0], found[1], "各项目之和")
    if special is not None:
        end = common if common is not None and common > special else len(rows)
        yield from _sum_check(ctx, section, rows[special], rows[special + 1:end], "各专项之和")
    if common is not None:
        parts = []
        for row in rows[common + 1:]:
            name = norm_name(row.name)
            if "政府采购" in name or "预算调整" in name:
                break
            parts.append(row)
        yield from _subset_check(ctx, section, rows[common], parts)


def _ratio(ctx: Context, section: DataSection, row: DataRow, num: int, den: int, rate: int,
           num_label: str, den_label: str) -> Iterator[Finding]:
    cols = _columns(section)
    title = cols[rate] if rate < len(cols) else "控制率"
    n, d, r = _value(row, num), _value(row, den), _value(row, rate)
    path = ("basic_data", section.section, row.name)
    if d is None or n is None:
        return
    if d == 0:
        if r is not None:
            yield ctx.finding(
                "warning", "ZERO_DENOMINATOR", path,
                f"基础数据表“{row.name}”的{den_label}为 0，{title}无法计算，不应填 {fmt(r)}。请填“—”。",
                title)
        return
    if r is None:
        return
    computed = n / d
    written = dec(rate_fraction(float(r)))  # 100 (percent points) or 1.0 (fraction) both mean 100%
    if written is None:
        return
    if abs(computed - written) > _RATE_TOLERANCE:
        yield ctx.finding(
            "error", "RATE_MISMATCH", path,
            f"基础数据表“{row.name}”的{title}应为 {num_label} {fmt(n)} ÷ {den_label} {fmt(d)} = "
            f"{pct(computed)}，表上填的是 {pct(written)}。请改正。", title)


def _ratios(ctx: Context, section: DataSection) -> Iterator[Finding]:
    title = norm_name(section.section)
    for row in section.rows or []:
        if "人员" in title:
            yield from _ratio(ctx, section, row, 1, 0, 2, "实际在职人数", "编制数")
        elif "楼堂馆所" in title:
            yield from _ratio(ctx, section, row, 1, 0, 2, "实际规模", "批复规模")
            yield from _ratio(ctx, section, row, 4, 3, 5, "实际投资", "预算投资")


def check(ctx: Context) -> Iterator[Finding]:
    """Sums and ratios of the 基础数据表."""
    for section in ctx.form.basic_data or []:
        if not isinstance(section, DataSection) or not section.rows:
            continue
        if "经费" in norm_name(section.section):
            yield from _spending(ctx, section)
        else:
            yield from _ratios(ctx, section)
