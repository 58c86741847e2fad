# Tasks. `make run` opens the program; `make test` installs what the tests need and runs them all;
# `make installer` builds dist/Jixiao-<version>-setup.exe on Linux and checks it (docs/installer.md).
# Downloads are cached in build/cache (git-ignored).
# Outside a virtual environment every target uses the project's own, .venv (git-ignored): Debian's
# python3 is externally managed (PEP 668) and refuses `pip install`. It sees the interpreter's
# installed packages (--system-site-packages), so where they are already there nothing is fetched.
ifdef VIRTUAL_ENV
PYTHON ?= python3
VENV =
else
PYTHON ?= .venv/bin/python3
VENV = .venv/bin/python3
endif
# Debian packages: Qt's xcb plugin (a real window), a CJK font for screenshots, poppler for PDF checks.
APT_TEST = libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0 \
	libxcb-cursor0 libegl1 libgl1 libfontconfig1 libdbus-1-3 xvfb fonts-wqy-microhei poppler-utils xdotool

.PHONY: run deps soak test docs-codes test-deps bench installer installer-deps installer-build installer-check installer-lock installer-icon installer-clean installer-wine-check

run: deps
	$(PYTHON) main.py

# Debian ships venv's ensurepip in python3-venv: installed once when creating the environment fails.
.venv/bin/python3:
	python3 -m venv --system-site-packages .venv || { rm -rf .venv; apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv && python3 -m venv --system-site-packages .venv; }

deps: $(VENV)
	mkdir -p build
	$(PYTHON) .ci/deps.py > build/requirements.txt && $(PYTHON) -m pip install -q -r build/requirements.txt

# mypy (strict on every package, installer/ and main.py: pyproject.toml) before the tests.
test: test-deps
	$(PYTHON) -m mypy
	QT_QPA_PLATFORM=offscreen $(PYTHON) -m pytest -q

# The 级别 column of docs/findings.md and docs/scoring.md, from scoring/codes.py.
docs-codes: $(VENV)
	$(PYTHON) .ci/sync_codes.py

test-deps: $(VENV)
	mkdir -p build
	@missing=$$(for p in $(APT_TEST); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi
	$(PYTHON) .ci/deps.py test > build/requirements-test.txt && $(PYTHON) -m pip install -q -r build/requirements-test.txt

# LibreOffice only for bench_export's comparison (issue #4), never for the program or its tests.
bench: deps
	@dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc-nogui)
	QT_QPA_PLATFORM=offscreen sh -c 'for b in bench/bench_*.py; do echo "== $$b"; $(PYTHON) $$b || exit 1; done'

installer: installer-deps installer-build installer-check

# Kill, fuzz and second-writer runs (issue #11; minutes, not part of `test`): figures in docs/robustness.md.
soak: test-deps
	$(PYTHON) bench/soak_kill.py --kills 300
	QT_QPA_PLATFORM=offscreen $(PYTHON) bench/fuzz_files.py --files 2000
	$(PYTHON) bench/second_writer.py

# The build's own tools: NSIS, osslsigncode and 7-Zip from Debian, pynsist from PyPI.
installer-deps: $(VENV)
	@if ! command -v makensis >/dev/null || ! command -v osslsigncode >/dev/null || ! command -v 7z >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nsis osslsigncode p7zip-full; fi
	$(PYTHON) -m pip install -q "pynsist==2.8"

installer-build: $(VENV)
	$(PYTHON) -X utf8 installer/build.py

installer-check: $(VENV)
	$(PYTHON) installer/check.py

# Runs the built installer's Python and program under Wine (not part of `test` or `installer`):
# wine64, Xvfb, ImageMagick, poppler, mingw-w64 (the test-only icuuc.dll) and a zh_CN locale.
WINE_CHECK_APT = wine64 p7zip-full xvfb imagemagick poppler-utils gcc-mingw-w64-x86-64 locales
installer-wine-check: deps
	@missing=$$(for p in $(WINE_CHECK_APT); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi
	@locale -a | grep -qi '^zh_CN.utf8$$' || { sed -i 's/^# *zh_CN.UTF-8 UTF-8/zh_CN.UTF-8 UTF-8/' /etc/locale.gen \
		&& grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen || echo 'zh_CN.UTF-8 UTF-8' >> /etc/locale.gen; locale-gen; }
	$(PYTHON) installer/wine_check.py

# After a change of pyproject.toml's dependencies: re-pin the Windows wheels by hash.
installer-lock: $(VENV)
	$(PYTHON) -m installer.wheels lock

installer-icon: $(VENV)
	$(PYTHON) installer/make_icon.py

installer-clean:
	rm -rf build/installer build/installer-app build/wine-check dist/Jixiao-*-setup.exe
