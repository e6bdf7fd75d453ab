"""Finding organisations as clerks name them: by code (``tinh-doan-ca-mau``), or by a
piece of the name, whatever the case and the diacritics (``tinh doan ca mau`` finds
"Tỉnh đoàn Cà Mau"). The one resolver every option that takes an organisation uses
(``--party``, ``--as``, ``--by``, ``new --party``); ``ppcli org`` lists what it searches.

Pure functions over the :class:`~ppcli.files.model.Registry`. Successors are not
followed here: the id found is the one the clerk meant, and the commands follow it to
its successors as they always did (an overdue report of a merged body falls on its
successor).
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from ppcli.errors import RequestError
from ppcli.files.model import Agreement, Organisation, Registry
from ppcli.i18n import Label, fold

if TYPE_CHECKING:
    from ppcli.files.repository import Repo

SHOWN = 6  # candidates named in a message when several organisations match


@functools.lru_cache(maxsize=1024)
def _words(org: Organisation) -> tuple[str, tuple[str, ...]]:
    """What a search looks in, folded: the whole text, and its words (the id split at
    its hyphens, the name, the short name, the document code, the province)."""
    text = " ".join(fold(t) for t in (org.id.replace("-", " "), org.name, org.short,
                                      org.code, org.province) if t)
    return text, tuple(text.replace(",", " ").split())


def _exact(org: Organisation) -> set[str]:
    return {fold(t) for t in (org.id, org.name, org.short) if t}


def search(registry: Registry, text: str | None = None) -> list[Organisation]:
    """The organisations ``text`` finds, in the registry's order: every word typed
    begins a word of the id, the name, the short name, the document code or the
    province (``doan ca mau``, ``snv``), or the text is part of them; every organisation
    without ``text``."""
    orgs = sorted(registry.orgs.values(), key=lambda o: registry.places.get(o.id, 0))
    wanted = fold(text or "").replace("-", " ").replace(",", " ").split()
    if not wanted:
        return orgs
    found = []
    for org in orgs:
        whole, words = _words(org)
        if all(any(w.startswith(q) for w in words) for q in wanted) or \
                " ".join(wanted) in whole:
            found.append(org)
    return found


def _named(orgs: Sequence[Organisation]) -> str:
    shown = ", ".join(f"{o.id} ({o.short or o.name})" for o in orgs[:SHOWN])
    return shown + (", …" if len(orgs) > SHOWN else "")


def resolve(registry: Registry, text: str, option: str,
            among: Collection[str] = ()) -> str:
    """The id of the one organisation ``text`` names (a code, or a piece of the name);
    a :class:`RequestError` naming ``option`` otherwise: with a did-you-mean when nothing
    matches, with the candidates when several do. ``among``: the organisations the
    option expects (a duty's reporters), preferred when the text finds several."""
    if text in registry.orgs:
        return text
    found: list[Organisation] = []
    if text.isprintable():  # a tab or a line break is a typing mistake, never ignored
        folded = fold(text)
        found = [o for o in registry.orgs.values() if folded in _exact(o)] or \
            search(registry, text)
        expected = [o for o in found if o.id in among]
        if len(found) > 1 and len(expected) == 1:
            return expected[0].id
    if len(found) == 1:
        return found[0].id
    if found:
        n = len(found)
        raise RequestError(Label(
            f"{option}: \"{text}\" khớp với {n} tổ chức: {_named(found)}; hãy ghi mã, hoặc "
            "thêm chữ cho rõ",
            f"{option}: \"{text}\" matches {n} organisations: {_named(found)}; give the code, "
            "or more of the name"))
    hint = did_you_mean(registry, text)
    raise RequestError(Label(
        f"{option}: không có tổ chức \"{text}\" trong danh mục{hint.vi}; xem danh sách: "
        "ppcli org",
        f"{option}: no organisation \"{text}\" in the registry{hint.en}; see the list: "
        "ppcli org"))


def did_you_mean(registry: Registry, text: str) -> Label:
    """The organisation whose code or name is closest to ``text``, if any is close."""
    folded = fold(text)
    names: dict[str, str] = {}
    for org in registry.orgs.values():
        for t in (org.id, org.name, org.short):
            if t:
                names.setdefault(fold(t), org.id)
    close = difflib.get_close_matches(folded, list(names), n=1, cutoff=0.6)
    if not close:
        return Label("", "")
    org = registry.orgs[names[close[0]]]
    return Label(f" (có phải ý bạn là \"{org.id}\" — {org.short or org.name}?)",
                 f" (did you mean \"{org.id}\" — {org.short or org.name}?)")


def resolve_for(registry: Registry, agreement: Agreement, item: str, text: str,
                option: str) -> str:
    """:func:`resolve`, preferring the reporters of the duty ``item`` (or the hosts of the
    conference) of ``agreement``."""
    duty, conf = agreement.duty(item), agreement.conference(item)
    return resolve(registry, text, option, duty.reporters if duty else
                   conf.hosts if conf else ())


# Abbreviations clerks and the press write for the bodies' names, folded (see
# :func:`ppcli.i18n.fold`), each with the words it stands for: ``expand`` makes "UBND
# tỉnh" and "Ủy ban nhân dân tỉnh", "Sở LĐ-TB&XH" and "Sở Lao động - Thương binh và Xã
# hội" the same words (``ppcli import`` matches the parties of a text with it).
ABBREVIATIONS: dict[str, str] = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "mttq": "mat tran to quoc",
    "mat tran to quoc viet nam": "mat tran to quoc",
    "ubmttq": "uy ban mat tran to quoc",
    "ldld": "lien doan lao dong",
    "hlhpn": "hoi lien hiep phu nu",
    "lhpn": "lien hiep phu nu",
    "ccb": "cuu chien binh",
    "hoi nd": "hoi nong dan",
    "dtn": "doan thanh nien",
    "tncs": "thanh nien cong san",
    "doan thanh nien cong san ho chi minh": "doan thanh nien",
    "doan tn": "doan thanh nien",
    "tw doan": "trung uong doan",
    "twdtn": "trung uong doan thanh nien",
    "ban thuong vu tinh doan": "tinh doan",  # the standing committee signs for it
    "thuong truc tinh doan": "tinh doan",
    "bch": "ban chap hanh",
    "btv": "ban thuong vu",
    "ubkt": "uy ban kiem tra",
    "dbqh": "dai bieu quoc hoi",
    "ld tb va xh": "lao dong thuong binh va xa hoi",
    "ldtbxh": "lao dong thuong binh va xa hoi",
    "ld tbxh": "lao dong thuong binh va xa hoi",
    "snv": "so noi vu",
    "tp": "thanh pho",
}
_ABBREVIATION = re.compile(r"\b(" + "|".join(
    re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True)) + r")\b")


def expand(text: str) -> str:
    """``text`` folded, its punctuation as spaces ("&" as "và"), every abbreviation of
    :data:`ABBREVIATIONS` written out: ``"Sở LĐ-TB&XH"`` → ``"so lao dong thuong binh va
    xa hoi"``, ``"UBND tỉnh"`` → ``"uy ban nhan dan tinh"``."""
    out = " ".join(re.sub(r"[^\w]+", " ", fold(text).replace("&", " va ")).split())
    for _ in range(3):  # "TNCS" written out may complete a longer name: again
        again = _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(1)], out)
        if again == out:
            break
        out = again
    return out


def lookup(repo: Repo, text: str | None = None) -> tuple[Registry, list[Organisation]]:
    """``ppcli org``: the repository's registry and the organisations ``text`` finds (all
    without it), in the registry's order."""
    from ppcli.files.repository import load_meta

    registry = load_meta(repo).registry
    return registry, search(registry, text)
