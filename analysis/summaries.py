"""The summary of each question's answers, from counts made by the database."""

from collections.abc import Mapping
from dataclasses import dataclass, field

import surveys
from surveys import SummaryKind

from .stats import scale_score, share, wilson_interval


@dataclass
class Summary:
    key: str
    kind: SummaryKind
    #: respondents who answered this question
    answered: int
    #: respondents of the group (answered or skipped)
    respondents: int
    #: True when the group is too small to show (fewer than K answered)
    hidden: bool = False
    #: (value, count, share of answered) in the question's own order
    distribution: list[tuple[str, int, float]] = field(default_factory=list)
    mean: float | None = None
    positive: int | None = None
    positive_share: float | None = None
    positive_interval: tuple[float, float] | None = None

    @property
    def skipped_share(self) -> float | None:
        return 1 - self.answered / self.respondents if self.respondents else None


def positive_values(question: surveys.Question) -> set[str]:
    """The answers that say something is good: faces above the middle one (the two best of five, the best of
    three), yes."""
    return question.kind.positive_values(question)


def summarise(question: surveys.Question, counts: Mapping[str, int], answered: int, respondents: int,
              k: int) -> Summary:
    """Summarise one question; a group of fewer than ``k`` who answered is hidden."""
    summary = Summary(key=question.key, kind=question.kind.summary, answered=answered, respondents=respondents)
    if answered < k:
        summary.hidden = True
        return summary
    if summary.kind in (SummaryKind.SCALE, SummaryKind.CHOICE):
        summary.distribution = [(choice.value, counts.get(choice.value, 0), counts.get(choice.value, 0) / answered)
                                for choice in question.choices()]
    if summary.kind is SummaryKind.SCALE:
        _add_scale(summary, question, counts, answered)
    return summary


def _add_scale(summary: Summary, question: surveys.Question, counts: Mapping[str, int], answered: int) -> None:
    total = sum(scale_score(int(value)) * n for value, n in counts.items())
    summary.mean = total / answered
    summary.positive = sum(counts.get(value, 0) for value in positive_values(question))
    summary.positive_share = share(summary.positive, answered)
    summary.positive_interval = wilson_interval(summary.positive, answered)
