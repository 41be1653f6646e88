"""User errors (bad input, bad rubric) versus internal bugs.

Anything raised as a `UserError` is printed as one line at the CLI boundary and never
as a traceback (Vale's core/error.go distinction).
"""

from __future__ import annotations


class UserError(Exception):
    """A mistake in what the user gave us: a file we cannot read, a bad option."""

    exit_code = 1


class DossierError(UserError):
    """A dossier that cannot be read. `path: reason` on one line."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class RubricError(UserError):
    """A rubric that cannot be loaded; `problems` are `file:line:col: message` lines."""

    exit_code = 2

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems
