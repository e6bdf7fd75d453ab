"""The one base of every error ppcli reports to the user, with its exit status.

The core raises a :class:`PpcliError` (or a subclass) carrying a bilingual message and
the exit status the command line ends with; the CLI has one handler for all of them
(:func:`ppcli.cli.options.guarded`). The statuses are settled for the project:

====  ========================================================================
1     results with problems (validate errors, ``--fail-on-overdue``, ``--check``)
2     the request is wrong (usage, unknown id, a value refused by a rule: the
      message says the reason and the override)
3     environment (no repository, git missing, a folder owned by another user,
      lock, a file changed meanwhile, an unsafe or unwritable path, a full disk)
====  ========================================================================
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ppcli.i18n import Label

if TYPE_CHECKING:
    from ppcli.diagnostics import Diagnostic

PROBLEMS = 1
REQUEST = 2
ENVIRONMENT = 3


class PpcliError(Exception):
    """An error for the user: ``label`` says what and what to do, ``status`` is the exit
    status (see the module's table). Subclasses set a default ``status``."""

    status: int = REQUEST

    def __init__(self, label: Label, status: int | None = None,
                 diagnostics: Sequence[Diagnostic] = ()) -> None:
        super().__init__(label.en)
        self.label = label
        if status is not None:
            self.status = status
        self.diagnostics = list(diagnostics)  # shown before the message


class RequestError(PpcliError):
    """The request is wrong: an unknown id, a bad value, a rule refusing it (status 2)."""

    status = REQUEST


class Problems(PpcliError):
    """The command ran and found problems (status 1)."""

    status = PROBLEMS


class EnvironmentProblem(PpcliError):
    """Something around the request is wrong: no repository, git, a path (status 3)."""

    status = ENVIRONMENT
