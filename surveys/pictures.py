"""The bundled pictograms a questionnaire can use (see pictograms/README.md for their licences), and the sprite
that carries the ones a page shows."""

import re
from functools import cache
from pathlib import Path

PICTOGRAM_DIR = Path(__file__).parent / "pictograms"


@cache
def pictogram_names() -> frozenset[str]:
    """Names usable as ``picture:`` in a questionnaire (file names without ``.svg``)."""
    return frozenset(path.stem for path in PICTOGRAM_DIR.glob("*.svg"))


def pictogram_path(name: str) -> Path | None:
    return PICTOGRAM_DIR / f"{name}.svg" if name in pictogram_names() else None


def sprite(names: list[str]) -> str:
    """One hidden <svg> with a <symbol id="p-NAME"> per pictogram, used by <use href="#p-NAME">."""
    return '<svg xmlns="http://www.w3.org/2000/svg" hidden>' + "".join(_symbol(name) for name in names) + "</svg>"


@cache
def _symbol(name: str) -> str:
    path = pictogram_path(name)
    if path is None:
        return ""
    svg = path.read_text()
    open_tag = re.match(r"<svg([^>]*)>", svg)
    attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', open_tag.group(1)))
    view_box = attrs.pop("viewBox", "0 0 24 24")
    attrs.pop("xmlns", None)
    inner = svg[open_tag.end():svg.rindex("</svg>")]
    group = " ".join(f'{key}="{value}"' for key, value in attrs.items())
    return f'<symbol id="p-{name}" viewBox="{view_box}"><g {group}>{inner}</g></symbol>'
