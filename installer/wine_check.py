"""Smoke test of the built Windows installer under Wine: `make installer-wine-check` (docs/installer.md).

Unpacks dist/Jixiao-<version>-setup.exe with 7z into /tmp, runs its Python and the program in a fresh
Wine prefix, compares the PDF/XLSX/score output with the same program files run on Linux, and opens
the window on Xvfb. Prints PASS/FAIL per check; pictures and files go to build/wine-check/.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from installer import build  # noqa: E402  (needs the repo on sys.path)
from installer.wine_run import WineBox, win_path  # noqa: E402

OUT = REPO / "build" / "wine-check"
PROGRAM = ("main.py", "model", "scoring", "reports", "resources", "ui")
LAUNCH = "Jixiao.launch.pyw"


class Failed(Exception):
    """A check's reason for FAIL."""


class Check:
    """The checks, in order; each one's state (paths, the Wine box) is kept on the instance."""

    def __init__(self, box: WineBox, work: Path, out: Path, gui_seconds: float) -> None:
        self.box, self.work, self.out, self.gui_seconds = box, work, out, gui_seconds
        self.linux = work / "linux"  # the bundle's own program files, run by Linux Python
        self.linux.mkdir()
        for name in PROGRAM:  # main.py copied: Python puts a symlinked script's real folder on sys.path
            source = box.app / "pkgs" / name
            if source.is_dir():
                (self.linux / name).symlink_to(source)
            else:
                shutil.copy2(source, self.linux / name)
        self.samples = sorted((box.app / "pkgs" / "resources" / "samples").glob("*.json"))
        self.data = work / "data"

    def linux_main(self, *args: str) -> str:
        proc = subprocess.run([sys.executable, str(self.linux / "main.py"), "--data-dir",
                               str(self.work / "linux-data"), *args], cwd=self.linux,
                              capture_output=True, text=True, timeout=300)
        if proc.returncode != 0:
            raise Failed(f"on Linux: main.py {' '.join(args)}: {proc.stderr.strip()[-500:]}")
        return proc.stdout

    def launcher(self, *args: str, **kw: object) -> str:
        """main.py through the installed launch script, as the shortcut runs it (with a console)."""
        res = self.box.python(LAUNCH, "--data-dir", win_path(self.data), *args, **kw)  # type: ignore[arg-type]
        if res.code != 0:
            raise Failed(f"exit {res.code}: {(res.err or res.out).strip()[-600:]}")
        return res.out

    def python_starts(self) -> str:
        res = self.box.python("-c", "import sys; print(sys.version)")
        if res.code != 0 or "AMD64" not in res.out:
            raise Failed(f"exit {res.code}: {res.out}{res.err}")
        return res.out.strip()

    def smoke_renders(self) -> str:
        shutil.copy2(HERE / "wine_smoke.py", self.box.app / "wine_smoke.py")
        res = self.box.python("wine_smoke.py", win_path(self.out / "wine.pdf"),
                              win_path(self.out / "wine.xlsx"))
        if res.code != 0 or "SMOKE OK" not in res.out:
            raise Failed(f"exit {res.code}: {(res.err or res.out).strip()[-800:]}")
        sample = next(s for s in self.samples if s.name.startswith("01-"))
        self.linux_main("render", str(sample), "--pdf", str(self.out / "linux.pdf"),
                        "--xlsx", str(self.out / "linux.xlsx"), "--appendix", "--findings")
        return " / ".join(line for line in res.out.splitlines() if line and line != "SMOKE OK")

    def pdf_matches_linux(self) -> str:
        texts = [subprocess.run(["pdftotext", "-layout", str(self.out / f"{side}.pdf"), "-"],
                                capture_output=True, text=True, check=True).stdout
                 for side in ("wine", "linux")]
        if texts[0] != texts[1]:
            raise Failed("the text of wine.pdf differs from linux.pdf (pdftotext -layout)")
        fonts = subprocess.run(["pdffonts", str(self.out / "wine.pdf")], capture_output=True,
                               text=True, check=True).stdout.splitlines()[2:]
        if not fonts or any(" yes " not in line for line in fonts):
            raise Failed("a font of wine.pdf is not embedded:\n" + "\n".join(fonts))
        subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", "-singlefile",
                        str(self.out / "wine.pdf"), str(self.out / "wine-page1")], check=True)
        return f"{texts[0].count(chr(12))} pages, fonts embedded, page 1 in wine-page1.png"

    def xlsx_matches_linux(self) -> str:
        import openpyxl

        books = [openpyxl.load_workbook(self.out / f"{side}.xlsx") for side in ("wine", "linux")]
        if books[0].sheetnames != books[1].sheetnames:
            raise Failed(f"sheets {books[0].sheetnames} ≠ {books[1].sheetnames}")
        cells = 0
        for name in books[0].sheetnames:
            a, b = books[0][name], books[1][name]
            va = [[c.value for c in row] for row in a.iter_rows()]
            if va != [[c.value for c in row] for row in b.iter_rows()]:
                raise Failed(f"sheet {name}: cell values differ")
            if sorted(map(str, a.merged_cells.ranges)) != sorted(map(str, b.merged_cells.ranges)):
                raise Failed(f"sheet {name}: merged cells differ")
            cells += sum(v is not None for row in va for v in row)
        return f"{len(books[0].sheetnames)} sheets, {cells} filled cells identical"

    def import_and_list(self) -> str:
        two = [s for s in self.samples if s.name.startswith(("01-", "03-"))]
        self.launcher("import", *map(win_path, two))
        listed = self.launcher("list").strip().splitlines()
        ids = {json.loads(s.read_text(encoding="utf-8"))["id"] for s in two}
        if len(listed) != 2 or {line.split("\t")[0] for line in listed} != ids:
            raise Failed("list printed:\n" + "\n".join(listed))
        return f"{len(listed)} forms imported into a new SQLite database and listed (GBK console)"

    def score_matches_linux(self) -> str:
        for sample in self.samples:
            wine = self.launcher("score", win_path(sample), extra={"PYTHONIOENCODING": "utf-8"},
                                 encoding="utf-8")
            if json.loads(wine) != json.loads(self.linux_main("score", str(sample))):
                raise Failed(f"{sample.name}: score JSON differs from Linux")
        return f"{len(self.samples)} samples, same JSON as on Linux"

    def score_redirected_gbk(self) -> str:
        """`score FILE > out.json` on a Chinese Windows: output in code page 936 (GBK)."""
        bad = []
        for sample in self.samples:
            res = self.box.python(LAUNCH, "--data-dir", win_path(self.data), "score", win_path(sample))
            if res.code != 0:
                log = self.data / "jixiao-errors.log"
                last = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-1:] \
                    if log.is_file() else [res.err.strip()]
                bad.append(f"{sample.name}: {' '.join(last)}")
        if bad:
            raise Failed("\n".join(bad))
        return f"{len(self.samples)} samples"

    def screenshot(self) -> str:
        shot = self.out / "screenshot.png"
        shot.unlink(missing_ok=True)
        self.launcher("--screenshot", win_path(shot), timeout=180)
        if not shot.is_file() or shot.stat().st_size < 10_000:
            raise Failed("no (or an empty) PNG was written")
        return f"{shot.name}, {shot.stat().st_size // 1000} KB (offscreen platform)"

    def window_opens(self) -> str:
        log = self.box.appdata() / f"{LAUNCH}.log"
        log.unlink(missing_ok=True)
        gui_data = self.work / "gui-data"
        proc = self.box.start(LAUNCH, "--data-dir", win_path(gui_data))
        time.sleep(self.gui_seconds)
        alive = proc.poll() is None
        shot_ok = self.box.screenshot(self.out / "window.png")
        proc.terminate()
        text = log.read_text(encoding="gbk", errors="replace").strip() if log.is_file() else ""
        if not alive or text:
            raise Failed(f"the program ended (exit {proc.poll()}); {LAUNCH}.log: {text[-800:]}")
        if not (gui_data / "jixiao.sqlite3").is_file():
            raise Failed("the window is up but no database was created in the data folder")
        return (f"pythonw + qwindows on Xvfb, running after {self.gui_seconds:.0f} s"
                + (", window.png" if shot_ok else ", no screenshot (ImageMagick's import missing?)"))


