"""The program's version, written into exchange packages and shown in the About box."""
from __future__ import annotations

VERSION = "0.1.0"
