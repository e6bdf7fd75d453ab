"""Recognisers of what the parties undertake: the content areas (the numbered headings of
the coordination section, or the list a news article gives), who leads them ("X chủ trì,
phối hợp với Y"), funding, reporting duties ("định kỳ hằng năm … báo cáo … về Bộ Nội
vụ", "báo cáo tháng, quý, 6 tháng, hàng năm … và ngược lại", "trước ngày 15/12") and
review conferences ("sơ kết … vào năm 2024", "sơ kết hằng năm", a conference held).
Pure functions; organisations through a :class:`~ppcli.importer.parties.Matcher`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ppcli.importer.parties import Matcher, key
from ppcli.importer.recognise import dates_in
from ppcli.importer.text import Document, Found, flat, quote, sentence_case, years_spaced

_ROMAN = re.compile(r"^(?:[IVXLC]+\.|chuong\s+[ivxlc\d]+\b)")
_ARTICLE = re.compile(r"^dieu\s+\d+\s*[.:]?\s*")
_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+")
_LETTERED = re.compile(r"^[a-zđ]\)\s+")


@dataclass
class AreaFound:
    id: str
    title: str
    quote: str
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    lead_quote: str = ""


def slug(text: str, taken: set[str], words: int = 4) -> str:
    stop = {"va", "cac", "cua", "cho", "ve", "trong", "voi", "de", "nhung", "tren", "tai"}
    plain = re.sub(r"\b(?:phoi hop|cong tac|linh vuc)\b", " ",  # said of every area
                   re.sub(r"[^a-z0-9]+", " ", flat(text)))
    parts = [w for w in plain.split() if w not in stop]
    base = "-".join(parts[:words]) or "noi-dung"
    out, n = base, 2
    while out in taken:
        out, n = f"{base}-{n}", n + 1
    taken.add(out)
    return out


def _section(doc: Document, pattern: str) -> list[str]:
    """The lines under the first heading (I., II., Chương …, Điều …) whose words match
    ``pattern``, up to the next heading of its level."""
    for n, line in enumerate(doc.lines):
        folded = flat(line)
        if re.fullmatch(r"chuong\s+[ivxlc\d]+\.?", folded) and n + 1 < len(doc.lines):
            folded += " " + flat(doc.lines[n + 1])  # "Chương II" / "NỘI DUNG PHỐI HỢP"
        roman = bool(_ROMAN.match(line) or _ROMAN.match(folded))
        if (roman or _ARTICLE.match(folded)) and re.search(pattern, folded):
            out = []
            for nxt in doc.lines[n + 1:]:
                nf = flat(nxt)
                if (_ROMAN.match(nxt) or _ROMAN.match(nf)) if roman else \
                        (_ARTICLE.match(nf) or _ROMAN.match(nxt)):
                    break
                out.append(nxt)
            return out
    return []


def _leads(text: str, matcher: Matcher) -> tuple[list[str], list[str]]:
    """"X chủ trì, phối hợp với Y": X leads, Y supports (by clause)."""
    lead: list[str] = []
    support: list[str] = []
    for clause in re.split(r"[;.]", text):
        k = matcher.find(clause)
        words = key(clause)
        at = words.find("chu tri")
        if at < 0:
            continue
        helper = words.find("phoi hop", at)
        for start, _end, org in k:
            if start < at and org not in lead:
                lead.append(org)
            elif helper >= 0 and start > helper and org not in support:
                support.append(org)
    return lead, support


def areas(doc: Document, matcher: Matcher) -> list[AreaFound]:
    """The content areas: the numbered headings (or articles) of the section "Nội dung
    phối hợp", their lettered items as details; else the list a text gives ("8 nội dung
    cơ bản gồm: A; B; …", "những nội dung nổi bật như: …", "một số nhiệm vụ như: …")."""
    taken: set[str] = set()
    section = _section(doc, r"noi dung\b.*\bphoi hop|nhiem vu phoi hop|noi dung va phuong thuc")
    found: list[AreaFound] = []
    if section:
        by_article = any(_ARTICLE.match(flat(line)) for line in section)
        for line in section:
            folded = flat(line)
            head = _ARTICLE.match(folded) if by_article else _NUMBERED.match(line)
            if head:
                text = line[head.end():].strip(" .:")
                found.append(AreaFound(slug(text, taken), years_spaced(text), quote(line)))
            elif found and (m := _LETTERED.match(line) or
                            (_NUMBERED.match(line) if by_article else None)):
                found[-1].details.append(years_spaced(line[m.end():].strip()))
        for area in found:
            area.lead, area.support = _leads(" ".join([area.title, *area.details]), matcher)
            if area.lead:
                area.lead_quote = next((d for d in [area.title, *area.details]
                                        if "chu tri" in flat(d)), area.title)
        if found:
            return found
    for sentence in doc.sentences:
        m = re.search(r"\b(?:\d+|hai|ba|bon|nam|sau|bay|tam|chin|muoi)\s+noi dung[^:]{0,60}"
                      r"\b(?:gom|nhu)\s*:\s*|\bnhung noi dung (?:noi bat|chinh|co ban|chu yeu)"
                      r"\s+nhu\s*:\s*", sentence.flat)
        if m:
            items: list[str] = []
            for piece in sentence.text[m.end():].split(";"):
                piece = piece.strip().rstrip(".…").rstrip("/").strip(" .…")
                if not piece:
                    continue
                if items and piece[:1].islower():
                    items[-1] += "; " + piece
                else:
                    items.append(piece)
            return [AreaFound(slug(t, taken), years_spaced(sentence_case(t)),
                              quote(sentence.text)) for t in items]
    for n, sentence in enumerate(doc.sentences):
        m = re.search(r"\b(?:mot so )?nhiem vu (?:chu yeu |trong tam )?nhu\s*:\s*", sentence.flat)
        if m:
            first = sentence.text[m.end():].strip()
            rest = [s.text for s in doc.sentences[n + 1:] if s.line == sentence.line]
            items = [t.strip().rstrip(".… ") for t in [first, *rest] if t.strip()]
            return [AreaFound(slug(t, taken), years_spaced(sentence_case(t)), quote(t))
                    for t in items]
    return []