def unpack(installer: Path, app: Path) -> None:
    """7z extracts an NSIS installer's files as the installer would lay them out."""
    subprocess.run(["7z", "x", "-y", str(installer), f"-o{app}"], check=True, capture_output=True)


def run_checks(installer: Path, out: Path, gui_seconds: float, keep: bool) -> bool:
    """Unpack, run every check in order, print PASS/FAIL; True when all passed."""
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="jx-wine-", dir="/tmp"))
    box = WineBox(app=work / "app", prefix=work / "prefix")
    unpack(installer, box.app)
    check = Check(box, work, out, gui_seconds)
    steps: list[tuple[str, Callable[[], str]]] = [
        ("bundled Python starts", check.python_starts),
        ("imports, stores, scores, renders sample 01", check.smoke_renders),
        ("PDF: same text as on Linux, fonts embedded", check.pdf_matches_linux),
        ("XLSX: same cells as on Linux", check.xlsx_matches_linux),
        ("launcher: import + list", check.import_and_list),
        ("launcher: score, every sample", check.score_matches_linux),
        ("score output redirected, code page 936", check.score_redirected_gbk),
    ]
    ok = True
    try:
        for name, step in steps:
            ok &= _report(name, step)
        box.start_xvfb()  # Wine's user32 needs a display, even for Qt's offscreen platform
        print(f"NOTE  Qt needs icuuc.dll (Windows 10 1703+), which Wine lacks: test-only stand-in "
              f"at {box.install_icu_stub(work)}", flush=True)
        ok &= _report("--screenshot (offscreen)", check.screenshot)
        ok &= _report("the window opens (Start-menu way)", check.window_opens)
    finally:
        box.close()
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"files to look at: {out}" + ("" if not keep else f"; unpacked bundle and prefix: {work}"))
    return ok


