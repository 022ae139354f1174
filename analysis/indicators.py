"""The AMIF result indicator: how many said the activity helped their integration, out of how many answered."""

from dataclasses import dataclass

import surveys

from .stats import share
from .summaries import positive_values

AMIF_INDICATOR = "amif_helped_integration"


@dataclass(frozen=True)
class IndicatorRow:
    project: str
    period: str
    helped: int | None
    answered: int | None

    @property
    def share(self) -> float | None:
        return share(self.helped, self.answered) if self.helped is not None and self.answered else None


def helped_values(question: surveys.Question) -> set[str]:
    """The answers that count as "it helped": faces above the middle, or yes."""
    return positive_values(question)


def indicator_questions(survey: surveys.Questionnaire, indicator: str = AMIF_INDICATOR) -> list[surveys.Question]:
    return [question for question in survey.questions if question.indicator == indicator]


def indicator_row(project: str, period: str, helped: int, answered: int, k: int) -> IndicatorRow:
    """One row of the table; fewer than k who answered hides both numbers."""
    if answered < k:
        return IndicatorRow(project, period, None, None)
    return IndicatorRow(project, period, helped, answered)
