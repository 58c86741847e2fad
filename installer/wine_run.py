"""Runs the unpacked Windows bundle under Wine: a throw-away prefix, an Xvfb display, the ICU stand-in.

Used by installer/wine_check.py only. Wine 8 quirks handled here: a Windows program's stdout must be
a pipe or /dev/null (a regular file gives Python "init_sys_streams: Invalid handle"), and Wine's
user32 needs an X display even for Qt's offscreen platform.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ICU_STUB_SOURCE = HERE / "wine_icuuc_stub.c"
MINGW_GCC = "x86_64-w64-mingw32-gcc"
# A Chinese Windows: ANSI code page 936 (GBK) for redirected output. Needs the zh_CN.UTF-8 locale.
LOCALE = "zh_CN.UTF-8"
TIMEOUT = 300


def win_path(path: Path) -> str:
    """The Wine path of a Linux path (drive Z: is the Linux root)."""
    return "Z:" + str(path.resolve()).replace("/", "\\")


@dataclass
class Output:
    """What a Windows program printed, decoded, with Windows line ends made Linux ones."""

    code: int
    out: str
    err: str


@dataclass
class WineBox:
    """One unpacked bundle in one fresh Wine prefix, with an Xvfb display of its own."""

    app: Path
    prefix: Path
    display: str = ""
    xvfb: subprocess.Popen[bytes] | None = None

    def env(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        """The environment of a Wine run: this prefix, quiet Wine, the Chinese locale, the display."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "PYTHON"))}
        env.update(WINEPREFIX=str(self.prefix), WINEDEBUG="-all", LANG=LOCALE, LC_ALL=LOCALE)
        if self.display:
            env["DISPLAY"] = self.display
        else:
            env.pop("DISPLAY", None)
        env.update(extra or {})
        return env

    def python(self, *args: str, gui: bool = False, extra: dict[str, str] | None = None,
               encoding: str = "gbk", timeout: float = TIMEOUT) -> Output:
        """Run Python\\python.exe (or pythonw.exe) of the bundle, from the bundle's folder."""
        exe = self.app / "Python" / ("pythonw.exe" if gui else "python.exe")
        proc = subprocess.run(["wine", str(exe), *args], cwd=self.app, env=self.env(extra),
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
        return Output(proc.returncode, _text(proc.stdout, encoding), _text(proc.stderr, encoding))

    def start(self, *args: str, extra: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        """Start Python\\pythonw.exe of the bundle in the background (the Start-menu shortcut's way)."""
        exe = self.app / "Python" / "pythonw.exe"
        return subprocess.Popen(["wine", str(exe), *args], cwd=self.app, env=self.env(extra),
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)

    def appdata(self) -> Path:
        """%APPDATA% of the prefix's user (the launcher's error log lives there)."""
        users = self.prefix / "drive_c" / "users"
        names = [p for p in users.iterdir() if p.is_dir() and p.name != "Public"] if users.is_dir() else []
        return (names[0] if names else users / os.environ.get("USER", "root")) / "AppData" / "Roaming"

    def install_icu_stub(self, work: Path) -> Path:
        """Build the test-only icuuc.dll (mingw-w64) into the prefix's System32; return its path."""
        dll = work / "icuuc.dll"
        subprocess.run([MINGW_GCC, "-O2", "-shared", "-o", str(dll), str(ICU_STUB_SOURCE)], check=True)
        target = self.prefix / "drive_c" / "windows" / "system32" / "icuuc.dll"
        shutil.copy2(dll, target)
        return target

    def start_xvfb(self, size: str = "1366x800x24") -> None:
        """Start an Xvfb on the first free display number from :91 on."""
        for number in range(91, 140):
            if Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists():
                continue
            proc = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", size, "-nolisten", "tcp"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(50):
                if Path(f"/tmp/.X11-unix/X{number}").exists() or proc.poll() is not None:
                    break
                time.sleep(0.1)
            if proc.poll() is None:
                self.xvfb, self.display = proc, f":{number}"
                return
        raise RuntimeError("no free X display for Xvfb between :91 and :139")

    def screenshot(self, out: Path) -> bool:
        """The whole Xvfb screen as PNG (ImageMagick's import); False when that failed."""
        proc = subprocess.run(["import", "-window", "root", str(out)], env=self.env(),
                              capture_output=True, timeout=60)
        return proc.returncode == 0 and out.is_file()

    def close(self) -> None:
        """Stop this prefix's Wine processes (wineserver -k acts on WINEPREFIX only) and the Xvfb."""
        subprocess.run(["wineserver", "-k"], env=self.env(), capture_output=True, timeout=60)
        if self.xvfb is not None:
            self.xvfb.terminate()
            self.xvfb.wait(timeout=30)
            self.xvfb, self.display = None, ""


def _text(raw: bytes, encoding: str) -> str:
    return raw.decode(encoding, errors="replace").replace("\r\n", "\n")
