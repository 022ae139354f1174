"""A project's aggregated results as one long table: counts, shares, means, intervals and trust; never free text.

Every number comes from the project report, so an export hides exactly what the dashboard hides:
rounds with fewer than K responses are absent, and a hidden cell is an empty one with a note.
"""

from collections.abc import Iterator
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

from ..rounds.models import Round
from ..timeutil import today
from .charts import language_name, mode_name, text_in
from .report import ProjectReport, QuestionReport, Section
from .spreadsheets import Column, Dictionary, suppression_notes

COLUMN_NAMES = ["table", "questionnaire", "question_key", "question", "group", "value", "label", "count", "base",
                "share", "mean_0_100", "ci_low", "ci_high", "note"]


def results_columns() -> list[Column]:
    meanings = {
        "table": _("Which kind of figure the row holds (see the list of tables below)."),
        "questionnaire": _("The questionnaire's short name, on rows about a questionnaire's rounds or questions."),
        "question_key": _("The question's short name in the questionnaire."),
        "question": _("The question's text."),
        "group": _("The round, language, mode or setting the row is about."),
        "value": _("The answer as stored (faces 1 = worst to 5 = best; yes, no, dont_know; an option's key)."),
        "label": _("The answer or group in words."),
        "count": _("Number of people."),
        "base": _("The number count is a part of (share = count / base)."),
        "share": _("count divided by base."),
        "mean_0_100": _("Mean of the faces given, 0 (worst face) to 100 (best face)."),
        "ci_low": _("Lower end of the 95% Wilson interval of share."),
        "ci_high": _("Upper end of the 95% Wilson interval of share."),
        "note": _("Why a number is empty."),
    }
    headers = {
        "table": _("Kind of figure"), "questionnaire": _("Questionnaire"), "question_key": _("Question code"),
        "question": _("Question"), "group": _("Group"), "value": _("Answer code"), "label": _("Answer or group"),
        "count": _("People"), "base": _("Out of"), "share": _("Share"), "mean_0_100": _("Mean (0–100)"),
        "ci_low": _("Share: lowest likely (95%)"), "ci_high": _("Share: highest likely (95%)"), "note": _("Note"),
    }
    percent = {"share", "ci_low", "ci_high"}
    return [Column(name, meanings[name], "percent" if name in percent else None, headers[name])
            for name in COLUMN_NAMES]


def table_meanings() -> list[Column]:
    """What each value of the ``table`` column means, for the data dictionary."""
    return [
        Column("about", _("The selection: K, the period and filters asked for, and the day the file was made.")),
        Column("respondents", _("count: people who answered in the rounds counted; mean_0_100: satisfaction, the "
                                "mean of every face given.")),
        Column("round", _("Per round (its first day and questionnaire): count = responses, base = attendance "
                          "entered by staff, share = response rate.")),
        Column("language", _("People per language of the questionnaire.")),
        Column("mode", _("People per way of answering (alone on the tablet, own phone, helped by staff, on "
                         "paper); mean_0_100 when every mode has enough answers.")),
        Column("trust", _("ceiling: people who gave the best face to every face question; straightlining: the "
                          "same answer to three or more questions in a row; base: people who answered at least "
                          "one face question. assisted: people who answered with a member of staff beside them, "
                          "base: everyone. note: a warning when the share is high enough to doubt the answers.")),
        Column("question", _("count: people who answered the question; mean_0_100 for faces.")),
        Column("positive", _("Faces above the middle one: count of them, base = people who answered, share and "
                             "its 95% Wilson interval.")),
        Column("answer", _("Per answer of a question: count, base = people who answered it, share.")),
        Column("round_mean", _("Per face question and round: mean_0_100.")),
    ]


def line(table: str, **fields: Any) -> list[Any]:
    return [table if name == "table" else fields.get(name) for name in COLUMN_NAMES]


def hidden(k: int) -> str:
    return _("Hidden: fewer than %(k)s people, or hidden so that such a group cannot be computed from the others.",
             k=k)


def results_rows(report: ProjectReport) -> Iterator[list[Any]]:
    yield from about_rows(report)
    if report.respondents is None:
        return
    yield line("respondents", group="all", count=report.respondents, mean_0_100=report.satisfaction)
    yield from round_rows(report)
    yield from group_rows(report)
    yield from trust_rows(report)
    names = round_names([f.round for f in report.rounds if not f.withheld])
    for section in report.sections:
        yield from section_rows(section, report.k, names)


def about_rows(report: ProjectReport) -> Iterator[list[Any]]:
    filters = report.filters
    yield line("about", group="k", value=str(report.k))
    yield line("about", group="made_on", value=today().isoformat())
    for name in ("start", "end", "language", "mode"):
        value = getattr(filters, name)
        if value:
            yield line("about", group=name, value=str(value))
    if report.refused_filter:
        yield line("about", group="refused_filter", value=report.refused_filter,
                   note=_("That group is too small to show on its own: everyone is counted instead."))


