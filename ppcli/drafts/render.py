"""Report drafts: the sandboxed Jinja environment, the body markup, Markdown and HTML.

Templates come from the agreements repository (``templates/``, which overrides any
default) or from ppcli's own defaults, installed with the package. A shared repository's
templates are untrusted: they run in Jinja's immutable sandbox (no attributes starting
with ``_``, no Python internals, no file or environment access), and strictly: a missing
value is an error naming the template, line and field, never a blank in an official
document. On top of the sandbox:

* loading is confined (:class:`ConfinedLoader`): a template's real path must lie inside
  its folder, so a symlink leaving it is refused and named, as are absolute names and
  ``..``; a template file is read only if it is a regular file of at most 2 MB;
* rendering has limits (:class:`LimitedEnvironment`): :data:`TIME_LIMIT` seconds,
  :data:`MAX_OUTPUT` bytes of output, and no arithmetic, repetition, padding or
  concatenation whose result would be larger than that; a template that exceeds one ends
  in :class:`TemplateProblem` naming it, never runs on;
* for a Markdown draft, the data is escaped where it enters the template (``<``, ``>``,
  and an ``&`` that would start an entity), so data cannot bring HTML into the draft,
  while the template's own text stays as written.

A template renders the body of the report in a small line markup:

* ``# I. KẾT QUẢ THỰC HIỆN`` — a section heading (mục), bold;
* ``## 1. Tuyên truyền…`` — a numbered heading (khoản), bold;
* ``- …`` — an item; any other line is body text; blank lines separate paragraphs.

The envelope around it (header, BÁO CÁO, Kính gửi, signature, Nơi nhận) is laid out by
code, because Nghị định 30/2020 fixes it.
"""

from __future__ import annotations

import collections.abc
import dataclasses
import datetime as dt
import functools
import html
import inspect
import itertools
import os
import re
import stat
import threading
import time
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path, PureWindowsPath
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ppcli.drafts.context import Block, Envelope, placeholder
from ppcli.errors import RequestError
from ppcli.files.model import Registry
from ppcli.i18n import Label, date_line, day_month
from ppcli.safetext import BIDI_CONTROLS, C1_CONTROLS, strip_controls

TEMPLATES = {"dinh-ky": "bao-cao-dinh-ky.md.j2", "so-ket": "bao-cao-so-ket.md.j2",
             "tong-ket": "bao-cao-tong-ket.md.j2"}


TIME_LIMIT = 10.0  # seconds a template may run
MAX_OUTPUT = 5 * 1024 * 1024  # bytes a template may write, or make in one value
MAX_TEMPLATE_BYTES = 2 * 1024 * 1024  # size of a template file (as yamlsource.MAX_BYTES)
THREAD_STACK = 64 * 1024 * 1024  # bytes of stack for the thread a template runs in
MAX_INT_BITS = 100_000  # about 30,000 digits: far beyond any count or amount in a report
MAX_ARG = 100_000  # a width, count or repetition passed to a filter or function
MAX_ITEMS = 1_000_000  # items a filter may sort, list or go through
_HUGE_FORMAT = re.compile(r"\d{6,}")  # a width or precision of 100,000 or more
_WIDTH_FROM_ARGS = re.compile(r"\*|\{[^{}]*\{")  # '%*d', '{:{}}': widths in the values


class TemplateProblem(RequestError):
    """A template failed; the label says which, where and what to do. A bad template is
    a wrong request: exit status 2."""


class _Refused(TemplateProblem):
    """The loader refused a template name or file (the including template is added)."""


class _Limit(Exception):
    """A template went over a limit while running (turned into a TemplateProblem)."""

    def __init__(self, label: Label) -> None:
        super().__init__(label.en)
        self.label = label


def _too_large(what: str, what_en: str) -> _Limit:
    mb = MAX_OUTPUT // (1024 * 1024)
    return _Limit(Label(f"{what} vượt quá giới hạn {mb} MB",
                        f"{what_en} is over the {mb} MB limit"))


# -- confined loading ----------------------------------------------------------------------


def _pieces(name: str) -> list[str]:
    """The parts of a template name; refuses absolute names and ``..``."""
    if (not name or "\0" in name or name.startswith(("/", "\\"))
            or PureWindowsPath(name).drive or PureWindowsPath(name).root):
        raise _Refused(Label(
            f"tên mẫu \"{name}\" không hợp lệ: phải là đường dẫn tương đối trong thư mục mẫu",
            f"invalid template name \"{name}\": it must be a relative path inside the "
            "template folder"))
    pieces = [p for p in re.split(r"[/\\]", name) if p and p != "."]
    if ".." in pieces:
        raise _Refused(Label(
            f"tên mẫu \"{name}\" không hợp lệ: không được dùng \"..\" để ra khỏi thư mục mẫu",
            f"invalid template name \"{name}\": \"..\" may not leave the template folder"))
    if any(p.startswith(".") or _GIT_SHORT_NAME.fullmatch(p) for p in pieces):
        raise _Refused(Label(
            f"tên mẫu \"{name}\" không hợp lệ: không được dùng tệp hoặc thư mục ẩn (tên bắt "
            "đầu bằng \".\", như .git)",
            f"invalid template name \"{name}\": hidden files and folders (names starting "
            "with \".\", such as .git) may not be used"))
    return pieces


# ``GIT~1``: the short (8.3) name Windows gives ``.git``
_GIT_SHORT_NAME = re.compile(r"git~\d+", re.IGNORECASE)


class ConfinedLoader(jinja2.BaseLoader):
    """Templates from a list of folders, each confined to its folder: the file's real
    path (symlinks resolved) must lie inside the folder's real path."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders

    def get_source(self, environment: jinja2.Environment, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        pieces = _pieces(template)
        for folder in self.folders:
            candidate = folder.joinpath(*pieces)
            if not os.path.lexists(candidate):
                continue
            real_folder = folder.resolve()
            real = candidate.resolve()
            if not real.is_relative_to(real_folder):
                raise _Refused(_escape_label(folder, pieces, template))
            source, mtime = _read_template(real, template)
            return source, str(candidate), functools.partial(_unchanged, real, mtime)
        raise jinja2.TemplateNotFound(template)


def _escape_label(folder: Path, pieces: list[str], template: str) -> Label:
    """Which link takes ``template`` out of ``folder``."""
    real_folder = folder.resolve()
    link = folder.joinpath(*pieces)
    for i in range(1, len(pieces) + 1):
        step = folder.joinpath(*pieces[:i])
        if step.is_symlink() and not step.resolve().is_relative_to(real_folder):
            link = step
            break
    return Label(
        f"mẫu \"{template}\": {link} là liên kết (symlink) trỏ ra ngoài thư mục mẫu "
        f"{folder}; không dùng. Hãy xóa liên kết này hoặc thay bằng tệp thật",
        f"template \"{template}\": {link} is a symlink leading out of the template folder "
        f"{folder}; refused. Remove the link or replace it with a real file")


def _unchanged(path: Path, mtime: float) -> bool:
    try:
        return path.stat().st_mtime == mtime
    except OSError:
        return False


def _read_template(path: Path, name: str) -> tuple[str, float]:
    """A template file's text: a regular file, at most MAX_TEMPLATE_BYTES, UTF-8."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _Refused(Label(f"mẫu \"{name}\": không đọc được ({exc.strerror})",
                                    f"template \"{name}\": cannot read it ({exc.strerror})")
                              ) from None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _Refused(Label(f"mẫu \"{name}\": không phải tệp thường; không dùng",
                                        f"template \"{name}\": not a regular file; refused"))
        data = f.read(MAX_TEMPLATE_BYTES + 1)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise _Refused(Label(f"mẫu \"{name}\": tệp quá lớn (hơn 2 MB); không dùng",
                                    f"template \"{name}\": file too large (over 2 MB); refused"))
    try:
        return data.decode("utf-8"), info.st_mtime
    except UnicodeDecodeError:
        raise _Refused(Label(f"mẫu \"{name}\": không phải văn bản UTF-8",
                                    f"template \"{name}\": not UTF-8 text")) from None


# -- limits while rendering ------------------------------------------------------------------


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else 0


_END = object()
_VIEWS = (list, tuple, set, frozenset, collections.abc.KeysView, collections.abc.ValuesView,
          collections.abc.ItemsView)


def _children(value: Any) -> Iterator[Any] | None:
    """What a container shows when it is printed (None for anything else)."""
    if isinstance(value, (str, bytes)):
        return None
    if isinstance(value, dict):
        return itertools.chain.from_iterable(value.items())
    if isinstance(value, _VIEWS):
        return iter(value)
    attrs = getattr(value, "_Namespace__attrs", None)  # jinja2's namespace()
    if isinstance(value, jinja2.utils.Namespace) and isinstance(attrs, dict):
        return itertools.chain.from_iterable(attrs.items())
    return None


def _leaf(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, (bytes, bytearray)):
        return 4 * len(value)
    if isinstance(value, int):
        return value.bit_length() * 31 // 100 + 2
    return 32  # a number, date, None, an object: its printed form is short


def _weight(value: Any, budget: int = MAX_OUTPUT, depth_cost: int = 0) -> int:
    """An upper estimate of the characters ``str(value)`` (or ``repr``, or JSON) takes,
    found without making it: a string its length; a container its brackets, and for each
    item its own weight, a separator and quotes, and ``depth_cost`` per level of nesting
    (for indented output). Counting stops once over ``budget``, so a value made of shared
    references that would print as terabytes costs no more than ``budget`` steps."""
    kids = _children(value)
    if kids is None:
        return _leaf(value)
    total = 2
    stack: list[Iterator[Any]] = [kids]
    while stack and total <= budget:
        item = next(stack[-1], _END)
        if item is _END:
            stack.pop()
            continue
        total += 4 + depth_cost * len(stack)
        inner = _children(item)
        if inner is None:
            total += _leaf(item)
        else:
            total += 2
            stack.append(inner)
    return total


def _join_weight(items: Any, separator: int) -> int:
    """An upper estimate of the length of ``sep.join(str(x) for x in items)``."""
    if isinstance(items, str):
        return len(items) * (1 + separator)
    total = 0
    for item in items if isinstance(items, _VIEWS) else ():
        total += _weight(item, MAX_OUTPUT - total) + separator
        if total > MAX_OUTPUT:
            break
    return total


