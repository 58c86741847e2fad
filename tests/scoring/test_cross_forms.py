"""cross_check: the same indicator in the forms of one unit and year (docs/rules.md §2.12, CROSS_FORM_MISMATCH)."""
from __future__ import annotations

from model.form import Form, Goal, Group, Leaf
from scoring.cross_forms import cross_check, indicator_key
from tests.scoring.checks_context import seed


def _form(form_id: str, *leaves: Leaf, kind: str = "dept_self_eval", unit: str = "示例县残疾人联合会",
          year: int = 2024, project: str | None = None) -> Form:
    header = {"unit_name": unit} if kind.startswith("dept") else {"implementing_unit": unit}
    if project:
        header["project_name"] = project
    return Form(kind=kind, year=year, id=form_id, header=header,
                goals=[Goal(title="目标1", indicators=[Group(name="产出指标", children=[
                    Group(name="数量指标", children=list(leaves))])])])


def _leaf(name: str, target: str | None, actual: str | None = None) -> Leaf:
    return Leaf(name=name, target=target, actual=actual, weight=5)


def _pairs(*forms: Form) -> list[tuple[str, str | None, str]]:
    return sorted((fid, f.field, f.path[-1]) for fid, f in cross_check(forms))


def test_seed003_accessibility_households_differ_between_department_and_project_table() -> None:
    dept, project = seed("seed003_dept"), seed("seed003_project")
    dept.id, project.id = "dept", "project"
    found = [(fid, f) for fid, f in cross_check([dept, project, seed("seed003_basic")])
             if f.code == "CROSS_FORM_MISMATCH" and "无障碍" in f.path[-1]]
    # docs/rules.md §2.12's example: 困难残疾人家庭无障碍改造 150户 in 附件2, 15户 in 附件3, target and actual
    assert sorted((fid, f.field) for fid, f in found) == [
        ("dept", "actual"), ("dept", "target"), ("project", "actual"), ("project", "target")]
    for fid, finding in found:
        assert finding.code == "CROSS_FORM_MISMATCH" and finding.severity == "warning"
        form = dept if fid == "dept" else project
        leaf = next(lf for g in form.goals for grp in g.indicators for sub in grp.children
                    for lf in sub.children if lf.id == finding.node_id)
        assert "无障碍改造" in leaf.name and finding.path[-1] == leaf.name
        other = "项目支出绩效自评表" if fid == "dept" else "部门整体支出绩效自评表"
        assert other in finding.message and ("“15户”" in finding.message and "“150户”" in finding.message)


def test_each_side_names_the_other_form_and_selects_its_own_leaf() -> None:
    mine, theirs = _leaf("培训人数（人）", "≥100人", "90人"), _leaf("2、培训人数", "≥120人", "90人")
    found = cross_check([_form("a", mine), _form("b", theirs, kind="project_self_eval", project="培训项目")])
    assert [(fid, f.field, f.node_id) for fid, f in found] == [("a", "target", mine.id), ("b", "target", theirs.id)]
    assert "《项目支出绩效自评表》（培训项目）" in found[0][1].message
    assert "《部门整体支出绩效自评表》" in found[1][1].message and "“≥100人”" in found[1][1].message


def test_same_figures_in_other_spellings_agree() -> None:
    pairs = [("≥150户", "150户"), ("1.5万元", "15000元"), ("80%", "0.8"), ("2024年10月底", "2024年10月31日"),
             ("明显改善", "明显改善。")]
    for one, two in pairs:
        assert _pairs(_form("a", _leaf("指标甲", one)), _form("b", _leaf("指标甲", two))) == [], (one, two)


def test_not_compared_other_unit_year_project_unit_of_measure_generic_or_bound() -> None:
    a = _form("a", _leaf("培训人数", "100人"))
    assert _pairs(a, _form("b", _leaf("培训人数", "90人"), unit="另一县残联")) == []
    assert _pairs(a, _form("b", _leaf("培训人数", "90人"), year=2023)) == []
    assert _pairs(a, _form("b", _leaf("培训人数", "90户"))) == []          # 人 and 户: not the same figure
    assert _pairs(_form("a", _leaf("服务对象满意度", "≥90%")), _form("b", _leaf("服务对象满意度", "≥95%"))) == []
    assert _pairs(_form("a", _leaf("培训人数", "100人", "≥90人")), _form("b", _leaf("培训人数", "100人", "95人"))) == []
    # two projects of one unit each have their own 培训人数
    p1 = _form("p1", _leaf("培训人数", "100人"), kind="project_self_eval", project="项目一")
    p2 = _form("p2", _leaf("培训人数", "90人"), kind="project_self_eval", project="项目二")
    assert _pairs(p1, p2) == []
    # blanks are other checks' business
    assert _pairs(a, _form("b", _leaf("培训人数", None))) == []


def test_unit_names_short_and_long_and_project_declaration_against_its_self_evaluation() -> None:
    declared = _form("t", _leaf("培训人数", "≥100人"), kind="project_target", unit="示例县残联", project="培训项目")
    evaluated = _form("e", _leaf("培训人数", "≥80人", "85人"), kind="project_self_eval", project="培训 项目")
    assert _pairs(declared, evaluated) == [("e", "target", "培训人数"), ("t", "target", "培训人数")]


def test_forms_without_id_are_named_by_position() -> None:
    one, two = _form("", _leaf("培训人数", "100人")), _form("", _leaf("培训人数", "90人"))
    one.id = two.id = None
    assert sorted(fid for fid, _f in cross_check([one, two])) == ["#0", "#1"]


def test_indicator_key_drops_numbering_units_and_weights() -> None:
    assert indicator_key("3、无障碍改造户数（户）") == indicator_key("无障碍改造户数") == "无障碍改造户数"
    assert indicator_key("① 培训人数(10分)") == "培训人数"
