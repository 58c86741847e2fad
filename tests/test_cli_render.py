"""The `render` command: from a file or a stored id, PDF and XLSX, Chinese errors, no partial files."""
from __future__ import annotations

from pathlib import Path

import pytest

from main import main
from tests.conftest import FIXTURES

SEED = FIXTURES / "seeds" / "seed000_t1.json"


def test_render_file_to_pdf_and_xlsx(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf, xlsx = tmp_path / "a.pdf", tmp_path / "a.xlsx"
    assert main(["render", str(SEED), "--pdf", str(pdf), "--xlsx", str(xlsx), "--appendix", "--findings"]) == 0
    assert pdf.read_bytes().startswith(b"%PDF") and xlsx.read_bytes().startswith(b"PK")
    assert capsys.readouterr().out.split() == [str(pdf), str(xlsx)]


def test_render_by_id_prefix_from_the_store(tmp_path: Path, data_dir: Path) -> None:
    assert main(["import", str(SEED)]) == 0
    from model.store import Store

    store = Store.open(data_dir)
    form_id = store.list_forms()[0].id
    store.close()
    pdf = tmp_path / "b.pdf"
    assert main(["render", form_id[:8], "--pdf", str(pdf)]) == 0
    assert pdf.stat().st_size > 1000


@pytest.mark.parametrize("argv, message", [
    (["render", str(SEED)], "至少指定一个输出文件"),
    (["render", "no-such.json", "--pdf", "x.pdf"], "文件或文件夹不存在"),
    (["render", str(SEED), "--pdf", "/no/such/dir/x.pdf"], "文件夹"),
    (["render", "ffffffff", "--pdf", "x.pdf"], "找不到"),
])
def test_user_errors_are_chinese_and_write_nothing(argv: list[str], message: str, tmp_path: Path, data_dir: Path,
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 1
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("*.pdf"))


def test_rendering_a_file_loads_no_database_library(tmp_path: Path) -> None:
    """Start-up cost of `render FILE.json` (issue 13): sqlite-utils and urllib stay unloaded."""
    import subprocess
    import sys

    from tests.conftest import REPO

    code = ("import sys, main; code = main.main(sys.argv[1:]); "
            "print(code, sorted(m for m in ('model.store', 'sqlite_utils', 'urllib.request', 'xml.sax.saxutils') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, "render", str(SEED), "--pdf", str(tmp_path / "a.pdf")],
                         capture_output=True, text=True, cwd=REPO, check=True).stdout
    assert out.splitlines()[-1] == "0 []"
