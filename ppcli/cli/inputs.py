"""What the clerk types, read as the clerk writes it: dates (``31/12/2026``), periods
(``tháng 10/2026``, ``quý III/2026``), and the shell completion of ids and period keys.

The reading itself is in the core (:mod:`ppcli.dates`, :func:`ppcli.periods.parse_period_text`,
:mod:`ppcli.files.organisations`); here it is tied to the option or argument the value
came from, so that an error names it (``--since``, not ``--today``) and lists the forms
accepted, in both languages (the one handler says it in the run's language, exit 2).
"""

from __future__ import annotations

import datetime as dt

from ppcli.dates import DATE_FORMS, DateError, parse_date
from ppcli.errors import RequestError
from ppcli.i18n import Label
from ppcli.periods import PERIOD_FORMS, parse_period_text

PERIOD_ARG = Label("KỲ", "PERIOD")  # how a period argument is named in messages


def date_value(text: str, option: str) -> dt.date:
    """The date typed for ``option``; a :class:`RequestError` naming ``option``, the
    reason and the forms accepted otherwise."""
    try:
        return parse_date(text)
    except DateError as exc:
        reason = exc.reason
        raise RequestError(Label(
            f"{option}: ngày \"{text}\" không hợp lệ ({reason.vi}); hãy ghi {DATE_FORMS.vi}",
            f"{option}: invalid date \"{text}\" ({reason.en}); write {DATE_FORMS.en}")) from None


def period_key(text: str | None, name: Label = PERIOD_ARG) -> str | None:
    """The key of the period typed (``tháng 10/2026`` → ``2026-10``), None when none was
    typed; a :class:`RequestError` naming the argument and the forms accepted otherwise.
    Whether the period fits the duty is the core's to say (it knows the duty)."""
    if text is None:
        return None
    period = parse_period_text(text)
    if period is None:
        raise RequestError(Label(
            f"{name.vi}: không hiểu kỳ \"{text}\"; các dạng được nhận: {PERIOD_FORMS.vi}",
            f"{name.en}: cannot read the period \"{text}\"; accepted forms: "
            f"{PERIOD_FORMS.en}"))
    return period.key
