"""The metadata beside a draft, as the văn thư registers it in the document system: a
JSON sidecar and, on request, an EDXML header (no I/O).

The names are the decree's and the standard's:

* Nghị định 30/2020/NĐ-CP, Phụ lục VI, Phần II, Mục I "Thông tin đầu vào của dữ liệu
  quản lý văn bản đi": TypeName (tên loại), CodeNumber (số), CodeNotation (ký hiệu),
  IssuedDate (ngày, tháng, năm), OrganName (cơ quan ban hành), Subject (trích yếu),
  Language, SignerInfo (Position, FullName), To (OrganId, OrganName: nơi nhận), DueDate
  (hạn trả lời);
* QCVN 102:2016/BTTTT (EDXML): MessageHeader with From, To, Code, PromulgationInfo
  (Place, PromulgationDate), DocumentType (TypeName), Subject, SignerInfo (Competence,
  Position, FullName), DueDate, ToPlaces. What was checked against which text, and what
  was not, is in docs/render.md.

Every value is the draft's own (its envelope): a part the draft leaves to a person —
the number the văn thư gives at registration, a placeholder "[Cần bổ sung: …]" — is
``null`` here and listed in ``missing``. The mã định danh of a body (OrganId, Quyết định
20/2020/QĐ-TTg) is not in ppcli's registry: it is ``null``, and the body's abbreviation
(the one in its symbol) is given as ``organ_code``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from typing import Any

from ppcli.drafts.context import PLACEHOLDER_RE, Envelope

FORMAT = 1
EDXML_NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
# the label of each field in Phụ lục VI, Phần II, Mục I (the decree's own words)
LABELS = {
    "TypeName": "Tên loại văn bản",
    "CodeNumber": "Số của văn bản",
    "CodeNotation": "Ký hiệu của văn bản",
    "IssuedDate": "Ngày, tháng, năm văn bản",
    "OrganName": "Tên cơ quan, tổ chức ban hành văn bản",
    "OrganId": "Mã định danh của cơ quan, tổ chức ban hành văn bản",
    "Subject": "Trích yếu nội dung",
    "Language": "Ngôn ngữ",
    "SignerInfo": "Chức vụ, họ tên người ký",
    "To": "Nơi nhận",
    "DueDate": "Hạn trả lời văn bản",
}
# the longest each text may be (Phụ lục VI, Phần II, Mục I, column "Độ dài")
LENGTHS = {"CodeNumber": 11, "CodeNotation": 30, "OrganName": 200, "Subject": 500,
           "Position": 100, "FullName": 50, "To": 200}
COMPETENCE = ("TM.", "KT.", "Q.", "TL.", "TUQ.")  # Nghị định 30/2020, Phụ lục I, II.7.b


def _value(text: str) -> str | None:
    """A text of the draft, or None where the draft holds a placeholder."""
    text = text.strip()
    return None if not text or PLACEHOLDER_RE.search(text) else text


def _notation(number_line: str) -> tuple[str | None, str | None]:
    """(số, ký hiệu) of a "Số:" line: "Số: …/BC-SNV" -> (None, "BC-SNV"); the Đoàn's
    "Số: …-BC/TĐTN-VP" -> (None, "BC/TĐTN-VP"). The number itself is the văn thư's."""
    rest = number_line.removeprefix("Số:").strip()
    found = re.match(r"(?P<n>[^/\-]*)[/\-](?P<s>.*)$", rest)
    if found is None:
        return None, _value(rest)
    number = found.group("n").strip()
    return (None if number in ("", "…", "...") else number), _value(found.group("s"))


def _signer(env: Envelope) -> dict[str, str | None]:
    """SignerInfo: the signing authority ("KT. GIÁM ĐỐC"), the position, the name."""
    lines = [t for t in env.signer_title]
    competence = lines.pop(0) if len(lines) > 1 and lines[0].startswith(COMPETENCE) else ""
    return {"Competence": _value(competence) if competence else None,
            "Position": _value(" ".join(lines)), "FullName": _value(env.signer_name)}


