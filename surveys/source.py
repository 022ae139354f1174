"""Reading YAML while remembering the line of every field, so problems can say where they are.

A questionnaire file comes from anyone who can upload one, so it is read with bounds: at most
``MAX_BYTES``, no aliases (a few hundred bytes of them unfold into billions of values), and no
deeper than ``MAX_DEPTH``. libyaml reads it when it is there (it is many times faster); the Python
reader only words a syntax error, as it always has.
"""

from typing import Any

import yaml

from .messages import N_
from .problems import Problem

Path = tuple[str | int, ...]

#: the largest questionnaire file read: the biggest of the library is about 30 KB
MAX_BYTES = 512 * 1024
#: a questionnaire nests six levels deep (questions, a question, options, an option, a text)
MAX_DEPTH = 20
#: the largest file whose syntax error the Python reader words (it reads ten times slower than libyaml)
WORDED_MAX = 128 * 1024
FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def format_path(path: Path) -> str:
    """``("questions", 2, "text")`` -> ``questions[2].text``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def megabytes(size: int) -> str:
    """A size in MB with one decimal, the way the rest of the interface writes it."""
    return f"{size / 1024 / 1024:.1f}"


class LineMap:
    """The line on which each field path starts in the source file."""

    def __init__(self, lines: dict[Path, int] | None = None):
        self.lines = lines or {}

    def line(self, path: Path) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return None


def too_big(file: str, size: int) -> Problem:
    return Problem(file, None, "", N_("the file is %(size)s MB; a questionnaire file is at most %(limit)s MB",
                                      size=megabytes(size), limit=megabytes(MAX_BYTES)))


def read_text(raw: bytes | str, file: str) -> tuple[str | None, list[Problem]]:
    """Decode a questionnaire file; a binary, non-UTF-8 or oversized file is a problem, not a crash."""
    if len(raw) > MAX_BYTES:
        return None, [too_big(file, len(raw))]
    if isinstance(raw, str):
        return _checked_text(raw, file)
    if b"\x00" in raw[:8192]:
        return None, [Problem(file, None, "", N_("this is a binary file, not a YAML questionnaire"))]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(file, line, "", N_("the file is not UTF-8 text; save it as UTF-8"))]


def _checked_text(text: str, file: str) -> tuple[str | None, list[Problem]]:
    """Text handed over as such (not read from a file) may hold half a surrogate pair, which is no character."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line = text[: exc.start].count("\n") + 1
        return None, [Problem(file, line, "", N_("contains a character that is not text (U+%(code)s); type the text "
                                                 "again", code=format(ord(text[exc.start]), "04X")))]
    return text, []


def parse_yaml(text: str, file: str) -> tuple[Any, LineMap, list[Problem]]:
    """Parse YAML text into plain Python values plus a LineMap; syntax errors become problems."""
    if (refusal := _refusal(text, file)) is not None:
        return None, LineMap(), [refusal]
    loader = FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, LineMap(), [Problem(file, 1, "", N_("the file is empty"))]
        lines: dict[Path, int] = {(): node.start_mark.line + 1}
        problems: list[Problem] = []
        value = _convert(loader, node, (), lines, problems, file)
    finally:
        loader.dispose()
    return value, LineMap(lines), problems


def _refusal(text: str, file: str) -> Problem | None:
    """Why the file must not be built at all: an alias, nesting too deep, or a syntax error. One fast pass;
    after an error in a file of the usual size, the Python reader reads again: it words syntax errors more
    plainly (and more slowly)."""
    try:
        return _scan(text, file, FastLoader)
    except yaml.YAMLError as exc:
        fast_error = exc
    if len(text) > WORDED_MAX:
        return _yaml_problem(fast_error, text, file)
    try:
        return _scan(text, file, yaml.SafeLoader) or _yaml_problem(fast_error, text, file)
    except yaml.YAMLError as exc:
        return _yaml_problem(exc, text, file)


def _scan(text: str, file: str, loader: type) -> Problem | None:
    """The first alias or nesting too deep, reading the YAML events one by one (no reader here recurses)."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            return Problem(file, event.start_mark.line + 1, "", N_(
                "YAML aliases (*%(name)s) are not allowed in a questionnaire: write each text out in full",
                name=event.anchor))
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return Problem(file, event.start_mark.line + 1, "", N_(
                    "nested more than %(depth)s levels deep; a questionnaire needs far fewer", depth=MAX_DEPTH))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _yaml_problem(exc: yaml.YAMLError, text: str, file: str) -> Problem:
    if isinstance(exc, yaml.reader.ReaderError):
        line = text[: exc.position].count("\n") + 1
        return Problem(file, line, "", N_("a character that YAML does not allow (%(character)s)",
                                          character=repr(exc.character)))
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        error = " ".join(str(exc.problem or exc.context).split())
        if "nesting depth" in error:  # libyaml's own limit, far above ours
            return Problem(file, mark.line + 1 if mark else None, "", N_(
                "nested more than %(depth)s levels deep; a questionnaire needs far fewer", depth=MAX_DEPTH))
        if "'?'" in error:
            return Problem(file, mark.line + 1 if mark else None, "", N_(
                "YAML syntax error: %(error)s (put a text with a question mark in quotes: 'Why?')", error=error))
        return Problem(file, mark.line + 1 if mark else None, "", N_("YAML syntax error: %(error)s", error=error))
    return Problem(file, None, "", N_("YAML error: %(error)s", error=" ".join(str(exc).split())))


def _convert(loader, node, path: Path, lines: dict, problems: list, file: str) -> Any:
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            key = _scalar(loader, key_node)
            if not isinstance(key, str | int) or isinstance(key, bool):
                key = str(key)
            child = (*path, key)
            line = key_node.start_mark.line + 1
            if key in result:
                problems.append(Problem(file, line, format_path(child), N_("this key appears twice")))
                continue
            lines[child] = line
            result[key] = _convert(loader, value_node, child, lines, problems, file)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1
            items.append(_convert(loader, item, (*path, index), lines, problems, file))
        return items
    return _scalar(loader, node)


def _scalar(loader, node) -> Any:
    """A scalar's value; one YAML cannot make into a value (a 5,000-digit number, 30 February) stays its text."""
    if not isinstance(node, yaml.ScalarNode):
        return repr(node.value)
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError):
        return node.value
