"""The bundled pictograms a questionnaire can use (see pictograms/README.md for their licences)."""

from functools import cache
from pathlib import Path

PICTOGRAM_DIR = Path(__file__).parent / "pictograms"


@cache
def pictogram_names() -> frozenset[str]:
    """Names usable as ``picture:`` in a questionnaire (file names without ``.svg``)."""
    return frozenset(path.stem for path in PICTOGRAM_DIR.glob("*.svg"))


def pictogram_path(name: str) -> Path | None:
    return PICTOGRAM_DIR / f"{name}.svg" if name in pictogram_names() else None
