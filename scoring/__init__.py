"""Scoring: read written values, apply the profile's rules, total, grade and check a form.

Pure functions, no Qt and no I/O. `from scoring import evaluate` is the entry point;
resources.profile_files.load_profile_data gives the profile dict of a shipped profile.
"""
from scoring.engine import evaluate
from scoring.rules.profile import Profile, ProfileError
from scoring.result import Finding, Result

__all__ = ["evaluate", "Profile", "ProfileError", "Result", "Finding"]
