"""Export file names (ui/services/naming.py): the unit always, a short id when forms would still meet."""
from __future__ import annotations

from pathlib import Path

from model.form import Form
from model.package_format import RENDERING_NAME_RE
from model.store import Store
from tests.conftest import make_sample_form
from ui.services.export import export_forms
from ui.services.naming import export_stem, export_stems


def _form(unit: str, form_id: str, project: str = "残疾人康复训练补助项目") -> Form:
    form = make_sample_form()
    form.id = form_id
    form.header.update(project_name=project, department=unit, implementing_unit=unit)
    return form


def test_stem_names_year_unit_project_and_kind() -> None:
    assert export_stem(_form("甲县残联", "aaaaaaaa-1")) == "2024-甲县残联-残疾人康复训练补助项目-项目支出绩效自评表"
    assert export_stem(_form("甲县残联", "aaaaaaaa-1"), with_id=True).endswith("-aaaaaaaa")


def test_stem_keeps_only_safe_characters() -> None:
    stem = export_stem(_form("甲县残联", "x", 'a/b:c*"d" e'))
    assert stem == "2024-甲县残联-a_b_c_d_e-项目支出绩效自评表"
    assert RENDERING_NAME_RE.fullmatch(f"renderings/{export_stem(_form('甲县<残联>', 'x'), True)}.pdf")


def test_two_units_same_year_project_and_kind_get_different_names() -> None:
    forms = [_form("甲县残联", "aaaaaaaa-1"), _form("乙县残联", "bbbbbbbb-2")]
    stems = export_stems(forms)
    assert len(set(stems)) == 2 and "甲县残联" in stems[0] and "乙县残联" in stems[1]
    assert not any("aaaaaaaa" in s or "bbbbbbbb" in s for s in stems)  # no id where the unit suffices


def test_same_unit_twice_gets_short_ids_and_copies_without_id_are_numbered() -> None:
    stems = export_stems([_form("甲县残联", "aaaaaaaa-1"), _form("甲县残联", "bbbbbbbb-2"), _form("乙县", "c")])
    assert stems[0].endswith("-aaaaaaaa") and stems[1].endswith("-bbbbbbbb") and "-c" not in stems[2]
    no_ids = export_stems([_form("甲县残联", ""), _form("甲县残联", "")])
    assert len(set(no_ids)) == 2


def test_exporting_two_alike_forms_writes_two_files(memory_store: Store, tmp_path: Path) -> None:
    ids = [memory_store.add(make_sample_form()) for _ in range(2)]  # same year, unit, project and kind
    files = export_forms(memory_store, lambda f: None, ids, ["json"], tmp_path)  # type: ignore[arg-type,return-value]
    assert len(files) == 2 and len(set(files)) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f.name for f in files)