def funding(doc: Document) -> list[Found[str]]:
    """The sources of funding: the items of the section "Kinh phí"; else a sentence
    beginning "Kinh phí …"."""
    section = _section(doc, r"\bkinh phi\b")
    items = [Found(line[m.end():].strip(" ."), quote(line)) for line in section
             if (m := _NUMBERED.match(line) or _LETTERED.match(line) or
                 re.match(r"^[-–+•]\s+", line))]
    if items or section:
        return items or [Found(line.strip(" ."), quote(line)) for line in section]
    return [Found(s.text.strip(" ."), quote(s.text)) for s in doc.sentences
            if s.flat.startswith("kinh phi ") and re.search(r"\b(tu|do|bang)\b", s.flat)][:3]


# -- duties ---------------------------------------------------------------------------------

FREQUENCY_IDS = {"hang-nam": "bao-cao-nam", "nua-nam": "bao-cao-6-thang",
                 "hang-quy": "bao-cao-quy", "hang-thang": "bao-cao-thang"}
FREQUENCY_WORDS = {"hang-nam": "năm", "nua-nam": "6 tháng", "hang-quy": "quý",
                   "hang-thang": "tháng"}
# "báo cáo tháng, quý, 6 tháng, hàng năm", "báo cáo quý" (not "báo cáo năm 2024")
_LIST = re.compile(r"\bbao cao\s+((?:(?:6 thang|sau thang|hang nam|hang quy|hang thang|thang|quy|"
                   r"nam)(?!\s*\d)(?:,\s*|\s+va\s+|\s+hoac\s+|\s+)?)+)")


def frequencies(folded: str) -> list[str]:
    """The reporting frequencies a (folded) sentence names, in the format's words."""
    out: list[str] = []
    listed = _LIST.search(folded)
    text = listed.group(1) if listed else folded
    if re.search(r"\b(?:6|sau) thang\b|\bnua nam\b", text):
        out.append("nua-nam")
    text = re.sub(r"\b(?:6|sau) thang\b", " ", text)
    text = re.sub(r"\b(?:ngay\s+\d+\s+)?thang\s+\d+|\d+/\d+", " ", text)  # dates are no frequency
    bare = listed is not None
    if re.search(r"\b(?:hang|moi) quy\b|\btheo quy\b(?! dinh| che)" + (r"|\bquy\b" if bare else ""),
                 text):
        out.insert(0, "hang-quy")
    if re.search(r"\b(?:hang|moi) thang\b" + (r"|\bthang\b" if bare else ""), text):
        out.insert(0, "hang-thang")
    if re.search(r"\b(?:hang|moi) nam\b|\bdinh ky nam\b" + (r"|\bnam\b" if bare else ""), text):
        out.append("hang-nam")
    return out


