"""The declaration of the format (ppcli.files.declaration) is the one home of keys, attributes,
labels and comparisons: these tests keep it complete, so nothing needs restating."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from conftest import AGREEMENT as AGREEMENT_TEXT

from ppcli.files.declaration import AGREEMENT, CONFIG, REGISTRY
from ppcli.files.model import AgreementKind, ConferenceKind, RecordKind, Where
from ppcli.files.repository import load_agreement
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
    assert wrong == []


def test_every_word_of_an_enumeration_has_a_label() -> None:
    for f in _fields():
        kind = f.type.item if isinstance(f.type, ListOf) else f.type
        if isinstance(kind, Enum):
            words = {m.value for m in kind.kind}
            if kind.kind is Frequency and set(kind.values) != words:  # a conference's:
                words -= {"mot-lan"}  # a one-time conference is "planned", not a frequency
            assert set(kind.values) == words, f.name


def test_comparisons_of_the_agreement() -> None:
    by = {f.name: f.comparison for f in AGREEMENT.fields}
    assert [k for k, c in by.items() if c is Compare.KEYED] == [
        "parties", "areas", "duties", "conferences", "records"]
    duty = next(f.type.item for f in AGREEMENT.fields if f.name == "duties")
    assert isinstance(duty, Obj)
    assert {f.name: f.comparison for f in duty.fields if f.comparison is not Compare.SCALAR} \
        == {"from": Compare.SET, "to": Compare.SET, "deadline": Compare.WHOLE,
            "cutoff": Compare.WHOLE}


def _loaded(text: str):  # type: ignore[no-untyped-def]
    agreement, ctx, _ = load_agreement(Path("ct-2022.yaml"), "ct-2022.yaml",
                                       text.encode("utf-8"))
    assert agreement is not None
    return agreement, ctx


def test_loading_builds_enums_in_one_pass_as_the_checked_data_would() -> None:
    text = AGREEMENT_TEXT + "  - conference: so-ket\n    date: 2024-06-20\n"
    agreement, ctx = _loaded(text)
    assert ctx.diags == []
    assert type(agreement.kind) is AgreementKind and agreement.kind == "chuong-trinh"
    assert type(agreement.duties[0].frequency) is Frequency
    assert type(agreement.conferences[0].kind) is ConferenceKind
    assert [(type(r.kind), r.kind, r.item) for r in agreement.records] == [
        (RecordKind, "report", "bao-cao-nam"), (RecordKind, "conference", "so-ket")]
    assert list(AGREEMENT.references(agreement, "org"))[:2] == [
        (("parties", 0, "org"), "so-noi-vu-ca-mau"), (("parties", 1, "org"), "tinh-doan-ca-mau")]
    # history's way (plain checked mappings, then built) gives the same object
    data, errors = read_data(text.encode("utf-8"), "ct-2022.yaml")
    assert errors == 0 and data is not None
    assert AGREEMENT.build(data, where=Where("ct-2022.yaml")) == agreement


def test_positions_are_kept_beside_the_model_while_loading() -> None:
    """Every value's line and column, by its path in the model, without the text (the
    numbers are those that composing the text again gave before)."""
    agreement, _ = _loaded(AGREEMENT_TEXT)
    where = agreement.where
    assert where.at("id") == (1, 5)
    assert where.at("period", "end") == (10, 8)
    assert where.at("duties", 0, "deadline") == (16, 15)
    assert where.at("conferences", 0, "host", 1) == (21, 30)
    assert where.at("records", 0) == (23, 5)
    assert where.at("records", 0, "date") == (25, 11)
    # not written: the nearest written ancestor; past a scalar: the scalar
    assert where.at("records", 0, "by") == (23, 5)
    assert where.at("duties", 0, "from", 3) == (13, 11)
    assert where.at("nothing", 2) == (1, 1)
    assert Where("x.yaml").at("id") == (1, 1)
    assert not hasattr(where, "text")


def test_items_dropped_for_their_own_errors_keep_the_others_place() -> None:
    """The model holds the good items only; their paths in the model still find where
    they were written, and messages name them as written."""
    text = AGREEMENT_TEXT.replace("records:\n", "records:\n  - report: x\n    period: 2022\n") \
        .replace("parties:\n", "parties:\n  - org: Sai Mã\n")
    agreement, ctx = _loaded(text)
    assert [d.code for d in ctx.diags] == ["PP027", "PP021"]
    assert [p.org for p in agreement.parties] == ["so-noi-vu-ca-mau", "tinh-doan-ca-mau"]
    where = agreement.where
    assert where.at("parties", 0, "org") == (7, 10)
    assert where.written(("parties", 0, "org")) == ("parties", 1, "org")
    assert len(agreement.records) == 1
    assert where.at("records", 0, "date") == (28, 11)
    assert where.written(("records", 0)) == ("records", 1)


def test_where_survives_pickling_as_a_process_pool_sends_it() -> None:
    import pickle

    agreement, _ = _loaded(AGREEMENT_TEXT)
    back = pickle.loads(pickle.dumps(agreement))
    assert back == agreement
    assert back.where.at("records", 0, "date") == (25, 11)


def test_the_cache_gives_back_the_same_enums() -> None:
    """A schedule read from the cache holds the kinds as the loader builds them: enum
    members, not bare strings that only compare equal."""
    import datetime as dt
    import json

    from ppcli.engine.schedule import build_schedule
    from ppcli.engine.schedule_codec import Decoder, encode_schedule
    from ppcli.engine.workdays import build_calendar

    text = AGREEMENT_TEXT + "  - conference: so-ket\n    date: 2024-06-20\n"
    agreement, _ = _loaded(text)
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


def test_positions_past_what_a_slot_packs_are_kept_aside() -> None:
    """Line 600,001 and column 5,000 do not fit a 4-byte slot: kept exactly all the same."""
    from ppcli.files.scalars import Context
    from ppcli.files.spec import load
    from ppcli.files.yamlsource import compose

    text = "\n" * 600_000 + "{place: '" + "x" * 5000 + "', days_off: [{date: 2024-01-02}]}\n"
    root = compose(text)
    assert root is not None
    where = Where("ppcli.yaml")
    ctx = Context("ppcli.yaml", where)
    config = load(root, CONFIG, ctx)
    assert ctx.diags == [] and config is not None and len(config.days_off) == 1
    assert where.at() == (600_001, 1)
    assert where.at("place") == (600_001, 9)
    assert where.at("days_off", 0, "date") == (600_001, 5031)


def test_a_long_list_has_a_slot_for_every_item() -> None:
    text = AGREEMENT_TEXT + "funding:\n" + "".join(f"  - nguồn {i}\n" for i in range(40))
    agreement, ctx = _loaded(text)
    assert ctx.diags == [] and len(agreement.funding) == 40
    assert agreement.where.at("funding", 39) == (67, 5)
    assert agreement.where.at("funding", 40) == (28, 3)  # past the end: the list
    assert repr(agreement.where) == "Where('ct-2022.yaml')"
    assert len({agreement.where, Where("ct-2022.yaml")}) == 1


def test_a_schedule_loads_without_positions() -> None:
    """``due`` never points into a file: its loads skip the side map, same model."""
    agreement, _ = _loaded(AGREEMENT_TEXT)
    bare, ctx, _ = load_agreement(Path("ct-2022.yaml"), "ct-2022.yaml",
                                  AGREEMENT_TEXT.encode("utf-8"), positions=False)
    assert bare == agreement and ctx.diags == []
    assert bare is not None and bare.where.at("records", 0, "date") == (1, 1)