def draft_metadata(env: Envelope, draft: str, issued: dt.date, organ_code: str,
                   due: dt.date | None = None) -> dict[str, Any]:
    """The sidecar's content for the draft ``draft`` (its file name)."""
    number, notation = _notation(env.number)
    place = env.place_date.split(",", 1)[0]
    fields: dict[str, Any] = {
        "TypeName": env.type_name.capitalize() if env.type_name else "Công văn",
        "CodeNumber": number,
        "CodeNotation": notation,
        "IssuedDate": issued.isoformat(),
        "OrganName": env.author or None,
        "OrganId": None,
        "Subject": _value(env.summary),
        "Language": "vi",
        "SignerInfo": _signer(env),
        "To": [{"OrganId": None, "OrganName": _value(t)} for t in env.to],
        "DueDate": due.isoformat() if due else None,
    }
    missing = [LABELS[k] for k in ("CodeNumber", "CodeNotation", "OrganId", "Subject")
               if fields[k] is None]
    missing += [f"{LABELS['SignerInfo']} ({k})" for k, v in fields["SignerInfo"].items()
                if v is None and k != "Competence"]
    texts = [(k, fields[k]) for k in ("CodeNumber", "CodeNotation", "OrganName", "Subject")]
    texts += [(k, fields["SignerInfo"][k]) for k in ("Position", "FullName")]
    texts += [("To", t["OrganName"]) for t in fields["To"]]
    too_long = [f"{key}: {len(v)} > {LENGTHS[key]}" for key, v in texts
                if isinstance(v, str) and len(v) > LENGTHS[key]]
    return {
        "ppcli_metadata": FORMAT,
        "draft": draft,
        "basis": ["Nghị định 30/2020/NĐ-CP, Phụ lục VI, Phần II, Mục I",
                  "QCVN 102:2016/BTTTT (EDXML), sửa đổi 1:2022"],
        **fields,
        "organ_code": _value(organ_code),
        "place": _value(place),
        "copies": [c for c in (_value(c) for c in env.copies) if c is not None],
        "labels": LABELS,
        "missing": missing,
        "too_long": too_long,  # longer than the decree's field allows: shorten in the draft
    }


def to_json(meta: dict[str, Any]) -> bytes:
    return (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _edxml_date(iso: str | None) -> str:
    """yyyy/mm/dd, as the EDXML implementations seen write PromulgationDate and DueDate."""
    return iso.replace("-", "/") if iso else ""


# MessageHeader's children, in the order ppcli writes them (see docs/render.md)
EDXML_ORDER = ("From", "To", "Code", "PromulgationInfo", "DocumentType", "Subject",
               "SignerInfo", "DueDate", "ToPlaces")


def to_edxml(meta: dict[str, Any]) -> bytes:
    """The EDXML header (edXMLEnvelope > edXMLHeader > MessageHeader) of the metadata:
    no TraceHeaderList, no body, no signature: what the document system fills in when the
    văn thư sends the signed text. Empty elements where the value is not known yet."""
    ET.register_namespace("edXML", EDXML_NS)

    def el(parent: ET.Element, name: str, text: str | None = None) -> ET.Element:
        child = ET.SubElement(parent, f"{{{EDXML_NS}}}{name}")
        if text:
            child.text = text
        return child

    envelope = ET.Element(f"{{{EDXML_NS}}}edXMLEnvelope")
    header = el(el(envelope, "edXMLHeader"), "MessageHeader")
    sender = el(header, "From")
    el(sender, "OrganId", meta["OrganId"])
    el(sender, "OrganName", meta["OrganName"])
    for to in meta["To"]:
        recipient = el(header, "To")
        el(recipient, "OrganId", to["OrganId"])
        el(recipient, "OrganName", to["OrganName"])
    code = el(header, "Code")
    el(code, "CodeNumber", meta["CodeNumber"])
    el(code, "CodeNotation", meta["CodeNotation"])
    info = el(header, "PromulgationInfo")
    el(info, "Place", meta["place"])
    el(info, "PromulgationDate", _edxml_date(meta["IssuedDate"]))
    kind = el(header, "DocumentType")
    el(kind, "TypeName", meta["TypeName"])
    el(header, "Subject", meta["Subject"])
    signer = el(header, "SignerInfo")
    for key in ("Competence", "Position", "FullName"):
        el(signer, key, meta["SignerInfo"][key])
    el(header, "DueDate", _edxml_date(meta["DueDate"]))
    places = el(header, "ToPlaces")
    for copy in meta["copies"]:
        el(places, "Place", copy)
    ET.indent(envelope)
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(envelope, encoding="unicode").encode("utf-8") + b"\n")
