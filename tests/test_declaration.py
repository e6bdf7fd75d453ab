"""The declaration of the format (ppcli.files.declaration) is the one home of keys, attributes,
labels and comparisons: these tests keep it complete, so nothing needs restating."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from conftest import AGREEMENT as AGREEMENT_TEXT

from ppcli.files.declaration import AGREEMENT, CONFIG, REGISTRY
from ppcli.files.model import AgreementKind, ConferenceKind, RecordKind, Where
from ppcli.files.spec import Compare, Enum, Field, ListOf, Obj, Type
from ppcli.history.semdiff import read_data
from ppcli.periods import Frequency


def _objs(spec: Type) -> Iterator[Obj]:
    inner = spec.item if isinstance(spec, ListOf) else spec
    if isinstance(inner, Obj):
        yield inner
        for f in inner.fields:
            yield from _objs(f.type)


def _fields() -> Iterator[Field]:
    for root in (AGREEMENT, REGISTRY, CONFIG):
        for obj in _objs(root):
            yield from obj.fields


def test_every_field_has_a_label_in_both_languages() -> None:
    missing = [f.name for f in _fields() if not f.label.vi or not f.label.en]
    assert missing == []


def test_every_attribute_is_a_field_of_the_class_it_builds() -> None:
    wrong = []
    for root in (AGREEMENT, REGISTRY, CONFIG):
        for obj in _objs(root):
            if obj.builds is None or not dataclasses.is_dataclass(obj.builds):
                continue
            names = {f.name for f in dataclasses.fields(obj.builds)}
            wrong += [(obj.title.en, f.name) for f in obj.fields
                      if f.attribute is not None and f.attribute not in names]
            if obj.indexed and "index" not in names:
                wrong.append((obj.title.en, "index"))
    assert wrong == []


def test_every_word_of_an_enumeration_has_a_label() -> None:
    for f in _fields():
        kind = f.type.item if isinstance(f.type, ListOf) else f.type
        if isinstance(kind, Enum):
            assert set(kind.values) == {m.value for m in kind.kind}, f.name


def test_comparisons_of_the_agreement() -> None:
    by = {f.name: f.comparison for f in AGREEMENT.fields}
    assert [k for k, c in by.items() if c is Compare.KEYED] == [
        "parties", "areas", "duties", "conferences", "records"]
    duty = next(f.type.item for f in AGREEMENT.fields if f.name == "duties")
    assert isinstance(duty, Obj)
    assert {f.name: f.comparison for f in duty.fields if f.comparison is not Compare.SCALAR} \
        == {"from": Compare.SET, "to": Compare.SET, "deadline": Compare.WHOLE}


def test_loading_builds_enums_and_keeps_each_items_place() -> None:
    text = AGREEMENT_TEXT + "  - conference: so-ket\n    date: 2024-06-20\n"
    data, errors = read_data(text.encode("utf-8"), "ct-2022.yaml")
    assert errors == 0 and data is not None
    agreement = AGREEMENT.build(data, where=Where("ct-2022.yaml", text))
    assert type(agreement.kind) is AgreementKind and agreement.kind == "chuong-trinh"
    assert type(agreement.duties[0].frequency) is Frequency
    assert type(agreement.conferences[0].kind) is ConferenceKind
    assert [(type(r.kind), r.kind, r.item, r.index) for r in agreement.records] == [
        (RecordKind, "report", "bao-cao-nam", 0), (RecordKind, "conference", "so-ket", 1)]
    assert [p.index for p in agreement.parties] == [0, 1]
    assert list(AGREEMENT.references(agreement, "org"))[:2] == [
        (("parties", 0, "org"), "so-noi-vu-ca-mau"), (("parties", 1, "org"), "tinh-doan-ca-mau")]


def test_the_cache_gives_back_the_same_enums() -> None:
    """A schedule read from the cache holds the kinds as the loader builds them: enum
    members, not bare strings that only compare equal."""
    import datetime as dt
    import json

    from ppcli.engine.schedule import build_schedule
    from ppcli.engine.schedule_codec import Decoder, encode_schedule
    from ppcli.engine.workdays import build_calendar

    text = AGREEMENT_TEXT + "  - conference: so-ket\n    date: 2024-06-20\n"
    data, _ = read_data(text.encode("utf-8"), "ct-2022.yaml")
    assert data is not None
    agreement = AGREEMENT.build(data, where=Where("ct-2022.yaml", text))
    schedule = build_schedule(agreement, None, build_calendar(range(2022, 2028)),
                              dt.date(2026, 12, 31), keep_done=True)
    back = Decoder().schedule(json.loads(json.dumps(encode_schedule(schedule))),
                              "ct-2022.yaml")
    assert back == schedule
    kinds = [(type(ob.duty.frequency), type(r.kind)) for ob in back.obligations
             for r in ob.records]
    assert kinds and set(kinds) == {(Frequency, RecordKind)}
    assert [(type(c.conference.kind), type(c.held.kind) if c.held else None)
            for c in back.conferences] == [(ConferenceKind, RecordKind)]
