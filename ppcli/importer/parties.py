"""The parties of a text matched against the registry, and who signed for them.

Names are compared as :func:`ppcli.files.organisations.expand` writes them (folded,
abbreviations written out: "UBND tỉnh" is "Ủy ban nhân dân tỉnh"), so a text with or
without diacritics, with "Sở LĐ-TB&XH" or the full name, finds the same body. A text
rarely names its province beside every body ("UBND tỉnh và Tỉnh đoàn"): the province the
text names most often completes the names. A body that had ended by the signing date is
replaced by the one acting for it then (:meth:`Registry.successors_on`), said as inferred.
A name found nowhere in the registry becomes a proposed organisation for the clerk to
confirm.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from ppcli.files.model import Registry
from ppcli.files.organisations import expand
from ppcli.importer.text import Document, Found, Sentence, flat, quote, sentence_case

# names holding "và" or a comma that are one body, not two
_COMPOUNDS = ("lao dong, thuong binh va xa hoi", "thuong binh va xa hoi", "tuyen giao va dan van",
              "nong nghiep va phat trien nong thon", "nong nghiep va moi truong",
              "tai nguyen va moi truong", "giao duc va dao tao", "khoa hoc va cong nghe",
              "thong tin va truyen thong", "ke hoach va dau tu", "van hoa, the thao va du lich",
              "xay dung va phat trien", "chinh tri - xa hoi")
MAX_PARTIES = 60
_NUMBERS = {"hai": 2, "ba": 3, "bon": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9,
            "muoi": 10}


@dataclass(frozen=True)
class PartyFound:
    name: str  # as written in the text
    org: str  # the registry id, or a proposed id when ``proposed``
    quote: str
    inferred: str = ""
    proposed: bool = False
    kind: str = ""  # the proposed organisation's kind


def key(text: str) -> str:
    return expand(text)


class Matcher:
    """Finds the registry's bodies in a piece of text: every way a body's name is
    written (name, short name, without the province when the text's province is the
    body's, without "Ban Chấp hành"); a way shared by two bodies names neither."""

    def __init__(self, registry: Registry, province: str | None) -> None:
        self.registry = registry
        self.province = province
        forms: dict[str, set[str]] = {}
        pk = key(province) if province else ""
        for org in registry.orgs.values():
            for name in (org.name, org.short):
                if not name:
                    continue
                whole = key(name)
                variants = {whole}
                # the text's province: the body's own, or (none recorded) its name's
                own = bool(pk) and (key(org.province) == pk if org.province else
                                    whole.endswith(" " + pk))
                if own and whole.endswith(" " + pk):
                    base = whole[:-len(pk) - 1]
                    bare = base[:-5] if base.endswith(" tinh") else base
                    variants |= {base, bare, f"{bare} {pk}"}
                    if base.endswith(" tinh uy"):  # "Ban Tuyên giáo Tỉnh ủy": "Ban Tuyên giáo"
                        variants.add(base[:-8])
                variants |= {v[len("ban chap hanh "):] for v in variants
                             if v.startswith("ban chap hanh ")}
                for v in variants:
                    if len(v.split()) >= 2:
                        forms.setdefault(v, set()).add(org.id)
        self.forms = {f: next(iter(ids)) for f, ids in forms.items() if len(ids) == 1}
        self._pattern = re.compile(r"\b(?:" + "|".join(
            re.escape(f) for f in sorted(self.forms, key=len, reverse=True)) + r")\b") \
            if self.forms else None

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, org id) of every body named in ``text``, in the expanded text."""
        if self._pattern is None:
            return []
        return [(m.start(), m.end(), self.forms[m.group()])
                for m in self._pattern.finditer(key(text))]

    def one(self, name: str) -> str | None:
        """The body a name (one party of a list) is, if it is exactly one: its words are
        one of the body's forms, alone or with the text's province."""
        k = key(name)
        if k in self.forms:
            return self.forms[k]
        if self.province:
            pk = key(self.province)
            for candidate in (f"{k} {pk}", f"{k[:-5]} {pk}" if k.endswith(" tinh") else ""):
                if candidate in self.forms:
                    return self.forms[candidate]
        found = self.find(name)
        if len(found) == 1 and found[0][1] - found[0][0] >= len(k) - 6:
            return found[0][2]
        return None


    def group(self, name: str) -> str | None:
        """A group named loosely ("các đoàn thể nhân dân" for "Các đoàn thể chính trị - xã
        hội tỉnh"): the one group of bodies (kind ``nhom``) of the text's province whose
        name or short name begins with the same three words. For an inference only."""
        words = key(name).split()[:3]
        if len(words) < 3 or words[0] != "cac" or not self.province:
            return None
        pk = key(self.province)
        found = {o.id for o in self.registry.orgs.values()
                 if self.registry.is_group(o.id) and key(o.province) == pk and
                 any(key(n).split()[:3] == words for n in (o.name, o.short) if n)}
        return found.pop() if len(found) == 1 else None


def province(doc: Document, registry: Registry) -> Found[str] | None:
    """The province the text is about: of the registry's provinces, the one it names most
    (a tie names none); else the one a news site's address carries ("binhdinh.gov.vn"),
    said as inferred."""
    names = {o.province for o in registry.orgs.values() if o.province}
    text = flat(doc.text)
    counts = Counter({p: len(re.findall(rf"\b{re.escape(flat(p))}\b", text)) for p in names})
    best = counts.most_common(2)
    if best and best[0][1] and (len(best) == 1 or best[0][1] > best[1][1]):
        name = best[0][0]
        first = next(s for s in doc.sentences if re.search(rf"\b{re.escape(flat(name))}\b", s.flat))
        return Found(name, quote(first.text))
    for name in sorted(names):
        joined = flat(name).replace(" ", "")
        m = re.search(rf"\b(?:{joined}\.gov\.vn|bao{joined}\.vn)\b", text)
        if m:
            first = next(s for s in doc.sentences if joined in s.flat)
            return Found(name, quote(first.text),
                         f"văn bản không nêu tên tỉnh; suy ra từ địa chỉ trang tin \"{m.group()}\"")
    return None


def _protected(text: str) -> tuple[str, list[str]]:
    """``text`` with its compound names (holding "và" or commas) hidden as tokens."""
    kept: list[str] = []
    folded = flat(text)
    for phrase in _COMPOUNDS:
        while (at := folded.find(phrase)) >= 0:
            token = f"\x00{len(kept)}\x00"
            kept.append(text[at:at + len(phrase)])
            text = text[:at] + token + text[at + len(phrase):]
            folded = folded[:at] + token + folded[at + len(phrase):]
    return text, kept


def split_names(text: str) -> list[str]:
    """A list of bodies as a text writes it ("A, B với C, D và E") as names; "Sở Lao
    động - Thương binh và Xã hội" stays one."""
    hidden, kept = _protected(text)
    pieces = re.split(r",\s*|\s+(?:và|với|va|voi)\s+", hidden)
    out = []
    for piece in pieces:
        piece = re.sub("\x00(\\d+)\x00", lambda m: kept[int(m[1])], piece).strip(" .;:")
        if piece:
            out.append(piece)
    return out


def _between(title: str) -> str | None:
    """The names after "giữa" in a title (up to the period, "giai đoạn …")."""
    folded = flat(title)
    m = re.search(r"\bgiua\s+(?!nhiem ky)", folded)
    if m is None:
        return None
    stop = re.search(r"\s(?:giai doan|nhiem ky|nam \d{4}|ve)\b|[.;]", folded[m.end():])
    return title[m.end():m.end() + stop.start() if stop else len(title)]


def _members(doc: Document) -> tuple[list[str], Sentence] | None:
    """"… ký kết quy chế phối hợp với 4 tổ chức …, gồm: A, B, C, D": the members."""
    for sentence in doc.sentences:
        m = re.search(r"\bvoi\s+(\d+|" + "|".join(_NUMBERS) + r")\s+(?:to chuc|co quan|don vi|"
                      r"doan the|hoi)\b[^:]*?\bgom\s*:?\s*", sentence.flat)
        if m is None or "ky" not in sentence.flat:
            continue
        names = split_names(sentence.text[m.end():])
        count = int(m[1]) if m[1].isdigit() else _NUMBERS[m[1]]
        if len(names) == count:
            return names, sentence
    return None


_KINDS = (("uy ban nhan dan", "ubnd"), ("thuong truc hoi dong nhan dan", "hdnd"),
          ("hoi dong nhan dan", "hdnd"), ("cac ", "nhom"), ("so ", "so"), ("bo ", "bo"),
          ("uy ban mat tran to quoc", "mttq"), ("mat tran to quoc", "mttq"),
          ("doan dai bieu quoc hoi", "quoc-hoi"), ("ban can su dang", "dang"),
          ("dang uy", "dang"), ("ban tuyen giao", "dang"), ("ban dan van", "dang"),
          ("uy ban kiem tra", "dang"), ("tinh uy", "dang"), ("tinh doan", "doan-tncs"),
          ("doan thanh nien", "doan-tncs"), ("ban chap hanh doan", "doan-tncs"),
          ("hoi ", "doan-the"), ("lien doan lao dong", "doan-the"),
          ("toa an", "tu-phap"), ("vien kiem sat", "tu-phap"))


def org_kind(name: str) -> str:
    """The registry kind a body's name suggests (``khac`` when nothing does)."""
    k = key(name)
    return next((kind for start, kind in _KINDS if k.startswith(start)), "khac")


def proposed_id(name: str, province: str | None, taken: set[str]) -> str:
    slug = "-".join(re.sub(r"[^a-z0-9]+", " ", flat(name).replace("&", " ")).split())[:50]
    if province and not slug.endswith(key(province).replace(" ", "-")):
        slug += "-" + key(province).replace(" ", "-")
    slug = slug.strip("-") or "to-chuc"
    out, n = slug, 2
    while out in taken:
        out, n = f"{slug}-{n}", n + 1
    taken.add(out)
    return out


def parties(doc: Document, title_text: str, title_quote: str, matcher: Matcher,
            signed: dt.date | None, province_note: str = "") -> tuple[list[PartyFound], str]:
    """The parties named in the title ("giữa A và B"); a group ("các tổ chức chính trị -
    xã hội") replaced by its members when the text lists them ("với 4 tổ chức …, gồm:
    …"). Returns them and a note to the clerk ("" when there is none)."""
    between = _between(title_text)
    if between is None:
        return [], ""
    names = split_names(between)
    note = ""
    if len(names) > MAX_PARTIES:  # no agreement has more: a text that is no title
        names = names[:MAX_PARTIES]
        note = f"chỉ lấy {MAX_PARTIES} bên đầu tiên của danh sách"
    members = _members(doc)
    out: list[PartyFound] = []
    taken = set(matcher.registry.orgs)
    for name in names:
        listed = [(n, members[1]) for n in members[0]] if members and \
            flat(name).startswith("cac ") else [(name, None)]
        if listed[0][1] is not None and members:
            note = (f"văn bản nói ký kết với {len(members[0])} tổ chức: có thể là "
                    f"{len(members[0])} văn bản riêng, mỗi văn bản hai bên; nếu vậy hãy tách "
                    "thành từng tệp")
        for written, sentence in listed:
            cited = quote(sentence.text) if sentence else title_quote
            org = matcher.one(written)
            if org is None:
                if any(p.proposed and key(p.name) == key(written) for p in out):
                    continue  # named twice: one body
                out.append(PartyFound(written, proposed_id(written, matcher.province, taken),
                                      cited, proposed=True, kind=org_kind(written)))
                continue
            inferred = province_note if province_note and matcher.province and \
                key(matcher.province) not in key(written) else ""
            acting = matcher.registry.successors_on(org, signed) if signed else (org,)
            if signed and acting != (org,) and len(acting) == 1:
                ended = matcher.registry.orgs[org].ended
                when = ended.date.strftime("%d/%m/%Y") if ended else "?"
                inferred = "; ".join(x for x in (inferred, (
                    f"\"{written}\" là {matcher.registry.name(org)}, đã kết thúc từ {when}; "
                    f"ngày ký {signed:%d/%m/%Y} bên kế thừa là {matcher.registry.name(acting[0])}"))
                    if x)
                org = acting[0]
            if all(p.org != org for p in out):
                out.append(PartyFound(written, org, cited, inferred))
    return out, note


# -- signers --------------------------------------------------------------------------------

_SURNAMES = frozenset(re.findall(r"\w+", """
    nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly lam doan truong
    dinh mai trinh dao cao luu ta ha chau thai to quach kieu luong tang van trieu chu la tu
    thach kim danh y ksor nong lo hua diep giang khuu lai mac ong ton thi quan tieu au"""))


@dataclass(frozen=True)
class SignerFound:
    name: str
    position: str
    authority: str = ""


def person(text: str) -> SignerFound | None:
    """"Phó Chủ tịch Thường trực UBND tỉnh Nguyễn Tuấn Thanh": the name (the last 2 to 4
    capitalised words, beginning with a family name) and the position before it."""
    words = text.strip(" ,.;").split()
    n = len(words)
    run = 0
    while run < n and words[n - 1 - run][:1].isupper() and words[n - 1 - run].isalpha() \
            and not words[n - 1 - run].isupper():
        run += 1
    for size in range(min(run, 4), 1, -1):
        name = words[n - size:]
        if flat(name[0]) in _SURNAMES and flat(" ".join(name)) != "ho chi minh":
            position = " ".join(words[:n - size]).strip(" ,-–")
            return SignerFound(" ".join(name), position) if position else None
    return None


def _party_of(text: str, matcher: Matcher, ids: list[str]) -> str | None:
    found = {org for _s, _e, org in matcher.find(text) if org in ids}
    return found.pop() if len(found) == 1 else None


_CAPS_POSITIONS = {"chu tich": "Chủ tịch", "pho chu tich": "Phó Chủ tịch", "bi thu": "Bí thư",
                   "pho bi thu": "Phó Bí thư", "giam doc": "Giám đốc",
                   "pho giam doc": "Phó Giám đốc", "truong ban": "Trưởng ban",
                   "pho truong ban": "Phó Trưởng ban", "chanh van phong": "Chánh Văn phòng"}


def signers(doc: Document, matcher: Matcher, ids: list[str], signed_here: bool
            ) -> dict[str, Found[SignerFound]]:
    """Who signed for which party: "thay mặt X, <chức vụ> <Họ tên> (đã) ký …"; a
    signature block ("TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH" / the name); and, inferred, the
    two who "đồng chủ trì" the signing ceremony (only in a text about a signing)."""
    out: dict[str, Found[SignerFound]] = {}
    for sentence in doc.sentences:
        m = re.search(r"\bthay mat\s+([^,]+),\s*(.+?)\s+(?:da\s+)?ky\b", sentence.flat)
        if m:
            org = _party_of(sentence.text[m.start(1):m.end(1)], matcher, ids)
            who = person(sentence.text[m.start(2):m.end(2)])
            if org and who and org not in out:
                out[org] = Found(who, quote(sentence.text))
    lines = doc.lines
    for n, line in enumerate(lines):
        m = re.match(r"^(TM|KT|TL|TUQ|Q)\.\s*(.+)$", line)
        if m is None:
            continue
        block = lines[n + 1:n + 5]
        position = next((b for b in block if b.isupper() and not b.startswith(("TM.", "KT."))),
                        "")
        name = next((b for b in block if person("X " + b) and not b.isupper()
                     and len(b.split()) <= 5), "")
        org = _party_of(m[2], matcher, ids)
        if org and name and org not in out:
            shown = _CAPS_POSITIONS.get(flat(position).strip(), sentence_case(position.lower()))
            # "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH": the last one signs
            upto = block[:block.index(position)] if position in block else []
            authority = next((b for b in reversed(upto) if re.match(r"^(TM|KT|TL|TUQ|Q)\.", b)),
                             line).strip()
            out[org] = Found(SignerFound(name.strip(), shown, authority),
                             quote(" / ".join([line, *block[:3]])))
    if signed_here:
        for sentence in doc.sentences:
            m = re.search(r"\s+dong chu tri\b", sentence.flat)
            if m is None:
                continue
            for piece in re.split(r"\s+và\s+", sentence.text[:m.start()]):
                who = person(piece)
                org = _party_of(who.position, matcher, ids) if who else None
                if who and org and org not in out:
                    out[org] = Found(who, quote(sentence.text),
                                     "văn bản nói người này đồng chủ trì hội nghị ký kết, "
                                     "không nói rõ ai ký")
    return out
