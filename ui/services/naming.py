"""The names of exported files: one rule for the export dialog, `export-json` and a package's renderings.

    export_stem(form, with_id=False) -> str   年度-单位-项目名称-表名 (and -编号前8位 when with_id)
    export_stems(forms) -> list[str]          one stem per form, in order, never two alike: a stem
                                              that two forms would share gets each form's short id

The unit is always in the name, so two units' forms of the same project and kind never meet; the
short id tells apart what is still alike (the same unit's two copies of a form). Stems use only
letters, digits, _ - and brackets, so they are valid on Windows and inside an exchange package
(model/package_format.RENDERING_NAME_RE), and stay short enough for old Windows paths.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from model.form import Form
from model.package_write import safe_name


def export_stem(form: Form, with_id: bool = False) -> str:
    """年度-单位-项目名称-表名 of one form, without extension; `with_id` adds -编号前8位."""
    parts = [str(form.year), safe_name(form.unit or "未填单位", 30)]
    project = form.header.get("project_name")
    if project:
        parts.append(safe_name(project, 40))
    parts.append(safe_name(form.display_title, 30))
    if with_id and form.id:
        parts.append(safe_name(form.id[:8], 8))
    return "-".join(parts)


def report_stem(form: Form) -> str:
    """年度-单位-项目名称-绩效自评报告 (绩效评价报告 for an evaluation): the narrative report's file name."""
    parts = export_stem(form).split("-")
    kind = "绩效评价报告" if form.kind == "evaluation" else "绩效自评报告"
    return "-".join([*parts[:-1], kind])


def export_stems(forms: Sequence[Form]) -> list[str]:
    """The stems of forms exported together, in order, all different (letter case ignored, as on Windows)."""
    plain = [export_stem(f) for f in forms]
    shared = Counter(s.casefold() for s in plain)
    stems = [export_stem(f, with_id=True) if shared[s.casefold()] > 1 else s for f, s in zip(forms, plain)]
    # Forms without ids (or copies with the same id) can still meet: number the later ones.
    seen: Counter[str] = Counter()
    out = []
    for stem in stems:
        seen[stem.casefold()] += 1
        count = seen[stem.casefold()]
        out.append(stem if count == 1 else f"{stem}-{count}")
    return out
