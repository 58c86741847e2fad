"""Chinese line breaking (避头尾) for table cells: reports/linebreak.py, measured in em."""
from __future__ import annotations

import pytest

from reports.linebreak import CANNOT_END, CANNOT_START, break_text, em_measure, tokens, widest_piece

EM = em_measure(10)  # 10 pt: a Chinese character is 10 wide, a digit 5


def test_closing_marks_stay_with_what_they_close_and_opening_marks_with_what_follows() -> None:
    assert tokens("完成，共“150户”。") == ["完", "成，", "共", "“150", "户”。"]
    assert tokens("（万元）")[0] == "（万"


@pytest.mark.parametrize("text, chars", [
    ("一是听取残疾人意见，反映残疾人需求，维护残疾人权益。", 6),
    ("困难残疾人家庭无障碍改造150户、盲人救助400人、资助学生176人。", 7),
    ("“项目支出”需要填报基本支出以外的所有项目支出情况，“公用经费”填报。", 5),
])
def test_no_line_starts_with_a_closing_mark_ends_with_an_opening_one_or_runs_past_the_edge(text: str,
                                                                                          chars: int) -> None:
    width = chars * 10
    lines = break_text(text, width, EM)
    assert "".join(lines) == text
    for line in lines:
        assert EM(line) <= width, line
        assert line[0] not in CANNOT_START and line[-1] not in CANNOT_END, lines


def test_numbers_are_never_broken_when_they_fit_a_line() -> None:
    lines = break_text("全年执行数1,540,000.00元", 60, EM)  # the number is 12 × 5 = 60 wide
    assert "1,540,000.00元" in lines or "1,540,000.00" in lines, lines
    assert all("1,540" not in line or "1,540,000.00" in line for line in lines)
    assert widest_piece("≥98.5%以上", EM) == EM("≥98.5%")


def test_a_single_character_is_not_left_alone_on_the_last_line() -> None:
    assert break_text("可持续影响指标", 60, EM) == ["可持续影响", "指标"]
    assert break_text("进一步扩大。", 50, EM) == ["进一步", "扩大。"]


def test_a_piece_wider_than_the_cell_is_cut_as_a_last_resort() -> None:
    lines = break_text("12345678901234567890", 50, EM)
    assert "".join(lines) == "12345678901234567890" and all(EM(line) <= 50 for line in lines)
