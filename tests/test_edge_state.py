"""Speed tricks stay at the edge: the garbage collector is paused only by the CLI's entry
point, the schedule interner is an object its caller owns, and template recording keeps
its notes in a closure, not in class state."""

from __future__ import annotations

import ast
import datetime as dt

import jinja2
from conftest import ROOT

from ppcli.drafts.render import _recording
from ppcli.engine.schedule import Interner
from ppcli.periods import Frequency, periods_between


def test_only_the_entry_point_touches_the_garbage_collector() -> None:
    users = []
    for path in sorted((ROOT / "ppcli").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(n, ast.Import) and any(a.name == "gc" for a in n.names)
               or isinstance(n, ast.ImportFrom) and n.module == "gc" for n in ast.walk(tree)):
            users.append(path.relative_to(ROOT / "ppcli").as_posix())
    assert users == ["cli/start.py"]


def test_the_interner_belongs_to_its_caller() -> None:
    first = next(iter(periods_between(Frequency.YEARLY, dt.date(2024, 1, 1),
                                      dt.date(2024, 12, 31))))
    again = next(iter(periods_between(Frequency.YEARLY, dt.date(2024, 1, 1),
                                      dt.date(2024, 12, 31))))
    assert first == again and first is not again
    share = Interner()
    assert share(first) is first and share(again) is first
    assert Interner()(again) is again  # a new run's interner knows nothing of the last one


def test_each_recording_keeps_its_own_notes() -> None:
    seen_a: list[str] = []
    seen_b: list[str] = []
    env_a = jinja2.Environment(undefined=_recording(seen_a))
    env_b = jinja2.Environment(undefined=_recording(seen_b))
    template_a = env_a.from_string("{{ mot }}{{ hai }}")
    template_b = env_b.from_string("{% for x in ba %}{% endfor %}{% if bon %}{% endif %}")
    assert template_a.render() == "" and template_b.render() == ""
    assert template_a.render() == ""  # a second render adds nothing new
    assert (seen_a, seen_b) == (["mot", "hai"], ["ba", "bon"])
