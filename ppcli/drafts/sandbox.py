"""The template sandbox: confined loading and limits while rendering.

A shared repository's templates are untrusted. :class:`ConfinedLoader` reads a
template only from inside its folder (no links out, no dot-files, at most 2 MB);
:class:`LimitedEnvironment` runs it in Jinja's immutable sandbox with limits on time
(:data:`TIME_LIMIT`), output and value sizes (:data:`MAX_OUTPUT`), arguments and
items; what exceeds one ends in :class:`TemplateProblem`."""

from __future__ import annotations

import collections.abc
import functools
import inspect
import itertools
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path, PureWindowsPath
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ppcli.errors import RequestError
from ppcli.i18n import Label

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


class Refused(TemplateProblem):
    """The loader refused a template name or file (the including template is added)."""


class LimitExceeded(Exception):
    """A template went over a limit while running (turned into a TemplateProblem)."""

    def __init__(self, label: Label) -> None:
        super().__init__(label.en)
        self.label = label


def too_large(what: str, what_en: str) -> LimitExceeded:
    mb = MAX_OUTPUT // (1024 * 1024)
    return LimitExceeded(Label(f"{what} vượt quá giới hạn {mb} MB",
                        f"{what_en} is over the {mb} MB limit"))


# -- confined loading ----------------------------------------------------------------------


def _pieces(name: str) -> list[str]:
    """The parts of a template name; refuses absolute names and ``..``."""
    if (not name or "\0" in name or name.startswith(("/", "\\"))
            or PureWindowsPath(name).drive or PureWindowsPath(name).root):
        raise Refused(Label(
            f"tên mẫu \"{name}\" không hợp lệ: phải là đường dẫn tương đối trong thư mục mẫu",
            f"invalid template name \"{name}\": it must be a relative path inside the "
            "template folder"))
    pieces = [p for p in re.split(r"[/\\]", name) if p and p != "."]
    if ".." in pieces:
        raise Refused(Label(
            f"tên mẫu \"{name}\" không hợp lệ: không được dùng \"..\" để ra khỏi thư mục mẫu",
            f"invalid template name \"{name}\": \"..\" may not leave the template folder"))
    if any(p.startswith(".") or _GIT_SHORT_NAME.fullmatch(p) for p in pieces):
        raise Refused(Label(
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
                raise Refused(_escape_label(folder, pieces, template))
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
        raise Refused(Label(f"mẫu \"{name}\": không đọc được ({exc.strerror})",
                                    f"template \"{name}\": cannot read it ({exc.strerror})")
                              ) from None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise Refused(Label(f"mẫu \"{name}\": không phải tệp thường; không dùng",
                                        f"template \"{name}\": not a regular file; refused"))
        data = f.read(MAX_TEMPLATE_BYTES + 1)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise Refused(Label(f"mẫu \"{name}\": tệp quá lớn (hơn 2 MB); không dùng",
                                    f"template \"{name}\": file too large (over 2 MB); refused"))
    try:
        return data.decode("utf-8"), info.st_mtime
    except UnicodeDecodeError:
        raise Refused(Label(f"mẫu \"{name}\": không phải văn bản UTF-8",
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
        raise too_large(what, what_en)


def _check_int(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and \
            value.bit_length() > MAX_INT_BITS:
        raise LimitExceeded(Label("số quá lớn (hơn 30.000 chữ số)", "number too large "
                           "(over 30,000 digits)"))


def _check_args(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """A width, count or repetition of more than MAX_ARG is refused before the call."""
    for arg in (*args, *kwargs.values()):
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_ARG:
            raise LimitExceeded(Label(f"đối số {arg} lớn quá (giới hạn {MAX_ARG:,})".replace(",", "."),
                               f"argument {arg} is too large (limit {MAX_ARG:,})"))


def _check_format(fmt: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """A format string (``%`` or ``str.format``) may not ask for a huge width."""
    if _HUGE_FORMAT.search(fmt):
        raise too_large("định dạng", "a format")
    if _WIDTH_FROM_ARGS.search(fmt):
        _check_args(args, kwargs)


def _check_result(value: Any) -> Any:
    if _size(value) > MAX_OUTPUT:
        raise too_large("kết quả", "a result")
    _check_int(value)
    return value


def finalize_value(value: Any) -> Any:
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


LOOP_TICK = "ppcli loop"  # a filter no template can name (it holds a space)


class LimitedEnvironment(ImmutableSandboxedEnvironment):
    """The immutable sandbox with a deadline and size limits on what templates make."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = _Generator
    deadline = float("inf")
    time_limit = TIME_LIMIT
    markdown = False  # the data is escaped for a Markdown draft (see md_data)

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise LimitExceeded(Label(f"chạy quá {self.time_limit:g} giây",
                               f"ran over {self.time_limit:g} s"))

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """The template's tree, each ``{% for %}`` iterating through :meth:`tick`."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, LOOP_TICK, [], [], None, None,
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
            raise LimitExceeded(Label("lũy thừa quá lớn", "power too large"))
        if operator == "*":
            if ints and left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise LimitExceeded(Label("tích quá lớn", "product too large"))
            for seq, count in ((left, right), (right, left)):  # sized by what it repeats
                if _size(seq) and isinstance(count, int) and count > 0 and \
                        _weight(seq, MAX_OUTPUT // count + 1) * count > MAX_OUTPUT:
                    raise too_large("chuỗi lặp lại", "a repeated string")
        if operator == "%" and isinstance(left, str):
            _check_format(left, right if isinstance(right, tuple) else (right,), {})
            _over(_format_weight(left, right))
        if operator == "+" and (_size(left) or _size(right)) and \
                _weight(left) + _weight(right) > MAX_OUTPUT:
            raise too_large("chuỗi ghép", "a joined string")
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
        raise LimitExceeded(Label(f"cộng quá nhiều danh sách (giới hạn {MAX_ARG:,})".replace(",", "."),
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


def guard_filter(env: LimitedEnvironment, name: str, fn: Any) -> Any:
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
                raise LimitExceeded(Label(
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
            raise too_large("văn bản mẫu viết ra", "the text the template writes")