_DEADLINE = re.compile(r"\b(?:truoc|cham nhat(?: la)?(?: vao)?|han chot(?: la)?)\s+ngay\s+"
                       r"(\d{1,2})(?:\s*/\s*(\d{1,2})|\s+thang\s+(\d{1,2}))?\b")
_FREQ_AT = re.compile(r"(?P<half>\b(?:6|sau) thang\b|\bnua nam\b)|(?P<year>\b(?:hang|moi) nam\b|"
                      r"\bnam\b(?!\s+\d))|(?P<quarter>\bquy\b(?! dinh| che))|"
                      r"(?P<month>\bthang\b(?!\s+\d))")
_GROUPS = {"half": "nua-nam", "year": "hang-nam", "quarter": "hang-quy", "month": "hang-thang"}


def _fits(freq: str, month: int | None) -> bool:
    """Whether "trước ngày D/M" can be the deadline of a report of ``freq``: a day of the
    period's last month (the format's ``{day}``; for a yearly report ``{day, month}`` in
    December)."""
    if month is None:
        return freq != "hang-nam"
    return {"hang-nam": month == 12, "nua-nam": month in (6, 12),
            "hang-quy": month in (3, 6, 9, 12)}.get(freq, False)


def deadline_for(folded: str, freq: str, several: bool) -> dict[str, int]:
    """The deadline a (folded) clause gives a report of ``freq``: "trước ngày 15/12",
    "chậm nhất ngày 20 hằng tháng". With several frequencies in the clause, only a deadline
    written right after this frequency is its ("6 tháng (trước ngày 15/6) và hằng năm
    (trước ngày 15/12)"); one that fits no period's end is nobody's (left to the clerk)."""
    phrases = [(m.start(), _GROUPS[m.lastgroup or ""]) for m in _FREQ_AT.finditer(folded)]
    for m in _DEADLINE.finditer(folded):
        day, month = int(m[1]), int(m[2] or m[3] or 0) or None
        if not 1 <= day <= 31 or not _fits(freq, month):
            continue
        before = [f for pos, f in phrases if pos < m.start()]
        if several and (not before or before[-1] != freq):
            continue
        return {"day": day, "month": 12} if freq == "hang-nam" else {"day": day}
    return {}


@dataclass
class DutyFound:
    id: str
    title: str
    reporters: list[str]
    recipients: list[str]
    frequency: str
    quote: str
    deadline: dict[str, int] = field(default_factory=dict)
    reporter_note: str = ""


@dataclass
class Loose:
    """A finding that could not become a value (a party not found, a key the format
    does not have yet): its words, for the commented skeleton."""

    what: str
    quote: str
    yaml: str = ""  # a commented example to fill in


def _context(doc: Document, matcher: Matcher) -> dict[int, str]:
    """For each line of the sections on who does what ("Tổ chức thực hiện", "Trách
    nhiệm"), the one party its heading names ("1. Sở Nội vụ")."""
    out: dict[int, str] = {}
    current: str | None = None
    inside = False
    for n, line in enumerate(doc.lines):
        folded = flat(line)
        if _ROMAN.match(line) or _ROMAN.match(folded) or _ARTICLE.match(folded):
            inside = bool(re.search(r"to chuc thuc hien|trach nhiem", folded))
            current = None
            if inside and _ARTICLE.match(folded):
                found = {o for _s, _e, o in matcher.find(line)}
                current = found.pop() if len(found) == 1 else None
        elif inside and (m := _NUMBERED.match(line)):
            current = matcher.one(line[m.end():].strip(" .:"))
        if inside and current:
            out[n] = current
    return out