def _report(name: str, step: Callable[[], str]) -> bool:
    start = time.monotonic()
    try:
        detail = step()
    except (Failed, subprocess.SubprocessError, OSError) as exc:
        print(f"FAIL  {name}\n      " + str(exc).replace("\n", "\n      "), flush=True)
        return False
    print(f"PASS  {name} ({time.monotonic() - start:.0f} s): {detail}", flush=True)
    return True


def main(argv: list[str] | None = None) -> int:
    """Command line: `python installer/wine_check.py [installer.exe] [--keep] [--gui-seconds N]`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("installer", nargs="?", type=Path,
                        default=build.DIST / build.installer_name(build.project_version()))
    parser.add_argument("--out", type=Path, default=OUT, help="where PNG/PDF/XLSX results go")
    parser.add_argument("--gui-seconds", type=float, default=20.0)
    parser.add_argument("--keep", action="store_true", help="keep the unpacked bundle and prefix")
    args = parser.parse_args(argv)
    if not args.installer.is_file():
        print(f"{args.installer} is not built: run `make installer` first", file=sys.stderr)
        return 2
    missing = [t for t in ("wine", "wineserver", "7z", "Xvfb", "pdftotext", "x86_64-w64-mingw32-gcc")
               if shutil.which(t) is None]
    if missing:
        print(f"missing tools: {', '.join(missing)}; run `make installer-wine-check`", file=sys.stderr)
        return 2
    return 0 if run_checks(args.installer, args.out, args.gui_seconds, args.keep) else 1


if __name__ == "__main__":
    sys.exit(main())