def _replace_weight(text: Any, old: Any, new: Any) -> int:
    """An upper estimate of the length of ``text.replace(old, new)``."""
    if not all(isinstance(x, str) for x in (text, old, new)):
        return 0
    grows = max(len(new) - len(old), 0)
    return len(text) + (len(text) // max(len(old), 1) + 1) * grows


def _format_weight(fmt: str, values: Any) -> int:
    """An upper estimate of what a ``%`` or ``format`` string makes of ``values`` (each
    field may show all of them)."""
    fields = fmt.count("%") + fmt.count("{")
    if not fields:
        return len(fmt)
    return len(fmt) + fields * _weight(values, MAX_OUTPUT // fields + 1)


def _over(estimate: int, what: str = "kết quả", what_en: str = "a result") -> None:
    if estimate > MAX_OUTPUT:
        raise _too_large(what, what_en)


def _check_int(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and \
            value.bit_length() > MAX_INT_BITS:
        raise _Limit(Label("số quá lớn (hơn 30.000 chữ số)", "number too large "
                           "(over 30,000 digits)"))


def _check_args(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """A width, count or repetition of more than MAX_ARG is refused before the call."""
    for arg in (*args, *kwargs.values()):
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_ARG:
            raise _Limit(Label(f"đối số {arg} lớn quá (giới hạn {MAX_ARG:,})".replace(",", "."),
                               f"argument {arg} is too large (limit {MAX_ARG:,})"))


def _check_format(fmt: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """A format string (``%`` or ``str.format``) may not ask for a huge width."""
    if _HUGE_FORMAT.search(fmt):
        raise _too_large("định dạng", "a format")
    if _WIDTH_FROM_ARGS.search(fmt):
        _check_args(args, kwargs)


def _check_result(value: Any) -> Any:
    if _size(value) > MAX_OUTPUT:
        raise _too_large("kết quả", "a result")
    _check_int(value)
    return value


def _finalize(value: Any) -> Any:
    """Each ``{{ value }}`` is measured before it is turned into text."""
    if not isinstance(value, str):
        _over(_weight(value), "giá trị in ra", "a printed value")
    return value


class _Generator(CodeGenerator):
    """Jinja's code generator, with ``~`` going through the environment's size check and
    the buffers of macros and blocks limited in size."""

    def buffer(self, frame: Frame) -> None:
        frame.buffer = self.temporary_identifier()
        self.writeline(f"{frame.buffer} = environment.make_buffer()")

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.checked_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


_TICK = "ppcli loop"  # a filter no template can name (it holds a space)


class LimitedEnvironment(ImmutableSandboxedEnvironment):
    """The immutable sandbox with a deadline and size limits on what templates make."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = _Generator
    deadline = float("inf")
    time_limit = TIME_LIMIT
    markdown = False  # the data is escaped for a Markdown draft (see md_data)

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise _Limit(Label(f"chạy quá {self.time_limit:g} giây",
                               f"ran over {self.time_limit:g} s"))

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """The template's tree, each ``{% for %}`` iterating through :meth:`tick`."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, _TICK, [], [], None, None,
                                     lineno=loop.iter.lineno)
        return tree

    @staticmethod
    def make_buffer() -> list[str]:
        return _Buffer()

    def tick(self, items: Any) -> Iterator[Any]:
        """The items of a loop, the deadline checked before each."""
        for item in items:
            self.check_time()
            yield item

    def checked_concat(self, parts: tuple[Any, ...]) -> str:
        self.check_time()
        _over(_join_weight(parts, 0), "chuỗi ghép", "a joined string")  # before str(part)
        return "".join([str(p) for p in parts])

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any,
                   right: Any) -> Any:
        self.check_time()
        ints = all(isinstance(x, int) and not isinstance(x, bool) for x in (left, right))
        if operator == "**" and ints and right > 0 and abs(left) > 1 and \
                left.bit_length() * right > MAX_INT_BITS:
            raise _Limit(Label("lũy thừa quá lớn", "power too large"))
        if operator == "*":
            if ints and left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise _Limit(Label("tích quá lớn", "product too large"))
            for seq, count in ((left, right), (right, left)):  # sized by what it repeats
                if _size(seq) and isinstance(count, int) and count > 0 and \
                        _weight(seq, MAX_OUTPUT // count + 1) * count > MAX_OUTPUT:
                    raise _too_large("chuỗi lặp lại", "a repeated string")
        if operator == "%" and isinstance(left, str):
            _check_format(left, right if isinstance(right, tuple) else (right,), {})
            _over(_format_weight(left, right))
        if operator == "+" and (_size(left) or _size(right)) and \
                _weight(left) + _weight(right) > MAX_OUTPUT:
            raise _too_large("chuỗi ghép", "a joined string")
        return _check_result(super().call_binop(context, operator, left, right))

    def call(__self, __context: jinja2.runtime.Context, __obj: Any,  # noqa: N805
             *args: Any, **kwargs: Any) -> Any:
        __self.check_time()
        method = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        owner = getattr(method, "__self__", None)
        called = getattr(method, "__name__", "")
        if isinstance(owner, str) and called in ("format", "format_map"):
            _check_format(owner, args, kwargs)  # the values are data, not sizes
            _over(_format_weight(owner, (args, kwargs)))
        else:
            _check_args(args, kwargs)
        if isinstance(owner, str):
            _over(_str_method_weight(owner, called, args, kwargs))
        return _check_result(super().call(__context, __obj, *args, **kwargs))

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.check_time()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.check_time()
        return super().getitem(obj, argument)


def _str_method_weight(text: str, name: str, args: tuple[Any, ...],
                       kwargs: dict[str, Any]) -> int:
    """An upper estimate of what a string method makes, for those that can make much more
    than they are given (the others are bounded by the string or by MAX_ARG)."""
    if name == "join" and args:
        return _join_weight(args[0], len(text))
    if name == "replace" and len(args) >= 2:
        return _replace_weight(text, args[0], args[1])
    if name == "expandtabs":
        size = (args or (kwargs.get("tabsize", 8),))[0]
        return len(text) + text.count("\t") * (size if isinstance(size, int) else 8)
    if name == "translate" and args and isinstance(args[0], dict):
        longest = max((len(v) for v in args[0].values() if isinstance(v, str)), default=1)
        return len(text) * max(longest, 1)
    return 0


def _text_len(value: Any) -> int:
    return len(value) if isinstance(value, str) else _weight(value)


def _indent_weight(p: dict[str, Any]) -> int:
    text, width = p["s"], p["width"]
    step = width if isinstance(width, int) else _text_len(width)
    return _text_len(text) + (str(text).count("\n") + 1) * step


def _wordwrap_weight(p: dict[str, Any]) -> int:
    text, width = str(p["s"]), p["width"] if isinstance(p["width"], int) else 1
    wrap = len(str(p["wrapstring"] or "\n"))
    return len(text) + (len(text) // max(width, 1) + text.count("\n") + 1) * wrap


def _urlize_weight(p: dict[str, Any]) -> int:
    text = _text_len(p["value"])
    extra = sum(_text_len(p[k] or "") for k in ("target", "rel"))
    return 10 * text + (text // 4 + 1) * extra


def _sum_weight(p: dict[str, Any]) -> int:
    """``sum`` of lists is quadratic: bounded by the number and size of what it adds."""
    items, start = p["iterable"], p["start"]
    if isinstance(start, (int, float)) or not isinstance(items, _VIEWS):
        return 0
    if len(items) > MAX_ARG:
        raise _Limit(Label(f"cộng quá nhiều danh sách (giới hạn {MAX_ARG:,})".replace(",", "."),
                           f"adding too many lists (limit {MAX_ARG:,})"))
    return _weight(start) + _join_weight(items, 0)


# what each filter that can make far more than it is given would make, estimated from its
# arguments (bound to the filter's parameter names) before it runs
_ESTIMATES: dict[str, Callable[[dict[str, Any]], int]] = {
    "string": lambda p: _weight(p["s"]),
    "join": lambda p: _join_weight(p["value"], _text_len(p["d"])),
    "tojson": lambda p: 6 * _weight(p["value"], MAX_OUTPUT // 6 + 1,
                                    1 + (p["indent"] if isinstance(p["indent"], int) else 0)),
    "pprint": lambda p: 2 * _weight(p["value"], MAX_OUTPUT // 2 + 1, 2),
    "escape": lambda p: 6 * _weight(p["s"], MAX_OUTPUT // 6 + 1),
    "e": lambda p: 6 * _weight(p["s"], MAX_OUTPUT // 6 + 1),
    "forceescape": lambda p: 6 * _weight(p["value"], MAX_OUTPUT // 6 + 1),
    "xmlattr": lambda p: 6 * _weight(p["d"], MAX_OUTPUT // 6 + 1),
    "urlencode": lambda p: 12 * _weight(p["value"], MAX_OUTPUT // 12 + 1),
    "replace": lambda p: _replace_weight(p["s"], p["old"], p["new"]),
    "indent": _indent_weight,
    "wordwrap": _wordwrap_weight,
    "urlize": _urlize_weight,
    "sum": _sum_weight,
    "format": lambda p: _format_weight(str(p["value"]), (p["args"], p["kwargs"])),
}
# filters that go through every item of their value (a string: every character)
_ITERATING = frozenset({"list", "sort", "unique", "map", "select", "reject", "selectattr",
                        "rejectattr", "batch", "slice", "groupby", "min", "max", "sum",
                        "dictsort", "join", "reverse", "items", "tojson", "pprint"})


def _guard_filter(env: LimitedEnvironment, name: str, fn: Any) -> Any:
    lead = 0 if jinja2.utils._PassArg.from_obj(fn) is None else 1  # context first
    estimate = _ESTIMATES.get(name)
    try:
        signature: inspect.Signature | None = inspect.signature(fn)
    except (TypeError, ValueError):
        signature = None

    @functools.wraps(fn)  # keeps jinja_pass_arg, which says what the filter is passed
    def guarded(*args: Any, **kwargs: Any) -> Any:
        env.check_time()
        if fn is jinja2.filters.do_format and args and isinstance(args[0], str):
            _check_format(args[0], args[1:], kwargs)  # the values are data, not sizes
        else:
            _check_args(args[lead + 1:], kwargs)  # the value filtered is not a size
        if len(args) > lead:
            value = args[lead]
            if name in ("join", "sum") and isinstance(value, collections.abc.Iterator):
                value = list(itertools.islice(value, MAX_ITEMS + 1))  # to measure it
                args = (*args[:lead], value, *args[lead + 1:])
            if name in _ITERATING and isinstance(value, collections.abc.Sized) and \
                    len(value) > MAX_ITEMS:
                raise _Limit(Label(
                    f"quá nhiều phần tử cho bộ lọc {name} (giới hạn {MAX_ITEMS:,})"
                    .replace(",", "."),
                    f"too many items for the {name} filter (limit {MAX_ITEMS:,})"))
            if estimate is not None and signature is not None:
                try:
                    bound = signature.bind(*args, **kwargs)
                except TypeError:
                    pass  # the filter itself says what is wrong with its arguments
                else:
                    bound.apply_defaults()
                    _over(estimate(bound.arguments))
        return _check_result(fn(*args, **kwargs))
    return guarded


class _Buffer(list[str]):
    """The text a macro, a ``{% set %}`` block, a call or filter block makes, limited as
    the template's own output is (Jinja joins it in one go)."""

    size = 0

    def append(self, text: str) -> None:
        self._grow(text)
        super().append(text)

    def extend(self, texts: Any) -> None:
        texts = tuple(texts)
        for text in texts:
            self._grow(text)
        super().extend(texts)

    def _grow(self, text: Any) -> None:
        self.size += len(text) if isinstance(text, str) else 0
        if self.size > MAX_OUTPUT:
            raise _too_large("văn bản mẫu viết ra", "the text the template writes")


# -- Markdown escaping of values -------------------------------------------------------------

_ENTITY_AMP = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")


def md_escape(text: str) -> str:
    """Text from data made inert in Markdown: ``<`` and ``>`` escaped, and ``&`` only
    where it would start an entity, so that "Sở LĐ-TB&XH" stays as it is."""
    text = strip_controls(text, spaces="\r")
    return _ENTITY_AMP.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


def md_data(value: Any) -> Any:
    """The template's data with every string escaped by :func:`md_escape` (dicts, lists
    and tuples copied; dates and numbers as they are). Done once, where the data enters
    the template, so that text a macro or block has already made is not escaped twice, and
    the template's own text is left as written."""
    if isinstance(value, str):
        return md_escape(value)
    if isinstance(value, dict):
        return {md_data(k): md_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(md_data(v) for v in value)
    return value


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
                          f"{C1_CONTROLS}{BIDI_CONTROLS}]")


def xml_text(text: str) -> str:
    """Text Word can hold: control characters XML 1.0 does not allow are dropped
    (a vertical tab or form feed becomes a space), and so are the C1 controls and the
    bidi embeddings, overrides and isolates, which would reorder what the reader sees."""
    return _XML_ILLEGAL.sub(lambda m: " " if m.group(0) in "\x0b\x0c" else "", text)


def default_templates() -> Path:
    """ppcli's own templates: the checkout's ``templates/`` folder, installed as the
    package ``ppcli.templates`` (see pyproject.toml)."""
    try:
        return Path(str(resources.files("ppcli.templates")))
    except ModuleNotFoundError:  # ppcli imported from a source checkout, not installed
        return Path(__file__).resolve().parents[2] / "templates"


def environment(search: list[Path], undefined: type[jinja2.Undefined] = jinja2.StrictUndefined,
                registry: Registry | None = None, markdown: bool = False
                ) -> LimitedEnvironment:
    """The sandbox templates run in. ``markdown``: the data is escaped for a Markdown
    draft (.html drafts escape everything later; .docx needs no escaping)."""
    env = LimitedEnvironment(
        loader=ConfinedLoader(search), undefined=undefined, autoescape=False,
        finalize=_finalize,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.markdown = markdown
    env.filters.update({
        "ngay": _date_filter(date_line),  # ngày 05 tháng 01 năm 2024
        "ngay_ngan": _date_filter(day_month),  # 05/01/2024
        "hoa": lambda s: str(s).upper(),
        "liet_ke": _enumerate,  # ["A", "B", "C"] -> "A, B và C"
        # {{ "ubnd-kien-giang" | ten_to_chuc(report.date) }} -> the name in force that day
        "ten_to_chuc": _org_name(registry, md_escape if markdown else str),
    })
    env.globals.update({"can_bo_sung": placeholder})
    for unneeded in ("lipsum", "cycler", "joiner"):  # lipsum(10**5) runs for minutes
        env.globals.pop(unneeded, None)
    env.filters = {name: _guard_filter(env, name, fn) for name, fn in env.filters.items()}
    env.filters[_TICK] = env.tick
    return env


def _org_name(registry: Registry | None, escape: Callable[[str], str]) -> Any:
    """The filter giving an organisation's name (data from the registry: escaped for a
    Markdown draft, as the rest of the data is)."""
    def name(org_id: Any, on: Any = None, short: bool = False) -> str:
        if registry is None or str(org_id) not in registry.orgs:
            raise jinja2.UndefinedError(f"không có tổ chức \"{org_id}\" trong danh mục")
        if on is None:
            return escape(registry.name(str(org_id), short))
        if not isinstance(on, dt.date):
            raise jinja2.UndefinedError(f"không phải ngày: {on!r}")
        return escape(" và ".join(registry.name(o, short)
                                  for o in registry.successors_on(str(org_id), on)))
    return name


def _enumerate(items: Any) -> str:
    names = [str(x) for x in items]
    return " và ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else \
        "".join(names)


def _date_filter(fn: Any) -> Any:
    def apply(value: Any) -> str:
        if isinstance(value, dt.date):
            return str(fn(value))
        raise jinja2.UndefinedError(f"không phải ngày: {value!r}")
    return apply


def search_path(repo_root: Path, template_file: Path | None) -> tuple[list[Path], str | None]:
    """Template folders, most specific first, and the name of a ``--template`` file. The
    repository's ``templates`` folder must be a real folder: a symbolic link or junction
    there is refused, even one pointing inside the repository (``templates -> .`` would
    make the repository's root, ``.git/config`` and its credentials included, a template
    folder)."""
    own = repo_root / "templates"
    if _is_link(own):
        raise TemplateProblem(Label(
            f"{own} là liên kết (symlink hoặc junction); thư mục mẫu của kho phải là thư mục "
            "thật nên không dùng. Hãy xóa liên kết này hoặc thay bằng thư mục thật",
            f"{own} is a symbolic link (or junction); the repository's template folder must "
            "be a real folder, so it is refused. Remove the link or replace it with a real "
            "folder"))
    folders = [own, default_templates()]
    if template_file is None:
        return [f for f in folders if f.is_dir()], None
    return [template_file.parent, *[f for f in folders if f.is_dir()]], template_file.name


def _is_link(path: Path) -> bool:
    """Whether ``path`` is a symbolic link, or on Windows any reparse point (a junction)."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if stat.S_ISLNK(info.st_mode):
        return True
    attributes = getattr(info, "st_file_attributes", 0)  # Windows only
    return bool(attributes & getattr(stat, "FILE_ATTRIBUTE_REPARSE_POINT", 0))


def _where(exc: BaseException, fallback: str) -> tuple[str, int]:
    """The template and line where a rendering error happened (Jinja rewrites the
    traceback so that template frames carry the template's file name and line)."""
    name, line = fallback, 0
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".jinja", ".md", ".txt", ".html")) or \
                filename == "<template>":
            name, line = Path(filename).name, tb.tb_lineno
        tb = tb.tb_next
    return name, line


def render_body(env: LimitedEnvironment, name: str, context: dict[str, Any],
                time_limit: float | None = None) -> str:
    """The template's text, or TemplateProblem naming the template. It runs in a thread
    of its own under a deadline (checked at each turn of a loop and in each call, operator,
    filter and attribute it uses; the thread is given up on if one operation outlasts the
    deadline by 2 s) and an output limit."""
    limit = TIME_LIMIT if time_limit is None else time_limit
    env.time_limit = limit
    outcome: dict[str, Any] = {}

    def work() -> None:
        env.deadline = time.monotonic() + limit
        try:
            data = md_data(context) if env.markdown else context
            outcome["text"] = _generate(env.get_template(name), data)
        except BaseException as exc:  # handed to the caller's thread, explained there
            outcome["error"] = exc

    worker = threading.Thread(target=work, name=f"ppcli-template-{name}", daemon=True)
    try:  # a thread's own stack is small on Windows (1 MB): deep recursion must end in
        previous = threading.stack_size(THREAD_STACK)  # RecursionError, not a crash
    except (ValueError, RuntimeError):
        previous = None
    try:
        worker.start()
    finally:
        if previous is not None:
            threading.stack_size(previous)
    worker.join(limit + 2.0)  # a single operation the checks cannot see: give up on it
    if worker.is_alive():
        raise _explain(_Limit(Label(f"chạy quá {limit:g} giây", f"ran over {limit:g} s")),
                       name, limit)
    if "error" in outcome:
        raise _explain(outcome["error"], name, limit) from None
    return str(outcome["text"])


def _generate(template: jinja2.Template, context: dict[str, Any]) -> str:
    chunks: list[str] = []
    size = 0
    stream: Iterator[str] = template.generate(context)
    for chunk in stream:
        size += len(chunk.encode("utf-8", "surrogatepass"))
        if size > MAX_OUTPUT:
            raise _too_large("văn bản mẫu viết ra", "the text the template writes")
        chunks.append(chunk)
    return "".join(chunks)


def _explain(exc: BaseException, name: str, limit: float = TIME_LIMIT) -> BaseException:
    """A failure while rendering as a TemplateProblem naming the template and line (other
    exceptions, such as KeyboardInterrupt, are returned as they are)."""
    file, line = _where(exc, name)
    where = f"{file}:{line}" if line else file
    if isinstance(exc, _Refused):
        return TemplateProblem(Label(f"mẫu {where}: {exc.label.vi}", f"template {where}: "
                                     f"{exc.label.en}"))
    if isinstance(exc, TemplateProblem):
        return exc
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = f"{exc.filename or exc.name or name}:{exc.lineno}"
        return TemplateProblem(Label(f"mẫu {where}: lỗi cú pháp Jinja: {exc.message}",
                                     f"template {where}: Jinja syntax error: {exc.message}"))
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateProblem(Label(
            f"mẫu {name}: không tìm thấy mẫu \"{exc.name}\" trong các thư mục mẫu (chỉ được "
            "dùng mẫu trong templates/)",
            f"template {name}: no template \"{exc.name}\" in the template folders (only "
            "templates/ may be used)"))
    if isinstance(exc, _Limit):
        mb = MAX_OUTPUT // (1024 * 1024)
        return TemplateProblem(Label(
            f"mẫu {where}: dừng vì {exc.label.vi}; mẫu phải ngắn gọn (giới hạn: "
            f"{limit:g} giây, {mb} MB); hãy sửa mẫu",
            f"template {where}: stopped, {exc.label.en}; templates must stay small "
            f"(limits: {limit:g} s, {mb} MB); fix the template"))
    if isinstance(exc, SecurityError):
        return TemplateProblem(Label(
            f"mẫu {file}:{line}: bị chặn vì lý do an toàn ({exc}); mẫu chỉ được dùng dữ liệu "
            "thỏa thuận, không được truy cập thuộc tính nội bộ của Python",
            f"template {file}:{line}: refused for safety ({exc}); templates may only use "
            "the agreement data, not Python internals"))
    if isinstance(exc, jinja2.UndefinedError):
        field = _field(str(exc.message or exc))
        return TemplateProblem(Label(
            f"mẫu {file}:{line}: thiếu dữ liệu \"{field}\" ({exc.message}); sửa mẫu hoặc bổ "
            "sung dữ liệu (ppcli render --check liệt kê những chỗ thiếu)",
            f"template {file}:{line}: missing value \"{field}\" ({exc.message}); fix the "
            "template or the data (ppcli render --check lists the gaps)"))
    if isinstance(exc, MemoryError):
        return TemplateProblem(Label(f"mẫu {file}:{line}: dừng vì hết bộ nhớ; hãy sửa mẫu",
                                     f"template {file}:{line}: stopped, out of memory; fix "
                                     "the template"))
    if isinstance(exc, Exception):
        what = f"{type(exc).__name__}: {exc}"[:300]
        return TemplateProblem(Label(f"mẫu {file}:{line}: lỗi khi chạy mẫu ({what}); hãy sửa mẫu",
                                     f"template {file}:{line}: error while running the "
                                     f"template ({what}); fix the template"))
    return exc


def _field(message: str) -> str:
    m = re.search(r"has no attribute '([^']+)'", message) or re.search(r"'([^']+)' is undefined",
                                                                        message)
    return m.group(1) if m else message


def _recording(seen: list[str]) -> type[jinja2.Undefined]:
    """An undefined-value class that notes in ``seen`` what was asked for instead of
    failing: a class made for one check, so nothing is shared between checks."""

    class Recording(jinja2.ChainableUndefined):
        def _note(self) -> None:
            name = self._undefined_name or "?"
            if name not in seen:
                seen.append(name)

        def __str__(self) -> str:
            self._note()
            return ""

        def __iter__(self) -> Any:
            self._note()
            return iter(())

        def __bool__(self) -> bool:
            self._note()
            return False

    return Recording


def check_template(search: list[Path], name: str, context: dict[str, Any],
                   registry: Registry | None = None) -> list[str]:
    """The fields a template uses that the data does not have."""
    seen: list[str] = []
    render_body(environment(search, _recording(seen), registry), name, context)
    return seen


# -- the body markup --------------------------------------------------------------------


def parse_body(text: str) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block("p", " ".join(paragraph)))
            paragraph.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("## "):
            flush()
            blocks.append(Block("h2", line[3:].strip()))
        elif line.startswith("# "):
            flush()
            blocks.append(Block("h1", line[2:].strip()))
        elif line.startswith("- "):
            flush()
            blocks.append(Block("li", line[2:].strip()))
        else:
            paragraph.append(line)
    flush()
    return blocks


# -- Markdown (for review in git) and HTML (for a quick look, printable to A4) -------------


def _md_cell(text: str) -> str:
    """Envelope text from data for Markdown: escaped as template values are, and ``|``
    escaped so that it cannot split the header and signature tables."""
    return md_escape(text).replace("|", "\\|")


def _md_envelope(env: Envelope) -> Envelope:
    return dataclasses.replace(
        env, parent_body=_md_cell(env.parent_body), issuer=_md_cell(env.issuer),
        number=_md_cell(env.number), place_date=_md_cell(env.place_date),
        summary=_md_cell(env.summary), to=tuple(_md_cell(t) for t in env.to),
        signer_title=tuple(_md_cell(t) for t in env.signer_title),
        signer_name=_md_cell(env.signer_name), copies=tuple(_md_cell(c) for c in env.copies),
        type_name=_md_cell(env.type_name))


def to_markdown(env: Envelope, blocks: list[Block]) -> str:
    """The draft in Markdown. The body's data was escaped as it entered the template
    (``environment(markdown=True)``); the envelope's is escaped here. No control or bidi
    character is left (:func:`ppcli.safetext.strip_controls`; ``\\r`` becomes a space)."""
    env = _md_envelope(env)
    left = [env.parent_body, f"**{env.issuer}**", env.number] if env.parent_body else \
        [f"**{env.issuer}**", env.number]
    lines = [
        "| " + "<br>".join(left[:-1]) + " | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>"
        "**Độc lập - Tự do - Hạnh phúc** |",
        "|:---:|:---:|",
        f"| {left[-1]} | *{env.place_date}* |",
        "",
        f"**{env.type_name}**",
        "",
        f"**{env.summary}**",
        "",
    ]
    if env.to:
        if len(env.to) == 1:
            lines += [f"Kính gửi: {env.to[0]}.", ""]
        else:
            lines += ["Kính gửi:"] + [f"- {t}{';' if i < len(env.to) - 1 else '.'}"
                                      for i, t in enumerate(env.to)] + [""]
    for i, block in enumerate(blocks):
        end = "./." if i == len(blocks) - 1 else ""
        if block.kind == "h1":
            lines += [f"### {block.text}", ""]
        elif block.kind == "h2":
            lines += [f"#### {block.text}", ""]
        elif block.kind == "li":
            lines += [f"- {block.text}{end}"]
            if i + 1 < len(blocks) and blocks[i + 1].kind != "li" or end:
                lines.append("")
        else:
            lines += [f"{block.text}{end}", ""]
    lines += [
        "| ***Nơi nhận:*** | " + "<br>".join(f"**{t}**" for t in env.signer_title) + " |",
        "|:---|:---:|",
        "| " + "<br>".join(_copy_lines(env.copies)) + " | <br><br><br>**" + env.signer_name
        + "** |",
        "",
    ]
    return strip_controls("\n".join(lines), spaces="\r")


def _copy_lines(copies: tuple[str, ...]) -> list[str]:
    return [f"- {c}{'.' if i == len(copies) - 1 else ';'}" for i, c in enumerate(copies)]


def _mark(text: str) -> str:
    """HTML-escaped text with the placeholders highlighted."""
    from ppcli.drafts.context import PLACEHOLDER_RE

    out, last = [], 0
    for m in PLACEHOLDER_RE.finditer(text):
        out += [html.escape(text[last:m.start()]), f"<mark>{html.escape(m.group(0))}</mark>"]
        last = m.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


HTML_STYLE = """
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: "Times New Roman", Times, serif; font-size: 14pt; line-height: 1.3;
       max-width: 165mm; margin: 10mm auto; color: #000; }
table.head, table.foot { width: 100%; border-collapse: collapse; }
table.head td, table.foot td { vertical-align: top; text-align: center; padding: 0; }
.head td.left { width: 40%; font-size: 13pt; } .head td.right { width: 60%; }
.qh { font-weight: bold; font-size: 12pt; } .tn { font-weight: bold; font-size: 13pt; }
.rule { border-top: 1px solid #000; margin: 2px auto 6px; }
.date { font-style: italic; } .so { font-size: 13pt; }
h1.type { font-size: 14pt; text-align: center; margin: 18pt 0 0; }
p.summary { font-weight: bold; text-align: center; margin: 0; }
p, li { text-align: justify; margin: 6pt 0; } p.body, li { text-indent: 1cm; }
h2 { font-size: 14pt; margin: 6pt 0; text-indent: 1cm; }
h3 { font-size: 14pt; margin: 6pt 0; text-indent: 1cm; }
ul { list-style: none; padding: 0; } li::before { content: "- "; }
.foot td.left { text-align: left; width: 45%; font-size: 11pt; }
.foot .nn { font-weight: bold; font-style: italic; font-size: 12pt; }
.foot td.right { font-weight: bold; }
.kg { text-align: center; } mark { background: #ff0; }
"""


def to_html(env: Envelope, blocks: list[Block]) -> str:
    """The draft as one HTML page: data escaped, no control or bidi character left."""
    parent = f"<div>{_mark(env.parent_body)}</div>" if env.parent_body else ""
    parts = [
        "<!DOCTYPE html>", '<html lang="vi"><head><meta charset="utf-8">',
        f"<title>{html.escape(env.summary)}</title><style>{HTML_STYLE}</style></head><body>",
        '<table class="head"><tr><td class="left">', parent,
        f"<div><b>{_mark(env.issuer)}</b></div>", '<div class="rule" style="width:40%"></div>',
        f'<div class="so">{_mark(env.number)}</div></td>',
        '<td class="right"><div class="qh">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>',
        '<div class="tn">Độc lập - Tự do - Hạnh phúc</div>',
        '<div class="rule" style="width:60%"></div>',
        f'<div class="date">{_mark(env.place_date)}</div></td></tr></table>',
        f'<h1 class="type">{env.type_name}</h1>',
        f'<p class="summary">{_mark(env.summary)}</p>',
        '<div class="rule" style="width:30%"></div>',
    ]
    if env.to:
        if len(env.to) == 1:
            parts.append(f'<p class="kg">Kính gửi: {_mark(env.to[0])}.</p>')
        else:
            parts.append('<p class="kg">Kính gửi:</p><ul class="kg">' + "".join(
                f"<li>{_mark(t)}{';' if i < len(env.to) - 1 else '.'}</li>"
                for i, t in enumerate(env.to)) + "</ul>")
    for i, block in enumerate(blocks):
        end = "./." if i == len(blocks) - 1 else ""
        tag = {"h1": "h2", "h2": "h3"}.get(block.kind)
        if tag:
            parts.append(f"<{tag}>{_mark(block.text)}</{tag}>")
        elif block.kind == "li":
            parts.append(f"<ul><li>{_mark(block.text)}{end}</li></ul>")
        else:
            parts.append(f'<p class="body">{_mark(block.text)}{end}</p>')
    copies = "".join(f"<div>{_mark(c)}</div>" for c in _copy_lines(env.copies))
    title = "".join(f"<div>{_mark(t)}</div>" for t in env.signer_title)
    parts += [
        '<table class="foot"><tr><td class="left"><div class="nn">Nơi nhận:</div>', copies,
        f'</td><td class="right">{title}<br><br><br><br><div>{_mark(env.signer_name)}</div>',
        "</td></tr></table></body></html>", ""]
    return strip_controls("\n".join(parts))
