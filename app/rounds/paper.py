"""The printable paper questionnaire of a round: one A4 form per language, with boxes to tick.

The form asks the answerable questions in the order and with the numbers of the data-entry screen
(``entry.py``), and each answer carries the letter the data-entry screen shows beside it, so a staff
member who does not read the respondent's language can still type a paper in at a glance.
"""

from dataclasses import dataclass
from string import ascii_lowercase

from flask_babel import force_locale

import surveys

from ..locale import babel_locale, respondent
from .models import Round

#: pictograms the form itself uses, beside those of the questions: "nobody sees who you are" and "thank you"
FORM_PICTURES = ("eye-off", "heart")


def option_letter(index: int) -> str:
    """The letter of the answer at ``index`` (0 is "a"), the same on paper and on the data-entry screen."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, len(ascii_lowercase))
        letters = ascii_lowercase[rest] + letters
    return letters


@dataclass(frozen=True)
class Box:
    """One answer to tick: its letter, picture and text in the respondent's language."""

    letter: str
    picture: str
    text: str


@dataclass(frozen=True)
class Item:
    """A question as printed; ``number`` is None for an information screen, which asks nothing."""

    number: int | None
    type: str
    #: the name of the template that prints its answers (``rounds/paper/types/<partial>.html``)
    partial: str
    text: str
    picture: str | None
    boxes: list[Box]
    multiple: bool


@dataclass(frozen=True)
class Sheet:
    """The whole form in one language, with the few words of its own that the form needs, in that language."""

    language: str
    rtl: bool
    title: str
    intro: str
    items: list[Item]
    words: dict[str, str]


def languages(round_: Round) -> list[str]:
    """The round's languages that its questionnaire has texts in: those a paper can be printed in."""
    survey = round_.questionnaire.survey
    return [code for code in round_.languages if code in survey.languages and code in surveys.LANGUAGES]


def chosen_languages(round_: Round, asked: list[str], fallback: str) -> list[str]:
    """The asked languages the round offers, in the round's order; else ``fallback`` or the round's first."""
    offered = languages(round_)
    chosen = [code for code in offered if code in asked]
    if chosen or not offered:
        return chosen
    return [fallback if fallback in offered else offered[0]]


def sheet(survey: surveys.Questionnaire, language: str) -> Sheet:
    return Sheet(language, surveys.is_rtl(language), survey.title.get(language, ""),
                 survey.intro.text.get(language, ""), items(survey, language), words(language))


def items(survey: surveys.Questionnaire, language: str) -> list[Item]:
    """Every screen of the questionnaire; answerable questions numbered 1, 2... as on the data-entry screen."""
    found, number = [], 0
    for question in survey.questions:
        if question.answerable:
            number += 1
        boxes = [Box(option_letter(i), choice.picture, choice.text.get(language, choice.value))
                 for i, choice in enumerate(question.choices())]
        found.append(Item(number if question.answerable else None, question.type, question.kind.partial,
                          question.text.get(language, ""), question.picture, boxes,
                          bool(question.settings.get("multiple"))))
    return found


def words(language: str) -> dict[str, str]:
    """The form's own words, from the respondents' catalogue in ``language``."""
    with force_locale(babel_locale(language)):
        return {
            "no_name": respondent.gettext("Do not write your name on this paper."),
            "anonymous": respondent.gettext("Your answers help us do better. Nobody can see who gave them."),
            "one": respondent.gettext("Tick one box."),
            "several": respondent.gettext("Tick every box that fits. You may tick several."),
            "rather_not": respondent.gettext("I'd rather not say"),
            "thanks": respondent.gettext("Thank you!"),
        }


def pictures(sheets: list[Sheet]) -> list[str]:
    """The pictograms the sheets show, each once, for the page's one SVG sprite."""
    names = dict.fromkeys(FORM_PICTURES)
    for item in sheets[0].items if sheets else []:
        names.update(dict.fromkeys(name for name in [item.picture, *(box.picture for box in item.boxes)] if name))
    return list(names)