def duties(doc: Document, matcher: Matcher, parties: list[str]
           ) -> tuple[list[DutyFound], list[Loose]]:
    """Reporting duties: a sentence that reports ("báo cáo", "thông báo") at a frequency;
    the reporter from its section's heading, "của X", or the body named before the verb;
    the recipient after "về", "gửi", "cho"; "và ngược lại" adds the other way."""
    context = _context(doc, matcher)
    out: list[DutyFound] = []
    loose: list[Loose] = []
    taken: set[str] = set()
    for sentence in doc.sentences:
        for clause in re.split(r";", sentence.text):
            folded = flat(clause)
            verb = re.search(r"\b(?:bao cao|thong bao)\b", folded)
            if verb is None or re.search(r"\b(?:so ket|tong ket)\b", folded):
                continue
            freqs = frequencies(folded)
            if not freqs:
                continue
            before, after = clause[:verb.start()], clause[verb.end():]
            reporters: list[str] = []
            note = ""
            if sentence.line in context:
                reporters = [context[sentence.line]]
            elif of := re.search(r"\bcua\s+(.+?)(?:\s+(?:da|se|phai)\b|\s+gui\b|$)", flat(after)):
                named = after[of.start(1):of.end(1)]
                one = matcher.one(named)
                if one is None and (one := matcher.group(named)):
                    note = (f"\"{named.strip()}\" coi là {matcher.registry.name(one)} "
                            "(cùng là nhóm các tổ chức của tỉnh)")
                reporters = [one] if one else []
            if not reporters:
                named = [(s, o) for s, _e, o in matcher.find(before)]
                words = key(before)  # the matcher's positions are in its own words
                named = [(s, o) for s, o in named
                         if not re.search(r"\bvoi(?:\s+\S+){0,3}\s*$", words[:s])]
                reporters = [named[-1][1]] if named else []
            to = re.search(r"\b(?:ve|gui|cho|len|toi)\s+", flat(after))
            recipients: list[str] = []
            if to:
                tail = after[to.end():]
                cut = re.search(r"[,;.]|\bva\b|\bde\b", flat(tail))
                recipients = [o for _s, _e, o in
                              matcher.find(tail[:cut.start()] if cut else tail)][:1]
            if not recipients:  # "Tỉnh đoàn báo cáo UBND tỉnh kết quả …": right after the verb
                direct = matcher.find(after)
                recipients = [direct[0][2]] if direct and direct[0][0] == 0 else []
            cited = quote(sentence.text)
            if not reporters or not recipients or reporters == recipients:
                loose.append(Loose("nghĩa vụ báo cáo: chưa xác định được " + (
                    "bên báo cáo" if not reporters else "nơi nhận") + " trong danh mục", cited,
                    "# duties:\n#   - id: bao-cao-…\n#     from: …\n#     to: …\n"
                    f"#     frequency: {freqs[0]}"))
                continue
            title = ""
            if t := re.search(r"\b(bao cao|thong bao)\b(?:[^,;.]{0,60}?\s)?"
                              r"(ket qua|tinh hinh|thuc hien)\b", folded):
                end = re.search(r"\s(?:ve|gui|cho|len|theo|dinh ky)\s|[,;.]", folded[t.end():])
                title = sentence_case(clause[t.start(1):t.end(1)] + " " + clause[
                    t.start(2):t.end() + (end.start() if end else len(folded) - t.end())])
            directions = [(reporters, recipients)]
            if re.search(r"\bva nguoc lai\b", folded):
                directions.append((recipients, reporters))
            for n, (src, dst) in enumerate(directions):
                for freq in freqs:
                    base = FREQUENCY_IDS[freq] + ("-nguoc-lai" if n else "")
                    duty_id, k = base, 2
                    while duty_id in taken:
                        duty_id, k = f"{base}-{k}", k + 1
                    taken.add(duty_id)
                    out.append(DutyFound(duty_id, title or f"Báo cáo {FREQUENCY_WORDS[freq]}",
                                         list(src), list(dst), freq, cited,
                                         deadline_for(folded, freq, len(freqs) > 1), note))
    return out, loose


# -- conferences ----------------------------------------------------------------------------

_CONF_KIND = re.compile(r"\b(so ket|tong ket)\b")


@dataclass
class ConferenceFound:
    id: str
    kind: str
    title: str
    hosts: list[str]
    quote: str
    planned: str = ""  # 2024, 2024-06, or a date; "" for a recurring one
    frequency: str = ""
    held: dt.date | None = None
    hosts_inferred: bool = False
    year_note: str = ""


_EVERY = r"\b(?:hang|moi) (nam|quy|thang)\b|\b(?:6|sau) thang\b"
_EVERY_WORDS = {"nam": "hang-nam", "quy": "hang-quy", "thang": "hang-thang"}


