"""Words for staff (problems, import reports): an English template and its values, kept apart for translation.

``surveys`` never imports Flask, so it cannot translate. It writes each message with ``N_`` (or
``Nn_`` when a number chooses the form); ``str()`` gives the English text, and the app translates the
template with gettext before it fills in the values (app/library/imports.py: ``staff_text``).
babel.cfg lists ``N_`` and ``Nn_`` as keywords for surveys/, so the templates land in the catalogue.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .languages import Language

#: finds a template's translation: (singular, plural or None, number or None) -> template
Translate = Callable[[str, str | None, int | None], str]
#: names a language for the reader
NameLanguage = Callable[[Language], str]


@dataclass(frozen=True, eq=False)
class Message:
    """A sentence for staff. Values may be numbers, texts, Languages, other Messages, or lists of these."""

    template: str
    values: Mapping[str, Any] = field(default_factory=dict)
    #: the plural template, chosen by ``values["num"]``
    plural: str | None = None

    def render(self, translate: Translate, name_language: NameLanguage) -> str:
        """The sentence with each template translated and each language named by the given functions."""
        values = {key: _value(value, translate, name_language) for key, value in self.values.items()}
        return translate(self.template, self.plural, self.values.get("num")) % values

    def __str__(self) -> str:
        return self.render(english, lambda language: language.english)

    def __eq__(self, other: object) -> bool:
        return str(self) == str(other) if isinstance(other, Message | str) else NotImplemented

    def __hash__(self) -> int:
        return hash(str(self))


def english(singular: str, plural: str | None, num: int | None) -> str:
    """The template itself: the messages are written in English."""
    return singular if plural is None or num == 1 else plural


def _value(value: Any, translate: Translate, name_language: NameLanguage) -> Any:
    if isinstance(value, Message):
        return value.render(translate, name_language)
    if isinstance(value, Language):
        return name_language(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(_value(item, translate, name_language)) for item in value)
    return value


def N_(template: str, **values: Any) -> Message:  # noqa: N802 (the usual gettext marker name)
    """A message to translate later; marks ``template`` for extraction."""
    return Message(template, values)


def Nn_(singular: str, plural: str, num: int, **values: Any) -> Message:  # noqa: N802
    """A message whose form depends on ``num`` (available as ``%(num)s``)."""
    return Message(singular, {**values, "num": num}, plural)
