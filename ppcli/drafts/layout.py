"""Which rules lay out a draft, chosen from the issuing body (the one switch).

* State bodies (and anything not listed, the Công an, banks, courts and procuracies
  included): Nghị định 30/2020/NĐ-CP, Phụ lục I — Quốc hiệu and Tiêu ngữ top right, the
  issuer top left with a rule under it, "Số: …/BC-SNV".
* The Mặt trận (``mttq``): Hướng dẫn 91/HD-MTTW-BTT (2013) keeps the Quốc hiệu and the
  state's symbol order, the symbol naming the body that signs ("…/BC-MTTQ-BTT", the code
  in the registry carrying "-BTT").
* The Đoàn TNCS Hồ Chí Minh (``doan-tncs``): Hướng dẫn 29-HD/TWĐTN-VP (2013) — top right
  "ĐOÀN TNCS HỒ CHÍ MINH" instead of the Quốc hiệu, the issuer as "BAN CHẤP HÀNH TỈNH …"
  with "***" beneath it, and the symbol "Số: …-BC/TĐTN-VP" (number, then the type, then the
  body and the drafting unit).
* The mass organisations (``doan-the``), told apart by their official name (the registry
  has one kind for all of them):
  - the Hội Nông dân: its own rules (Quyết định "về thể loại, thẩm quyền ban hành và thể
    thức văn bản của Hội Nông dân Việt Nam") — the issuer with "*" beneath it, the symbol
    in the Party's order ("Số 664-CV/HNDTW"), no Quốc hiệu; top right "HỘI NÔNG DÂN VIỆT
    NAM";
  - the Công đoàn (Liên đoàn Lao động): Quyết định 933/QĐ-TLĐ (2024), which follows
    Nghị định 30 — the Quốc hiệu kept, the state's symbol order;
  - the Hội Liên hiệp Phụ nữ and the Hội Cựu chiến binh (and any other): no guidance of
    their own was found; since 2025 they work under the Mặt trận, so its layout is used,
    marked unconfirmed.

What is confirmed from which text, and what is not, is in docs/render.md.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ppcli.files.model import OrgKind

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
DOAN_TITLE = "ĐOÀN TNCS HỒ CHÍ MINH"
HND_TITLE = "HỘI NÔNG DÂN VIỆT NAM"
DOAN_FULL_NAME_MAX = 22  # letters of "BAN CHẤP HÀNH TỈNH …" that fit one line of the header


@dataclass(frozen=True)
class Layout:
    key: str  # 'nd30', 'mttq', 'doan', 'hnd', 'cong-doan', 'hoi'
    motto: tuple[str, ...]  # the lines top right, above the place and date
    motto_rule: bool  # a rule under the last motto line (the Tiêu ngữ)
    issuer_mark: str  # under the issuer's name: 'rule', or the Đoàn's '***', the Hội's '*'
    basis: str  # the text the layout follows, as the docs cite it
    party_symbol: bool = False  # "Số: …-BC/TĐTN" (the Party's order) instead of "…/BC-SNV"
    confirmed: bool = True  # False: no guidance of the body's own was found (see docs)

    def number(self, type_code: str, code: str, unit: str = "") -> str:
        """The "Số" line: the number itself is left to the văn thư (…)."""
        if self.party_symbol:
            return f"Số: …-{type_code}/{code}" + (f"-{unit}" if unit and self.key == "doan"
                                                   else "")
        return f"Số: …/{type_code}-{code}"

    def issuer_line(self, name: str) -> str:
        """The issuer's name as the header writes it (in capitals)."""
        if self.key == "doan":
            # "Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Cà Mau" -> "BAN CHẤP HÀNH TỈNH CÀ MAU":
            # the Đoàn's name is already the title top right
            for phrase in ("Đoàn TNCS Hồ Chí Minh ", "Đoàn Thanh niên Cộng sản Hồ Chí Minh "):
                name = name.replace(phrase, "")
            if len(name) > DOAN_FULL_NAME_MAX and name.startswith("Ban Chấp hành "):
                name = "BCH " + name[len("Ban Chấp hành "):]  # the guidance's abbreviation
        return name.upper()


STATE = Layout("nd30", (QUOC_HIEU, TIEU_NGU), True, "rule",
               "Nghị định 30/2020/NĐ-CP, Phụ lục I")
MAT_TRAN = Layout("mttq", (QUOC_HIEU, TIEU_NGU), True, "rule",
                  "Hướng dẫn 91/HD-MTTW-BTT ngày 08/4/2013")
DOAN = Layout("doan", (DOAN_TITLE,), False, "***", "Hướng dẫn 29-HD/TWĐTN-VP ngày 29/10/2013",
              party_symbol=True)
HOI_NONG_DAN = Layout("hnd", (HND_TITLE,), False, "*",
                      "Quy định về thể loại, thẩm quyền ban hành và thể thức văn bản của Hội "
                      "Nông dân Việt Nam", party_symbol=True)
CONG_DOAN = Layout("cong-doan", (QUOC_HIEU, TIEU_NGU), True, "rule",
                   "Quyết định 933/QĐ-TLĐ ngày 14/5/2024 (theo Nghị định 30/2020/NĐ-CP)")
HOI = Layout("hoi", (QUOC_HIEU, TIEU_NGU), True, "rule",
             "thể thức của Mặt trận (Hướng dẫn 91/HD-MTTW-BTT) — CHƯA XÁC NHẬN cho hội này",
             confirmed=False)

# a mass organisation's official name begins with what it is; the registry's short forms
# ("Hội ND tỉnh …", "LĐLĐ tỉnh …") are matched too
_MASS = (
    (HOI_NONG_DAN, ("hoi nong dan", "hoi nd ")),
    (CONG_DOAN, ("lien doan lao dong", "ldld ", "cong doan")),
    (DOAN, ("doan tncs", "doan thanh nien", "tinh doan", "thanh doan", "huyen doan")),
)


def _plain(text: str) -> str:
    """Lower case without diacritics ("Hội Nông dân" -> "hoi nong dan")."""
    folded = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in folded if not unicodedata.combining(c))


def mass_organisation(name: str) -> Layout:
    """The layout of a mass organisation (``doan-the``), told from its name."""
    plain = _plain(name)
    for layout, starts in _MASS:
        if any(s in plain for s in starts):
            return layout
    return HOI  # Hội LHPN, Hội CCB and others: the Mặt trận's layout, unconfirmed


def layout_for(kind: str, name: str = "") -> Layout:
    """The layout of a document issued by a body of this kind (an OrgKind value) and, for
    a mass organisation, this name (its official name or the registry's short form)."""
    if kind == OrgKind.DOAN_TNCS:
        return DOAN
    if kind == OrgKind.MTTQ:
        return MAT_TRAN
    if kind == OrgKind.DOAN_THE:
        return mass_organisation(name)
    # cong-an, ngan-hang, toa-an, vien-kiem-sat and every state body: Nghị định 30
    return STATE
