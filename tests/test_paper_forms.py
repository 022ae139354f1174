"""The paper questionnaire a social worker prints for a round, and how it matches the data-entry screen."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest

import surveys
from app.extensions import db
from app.models import Role
from app.rounds.paper import words
from tests.clients import logged_in


@pytest.fixture
def project(make_project):
    return make_project("Taalcafé")


@pytest.fixture
def as_worker(app, make_user, project):
    user = make_user(email="lies@example.org", role=Role.WORKER, centre=project.organisation, locale="en")
    user.projects.append(project)
    db.session.commit()
    return logged_in(app, user)


@pytest.fixture
def paper_round(make_round, project):
    round_ = make_round(project=project, questionnaire="amif-satisfaction", languages=["nl", "ar", "ti"],
                        mode="paper", opens_on=date.today() - timedelta(days=3))
    db.session.commit()
    return round_


def paper_url(round_, *languages):
    query = "&".join(f"language={code}" for code in languages)
    return f"/projects/{round_.project_id}/rounds/{round_.id}/paper" + (f"?{query}" if query else "")


@dataclass
class PrintedQuestion:
    number: str
    text: str = ""
    boxes: list[tuple[str, str]] = field(default_factory=list)
    ticks: int = 0
    lines: int = 0


@dataclass
class Sheet:
    lang: str
    dir: str
    text: list[str] = field(default_factory=list)
    questions: list[PrintedQuestion] = field(default_factory=list)
    inputs: int = 0


class PrintedForms(HTMLParser):
    """What the printed sheets show: per sheet its language, direction, text, and per question its boxes to tick."""

    ROLES = {"number", "letter", "label", "lines", "tick"}
    VOID = {"input", "br", "img", "meta", "link"}

    def __init__(self, html: str):
        super().__init__()
        self.sheets: list[Sheet] = []
        self.question: PrintedQuestion | None = None
        self.roles: list[str | None] = []  # per open element: what its text is ("title", "letter", "label"...)
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        if tag == "article" and "sheet" in classes:
            self.sheets.append(Sheet(attrs["lang"], attrs["dir"]))
        if not self.sheets:
            return
        if tag in ("input", "textarea", "select"):
            self.sheets[-1].inputs += 1
        if tag == "section":
            self.question = PrintedQuestion("") if "question" in classes else None
            if self.question:
                self.sheets[-1].questions.append(self.question)
        role = "title" if tag == "h2" else next(iter(classes & self.ROLES), None)
        if self.question and role == "tick":
            self.question.ticks += 1
        if self.question and "box" in classes:
            self.question.boxes.append(["", ""])
        if self.question and tag == "span" and self.roles and self.roles[-1] == "lines":
            self.question.lines += 1
        if tag not in self.VOID:
            self.roles.append(role)

    def handle_endtag(self, tag):
        if self.sheets and tag not in self.VOID and self.roles:
            self.roles.pop()

    def handle_data(self, data):
        if not self.sheets or not data.strip():
            return
        self.sheets[-1].text.append(data.strip())
        role = next((role for role in reversed(self.roles) if role), None)
        if self.question is None or role is None:
            return
        if role == "number":
            self.question.number = data.strip()
        elif role == "title":
            self.question.text += data.strip()
        elif role == "letter":
            self.question.boxes[-1][0] = data.strip()
        elif role == "label":
            self.question.boxes[-1][1] = data.strip()

    def questions(self, sheet: Sheet) -> list[PrintedQuestion]:
        return sheet.questions


def printed(client, round_, *languages) -> PrintedForms:
    reply = client.get(paper_url(round_, *languages))
    assert reply.status_code == 200
    return PrintedForms(reply.get_data(as_text=True))


def test_the_round_page_offers_the_paper_questionnaire(as_worker, paper_round):
    page = as_worker.get(f"/projects/{paper_round.project_id}/rounds/{paper_round.id}").get_data(as_text=True)
    assert f'href="{paper_url(paper_round)}">Print paper questionnaires</a>' in page


def test_the_paper_form_asks_every_question_in_arabic_right_to_left_with_a_box_per_answer(as_worker, paper_round):
    forms = printed(as_worker, paper_round, "ar")
    [sheet] = forms.sheets
    assert (sheet.lang, sheet.dir) == ("ar", "rtl")
    survey = paper_round.questionnaire.survey
    questions = forms.questions(sheet)
    assert [(q.number, q.text) for q in questions] == [
        (str(number), question.text["ar"]) for number, question in enumerate(survey.answerable_questions, 1)]
    for question, asked in zip(questions, survey.answerable_questions, strict=True):
        choices = asked.choices()
        assert question.boxes == [[letter, choice.text["ar"]] for letter, choice in zip("abcdefghij", choices,
                                                                                         strict=False)]
        if choices:  # one box per answer, and "I'd rather not say"
            assert (question.ticks, question.lines) == (len(choices) + 1, 0), asked.key
        else:  # a comment gets lines to write on
            assert (question.ticks, question.lines) == (0, 4), asked.key
    assert survey.intro.text["ar"] in sheet.text
    assert survey.question("whole_project").text["ar"] in sheet.text, "the information screen is printed too"
    several = questions[[q.key for q in survey.answerable_questions].index("helped_most")]
    assert (several.ticks, len(several.boxes)) == (9, 8), "8 pictures and I'd rather not say"


def test_the_paper_form_asks_no_name_and_says_answers_are_anonymous(as_worker, paper_round):
    [sheet] = printed(as_worker, paper_round, "nl").sheets
    assert sheet.inputs == 0
    text = " ".join(sheet.text)
    assert "Schrijf je naam niet op dit papier. Met je antwoorden kunnen we het beter doen." in text
    assert not re.search(r"\b(name|naam|nom)\s*:", text, re.IGNORECASE)


def test_the_paper_form_is_printed_in_each_language_asked_in_the_rounds_order(as_worker, paper_round):
    forms = printed(as_worker, paper_round, "ti", "nl", "fr")  # French is not offered by this round
    assert [(sheet.lang, sheet.dir) for sheet in forms.sheets] == [("nl", "ltr"), ("ti", "ltr")]
    ethiopic = forms.questions(forms.sheets[1])[0].text
    assert ethiopic == paper_round.questionnaire.survey.question("overall").text["ti"]
    assert all("\u1200" <= char <= "\u137f" for char in ethiopic if char.isalpha())


def test_without_a_language_the_paper_form_is_in_the_rounds_first(as_worker, paper_round):
    assert [sheet.lang for sheet in printed(as_worker, paper_round).sheets] == ["nl"]
    assert [sheet.lang for sheet in printed(as_worker, paper_round, "<script>").sheets] == ["nl"]


def test_the_paper_form_and_the_entry_screen_give_each_answer_the_same_number_and_letter(as_worker, paper_round):
    forms = printed(as_worker, paper_round, "nl")
    survey = paper_round.questionnaire.survey
    entry = as_worker.get(f"/projects/{paper_round.project_id}/rounds/{paper_round.id}/enter").get_data(as_text=True)
    on_screen = re.findall(r'<span class="letter" aria-hidden="true">(\w+)</span><input[^>]* name="q_(\w+)" '
                           r'type="(?:radio|checkbox)" value="(\w+)">', entry)
    on_paper = []
    for question, asked in zip(forms.questions(forms.sheets[0]), survey.answerable_questions, strict=True):
        on_paper += [(letter, asked.key, choice.value) for (letter, _text), choice in zip(question.boxes,
                                                                                         asked.choices(), strict=True)]
    assert on_screen == on_paper and len(on_paper) > 20
    numbers = re.findall(r"<legend>(\d+)\. ", entry)
    assert numbers == [question.number for question in forms.questions(forms.sheets[0])]


def test_the_paper_forms_own_words_are_in_every_respondent_language(app):
    english = words("en")
    for code in surveys.LANGUAGES:
        with app.test_request_context():
            found = words(code)
        same = [key for key in english if found[key] == english[key]]
        assert same == ([] if code != "en" else list(english)), code
