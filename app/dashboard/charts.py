"""Turning a ProjectReport into plotly figures with labels in the staff member's language."""

import json

import plotly.io
from flask_babel import format_date
from flask_babel import gettext as _

import surveys
from analysis import figures
from surveys import SummaryKind
from surveys.scales import FACE_LABELS

from ..locale import current_locale
from .report import ProjectReport, Section


def text_in(text: dict[str, str]) -> str:
    """A questionnaire text in the staff member's language, else English, else any."""
    return text.get(current_locale()) or text.get("en") or next(iter(text.values()), "")


def round_label(round_) -> str:
    return format_date(round_.opens_on, "medium")


def to_json(figure) -> str:
    return plotly.io.to_json(figure, validate=False)


def by_face_words(questions) -> list[tuple[dict[str, str], list]]:
    """The shown face questions grouped by how their faces are worded, each group with its legend.

    Most questionnaires word every face "very bad" to "very good"; one that also asks "how much did it help?"
    ("not at all" to "very much") gets a second group for those questions rather than a legend that lies.
    """
    groups: dict[str, list] = {}
    for q in questions:
        if q.question.kind.summary is SummaryKind.SCALE:
            groups.setdefault(q.question.settings.get("labels", "quality"), []).append(q)
    legends = []
    for words, group in groups.items():
        shown = {choice.value for q in group for choice in q.question.choices()}
        legends.append(({str(face): text_in(text) for face, text in FACE_LABELS[words].items() if str(face) in shown},
                        group))
    return legends


def faces_charts(section: Section) -> list[str]:
    """One diverging chart per wording of the faces, so that each legend says what its faces meant."""
    sides = (_("unhappy faces"), _("happy faces"))
    groups = [(legend, [(text_in(q.question.text), q.summary) for q in questions if not q.summary.hidden])
              for legend, questions in by_face_words(section.questions)]
    every_label = [label for _legend, rows in groups for label, _summary in rows]
    return [to_json(figures.diverging_faces(rows, legend, sides, aligned_with=every_label))
            for legend, rows in groups if rows]


def trend_chart(section: Section) -> str | None:
    scale = [q for q in section.questions if q.question.kind.summary is SummaryKind.SCALE]
    if len(section.rounds) < 2 or not scale:
        return None
    labels = [round_label(r.round) for r in section.rounds if not r.withheld]
    series = [(text_in(q.question.text), [mean for round_, mean in q.trend]) for q in scale]
    return to_json(figures.trend(labels, series))


def choice_chart(question_report) -> str | None:
    if question_report.summary.hidden:
        return None
    labels = {choice.value: text_in(choice.text) for choice in question_report.question.choices()}
    return to_json(figures.choice_bars(question_report.summary, labels))


def response_rate_chart(report: ProjectReport) -> str | None:
    rows = [(round_label(f.round), f.responses, f.round.attendance) for f in report.rounds if not f.withheld]
    if not any(attended for _, _, attended in rows):
        return None
    return to_json(figures.response_rate(rows, (_("Attended"), _("Answered"))))


def mode_name(mode: str) -> str:
    return {"kiosk": _("alone on the tablet"), "phone": _("own phone"), "assisted": _("helped by staff"),
            "paper": _("on paper")}.get(mode, mode)


def language_name(code: str) -> str:
    return surveys.LANGUAGES[code].endonym if code in surveys.LANGUAGES else code


def dumps(value) -> str:
    return json.dumps(value)
