"""What one invented respondent answers: faces, thumbs, pictures and comments drawn from their mood."""

import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import surveys
from surveys import SummaryKind

from ..responses.models import Mode
from .plan import SEED, A, K, P, W

#: how much more (or less) than usual respondents skip questions
MODE_SKIPPING = {K: 1.0, P: 1.4, A: 0.3, W: 1.6}
#: chance that a comment box is left empty
MODE_NO_COMMENT = {K: 0.9, P: 0.85, A: 0.97, W: 0.8}
#: how often each type of question is skipped (a comment: MODE_NO_COMMENT)
TYPE_SKIP = {"faces": 0.04, "thumbs": 0.07, "pictures": 0.1}
#: thumbs questions of the library where "yes" says that something is wrong
YES_IS_BAD = {"something_difficult", "too_fast", "hard_to_say", "afraid_of_effect"}
#: the option of a multiple choice that excludes every other
NOTHING = "nothing"

COMMENTS = {
    "nl": {"good": ["De lerares legt alles rustig uit.", "Ik kom graag, de groep is fijn.",
                    "Dank jullie, ik leer veel."],
           "mixed": ["Soms gaat het te snel voor mij.", "Goed, maar de les begint te vroeg.", "Graag meer praten."],
           "bad": ["Ik begrijp de uitleg niet.", "Te veel papieren, te weinig hulp.", "Ik wacht al lang op antwoord."]},
    "fr": {"good": ["Merci, j'apprends beaucoup.", "Le groupe est sympa, je viens avec plaisir.",
                    "L'animatrice explique bien."],
           "mixed": ["Parfois c'est trop rapide pour moi.", "Bien, mais l'horaire est difficile avec les enfants.",
                     "J'aimerais parler plus."],
           "bad": ["Je ne comprends pas les explications.", "Trop d'attente, pas de réponse.",
                   "Le local est trop loin de chez moi."]},
    "en": {"good": ["Thank you, I learn a lot here.", "The group is kind, I like coming."],
           "mixed": ["Good, but sometimes too fast.", "Please more speaking practice."],
           "bad": ["I do not understand the papers.", "I waited a long time for an answer."]},
    "ar": {"good": ["شكرا، أتعلم الكثير هنا.", "المجموعة لطيفة وأحب المجيء."],
           "mixed": ["جيد، لكن أحيانا سريع جدا.", "أريد المزيد من التدريب على الكلام."],
           "bad": ["لا أفهم الشرح.", "انتظرت وقتا طويلا بدون جواب."]},
    "uk": {"good": ["Дякую, я тут багато вчуся.", "Група дуже приємна, я люблю приходити."],
           "mixed": ["Добре, але іноді занадто швидко.", "Хотілося б більше розмовної практики."],
           "bad": ["Я не розумію пояснень.", "Я довго чекаю на відповідь."]},
}


@dataclass(frozen=True)
class Respondent:
    """One invented person answering: what they really think, and whether they just tap the best answer."""

    project: str
    mood: float
    acquiescent: bool
    language: str
    #: the centre's language, for comments when there are none in the respondent's own
    centre_language: str
    mode: Mode


def draw_answers(rng: random.Random, survey: surveys.Questionnaire,
                 person: Respondent) -> list[tuple[str, list[str]]]:
    """The answers of one respondent, each cleaned by its question as the kiosk would store it."""
    found = []
    for question in survey.answerable_questions:
        draw = DRAWERS.get(question.type)
        if draw is None or rng.random() < skip_chance(question, person):
            continue
        value = draw(rng, question, person)
        if value is not None:
            found.append((question.key, question.clean_answer(value)))
    return found


def skip_chance(question: surveys.Question, person: Respondent) -> float:
    if question.kind.summary is SummaryKind.COMMENTS:
        return MODE_NO_COMMENT[person.mode]
    usual = TYPE_SKIP.get(question.type, 0.08) * MODE_SKIPPING[person.mode]
    chance = usual * leaning(person.project, question.key).skips
    return chance * 0.2 if person.acquiescent else chance


@dataclass(frozen=True)
class Leaning:
    """How a project's group leans on one question: a little lower or higher, more or less skipped."""

    shift: float
    skips: float
    #: how often each option of a pictures question is picked, relative to the others
    weights: tuple[float, ...]


@cache
def leaning(project: str, key: str) -> Leaning:
    rng = random.Random(f"{SEED}/{project}/{key}")
    weights = tuple(rng.uniform(0.2, 1.0) for _ in range(12))
    return Leaning(shift=rng.uniform(-0.5, 0.1), skips=rng.uniform(0.4, 2.2), weights=weights)


def felt(rng: random.Random, question: surveys.Question, person: Respondent) -> float:
    return person.mood + leaning(person.project, question.key).shift + rng.gauss(0, 0.6)


def draw_face(rng: random.Random, question: surveys.Question, person: Respondent) -> str:
    faces = [int(choice.value) for choice in question.choices()]
    if person.acquiescent:
        return str(faces[-1])
    value = felt(rng, question, person)
    return str(min(faces, key=lambda face: abs(face - value)))


def draw_thumb(rng: random.Random, question: surveys.Question, person: Respondent) -> str:
    values = [choice.value for choice in question.choices()]
    good, bad = ("no", "yes") if question.key in YES_IS_BAD else ("yes", "no")
    if person.acquiescent:
        return good
    if "dont_know" in values and rng.random() < 0.1:
        return "dont_know"
    content = min(0.97, max(0.05, (felt(rng, question, person) - 1.2) / 3.5))
    return good if rng.random() < content else bad


def draw_pictures(rng: random.Random, question: surveys.Question, person: Respondent) -> str | list[str]:
    keys = [choice.value for choice in question.choices()]
    weights = picture_weights(person.project, question.key, keys)
    if not question.settings.get("multiple"):
        return rng.choices(keys, weights)[0]
    picked = [key for key, weight in zip(keys, weights, strict=True) if rng.random() < 1.6 * weight / sum(weights)]
    if not picked or (NOTHING in picked and len(picked) > 1):
        picked = [key for key in picked if key != NOTHING] or rng.choices(keys, weights)
    return picked


def picture_weights(project: str, key: str, keys: list[str]) -> list[float]:
    """How often each option is picked. "Nothing" is rare; in a row of three (too short, right, too long)
    the middle one is the usual answer."""
    weights = [leaning(project, key).weights[i % 12] * (0.25 if option == NOTHING else 1)
               for i, option in enumerate(keys)]
    if len(keys) == 3:
        weights[1] *= 3
    return weights


def draw_comment(rng: random.Random, question: surveys.Question, person: Respondent) -> str:
    language = person.language if person.language in COMMENTS else person.centre_language
    value = felt(rng, question, person)
    tone = "good" if value >= 3.8 else "bad" if value <= 2.6 else "mixed"
    return rng.choice(COMMENTS.get(language, COMMENTS["en"])[tone])[: question.settings["max_length"]]


#: how a respondent answers each type of question; a type without one (a new type) is left unanswered in the demo
DRAWERS: dict[str, Callable[[random.Random, surveys.Question, Respondent], Any]] = {
    "faces": draw_face, "thumbs": draw_thumb, "pictures": draw_pictures, "text": draw_comment,
}
