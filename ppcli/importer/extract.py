"""The text of the file a clerk received: .docx (python-docx), .pdf with a text layer
(pypdf), .txt and .md. The file is untrusted: it is read through
:func:`ppcli.files.safe_read.read_bounded` (a size limit, regular files only), a .docx's
zip is measured before it is opened, a PDF's pages are counted; every failure is an
:class:`ImportProblem` saying in Vietnamese what to do, never a traceback."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ppcli.errors import RequestError
from ppcli.files.safe_read import FileTooLarge, NotRegularFile, read_bounded
from ppcli.i18n import Label

MAX_TEXT = 2 * 1024 * 1024  # a .txt or .md: 2 MB is a few hundred pages
MAX_BINARY = 30 * 1024 * 1024  # a .docx or .pdf with pictures
MAX_UNZIPPED = 200 * 1024 * 1024  # what a .docx may unpack to
MAX_PAGES = 1000
MIN_LETTERS = 40  # fewer letters than this in a PDF: it is a scan

SUFFIXES = (".docx", ".pdf", ".txt", ".md")


class ImportProblem(RequestError):
    """A file ``ppcli import`` cannot read (status 2: another file is needed)."""


def _problem(shown: str, vi: str, en: str) -> ImportProblem:
    return ImportProblem(Label(f"{shown}: {vi}", f"{shown}: {en}"))


def read_text(path: Path, shown: str | None = None) -> str:
    """The text of the file at ``path``; :class:`ImportProblem` when it cannot be read."""
    shown = shown or str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise _problem(
            shown, f"không đọc được loại tệp \"{suffix or '(không có đuôi)'}\"; ppcli import "
            "đọc .docx, .pdf (có lớp chữ), .txt và .md — hãy lưu văn bản thành .docx hoặc "
            "chép chữ vào một tệp .txt",
            f"cannot read files of type \"{suffix or '(no extension)'}\"; ppcli import reads "
            ".docx, .pdf (with a text layer), .txt and .md — save the document as .docx or "
            "paste its text into a .txt file")
    limit = MAX_TEXT if suffix in (".txt", ".md") else MAX_BINARY
    try:
        data = read_bounded(path, limit)
    except FileNotFoundError:
        raise _problem(shown, "không có tệp này; kiểm tra tên và thư mục",
                       "no such file; check the name and the folder") from None
    except FileTooLarge:
        raise _problem(shown, f"tệp lớn quá {limit // 1048576} MB; một văn bản phối hợp "
                       "không lớn như vậy — hãy xóa ảnh trong tệp hoặc chép phần chữ ra .txt",
                       f"the file is over {limit // 1048576} MB; an agreement is not that "
                       "large — remove its pictures or paste its text into a .txt") from None
    except NotRegularFile:
        raise _problem(shown, "không phải một tệp thường (thư mục, thiết bị…); hãy chỉ một "
                       "tệp văn bản", "not a regular file (a folder, a device…); name a "
                       "document file") from None
    except OSError as exc:
        raise _problem(shown, f"không đọc được tệp ({exc.strerror or exc})",
                       f"the file cannot be read ({exc.strerror or exc})") from None
    if suffix == ".docx":
        return _docx(data, shown)
    if suffix == ".pdf":
        return _pdf(data, shown)
    text = _decoded(data, shown)
    return _markdown(text) if suffix == ".md" else text


def _decoded(data: bytes, shown: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _problem(shown, "không phải chữ mã UTF-8 (có thể là mã TCVN3 hay VNI cũ); hãy mở "
                       "tệp, chọn Lưu thành… với mã UTF-8 (Unicode) rồi chạy lại",
                       "the text is not UTF-8 (perhaps an old TCVN3 or VNI encoding); open "
                       "it, Save as… UTF-8 (Unicode), then run again") from None


def _markdown(text: str) -> str:
    """Markdown's marks off: headings, emphasis, links (their words kept), list bullets."""
    text = re.sub(r"(?m)^\s{0,3}#{1,6}\s*", "", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    return re.sub(r"(?m)^\s*[*+]\s+", "- ", text)


def _docx(data: bytes, shown: str) -> str:
    unreadable = _problem(shown, "không mở được tệp .docx (hỏng, hoặc là .doc cũ đổi tên); hãy "
                          "mở bằng Word và Lưu thành… .docx", "cannot open the .docx (damaged, or "
                          "an old .doc renamed); open it in Word and Save as… .docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > 5000 or sum(i.file_size for i in infos) > MAX_UNZIPPED:
                raise _problem(shown, "tệp .docx giải nén ra quá lớn; không đọc",
                               "the .docx unpacks to too much; not read")
    except zipfile.BadZipFile:
        raise unreadable from None
    import docx  # python-docx: imported here, ppcli --help stays fast
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises many kinds for a damaged part  # noqa: BLE001
        raise unreadable from None
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":  # a signature block sits in a table: each cell in turn
            seen: set[int] = set()
            for row in Table(child, document).rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell comes once per column
                        continue
                    seen.add(id(cell._tc))
                    lines.extend(p.text for p in cell.paragraphs)
                    lines.append("")
    return "\n".join(lines)


def _pdf(data: bytes, shown: str) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _problem(shown, "tệp PDF có mật khẩu; hãy mở bằng mật khẩu, in ra PDF mới "
                           "(hoặc chép chữ vào .txt) rồi chạy lại", "the PDF is password-"
                           "protected; open it, print it to a new PDF (or paste its text "
                           "into a .txt), then run again")
        if len(reader.pages) > MAX_PAGES:
            raise _problem(shown, f"tệp PDF có hơn {MAX_PAGES} trang; không đọc",
                           f"the PDF has more than {MAX_PAGES} pages; not read")
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except ImportProblem:
        raise
    except Exception:  # pypdf raises many kinds for a damaged or exotic file  # noqa: BLE001
        raise _problem(shown, "không đọc được tệp PDF (hỏng hoặc mã hóa kiểu ppcli không mở "
                       "được); hãy mở bằng trình đọc PDF, chép chữ vào tệp .txt rồi chạy lại",
                       "cannot read the PDF (damaged, or encrypted in a way ppcli cannot "
                       "open); open it in a PDF reader, paste its text into a .txt, then run "
                       "again") from None
    if sum(c.isalpha() for c in text) < MIN_LETTERS:
        raise _problem(shown, "tệp PDF không có lớp chữ (bản quét, chỉ có ảnh); hãy nhận dạng "
                       "chữ (OCR) hoặc xin bản .docx, rồi chạy lại với tệp đó",
                       "the PDF has no text layer (a scan: pictures only); run text "
                       "recognition (OCR) or ask for the .docx, then run again with that file")
    return text
