"""Recognisers of the document as a whole: dates in every form, the signing date, the
kind and title, the number and symbol, the period, the legal basis, the parent programme
(``implements``), the text replaced (``replaces``), the issuing decision (``issued_by``).

Pure functions over a :class:`~ppcli.importer.text.Document`; each returns
:class:`~ppcli.importer.text.Found` values quoting their sentence, or None. Matching is
done on :func:`~ppcli.importer.text.flat` text (no case, no diacritics), values are sliced
from the original at the same positions.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ppcli.importer.text import Document, Found, Sentence, flat, quote, sentence_case, years_spaced

# -- dates ----------------------------------------------------------------------------------

_DATE_WORDS = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})\b")
_DATE_NUMBERS = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/-]|\.\d)")
# a day without its year: "ngày 31/5", "Chiều 22/9", "Sáng 26.4", "hôm 3/2"
_DATE_PART = re.compile(r"\b(?:ngay|sang|chieu|toi|trua|dem|hom)\s+(?:nay\s+|ngay\s+)?"
                        r"(\d{1,2})([/.])(\d{1,2})(?!\d|[/.]\d)")
_DATE_PART_WORDS = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\b(?!\s+nam\s+\d)")


@dataclass(frozen=True)
class DateMention:
    day: int
    month: int
    year: int | None  # None: the text gives no year
    start: int
    end: int

    def date(self, year: int | None = None) -> dt.date | None:
        try:
            return dt.date(year or self.year or 0, self.month, self.day)
        except ValueError:
            return None


def dates_in(text: str) -> list[DateMention]:
    """Every date written in ``text``, in order: "ngày 31 tháng 5 năm 2023", "31/5/2023",
    "31.5.2023", and days without a year ("ngày 31/5", "Chiều 22/9", "26.4" after a
    time of day, "ngày 31 tháng 5")."""
    folded = flat(text)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(day: str, month: str, year: str | None, start: int, end: int) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        mention = DateMention(int(day), int(month), int(year) if year else None, start, end)
        if mention.date(mention.year or 2000) is not None:
            found.append(mention)
            taken.append((start, end))

    for m in _DATE_WORDS.finditer(folded):
        add(m[1], m[2], m[3], m.start(), m.end())
    for m in _DATE_NUMBERS.finditer(folded):
        add(m[1], m[3], m[4], m.start(), m.end())
    for m in _DATE_PART.finditer(folded):
        add(m[1], m[3], None, m.start(1), m.end())
    for m in _DATE_PART_WORDS.finditer(folded):
        add(m[1], m[2], None, m.start(), m.end())
    return sorted(found, key=lambda d: d.start)


def dateline(doc: Document) -> Found[dt.date] | None:
    """The date a news page was published ("08:59 01/06/2023", "29/01/2024 16:30"): a
    short line near the top that is mostly a full date."""
    for line in doc.lines[:6]:
        if len(line) > 60 or re.search(r"\bky\b", flat(line)):
            continue
        for mention in dates_in(line):
            day = mention.date()
            if mention.year is not None and day is not None and \
                    not re.search(r"\bngay\b", flat(line)):
                return Found(day, quote(line))
    return None


# -- periods --------------------------------------------------------------------------------

_PERIOD = re.compile(r"\b(giai doan|nhiem ky)\s+(\d{4})\s*[-–—]\s*(\d{4})\b")


@dataclass(frozen=True)
class Span:
    word: str  # 'giai đoạn' or 'nhiệm kỳ'
    first: int
    last: int

    @property
    def term(self) -> bool:
        return self.word == "nhiem ky"


def span_in(text: str) -> Span | None:
    """The first "giai đoạn 2023 - 2027" or "nhiệm kỳ 2021-2026" of ``text``."""
    m = _PERIOD.search(flat(text))
    if m is None or not 1900 <= int(m[2]) <= int(m[3]) <= 2999:
        return None
    return Span(m[1], int(m[2]), int(m[3]))


# -- the signing ----------------------------------------------------------------------------

_HEADER_DATE = re.compile(r"^([^,\d]{2,40}),\s*ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+"
                          r"(\d{4})\s*$")
_SIGNING = re.compile(r"\bky ket\b|\ble ky\b|\bda ky\b|\bky ban hanh\b")


@dataclass(frozen=True)
class Signing:
    sentence: Sentence
    mention: DateMention | None  # the date in it, if any
    place: str = ""  # from a header line "Kiên Giang, ngày 31 tháng 5 năm 2023"


def signing(doc: Document) -> Signing | None:
    """Where the text says when it was signed: a header line "Nơi, ngày … tháng … năm …",
    else the first sentence that speaks of signing ("ký kết", "lễ ký") and holds a date;
    else the first that speaks of signing at all (it may still give the period)."""
    for sentence in doc.sentences[:40]:
        if m := _HEADER_DATE.match(sentence.flat):
            mention = DateMention(int(m[2]), int(m[3]), int(m[4]), m.start(2), m.end())
            if mention.date() is not None:
                return Signing(sentence, mention, sentence.text[:m.end(1)].strip())
    first: Signing | None = None
    for sentence in doc.sentences:
        if not _SIGNING.search(sentence.flat) or sentence.flat.startswith("can cu"):
            continue
        mentions = dates_in(sentence.text)
        if mentions:
            return Signing(sentence, mentions[0])
        first = first or Signing(sentence, None)
    return first


def year_of(mention: DateMention, published: Found[dt.date] | None, span: Span | None
            ) -> tuple[int, str] | None:
    """The year of a date written without one, and how it was inferred: from the page's
    publication date (the latest such day on or before it), else the first year of the
    period named in the same sentence; None when nothing in the text tells."""
    if published is not None:
        day = published.value
        year = day.year if (mention.month, mention.day) <= (day.month, day.day) else day.year - 1
        return year, f"văn bản không ghi năm; lấy năm {year} theo ngày đăng tin " \
                     f"{day.day:02d}/{day.month:02d}/{day.year}"
    if span is not None:
        word = "nhiệm kỳ" if span.term else "giai đoạn"
        return span.first, f"văn bản không ghi năm; lấy năm đầu của {word} " \
                           f"{span.first} - {span.last} nêu trong cùng câu"
    return None


# -- kind and title -------------------------------------------------------------------------

_KIND = re.compile(r"\b(quy che|chuong trinh|ke hoach|nghi quyet|van ban)\s+(phoi hop|lien tich)\b")
_TITLE_STOP = re.compile(r"[.;:!?]|\s(?:gom|nham|duoc|la|da|se|voi nhung|theo|vao|nay)\b|"
                         r"\s\(|\s-\s(?=[a-z]+\s(?:ky|to chuc|tham|dien))")
KINDS = {"quy che": "quy-che", "chuong trinh": "chuong-trinh", "ke hoach": "ke-hoach"}
_HEADLINE_WORDS = ("quy che", "chuong trinh", "ke hoach")  # a document's heading, on its line


@dataclass(frozen=True)
class Title:
    text: str
    kind: str  # quy-che | chuong-trinh | ke-hoach | lien-tich
    quote: str
    span: Span | None


def _kind_of(head: str, tail: str) -> str:
    return "lien-tich" if tail == "lien tich" else KINDS.get(head, "khac")


def _candidates(doc: Document) -> list[tuple[Title, bool]]:
    out: list[tuple[Title, bool]] = []
    # a document's own heading: "QUY CHẾ" on its line, the title on the next
    for n, line in enumerate(doc.lines[:-1]):
        head = sentence_case(line.strip().lower()) if line.isupper() and \
            flat(line).strip() in _HEADLINE_WORDS else ""
        if head and flat(doc.lines[n + 1]).startswith(("phoi hop", "lien tich")):
            text = f"{head} {doc.lines[n + 1][0].lower()}{doc.lines[n + 1][1:]}".rstrip(".")
            folded = flat(text)
            out.append((Title(years_spaced(text), _kind_of(flat(head), folded.split()[2]
                                                           + " " + folded.split()[3]
                                                           if len(folded.split()) > 3 else ""),
                              quote(f"{line} {doc.lines[n + 1]}"), span_in(text)), True))
    for sentence in doc.sentences:
        folded = sentence.flat
        if folded.startswith(("can cu", "thuc hien", "trien khai")):
            continue
        for m in _KIND.finditer(folded):
            rest = folded[m.end():]
            if re.match(r"\s+(?:\w+\s+){0,2}so\s+\d", rest):  # a numbered reference
                continue
            stop = _TITLE_STOP.search(rest)
            limit = stop.start() if stop else len(rest)
            # after "giữa" the parties' names go on past commas: "…, UBND tỉnh, các đoàn
            # thể"; a comma then a word in lower case ends the title ("…, đề nghị")
            between = re.search(r" giua (?!nhiem ky)", rest[:limit])
            cut = -1
            for comma in re.finditer(",", rest):
                after = sentence.text[m.end() + comma.end():].lstrip()
                if not between or (after[:1].islower() and not flat(after).startswith("cac ")):
                    cut = comma.start()
                    break
            end = m.end() + (cut if 0 <= cut < limit else limit)
            text = sentence_case(sentence.text[m.start():end].strip(" ,-–"))
            text = re.sub(r"(?i)\s+giữa\s*$", "", text)
            out.append((Title(years_spaced(text), _kind_of(m[1], m[2]), quote(sentence.text),
                              span_in(text)), False))
    return out


def title(doc: Document, wanted: Span | None) -> Title | None:
    """The agreement's title: a document's own heading ("QUY CHẾ" / "Phối hợp công tác
    giữa …") first; else, among the phrases "Quy chế phối hợp …", "Chương trình phối hợp
    …" of the text (numbered references left out), the one of the period being signed
    (``wanted``), naming the parties ("giữa …"), the longest."""
    candidates = _candidates(doc)
    if not candidates:
        return None

    def score(item: tuple[Title, bool]) -> tuple[int, int, int, int, int]:
        found, heading = item
        same = wanted is not None and found.span is not None and \
            (found.span.first, found.span.last) == (wanted.first, wanted.last)
        other = found.span is not None and not same and wanted is not None
        return (int(heading), int(not other), int(same), int(" giua " in flat(found.text)),
                len(found.text) if len(found.text) < 400 else 0)

    return max(candidates, key=score)[0]


# -- number and symbol ----------------------------------------------------------------------

SYMBOL = re.compile(r"(?<![\w/-])\d{1,5}[-/][0-9A-ZĐa-zđ&.\-/]*[A-ZĐ][0-9A-ZĐa-zđ&.\-/]*")
_NUMBER_LINE = re.compile(r"^so\s*:\s*")


def symbols_in(text: str) -> list[str]:
    """The document numbers and symbols written in ``text`` ("01/QCPH/UBND-UBMTTQ",
    "4286-CTPH/BLĐTBXH-TWĐTN", "2325/QCPH-UBND-ĐTN"), trailing punctuation off."""
    return [m.group().rstrip(".,-/") for m in SYMBOL.finditer(text)]


def number(doc: Document) -> tuple[Found[str] | None, Found[str] | None]:
    """The agreement's own number (the header line "Số: …"), and the number of the
    decision that issues it when the header belongs to a decision (QĐ)."""
    for sentence in doc.sentences[:30]:
        if _NUMBER_LINE.match(sentence.flat) and (found := symbols_in(sentence.text)):
            if "qd" in flat(found[0]).split("/")[-1].replace("-", " ").split() or \
                    re.search(r"/qd\b", flat(found[0])):
                return None, Found(found[0], quote(sentence.text))
            return Found(found[0], quote(sentence.text)), None
    return None, None


# -- legal basis, parent programme, replaced text, issuing decision -------------------------

_BASIS = re.compile(r"\bcan cu\s+")
_BASIS_END = re.compile(r";|\s(?:cung|va yeu cau)\s|,\s(?=(?:\S+\s){0,12}?(?:da|se)\s(?:thong nhat|ban hanh|ky))")
_REF = re.compile(r"^(chuong trinh|quy che|ke hoach|nghi quyet)(\s+(?:phoi hop|lien tich))?"
                  r"(\s+hoat dong)?\s+so\s+")


@dataclass(frozen=True)
class DocRefFound:
    kind: str
    number: str = ""
    date: dt.date | None = None
    title: str = ""
    issuer: str = ""


def legal_basis(doc: Document) -> list[Found[str]]:
    """The texts after "Căn cứ …" (each up to ";" or the main clause)."""
    out: list[Found[str]] = []
    for sentence in doc.sentences:
        starts = [m.end() for m in _BASIS.finditer(sentence.flat)
                  if m.start() == 0 or sentence.flat[m.start() - 2:m.start()] in ("; ", ", ")]
        for n, start in enumerate(starts):
            stop = starts[n + 1] if n + 1 < len(starts) else len(sentence.text)
            end = _BASIS_END.search(sentence.flat, start, stop)
            text = sentence.text[start:end.start() if end else stop].strip(" .,;:")
            text = re.sub(r"(?i)\s*;?\s*căn cứ$", "", text)
            if len(text) > 3:
                out.append(Found(years_spaced(text), quote(sentence.text)))
    return out


def _ref(text: str, quoted: str) -> Found[DocRefFound] | None:
    folded = flat(text)
    m = _REF.match(folded)
    if m is None:
        return None
    kind = sentence_case(text[:m.end(2) if m[2] else m.end(1)].strip())
    symbols = symbols_in(text[m.end():])
    if not symbols:
        return None
    after = text[m.end() + len(symbols[0]):]
    days = [d for d in dates_in(after) if d.year is not None]
    issuer = ""
    if i := re.search(r"\b(giua|cua)\s+", flat(after)):
        tail = after[i.end():]
        stop = re.search(r"\s(giai doan|nhiem ky|ve|trien khai|nam \d{4})\b|[,;.]", flat(tail))
        issuer = tail[:stop.start() if stop else len(tail)].strip()
    span = span_in(after)
    name = f"{kind} giai đoạn {span.first} - {span.last}" if span and not span.term else ""
    return Found(DocRefFound(kind, symbols[0], days[0].date() if days else None, name, issuer),
                 quoted)


def implements(basis: list[Found[str]]) -> Found[DocRefFound] | None:
    """The parent programme: a "Căn cứ" naming a programme, regulation or plan of
    coordination by its number."""
    for found in basis:
        ref = _ref(found.value, found.quote)
        if ref is not None and re.search(r"phoi hop|lien tich", flat(ref.value.kind)):
            return ref
    return None


_REPLACES = re.compile(r"\bthay the\s+(?:cho\s+)?(quyet dinh|quy che|chuong trinh|ke hoach|"
                       r"nghi quyet|huong dan)((?:\s+\S+){0,3}?)\s+so\s+")


def replaces_stated(doc: Document) -> Found[DocRefFound] | None:
    """The text this one says it replaces: "thay thế Quyết định số …"."""
    for sentence in doc.sentences:
        m = _REPLACES.search(sentence.flat)
        if m is None:
            continue
        kind = sentence_case(sentence.text[m.start(1):m.end(2)].strip())
        rest = sentence.text[m.end():]
        symbols = symbols_in(rest)
        if not symbols:
            continue
        days = [d for d in dates_in(rest[len(symbols[0]):]) if d.year is not None]
        return Found(DocRefFound(kind, symbols[0], days[0].date() if days else None),
                     quote(sentence.text))
    return None


def replaces_previous(doc: Document, kind: str, span: Span | None) -> Found[DocRefFound] | None:
    """An agreement of the same kind between the same parties for the period just before
    (``giai đoạn 2018 - 2022`` before ``2023 - 2027``): what this one most likely replaces.
    Inferred: the text does not say "thay thế"."""
    if span is None or span.term:
        return None
    for candidate, _heading in _candidates(doc):
        other = candidate.span
        if other is None or other.term or candidate.kind != kind or \
                other.last not in (span.first - 1, span.first) or other.first >= span.first:
            continue
        if " giua " not in flat(candidate.text):
            continue
        head = flat(candidate.text).split()
        kind_words = " ".join(candidate.text.split()[:len(head[:2]) + 2])
        return Found(DocRefFound(sentence_case(kind_words) if len(head) > 3 else kind,
                                 title=candidate.text),
                     candidate.quote,
                     f"văn bản nhắc {candidate.text[:1].lower() + candidate.text[1:]}, cùng "
                     f"loại, giai đoạn liền trước; không nói \"thay thế\" — cần xác nhận")
    return None


_ISSUED = re.compile(r"\bban hanh kem theo\s+(quyet dinh|nghi quyet)\s+so\s+")
_AFTER_DAYS = re.compile(r"\bhieu luc\b.{0,40}?\bsau\s+(\d{1,3})\s+ngay\b")
_FROM_SIGNING = re.compile(r"\bhieu luc\b.{0,30}?\b(?:ke\s+)?tu\s+ngay\s+ky\b")
_FROM_DATE = re.compile(r"\bhieu luc\b.{0,30}?\b(?:ke\s+)?tu\s+ngay\s+\d")


@dataclass(frozen=True)
class Issued:
    kind: str
    number: str
    date: dt.date | None
    issuer: str = ""
    effective: dt.date | None = None
    effective_after_days: int | None = None


def issued_by(doc: Document) -> Found[Issued] | None:
    """The decision that issues the text ("ban hành kèm theo Quyết định số … ngày … của
    …") and when it takes effect ("có hiệu lực … sau 10 ngày", "kể từ ngày ký")."""
    found: Found[Issued] | None = None
    for sentence in doc.sentences:
        m = _ISSUED.search(sentence.flat)
        if m is None:
            continue
        rest = sentence.text[m.end():]
        symbols = symbols_in(rest)
        if not symbols:
            continue
        after = rest[len(symbols[0]):]
        days = [d for d in dates_in(after) if d.year is not None]
        issuer = ""
        if i := re.search(r"\bcua\s+", flat(after)):
            tail = after[i.end():]
            stop = re.search(r"[,;.)]|\s(ve|ban hanh)\b", flat(tail))
            issuer = tail[:stop.start() if stop else len(tail)].strip()
        kind = sentence_case(sentence.text[m.start(1):m.end(1)])
        found = Found(Issued(kind, symbols[0], days[0].date() if days else None, issuer),
                      quote(sentence.text))
        break
    if found is None:
        return None
    for sentence in doc.sentences:
        if m := _AFTER_DAYS.search(sentence.flat):
            return Found(Issued(**{**found.value.__dict__, "effective_after_days": int(m[1])}),
                         found.quote + " … " + quote(sentence.text))
        if _FROM_DATE.search(sentence.flat) and not _FROM_SIGNING.search(sentence.flat):
            days = [d for d in dates_in(sentence.text) if d.year is not None]
            if days:
                return Found(Issued(**{**found.value.__dict__, "effective": days[0].date()}),
                             found.quote + " … " + quote(sentence.text))
    return found
