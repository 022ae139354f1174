"""Reading YAML while remembering the line of every field, so problems can say where they are."""

from typing import Any

import yaml

from .problems import Problem

Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """``("questions", 2, "text")`` -> ``questions[2].text``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


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


def read_text(raw: bytes | str, file: str) -> tuple[str | None, list[Problem]]:
    """Decode a questionnaire file; a binary or non-UTF-8 file is a problem, not a crash."""
    if isinstance(raw, str):
        return raw, []
    if b"\x00" in raw[:8192]:
        return None, [Problem(file, None, "", "this is a binary file, not a YAML questionnaire")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(file, line, "", "the file is not UTF-8 text; save it as UTF-8")]


def parse_yaml(text: str, file: str) -> tuple[Any, LineMap, list[Problem]]:
    """Parse YAML text into plain Python values plus a LineMap; syntax errors become problems."""
    loader = None
    try:
        loader = yaml.SafeLoader(text)
        node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        return None, LineMap(), [Problem(file, line, "", f"a character that YAML does not allow ({exc.character!r})")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = f"YAML syntax error: {exc.problem or exc.context}"
        if "'?'" in message:
            message += " (put a text with a question mark in quotes: 'Why?')"
        return None, LineMap(), [Problem(file, line, "", message)]
    except yaml.YAMLError as exc:
        return None, LineMap(), [Problem(file, None, "", f"YAML error: {exc}")]
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        return None, LineMap(), [Problem(file, 1, "", "the file is empty")]
    lines: dict[Path, int] = {(): node.start_mark.line + 1}
    problems: list[Problem] = []
    value = _convert(loader, node, (), lines, problems, file)
    return value, LineMap(lines), problems


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
                problems.append(Problem(file, line, format_path(child), "this key appears twice"))
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
    if not isinstance(node, yaml.ScalarNode):
        return repr(node.value)
    try:
        return loader.construct_object(node, deep=True)
    except yaml.YAMLError:
        return node.value
