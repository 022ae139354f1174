"""Can we trust these answers? Ceiling, straight-lining, skips and modes, and what to say about them."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import surveys

from .stats import scale_score, share

#: a ceiling share from which the dashboard warns that results look too good to be true
CEILING_WARNING = 0.4
#: a straight-lining share from which the dashboard warns
STRAIGHTLINING_WARNING = 0.3
#: answers in a row that count as straight-lining
RUN = 3
#: a share of responses given with a member of staff beside them from which figures say so
ASSISTED_WARNING = 0.5


@dataclass(frozen=True)
class ResponseFlags:
    """What one response says about trust; counted at insert time so dashboards never read answers."""

    #: gave at least one answer on a scale
    scale_answered: bool
    #: gave the best answer to every scale question answered
    ceiling: bool
    #: the same answer to RUN or more scale questions in a row
    straightlining: bool


def response_flags(survey: surveys.Questionnaire, values: Mapping[str, Sequence[str]]) -> ResponseFlags:
    scores = [_score(question, values.get(question.key)) for question in survey.questions if question.kind.scale]
    answered = [score for score in scores if score is not None]
    return ResponseFlags(
        scale_answered=bool(answered),
        ceiling=bool(answered) and all(score == 100 for score in answered),
        straightlining=_longest_run(scores) >= RUN,
    )


def _score(question: surveys.Question, value: Sequence[str] | None) -> float | None:
    return scale_score(int(value[0])) if value else None


def _longest_run(scores: list[float | None]) -> int:
    """Longest run of equal answers to consecutive scale questions; a skipped question breaks the run."""
    longest = current = 0
    previous = None
    for score in scores:
        current = current + 1 if score is not None and score == previous else (1 if score is not None else 0)
        previous = score
        longest = max(longest, current)
    return longest


@dataclass(frozen=True)
class Trust:
    respondents: int
    scale_respondents: int
    ceiling: int
    straightlining: int
    #: responses given with a member of staff beside the respondent (the "assisted" mode)
    assisted: int = 0

    @property
    def ceiling_share(self) -> float | None:
        return share(self.ceiling, self.scale_respondents)

    @property
    def straightlining_share(self) -> float | None:
        return share(self.straightlining, self.scale_respondents)

    @property
    def assisted_share(self) -> float | None:
        return share(self.assisted, self.respondents)

    def notes(self) -> list[str]:
        """Keys of the plain-language notes that apply (the dashboard words them in the staff language)."""
        found = []
        if (self.ceiling_share or 0) >= CEILING_WARNING:
            found.append("ceiling")
        if (self.straightlining_share or 0) >= STRAIGHTLINING_WARNING:
            found.append("straightlining")
        return found

    @property
    def too_good(self) -> bool:
        """The answers look too good to be true: figures that leave such groups out do so on this."""
        return bool(self.notes())

    def flags(self) -> list[str]:
        """The notes, and "assisted" when most answered with a member of staff beside them (a reason to read the
        figures with care, not to leave them out)."""
        return self.notes() + (["assisted"] if (self.assisted_share or 0) >= ASSISTED_WARNING else [])

    def __add__(self, other: "Trust") -> "Trust":
        return Trust(self.respondents + other.respondents, self.scale_respondents + other.scale_respondents,
                     self.ceiling + other.ceiling, self.straightlining + other.straightlining,
                     self.assisted + other.assisted)


def skip_rates(asked: Mapping[str, int], answered: Mapping[str, int]) -> dict[str, float | None]:
    """Per question, the share of the respondents it was asked of who skipped it."""
    return {key: (1 - answered.get(key, 0) / n if n else None) for key, n in asked.items()}
