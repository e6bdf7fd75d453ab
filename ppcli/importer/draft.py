"""The recognisers' findings put together as one agreement: the keys the format has
(docs/format.md, and FORMAT-NEW's once the declaration has them), each value cited; what
the text did not give as a commented skeleton; the bodies to add to the registry as a
commented block. Nothing is guessed that the text does not support: an inferred value
says why, a value the text does not give is left to fill in."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ppcli.files.declaration import AGREEMENT, AGREEMENT_KINDS, CONFERENCE
from ppcli.files.model import Registry
from ppcli.files.spec import Obj
from ppcli.importer import obligations as ob
from ppcli.importer import parties as pa
from ppcli.importer import recognise as rc
from ppcli.importer.text import Document, Found, quote
from ppcli.importer.write import Cited, comment, commented, emit


def declared(obj: Obj[object], key: str) -> bool:
    """Whether the format (the one declaration) has ``key`` in ``obj``: the words of
    FORMAT-NEW are written as values only once they are declared."""
    return any(f.name == key for f in obj.fields)


@dataclass
class Draft:
    """What an import found: the agreement's keys in order, the skeleton of what is
    missing, the organisations to add, and counts for the summary."""

    id: str
    body: dict[str, object] = field(default_factory=dict)
    missing: list[tuple[str, list[str]]] = field(default_factory=list)  # (why, yaml lines)
    loose: list[ob.Loose] = field(default_factory=list)
    new_orgs: list[pa.PartyFound] = field(default_factory=list)
    province: str = ""
    notes: list[str] = field(default_factory=list)

    def count(self) -> tuple[int, int]:
        """(values cited from the text, values inferred)."""
        cited = inferred = 0

        def walk(value: object) -> None:
            nonlocal cited, inferred
            if isinstance(value, Cited):
                inferred += bool(value.inferred)
                cited += bool(value.quote) and not value.inferred
                walk(value.value)
            elif isinstance(value, dict):
                for v in value.values():
                    walk(v)
            elif isinstance(value, (list, tuple)):
                for v in value:
                    walk(v)
        walk(self.body)
        return cited, inferred


MAX_ITEMS = 200  # of one list (areas, duties, …): more is a text that is no agreement


def _cite(found: Found[Any], value: object | None = None, note: str = "") -> Cited:
    return Cited(found.value if value is None else value, found.quote, found.inferred, note)


def _slug(text: str) -> str:
    return "-".join(pa.key(text).split())


def _agreement_id(kind: str, province: str, span: rc.Span | None, signed: dt.date | None,
                  taken: set[str]) -> str:
    prefix = {"quy-che": "quy-che", "chuong-trinh": "chuong-trinh", "ke-hoach": "ke-hoach",
              "lien-tich": "lien-tich"}.get(kind, "thoa-thuan")
    parts = [prefix, _slug(province) if province else ""]
    parts.append(f"{span.first}-{span.last}" if span else str(signed.year) if signed else "")
    base = "-".join(p for p in parts if p)
    out, n = base, 2
    while out in taken:
        out, n = f"{base}-{n}", n + 1
    return out


def build(doc: Document, registry: Registry, taken: set[str], wanted_id: str | None,
          source: str) -> Draft:
    """The draft of the agreement ``doc`` is the text of. ``taken``: ids already used."""
    published = rc.dateline(doc)
    sign = rc.signing(doc)
    sign_span = rc.span_in(sign.sentence.text) if sign else None
    title = rc.title(doc, sign_span)
    span = sign_span or (title.span if title else None)
    body: dict[str, object] = {}
    missing: list[tuple[str, list[str]]] = []
    loose: list[ob.Loose] = []
    notes: list[str] = []

    # the signing date, its year inferred when the text leaves it out
    signed: Found[dt.date] | None = None
    if sign and sign.mention:
        if sign.mention.year:
            day = sign.mention.date()
            signed = Found(day, quote(sign.sentence.text)) if day else None
        elif (year := rc.year_of(sign.mention, published, sign_span)) and \
                (day := sign.mention.date(year[0])):
            signed = Found(day, quote(sign.sentence.text), year[1])
        else:
            loose.append(ob.Loose(f"ngày ký: văn bản ghi ngày {sign.mention.day}/"
                                  f"{sign.mention.month} nhưng không ghi năm",
                                  quote(sign.sentence.text),
                                  f"# signed: YYYY-{sign.mention.month:02d}-{sign.mention.day:02d}"))

    # the parties, the province completing their names
    province = pa.province(doc, registry)
    matcher = pa.Matcher(registry, province.value if province else None)
    found_parties: list[pa.PartyFound] = []
    party_note = ""
    if title:
        found_parties, party_note = pa.parties(doc, title.text, title.quote, matcher,
                                               signed.value if signed else None,
                                               province.inferred if province else "")
        places = Counter(registry.orgs[p.org].province for p in found_parties
                         if not p.proposed and registry.orgs[p.org].province)
        if province is None and len(places) == 1 and sum(places.values()) >= 2:
            name = next(iter(places))
            province = Found(name, title.quote, f"văn bản không nêu tên tỉnh; các bên đã khớp "
                                                f"trong danh mục đều thuộc tỉnh {name}")
            matcher = pa.Matcher(registry, name)
            found_parties, party_note = pa.parties(doc, title.text, title.quote, matcher,
                                                   signed.value if signed else None,
                                                   province.inferred)

    kind = title.kind if title else ""
    if kind == "lien-tich" and "lien-tich" not in AGREEMENT_KINDS:
        loose.append(ob.Loose("văn bản liên tịch: định dạng chưa có loại lien-tich; tạm ghi "
                              "kind: khac", title.quote if title else "", "# kind: lien-tich"))
        kind = "khac"
    agreement_id = wanted_id or _agreement_id(kind, province.value if province else "", span,
                                              signed.value if signed else None, taken)

    body["id"] = agreement_id
    if title:
        body["kind"] = Cited(kind, title.quote)
        body["title"] = Cited(title.text, title.quote)
    else:
        missing.append(("loại và tên văn bản", ["kind: quy-che      # quy-che | chuong-trinh | "
                                                "ke-hoach | khac", "title: \"…\""]))
    own, decision = rc.number(doc)
    if own:
        body["number"] = _cite(own)
    else:
        missing.append(("số, ký hiệu", ["number: \"01/QCPH-…\""]))
    if signed:
        body["signed"] = _cite(signed)
    elif not any(x.what.startswith("ngày ký") for x in loose):
        missing.append(("ngày ký", ["signed: YYYY-MM-DD"]))
    if sign and sign.place:
        body["place"] = Cited(sign.place, quote(sign.sentence.text))
    elif province and "danh mục" not in province.inferred:  # the text's own province only
        body["place"] = Cited(province.value, province.quote,
                              "; ".join(x for x in (province.inferred, "nơi ký lấy theo tỉnh "
                                                    "của các bên") if x))
    else:
        missing.append(("nơi ký", ["place: …"]))

    # parties and who signed
    ids = [p.org for p in found_parties]
    signer_of = pa.signers(doc, matcher, ids, bool(sign and sign.mention))
    party_items: list[object] = []
    for p in found_parties:
        item: dict[str, object] = {"org": p.org}
        if p.org in signer_of:
            s = signer_of[p.org]
            signer: dict[str, object] = {"name": s.value.name}
            if s.value.position:
                signer["position"] = s.value.position
            if s.value.authority:
                signer["authority"] = s.value.authority
            item["signer"] = Cited(signer, s.quote, s.inferred)
        party_items.append(Cited(item, p.quote, p.inferred, (
            f"CHƯA CÓ TRONG DANH MỤC: \"{p.name}\" — mã đề xuất, xem khối tổ chức cần thêm ở "
            "cuối tệp") if p.proposed else ""))
    if party_items:
        body["parties"] = Cited(party_items, note=party_note)
        if len(party_items) < 2:
            notes.append("chỉ tìm thấy một bên; thêm bên còn lại")
    else:
        missing.append(("các bên (ít nhất hai, mã trong organisations.yaml)",
                        ["parties:", "  - org: …", "  - org: …"]))
    if found_parties and not signer_of:
        missing.append(("người ký của từng bên, dưới mỗi \"- org: …\" của parties",
                        ["    signer: {name: …, position: …}"]))

    # the period
    if span and span.term:
        body["period"] = Cited({"term": f"{span.first}-{span.last}"},
                               sign.sentence.text if sign_span and sign else
                               (title.quote if title else ""))
    elif span:
        span_quote = quote(sign.sentence.text) if sign_span and sign else \
            (title.quote if title else "")
        start: Cited
        if signed and signed.value.year == span.first:
            start = Cited(signed.value, "", "hiệu lực tính từ ngày ký")
        else:
            start = Cited(dt.date(span.first, 1, 1), "",
                          f"văn bản chỉ nêu giai đoạn {span.first} - {span.last}; tính từ "
                          f"01/01/{span.first}")
        body["period"] = Cited({"start": start, "end": Cited(
            dt.date(span.last, 12, 31), "", f"văn bản chỉ nêu năm; hết ngày 31/12/{span.last}")},
            span_quote)
    elif signed:
        body["period"] = Cited({"start": signed.value}, "", "văn bản không nêu thời hạn: không "
                               "thời hạn, hiệu lực từ ngày ký")
    else:
        missing.append(("thời hạn: văn bản không nêu giai đoạn hay nhiệm kỳ — không thời hạn, "
                        "hiệu lực từ ngày ký; ghi start khi biết ngày ký", ["period:", "  start: YYYY-MM-DD", "  end: YYYY-MM-DD     "
                                     "# bỏ trống: không thời hạn", "  # term: 2021-2026"]))

    basis = rc.legal_basis(doc)[:MAX_ITEMS]
    if basis:
        body["legal_basis"] = [_cite(b) for b in basis]
    parent = rc.implements(basis)
    if parent:
        body["implements"] = Cited(_ref(parent.value), parent.quote, parent.inferred)
    replaced = rc.replaces_stated(doc) or rc.replaces_previous(doc, kind, span)
    if replaced:
        body["replaces"] = Cited(_ref(replaced.value), replaced.quote, replaced.inferred)
    issued = rc.issued_by(doc)
    if decision and issued is None:
        loose.append(ob.Loose(f"văn bản do quyết định số {decision.value} ban hành",
                              decision.quote, f"# issued_by: {{kind: Quyết định, number: "
                                              f"\"{decision.value}\", date: YYYY-MM-DD}}"))
    if issued:
        value = _issued(issued.value, matcher)
        if declared(AGREEMENT, "issued_by") and issued.value.date:
            body["issued_by"] = Cited(value, issued.quote)
        else:
            loose.append(ob.Loose("quyết định ban hành (issued_by)", issued.quote,
                                  "\n".join(commented(emit({"issued_by": value})))))

    _obligations(doc, matcher, ids, body, missing, loose, published, sign_span)
    body["source"] = source
    return Draft(agreement_id, body, missing, loose, [p for p in found_parties if p.proposed],
                 province.value if province else "", notes)


def _ref(ref: rc.DocRefFound) -> dict[str, object]:
    out: dict[str, object] = {"kind": ref.kind}
    for key in ("number", "date", "title", "issuer"):
        if value := getattr(ref, key):
            out[key] = value
    return out


def _issued(issued: rc.Issued, matcher: pa.Matcher) -> dict[str, object]:
    out: dict[str, object] = {"kind": issued.kind, "number": issued.number}
    if issued.date:
        out["date"] = issued.date
    if issued.issuer and (org := matcher.one(issued.issuer)):
        out["issuer"] = org
    if issued.effective:
        out["effective"] = issued.effective
    if issued.effective_after_days is not None:
        out["effective_after_days"] = issued.effective_after_days
    return out


def _obligations(doc: Document, matcher: pa.Matcher, ids: list[str], body: dict[str, object],
                 missing: list[tuple[str, list[str]]], loose: list[ob.Loose],
                 published: Found[dt.date] | None, span: rc.Span | None) -> None:
    period = body.get("period")
    years = None
    if isinstance(period, Cited) and isinstance(period.value, dict):
        start, end = period.value.get("start"), period.value.get("end")
        start = start.value if isinstance(start, Cited) else start
        end = end.value if isinstance(end, Cited) else end
        if isinstance(start, dt.date) and isinstance(end, dt.date):
            years = (start.year, end.year)

    areas = ob.areas(doc, matcher)[:MAX_ITEMS]
    if areas:
        items: list[object] = []
        for area in areas:
            item: dict[str, object] = {"id": area.id, "title": area.title}
            if area.lead:
                item["lead"] = Cited(area.lead, area.lead_quote)
            if area.support:
                item["support"] = area.support
            if area.details:
                item["details"] = area.details
            items.append(Cited(item, area.quote, note="" if area.lead else
                               "văn bản không nêu bên chủ trì nội dung này"))
        body["areas"] = items
    else:
        missing.append(("nội dung phối hợp", ["areas:", "  - id: …", "    title: …",
                                              "    lead: …"]))
    money = ob.funding(doc)[:MAX_ITEMS]
    if money:
        body["funding"] = [_cite(m) for m in money]
    duties, more = ob.duties(doc, matcher, ids)
    duties = duties[:MAX_ITEMS]
    loose += more[:MAX_ITEMS]
    if duties:
        out: list[object] = []
        for duty in duties:
            item = {"id": duty.id, "title": duty.title, "from": duty.reporters,
                    "to": duty.recipients, "frequency": duty.frequency}
            if duty.deadline:
                item["deadline"] = duty.deadline
            if years and duty.frequency == "hang-nam":
                item["first"] = Cited(years[0], "", "năm đầu của thời hạn")
                item["last"] = Cited(years[1], "", "năm cuối của thời hạn")
            out.append(Cited(item, duty.quote, duty.reporter_note, "" if duty.deadline else
                             "văn bản không nêu hạn: áp dụng hạn mặc định của kho"))
        body["duties"] = out
    else:
        missing.append(("nghĩa vụ báo cáo", ["duties:", "  - id: bao-cao-nam", "    from: …",
                                             "    to: …", "    frequency: hang-nam"]))
    year_of: dict[int, tuple[int, str]] = {}
    for n, sentence in enumerate(doc.sentences):
        for mention in rc.dates_in(sentence.text)[:1]:
            if mention.year is None and (y := rc.year_of(mention, published, None)):
                year_of[n] = y
    conferences = ob.conferences(doc, matcher, ids, year_of)[:MAX_ITEMS]
    recurring = declared(CONFERENCE, "frequency")
    confs: list[object] = []
    records: list[object] = []
    for conf in conferences:
        item = {"id": conf.id, "kind": conf.kind, "title": conf.title}
        hosts = Cited(conf.hosts, "", "văn bản không nêu bên tổ chức; ghi các bên"
                      if conf.hosts_inferred else "")
        if conf.frequency:
            item["frequency"] = conf.frequency
            item["host"] = hosts
            if not recurring:
                loose.append(ob.Loose("hội nghị định kỳ: định dạng chưa có hội nghị lặp lại "
                                      "(frequency)", conf.quote,
                                      "\n".join(commented(emit({"conferences": [item]})))))
                continue
        else:
            item["planned"] = Cited(int(conf.planned) if conf.planned.isdigit() else
                                    dt.date.fromisoformat(conf.planned) if len(conf.planned) == 10
                                    else conf.planned, "", conf.year_note)
            item["host"] = hosts
        confs.append(Cited(item, conf.quote))
        if conf.held:
            records.append(Cited({"conference": conf.id, "date": conf.held}, conf.quote,
                                 conf.year_note))
    if confs:
        body["conferences"] = confs
    else:
        missing.append(("hội nghị sơ kết, tổng kết", ["conferences:", "  - id: so-ket",
                                                      "    kind: so-ket", "    planned: YYYY",
                                                      "    host: …"]))
    if records:
        body["records"] = records


def text_of(draft: Draft, source: str, today: dt.date, schema: str | None) -> str:
    """The file: a header, the keys with their comments, the skeleton, the bodies to add."""
    lines = [f"# yaml-language-server: $schema={schema}"] if schema else []
    lines += ["#"]
    lines += comment(f"Nhập bằng \"ppcli import\" từ {source} ngày {today:%d/%m/%Y}. Đối chiếu "
                     "từng giá trị với văn bản gốc: \"từ văn bản\" trích câu giá trị được lấy "
                     "ra; \"SUY RA\" là giá trị ppcli suy luận, cần xác nhận; cuối tệp là các "
                     "trường chưa tìm thấy và các tổ chức cần thêm vào danh mục.", 0)
    for note in draft.notes:
        lines += comment(note, 0, "LƯU Ý: ")
    lines.append("")
    lines += emit(draft.body)
    if draft.missing or draft.loose:
        lines += ["", "# " + "=" * 30 + " CHƯA TÌM THẤY TRONG VĂN BẢN — ĐIỀN NẾU CÓ " + "=" * 20]
        for why, yaml_lines in draft.missing:
            lines += [f"# ({why})", *commented(yaml_lines)]
        for item in draft.loose:
            lines += comment(f"({item.what})", 0)
            if item.quote:
                lines += comment(f"\"{item.quote}\"", 0, "từ văn bản: ")
            if item.yaml:
                lines += [line if line.startswith("#") else "# " + line
                          for line in item.yaml.splitlines()]
    if draft.new_orgs:
        lines += ["", "# " + "=" * 24 + " TỔ CHỨC CẦN THÊM VÀO DANH MỤC (organisations.yaml) "
                  + "=" * 16]
        lines += comment("Các bên dưới đây không có trong danh mục. Kiểm tra tên đầy đủ, loại, "
                         "tỉnh; sửa mã nếu cần (cả ở phần parties phía trên); rồi chép vào "
                         "agreements/organisations.yaml, bỏ dấu # đầu dòng.", 0)
        for org in draft.new_orgs:
            entry: dict[str, object] = {"id": org.org, "name": org.name, "kind": org.kind or "khac"}
            if draft.province:
                entry["province"] = draft.province
            lines += commented(emit({"organisations": [Cited(entry, org.quote)]})[1:])
    return "\n".join(lines) + "\n"
