"""Authenticode checks of Windows binaries with Debian's osslsigncode (works offline).

Offline, CRLs cannot be fetched, so revocation is not checked (-ignore-crl); the certificate
chain is checked at the signature's timestamp, which is what Windows does for expired certificates.
"""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

PSF = "Python Software Foundation"
MICROSOFT = "Microsoft Corporation"
PE_SUFFIXES = (".exe", ".dll", ".pyd")

# The Visual C++ runtime is shipped by the PSF but signed by Microsoft.
_MICROSOFT_NAMES = re.compile(r"^(vcruntime140(_1)?|msvcp140.*|concrt140|vcomp140)\.dll$", re.I)


@dataclass(frozen=True)
class SignatureResult:
    """Outcome of one binary's check: who signed it and whether it verified."""

    path: Path
    signer: str | None
    verified: bool
    digest_intact: bool = False

    def ok_for(self, expected: str) -> bool:
        """True if the file is signed by `expected` and the signature holds.

        Microsoft's code-signing root is not among Debian's CA certificates, so for the
        Microsoft-signed C runtime the chain cannot be completed here; for it an intact file
        digest under a Microsoft leaf certificate is accepted (the PSF's package carries it,
        and the whole package is pinned by sha256).
        """
        if self.signer is None or expected not in self.signer:
            return False
        return self.verified or (expected == MICROSOFT and self.digest_intact)


def expected_signer(name: str) -> str:
    """The organisation that must have signed a Python binary named `name`."""
    return MICROSOFT if _MICROSOFT_NAMES.match(name) else PSF


def parse_osslsigncode(output: str, returncode: int, path: Path) -> SignatureResult:
    """Read the signer's subject (Signer #0 of the primary signature) from osslsigncode's output."""
    signer = None
    match = re.search(r"Signer's certificate:\s*-+\s*Signer #0:\s*Subject:\s*(.+)", output)
    if match:
        org = re.search(r"/O=([^/]+)", match.group(1))
        signer = org.group(1).strip() if org else match.group(1).strip()
    verified = returncode == 0 and "Signature verification: ok" in output
    current = re.search(r"Current message digest\s*:\s*([0-9A-F]+)", output)
    calculated = re.search(r"Calculated message digest\s*:\s*([0-9A-F]+)", output)
    intact = bool(current and calculated and current.group(1) == calculated.group(1))
    return SignatureResult(path, signer, verified, intact)


def verify(path: Path) -> SignatureResult:
    """Run `osslsigncode verify` on one file."""
    proc = subprocess.run(
        ["osslsigncode", "verify", "-ignore-crl", "-in", str(path)],
        capture_output=True, text=True, errors="replace", check=False,
    )
    return parse_osslsigncode(proc.stdout + proc.stderr, proc.returncode, path)


def pe_files(root: Path) -> list[Path]:
    """Every .exe/.dll/.pyd below `root`, sorted."""
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in PE_SUFFIXES)


def check_python_binaries(root: Path) -> list[str]:
    """Verify every binary of a Python folder; return one message per failure (empty if all good)."""
    problems = []
    files = pe_files(root)
    if not files:
        return [f"{root}: no Python binaries found"]
    for path in files:
        result = verify(path)
        want = expected_signer(path.name)
        if not result.ok_for(want):
            problems.append(f"{path}: expected a valid signature by {want}, "
                            f"got signer={result.signer!r} verified={result.verified}")
    return problems
