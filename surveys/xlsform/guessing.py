"""What a form made elsewhere means in Vox: a satisfaction scale, a yes/no question, Vox's pictograms.

The guesses read the choices' names and labels (in several languages); a list named like Vox's own
(``vox_faces5``, ``vox_extent3``, ``vox_thumbs``...) is taken at its word.
"""

import re
from pathlib import Path
from typing import Any

from ..pictures import pictogram_names
from ..types import QUESTION_TYPES
from .reading import as_list

FALLBACK_PICTURE = "help"


def vox_pictogram(files: list[str]) -> str | None:
    """The first file whose name (without extension) is one of Vox's pictograms."""
    return next((Path(f).stem for f in files if Path(f).stem in pictogram_names()), None)


def own_pictograms(choices: list[dict[str, Any]]) -> bool:
    """Whether every choice shows a Vox pictogram: then the author chose the pictures, and they stay."""
    return bool(choices) and all(vox_pictogram(as_list(choice.get("media", {}).get("image"))) for choice in choices)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


_YES = {"yes", "y", "ja", "oui", "si", "sí", "true", "evet", "так", "да", "نعم", "بلی", "እወ"}
_NO = {"no", "n", "nee", "neen", "non", "nein", "false", "hayır", "ні", "нет", "لا", "نخیر", "ኣይፋል"}
_DONT_KNOW = {"dont know", "don t know", "do not know", "i don t know", "dk", "not sure", "unknown",
              "weet niet", "weet ik niet", "weet het niet", "je ne sais pas", "je sais pas", "ne sais pas",
              "sais pas", "nsp", "weiß nicht", "weiss nicht", "no sé"}


def answer_kind(choice: dict[str, Any]) -> str | None:
    """``yes``, ``no`` or ``dont_know`` when a choice's name or a label says so."""
    said = [str(choice.get("name", ""))] + as_list(choice.get("label"))
    for words in (" ".join(_words(s.replace("_", " "))) for s in said):
        if words in _YES:
            return "yes"
        if words in _NO:
            return "no"
        if words in _DONT_KNOW:
            return "dont_know"
    return None


def yes_no_kinds(choices: list[dict[str, Any]]) -> list[str] | None:
    """The kinds of a yes/no(/don't know) list, or None when the list is something else."""
    kinds = [answer_kind(choice) for choice in choices]
    if sorted(k or "" for k in kinds) in (["no", "yes"], ["dont_know", "no", "yes"]):
        return kinds
    return None


_NEGATIVE = {"bad", "poor", "terrible", "awful", "unsatisfied", "dissatisfied", "disagree", "unhappy", "worst",
             "slecht", "ontevreden", "oneens", "slechtst", "mauvais", "mal", "insatisfait", "insatisfaite",
             "mécontent", "mécontente", "désaccord", "schlecht", "unzufrieden"}
_POSITIVE = {"good", "satisfied", "agree", "happy", "excellent", "great", "best", "goed", "tevreden", "eens",
             "uitstekend", "bien", "bon", "bonne", "satisfait", "satisfaite", "content", "contente", "accord",
             "gut", "zufrieden"}
_NEGATIONS = {"not", "niet", "pas", "nicht", "geen"}


def _polarity(label: str) -> int:
    """-1 for a label that says bad or not satisfied, +1 for good or satisfied, 0 for neither."""
    words = set(_words(label))
    if words & _NEGATIVE or (words & _POSITIVE and words & _NEGATIONS):
        return -1
    return 1 if words & _POSITIVE else 0


def scale_points(list_name: str, choices: list[dict[str, Any]]) -> int | None:
    """3 or 5 when the list is a satisfaction scale (from bad to good, or the other way round)."""
    if settings := QUESTION_TYPES["faces"].list_settings(list_name):
        return settings["points"]
    if len(choices) not in (3, 5):
        return None
    first, last = _labels(choices[0]), _labels(choices[-1])
    if any(_polarity(low) * _polarity(last.get(column, "")) == -1 for column, low in first.items()):
        return len(choices)
    return None


def _labels(choice: dict[str, Any]) -> dict[str, str]:
    label = choice.get("label")
    return {str(k): str(v) for k, v in label.items()} if isinstance(label, dict) else {"default": str(label or "")}


def guess_picture(choice: dict[str, Any], key: str) -> str:
    """A stand-in pictogram: thumbs for yes/no, a pictogram named like the option, else a question mark."""
    by_kind = {"yes": "thumb-up", "no": "thumb-down", "dont_know": "dont-know"}
    if kind := answer_kind(choice):
        return by_kind[kind]
    named = key.replace("_", "-")
    return named if named in pictogram_names() else FALLBACK_PICTURE
