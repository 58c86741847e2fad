"""Word files of the seed fixtures, built once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

from model.codec import load_form
from model.form import Form
from tests.conftest import REPO
from tests.model.office import seed_layouts as lay
from tests.model.office.word_forms import Style, WordWriter

SEEDS = REPO / "tests" / "fixtures" / "seeds"
DOCUMENTS = {
    "000": ["seed000_t1", "seed000_t2", "seed000_t3", "seed000_t4", "seed000_t5"],
    "001": ["seed001_dept"],
    "002": [f"seed002_p{i}" for i in range(1, 10)],
    "003": ["seed003_basic", "seed003_dept", "seed003_project"],
    "004": ["seed004_eval"],
}


def fixture(name: str) -> Form:
    """A seed fixture form."""
    return load_form(SEEDS / f"{name}.json")


def write_seed_document(doc: str, path: Path, style: Style = Style()) -> Path:
    """The Word document of one seed, every table laid out as in the original."""
    return write_forms([fixture(n) for n in DOCUMENTS[doc]], path, style, doc)


def write_forms(forms: list[Form], path: Path, style: Style = Style(), doc: str = "") -> Path:
    """A Word document holding the forms, each laid out as its seed original."""
    title = f"示例区残疾人联合会{forms[0].year}年部门预算" if forms[0].kind == "project_target" else None
    w = WordWriter(title)
    if title:
        w.para("第二部分")
        w.para("预算项目绩效目标")
    for i, form in enumerate(forms):
        if form.kind == "project_target":
            lay.target(w, form, style, i + 1)
        elif form.kind == "dept_basic_data":
            lay.basic_data(w, form, style)
        elif form.kind == "evaluation":
            lay.evaluation(w, form, style)
        elif form.kind == "dept_self_eval" and form.stated is None:
            lay.dept_unscored(w, form, style)
        else:
            annex = "附件1：" if doc == "000" and i == 0 else (f"附件{i + 1}" if doc == "003" else None)
            lay.self_eval(w, form, style, annex)
    return w.save(path)


@pytest.fixture(scope="session")
def seed_docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every seed document as .docx (default layout)."""
    folder = tmp_path_factory.mktemp("seed_docs")
    return {doc: write_seed_document(doc, folder / f"seed{doc}.docx") for doc in DOCUMENTS}
