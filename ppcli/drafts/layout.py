"""Which rules lay out a draft, chosen from the issuing body's kind (the one switch).

* State bodies (and anything not listed): Nghị định 30/2020/NĐ-CP, Phụ lục I — Quốc hiệu
  and Tiêu ngữ top right, the issuer top left with a rule under it, "Số: …/BC-SNV".
* The Mặt trận (``mttq``): Hướng dẫn 91/HD-MTTW-BTT (2013) keeps the Quốc hiệu and the
  state's symbol order, the symbol naming the body that signs ("…/BC-MTTQ-BTT", the code
  in the registry carrying "-BTT").
* The Đoàn TNCS Hồ Chí Minh (``doan-tncs``): Hướng dẫn 29-HD/TWĐTN-VP (2013) — top right
  "ĐOÀN TNCS HỒ CHÍ MINH" instead of the Quốc hiệu, the issuer as "BAN CHẤP HÀNH TỈNH …"
  with "***" beneath it, and the symbol "Số: …-BC/TĐTN-VP" (number, then the type, then the
  body and the drafting unit).

What is confirmed from which text, and what is not, is in docs/render.md. The mass
organisations (Hội Nông dân, Hội Liên hiệp Phụ nữ, Hội Cựu chiến binh…) still take the
state layout here; their own guidance is to be added as another case of :func:`layout_for`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ppcli.files.model import OrgKind

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
DOAN_TITLE = "ĐOÀN TNCS HỒ CHÍ MINH"
DOAN_FULL_NAME_MAX = 22  # letters of "BAN CHẤP HÀNH TỈNH …" that fit one line of the header


@dataclass(frozen=True)
class Layout:
    key: str  # 'nd30', 'mttq' or 'doan'
    motto: tuple[str, ...]  # the lines top right, above the place and date
    motto_rule: bool  # a rule under the last motto line (the Tiêu ngữ)
    issuer_mark: str  # under the issuer's name: 'rule' or the Đoàn's '***'
    basis: str  # the text the layout follows, as the docs cite it

    def number(self, type_code: str, code: str, unit: str = "") -> str:
        """The "Số" line: the number itself is left to the văn thư (…)."""
        if self.key == "doan":
            return f"Số: …-{type_code}/{code}" + (f"-{unit}" if unit else "")
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
DOAN = Layout("doan", (DOAN_TITLE,), False, "***", "Hướng dẫn 29-HD/TWĐTN-VP ngày 29/10/2013")


def layout_for(kind: str) -> Layout:
    """The layout of a document issued by a body of this kind (an OrgKind value)."""
    if kind == OrgKind.DOAN_TNCS:
        return DOAN
    if kind == OrgKind.MTTQ:
        return MAT_TRAN
    return STATE