def round_names(rounds: list[Round]) -> dict[int, str]:
    """Each round by its first day and questionnaire title; a second round of the same day gets "(2)"."""
    names: dict[int, str] = {}
    for round_ in rounds:
        base = f"{round_.opens_on.isoformat()} {text_in(round_.questionnaire.survey.title)}"
        name, number = base, 1
        while name in names.values():
            number += 1
            name = f"{base} ({number})"
        names[round_.id] = name
    return names


def round_rows(report: ProjectReport) -> Iterator[list[Any]]:
    names = round_names([f.round for f in report.rounds if not f.withheld])
    for figures in (f for f in report.rounds if not f.withheld):
        yield line("round", questionnaire=figures.round.questionnaire.slug, group=names[figures.round.id],
                   count=figures.responses, base=figures.round.attendance, share=figures.response_rate,
                   note=hidden(report.k) if figures.responses is None else None)


def group_note(report: ProjectReport, group: str, n: int | None) -> str | None:
    if n is None:
        return hidden(report.k)
    if group in report.partial_groups:
        return _("Counted only in the rounds where this group is large enough to be shown on its own.")
    return None


def group_rows(report: ProjectReport) -> Iterator[list[Any]]:
    for code, n in report.languages.items():
        yield line("language", group=code, label=language_name(code), count=n, note=group_note(report, code, n))
    by_mode = report.satisfaction_by_mode or {}
    for mode, n in report.modes.items():
        yield line("mode", group=mode, label=mode_name(mode), count=n, mean_0_100=by_mode.get(mode),
                   note=group_note(report, mode, n))


def trust_rows(report: ProjectReport) -> Iterator[list[Any]]:
    trust = report.trust
    flags = trust.flags()
    warning = _("Warning: the answers may be better than what people think.")
    yield line("trust", group="ceiling", label=_("Best face to every question"), count=trust.ceiling,
               base=trust.scale_respondents, share=trust.ceiling_share, note=warning if "ceiling" in flags else None)
    yield line("trust", group="straightlining", label=_("Same answer three times or more in a row"),
               count=trust.straightlining, base=trust.scale_respondents, share=trust.straightlining_share,
               note=warning if "straightlining" in flags else None)
    yield line("trust", group="assisted", label=_("Answered with a member of staff beside them"),
               count=trust.assisted, base=trust.respondents, share=trust.assisted_share,
               note=warning if "assisted" in flags else None)


def section_rows(section: Section, k: int, names: dict[int, str]) -> Iterator[list[Any]]:
    for question_report in section.questions:
        yield from question_rows(section.survey.id, question_report, k, names)


def question_rows(questionnaire: str, report: QuestionReport, k: int, names: dict[int, str]) -> Iterator[list[Any]]:
    question, summary = report.question, report.summary
    about = {"questionnaire": questionnaire, "question_key": question.key, "question": text_in(question.text)}
    if summary.hidden:
        yield line("question", **about, note=hidden(k))
        return
    left_out = ngettext("%(num)s round is left out of this question: too few people answered it there.",
                        "%(num)s rounds are left out of this question: too few people answered it there.",
                        report.left_out) if report.left_out else None
    yield line("question", **about, count=summary.answered, mean_0_100=summary.mean, note=left_out)
    if summary.positive is not None:
        low, high = summary.positive_interval
        yield line("positive", **about, count=summary.positive, base=summary.answered, share=summary.positive_share,
                   ci_low=low, ci_high=high)
    labels = {choice.value: text_in(choice.text) for choice in question.choices()}
    for value, count, part in summary.distribution:
        yield line("answer", **about, value=value, label=labels.get(value, value), count=count,
                   base=summary.answered, share=part)
    for round_, mean in report.trend:
        yield line("round_mean", **about, group=names[round_.id], mean_0_100=mean,
                   note=hidden(k) if mean is None else None)


def results_dictionary(report: ProjectReport) -> Dictionary:
    notes = [
        _("Aggregated results of the project %(project)s (%(centre)s). Free-text comments are never part of this "
          "file.", project=report.project.name, centre=report.project.organisation.name),
        _("Rounds are counted in the period by the day they opened; a round is never split."),
        _("Figures over several rounds add up what each round shows on its own: in a round where a group (a "
          "language, a way of answering, the people who answered a question) is too small to be shown, that round "
          "is left out of the group's numbers, so that comparing two periods never reveals it."),
        *suppression_notes(report.k),
    ]
    return Dictionary(_("Aggregated results"), notes,
                      [(_("Results"), results_columns()), (_("Values of the table column"), table_meanings())])
