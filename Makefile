# Build tasks. `make installer` builds dist/Jixiao-<version>-setup.exe on Linux and checks it
# (docs/installer.md). Downloads are cached in build/cache (git-ignored).
PYTHON ?= python3

.PHONY: installer installer-deps installer-build installer-check installer-lock installer-icon installer-clean

installer: installer-deps installer-build installer-check

# The build's own tools: NSIS, osslsigncode and 7-Zip from Debian, pynsist from PyPI.
installer-deps:
	@if ! command -v makensis >/dev/null || ! command -v osslsigncode >/dev/null || ! command -v 7z >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nsis osslsigncode p7zip-full; fi
	$(PYTHON) -m pip install -q "pynsist==2.8"

installer-build:
	$(PYTHON) -X utf8 installer/build.py

installer-check:
	$(PYTHON) installer/check.py

# After a change of pyproject.toml's dependencies: re-pin the Windows wheels by hash.
installer-lock:
	$(PYTHON) -m installer.wheels lock

installer-icon:
	$(PYTHON) installer/make_icon.py

installer-clean:
	rm -rf build/installer build/installer-app dist/Jixiao-*-setup.exe
