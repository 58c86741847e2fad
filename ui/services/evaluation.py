"""Score a form with its own profile: the one function every caller uses.

    evaluate_with_profile(form) -> Result   the form's inline `rules` object, else the shipped profile it names
    profile_of(form) -> Profile             just the profile (e.g. to read its grades)
    Evaluator                               the type of evaluate_with_profile (tests pass stand-ins)

Both raise only JixiaoError: UnknownProfileError (the named profile is not shipped) or FormRulesError
(the inline `rules` object is invalid). Callers — the editing session, the window's list, the export,
the bureau's summary (ui/services/summary.py), the `score`, `render` and `summary` commands — show
str(error) as it is: it says in Chinese which form, what is wrong and how to fix it.
"""
from __future__ import annotations

from collections.abc import Callable

from model.errors import JixiaoError
from model.form import Form
from scoring.result import Result
from scoring.rules.profile import Profile, ProfileError

Evaluator = Callable[[Form], Result]


class FormRulesError(JixiaoError):
    """A form's inline `rules` object (or a shipped profile file) that cannot be used."""


def form_label(form: Form) -> str:
    """How messages name a form: its project name, else its printed title, with the year."""
    return f"{form.year}年度“{form.header.get('project_name') or form.display_title}”"


def profile_of(form: Form) -> Profile:
    """The profile the form asks for; raises FormRulesError or UnknownProfileError (both JixiaoError)."""
    from resources.profile_files import load_profile_data
    from scoring.rules.profile import profile_for

    try:
        return profile_for(form.rules, form.profile_name(), load_profile_data)
    except ProfileError as exc:
        where = "表格中的评分规则（rules）" if isinstance(form.rules, dict) else "评分规则文件"
        raise FormRulesError(f"{form_label(form)}的{where}有误：{exc}。") from None


def evaluate_with_profile(form: Form) -> Result:
    """Score and check a form with its own profile (see the module docstring for the errors)."""
    from scoring import evaluate

    return evaluate(form, profile_of(form))