def _every(folded: str, clause: str, kind: re.Match[str]) -> tuple[str, str] | None:
    """How often a review recurs ("sơ kết đánh giá hàng năm", "Hằng năm, hai bên tổ chức
    sơ kết"): the frequency, and the review's name with it, as written."""
    m = re.search(_EVERY, folded[kind.end():kind.end() + 40])
    if m:
        return _EVERY_WORDS.get(m[1] or "", "nua-nam"), clause[kind.start():kind.end() + m.end()]
    m = re.match(r"\s*(?:" + _EVERY + ")", folded[:kind.start()])
    if m:
        return _EVERY_WORDS.get(m[1] or "", "nua-nam"), \
            f"{clause[kind.start():kind.end()]} {clause[m.start():m.end()].strip().lower()}"
    return None


def _hosts(clause: str, line: str, matcher: Matcher, parties: list[str]) -> list[str]:
    if ":" in line and (head := line.split(":", 1)[0]) and len(head) < 120:
        found = [o for _s, _e, o in matcher.find(head)]
        if found:
            return list(dict.fromkeys(found))
    at = flat(clause).find("to chuc")
    if at > 0:
        found = list(dict.fromkeys(o for _s, _e, o in matcher.find(clause[:at])))
        if found:
            return found
        if re.search(r"\b(?:hai|cac|ca hai) ben\b", flat(clause[:at])):  # "hai bên tổ chức"
            return list(parties)
    return []


def conferences(doc: Document, matcher: Matcher, parties: list[str],
                year_of: dict[int, tuple[int, str]] | None = None) -> list[ConferenceFound]:
    """Review conferences: planned in a year ("sơ kết … vào năm 2024"), recurring ("sơ
    kết hằng năm"), or held on a day the text gives ("Chiều 29/1, UBND tỉnh tổ chức Hội
    nghị sơ kết …"; ``year_of`` maps a sentence index to the year inferred for its day)."""
    out: list[ConferenceFound] = []
    taken: set[str] = set()
    for index, sentence in enumerate(doc.sentences):
        line = doc.lines[sentence.line]
        carried: list[str] = []  # "hai bên tổ chức sơ kết …; tổ chức tổng kết …": one subject
        for clause in sentence.text.split(";"):
            folded = flat(clause)
            kind = _CONF_KIND.search(folded)
            if kind is None or folded.startswith("can cu"):
                continue
            word = kind[1].replace(" ", "-")
            hosts = _hosts(clause, line, matcher, parties) or carried
            carried = hosts
            if m := re.search(r"\b(?:vao\s+)?(?:thang\s+(\d{1,2})\s*(?:nam\s+|/)|(?:cuoi\s+|dau\s+)?"
                              r"nam\s+)(\d{4})\b", folded[kind.end():]):
                year = int(m[2])
                planned = f"{year}-{int(m[1]):02d}" if m[1] else str(year)
                start = folded.find("hoi nghi")
                start = start if 0 <= start < kind.start() + 1 else kind.start()
                title = clause[start:kind.end() + m.start()].strip(" ,.")
                out.append(ConferenceFound(slug(f"{word} {planned}", taken, 5), word,
                                           years_spaced(sentence_case(title)), hosts or list(parties),
                                           quote(sentence.text), planned,
                                           hosts_inferred=not hosts))
            elif every := _every(folded, clause, kind):
                freq, said = every
                out.append(ConferenceFound(slug(f"{word} {freq}", taken, 5), word,
                                           sentence_case(said.strip()),
                                           hosts or list(parties), quote(sentence.text),
                                           frequency=freq, hosts_inferred=not hosts))
            elif (held := re.search(r"\bto chuc\s+hoi nghi\s+(?:so ket|tong ket)", folded)) and \
                    (days := dates_in(clause[:held.start()])):
                day = days[0]
                year = day.year or (year_of or {}).get(index, (0, ""))[0]
                when = day.date(year) if year else None
                if when is None:
                    continue
                end = re.search(r"\s+giua\s+(?!nhiem ky)|[.,;]", folded[held.start() + 8:])
                title = clause[held.start() + 8:held.start() + 8 + end.start() if end else
                               len(clause)].strip()
                out.append(ConferenceFound(
                    slug(f"{word} {when.year}", taken, 5), word, years_spaced(sentence_case(title)),
                    hosts or list(parties), quote(sentence.text), when.isoformat(), held=when,
                    hosts_inferred=not hosts,
                    year_note="" if day.year else (year_of or {}).get(index, (0, ""))[1]))
    return out
