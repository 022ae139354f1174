"""``flask demo``: fictional centres, projects, accounts, rounds and a few thousand synthetic responses.

Everything here is invented: the centres, the people and the answers. The answers come from a
seeded random generator, so every run tells the same story: some projects do better than others,
one improves, one declines, in one attendance falls, questions are skipped, respondents answer in
several languages and modes, and one project looks too good to be true (assisted rounds, a social
worker beside each respondent, almost everyone tapping the best face). Running it again adds
nothing; ``--reset-passwords`` sets and prints new passwords for the demo accounts.
"""

import random
import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import insert, select

import surveys

from .accounts.models import Role, User
from .centres.models import Organisation, Project
from .extensions import db
from .kiosk.models import Answer, Response
from .kiosk.tallies import release_waiting
from .library.models import Questionnaire
from .library.operations import sync_library
from .rounds.models import Mode, Round
from .timeutil import today

SEED = 20240917

#: questionnaires a round may use, best first; the first that the library holds is taken
ACTIVITY = ("after-activity", "voice-of-the-group", "amif-satisfaction")
GROUP = ("voice-of-the-group", "after-activity", "amif-satisfaction")
SATISFACTION = ("amif-satisfaction", "after-activity", "voice-of-the-group")
#: asked only when the library has it: people who stopped coming, on their own phone
ABSENCE = ("we-miss-you",)


@dataclass(frozen=True)
class Slot:
    """When a round of every project opens (days ago), how many days it runs, and what it asks."""

    days_ago: int
    days: int
    asks: tuple[str, ...]
    open_now: bool = False


SCHEDULE = (
    Slot(272, 18, SATISFACTION),
    Slot(230, 10, ACTIVITY),
    Slot(188, 10, ACTIVITY),
    Slot(146, 10, ACTIVITY),
    Slot(104, 10, ACTIVITY),
    Slot(66, 24, SATISFACTION),
    Slot(32, 10, ACTIVITY),
    Slot(8, 21, ACTIVITY, open_now=True),
)
ABSENTEE_SLOT = Slot(50, 21, ABSENCE)


@dataclass(frozen=True)
class ProjectPlan:
    name: str
    description: str
    #: the mean face (1 to 5) the group really gives in its first and in its latest round
    mood: tuple[float, float]
    #: the mode of each round in turn, repeated
    modes: tuple[Mode, ...]
    #: how many people attended the first and the latest round
    attendance: tuple[int, int]
    #: how many days ago the project first asked for feedback
    started: int = 280
    #: share of respondents who tap the best answer everywhere, whatever they think
    acquiescence: float = 0.03
    #: the weekday of the group sessions (0 is Monday): kiosk, paper and assisted answers come on that day
    weekday: int = 1
    activity: tuple[str, ...] = ACTIVITY
    asks_absentees: bool = False
    still_running: bool = True


@dataclass(frozen=True)
class CentrePlan:
    slug: str
    name: str
    locale: str
    domain: str
    #: languages offered in its rounds, with how often respondents choose each
    languages: dict[str, float]
    projects: tuple[ProjectPlan, ...]


@dataclass(frozen=True)
class AccountPlan:
    email: str
    name: str
    role: Role
    locale: str
    #: slug of the user's centre; none for administrators and network coordinators
    centre: str | None = None
    projects: tuple[str, ...] = ()


K, P, A, W = Mode.KIOSK, Mode.PHONE, Mode.ASSISTED, Mode.PAPER

CENTRES = (
    CentrePlan("demo-rivierstad", "OCMW Rivierstad", "nl", "rivierstad.example",
               {"nl": 0.2, "ar": 0.3, "prs": 0.25, "uk": 0.1, "ti": 0.15}, (
                   ProjectPlan("Taalcursus Nederlands", "Nederlandse les voor beginners, twee keer per week.",
                               (2.9, 3.8), (K, K, P), (104, 96)),
                   ProjectPlan("Jobcoaching", "Begeleiding naar werk: cv, sollicitaties, stages.",
                               (3.2, 3.3), (P, K), (70, 76), weekday=3),
                   ProjectPlan("Woonbegeleiding", "Hulp bij het zoeken naar een woning en bij de huurwaarborg.",
                               (3.0, 3.1), (A,), (78, 84), acquiescence=0.9, weekday=2),
                   ProjectPlan("Vrouwengroep", "Wekelijkse ontmoeting voor nieuwkomende vrouwen.",
                               (3.75, 3.8), (K, W), (54, 58), weekday=4, activity=GROUP),
               )),
    CentrePlan("demo-val-des-collines", "CPAS Val-des-Collines", "fr", "val-des-collines.example",
               {"fr": 0.25, "ar": 0.3, "ti": 0.2, "uk": 0.15, "prs": 0.1}, (
                   ProjectPlan("Cours de français", "Cours de français langue étrangère, niveau débutant.",
                               (3.4, 3.5), (K, P), (112, 104)),
                   ProjectPlan("Accompagnement vers l'emploi", "Orientation, bilan de compétences, recherche d'emploi.",
                               (2.7, 2.4), (P, W), (96, 28), weekday=0, asks_absentees=True),
                   ProjectPlan("Aide au logement", "Recherche de logement et démarches avec les propriétaires.",
                               (2.9, 3.3), (W, K, A), (64, 70), weekday=2),
                   ProjectPlan("École des devoirs", "Aide aux devoirs pour les jeunes de 12 à 18 ans.",
                               (3.6, 3.7), (K,), (48, 54), started=200, weekday=2, still_running=False),
               )),
    CentrePlan("demo-wilgendaal", "OCMW Wilgendaal", "nl", "wilgendaal.example",
               {"nl": 0.3, "ar": 0.2, "prs": 0.2, "uk": 0.2, "ti": 0.1}, (
                   ProjectPlan("Huiswerkklas voor jongeren", "Huiswerkbegeleiding voor jongeren na school.",
                               (3.5, 3.6), (K, P), (46, 50), started=160, weekday=2),
                   ProjectPlan("Taalcafé", "Nederlands oefenen in een ontspannen gesprek.",
                               (3.7, 3.0), (W, K), (62, 54), weekday=3, activity=GROUP),
                   ProjectPlan("Digitale vaardigheden", "Werken met de smartphone, e-mail en online formulieren.",
                               (3.3, 3.6), (K, P), (40, 48), started=120, weekday=4),
               )),
)

ACCOUNTS = (
    AccountPlan("admin@vox-demo.example", "Alex Example", Role.ADMIN, "en"),
    AccountPlan("network@vox-demo.example", "Robin Example", Role.NETWORK, "en"),
    AccountPlan("coordinator@rivierstad.example", "Noor Voorbeeld", Role.COORDINATOR, "nl", "demo-rivierstad"),
    AccountPlan("lies@rivierstad.example", "Lies Voorbeeld", Role.WORKER, "nl", "demo-rivierstad",
                ("Taalcursus Nederlands", "Jobcoaching")),
    AccountPlan("samir@rivierstad.example", "Samir Voorbeeld", Role.WORKER, "nl", "demo-rivierstad",
                ("Woonbegeleiding", "Vrouwengroep")),
    AccountPlan("coordination@val-des-collines.example", "Claire Exemple", Role.COORDINATOR, "fr",
                "demo-val-des-collines"),
    AccountPlan("yasmine@val-des-collines.example", "Yasmine Exemple", Role.WORKER, "fr", "demo-val-des-collines",
                ("Cours de français", "Accompagnement vers l'emploi")),
    AccountPlan("louis@val-des-collines.example", "Louis Exemple", Role.WORKER, "fr", "demo-val-des-collines",
                ("Aide au logement", "École des devoirs")),
    AccountPlan("coordinator@wilgendaal.example", "Jef Voorbeeld", Role.COORDINATOR, "nl", "demo-wilgendaal"),
    AccountPlan("fatma@wilgendaal.example", "Fatma Voorbeeld", Role.WORKER, "nl", "demo-wilgendaal",
                ("Huiswerkklas voor jongeren", "Taalcafé", "Digitale vaardigheden")),
)

ROLE_NAMES = {Role.ADMIN: "administrator", Role.NETWORK: "network coordinator",
              Role.COORDINATOR: "centre coordinator", Role.WORKER: "social worker"}

#: how a mode moves answers: honest alone, kinder with a social worker beside them or on paper
MODE_BIAS = {K: 0.0, P: -0.1, A: 0.35, W: 0.15}
#: share of those who attended who answer
MODE_RESPONSE_RATE = {K: 0.72, P: 0.45, A: 0.93, W: 0.8}
#: how much more (or less) than usual respondents skip questions
MODE_SKIPPING = {K: 1.0, P: 1.4, A: 0.3, W: 1.6}
#: chance that a comment box is left empty
MODE_NO_COMMENT = {K: 0.9, P: 0.85, A: 0.97, W: 0.8}
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


@click.command("demo")
@click.option("--reset-passwords", is_flag=True, help="Set and print new passwords for the demo accounts.")
@with_appcontext
def demo(reset_passwords: bool) -> None:
    """Fill the database with fictional centres, accounts, rounds and responses to try Vox with."""
    try:
        sync_library()
    except surveys.QuestionnaireError as error:
        raise click.ClickException(f"a library questionnaire is broken:\n{error}") from None
    if existing_demo_centres():
        passwords = reset_demo_passwords() if reset_passwords else {}
        db.session.commit()
        report_existing_demo(passwords)
        return
    started = time.perf_counter()
    summary, passwords = create_demo()
    db.session.commit()
    click.echo(f"Demo data created in {time.perf_counter() - started:.1f} s: {summary}.")
    print_accounts(passwords)


def existing_demo_centres() -> list[Organisation]:
    slugs = [plan.slug for plan in CENTRES]
    return list(db.session.scalars(select(Organisation).where(Organisation.slug.in_(slugs))
                                   .order_by(Organisation.name)))


def demo_accounts() -> list[User]:
    emails = [plan.email for plan in ACCOUNTS]
    return list(db.session.scalars(select(User).where(User.email.in_(emails)).order_by(User.id)))


def create_demo() -> tuple[str, dict[str, str]]:
    """Make everything; return a one-line summary and each new account's password."""
    rng = random.Random(SEED)
    centres = create_centres()
    passwords = create_accounts(centres)
    library = library_questionnaires()
    rounds = [planned for plan in CENTRES for planned in create_centre_rounds(rng, plan, centres[plan.slug], library)]
    db.session.flush()
    responses = store_responses(rng, rounds)
    open_now = sum(planned.round.is_open() for planned in rounds)
    projects = sum(len(plan.projects) for plan in CENTRES)
    return (f"{len(centres)} centres, {projects} projects, {len(passwords)} accounts, "
            f"{len(rounds)} rounds ({open_now} open now), {responses} responses"), passwords


# Centres, projects and accounts


def create_centres() -> dict[str, Organisation]:
    centres = {}
    for plan in CENTRES:
        centre = Organisation(name=plan.name, slug=plan.slug)
        centre.projects = [Project(name=p.name, description=p.description) for p in plan.projects]
        centres[plan.slug] = centre
    db.session.add_all(centres.values())
    db.session.flush()
    return centres


def create_accounts(centres: dict[str, Organisation]) -> dict[str, str]:
    """One account per role, each with a new random password; return the passwords by email.

    An account left over from an earlier demo (an administrator outlives a deleted centre) is kept as it is.
    """
    passwords = {}
    existing = {user.email for user in demo_accounts()}
    for plan in ACCOUNTS:
        if plan.email in existing:
            continue
        centre = centres.get(plan.centre)
        user = User(email=plan.email, name=plan.name, role=plan.role, locale=plan.locale, organisation=centre,
                    projects=[p for p in (centre.projects if centre else []) if p.name in plan.projects])
        passwords[plan.email] = new_password(user)
        db.session.add(user)
    db.session.flush()
    return passwords


def new_password(user: User) -> str:
    password = secrets.token_urlsafe(9)
    user.set_password(password)
    return password


def reset_demo_passwords() -> dict[str, str]:
    return {user.email: new_password(user) for user in demo_accounts()}


# Rounds


def library_questionnaires() -> dict[str, Questionnaire]:
    """The latest version of each questionnaire of the shared library, by slug."""
    found = db.session.scalars(select(Questionnaire).where(Questionnaire.organisation_id.is_(None))
                               .order_by(Questionnaire.slug, Questionnaire.version))
    return {q.slug: q for q in found}


def choose_questionnaire(slugs: tuple[str, ...], library: dict[str, Questionnaire]) -> Questionnaire | None:
    """The first of ``slugs`` the library holds; any library questionnaire when a round must ask something."""
    for slug in slugs:
        if slug in library:
            return library[slug]
    return None if slugs == ABSENCE or not library else library[min(library)]


@dataclass
class PlannedRound:
    """A round with what the demo needs to invent its responses."""

    round: Round
    plan: ProjectPlan
    centre: CentrePlan
    #: 0 at the project's first round, 1 today: where the round sits on the project's trend
    progress: float


def create_centre_rounds(rng: random.Random, plan: CentrePlan, centre: Organisation,
                         library: dict[str, Questionnaire]) -> list[PlannedRound]:
    made = []
    for project_plan, project in zip(plan.projects, sorted_projects(plan, centre), strict=True):
        for index, slot in enumerate(project_slots(project_plan)):
            questionnaire = choose_questionnaire(project_plan.activity if slot.asks == ACTIVITY else slot.asks,
                                                 library)
            if questionnaire is not None:
                round_ = new_round(rng, project, questionnaire, plan, project_plan, slot, index)
                made.append(PlannedRound(round_, project_plan, plan, progress(project_plan, slot)))
    db.session.add_all(planned.round for planned in made)
    return made


def sorted_projects(plan: CentrePlan, centre: Organisation) -> list[Project]:
    by_name = {project.name: project for project in centre.projects}
    return [by_name[p.name] for p in plan.projects]


def project_slots(plan: ProjectPlan) -> list[Slot]:
    slots = [s for s in SCHEDULE if s.days_ago <= plan.started and (plan.still_running or not s.open_now)]
    if plan.asks_absentees:
        slots.append(ABSENTEE_SLOT)
    return slots


def progress(plan: ProjectPlan, slot: Slot) -> float:
    first = max(s.days_ago for s in project_slots(plan))
    return (first - slot.days_ago) / first


def new_round(rng: random.Random, project: Project, questionnaire: Questionnaire, centre: CentrePlan,
              plan: ProjectPlan, slot: Slot, index: int) -> Round:
    opens_on = today() - timedelta(days=slot.days_ago + rng.randint(0, 4))
    closes_on = opens_on + timedelta(days=slot.days)
    mode = P if slot.asks == ABSENCE else plan.modes[index % len(plan.modes)]
    round_ = Round(project=project, questionnaire=questionnaire, mode=mode, opens_on=opens_on,
                   languages=offered_languages(centre, questionnaire.survey),
                   created_at=datetime.combine(opens_on - timedelta(days=2), datetime.min.time()))
    if slot.open_now:
        round_.closes_on = closes_on
    elif rng.random() < 0.25:
        round_.closed_on = closes_on  # open-ended, closed by hand
    else:
        round_.closes_on = round_.closed_on = closes_on
    return round_


def offered_languages(centre: CentrePlan, survey: surveys.Questionnaire) -> list[str]:
    offered = [code for code in centre.languages if code in survey.languages]
    return offered or list(survey.languages)


# Responses


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


def store_responses(rng: random.Random, rounds: list[PlannedRound]) -> int:
    """Invent the responses of every round and insert them in two bulk statements; return how many."""
    responses: list[dict[str, Any]] = []
    answers: list[dict[str, Any]] = []
    for planned in rounds:
        planned.round.attendance = round_attendance(rng, planned)
        for _ in range(respondent_count(rng, planned.round)):
            response, given = invent_response(rng, planned)
            responses.append(response)
            answers.extend(given)
    if responses:
        db.session.execute(insert(Response), responses)
    if answers:
        db.session.execute(insert(Answer), answers)
    release_waiting([planned.round.id for planned in rounds], current_app.config["VOX_MIN_GROUP"])
    return len(responses)


def round_attendance(rng: random.Random, planned: PlannedRound) -> int:
    first, last = planned.plan.attendance
    if planned.round.questionnaire.slug in ABSENCE:
        first = last = max(10, first - last)  # those who stopped coming, contacted by phone
    return round((first + (last - first) * planned.progress) * rng.uniform(0.9, 1.1))


def respondent_count(rng: random.Random, round_: Round) -> int:
    rate = MODE_RESPONSE_RATE[Mode(round_.mode)] * (0.7 if round_.questionnaire.slug in ABSENCE else 1)
    return sum(rng.random() < rate for _ in range(round_.attendance or 0))


def invent_response(rng: random.Random, planned: PlannedRound) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One response and its answers, as rows to insert."""
    round_ = planned.round
    person = new_respondent(rng, planned)
    response_id = uuid.uuid4()
    response = {"id": response_id, "round_id": round_.id, "day": answer_day(rng, planned),
                "language": person.language, "mode": round_.mode}
    answers = [{"response_id": response_id, "question_key": key, "position": position, "value": value}
               for key, values in draw_answers(rng, round_.questionnaire.survey, person)
               for position, value in enumerate(values)]
    return response, answers


def new_respondent(rng: random.Random, planned: PlannedRound) -> Respondent:
    plan, mode = planned.plan, Mode(planned.round.mode)
    first, last = plan.mood
    mood = first + (last - first) * planned.progress + MODE_BIAS[mode] + rng.gauss(0, 0.75)
    acquiescence = plan.acquiescence + (0.08 if mode == A else 0)
    languages = planned.round.languages
    weights = [planned.centre.languages.get(code, 0.05) for code in languages]
    return Respondent(plan.name, mood, rng.random() < acquiescence, rng.choices(languages, weights)[0],
                      planned.centre.locale, mode)


def answer_day(rng: random.Random, planned: PlannedRound) -> date:
    """A day the round was open; answers on the tablet or on paper come on the day of the group session."""
    round_ = planned.round
    last = min(round_.last_day or today(), today())
    days = [round_.opens_on + timedelta(days=n) for n in range((last - round_.opens_on).days + 1)]
    if round_.mode != P:
        days = [d for d in days if d.weekday() == planned.plan.weekday] or days
    return rng.choice(days)


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
    if question.type == "text":
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


DRAWERS: dict[str, Callable[[random.Random, surveys.Question, Respondent], Any]] = {
    "faces": draw_face, "thumbs": draw_thumb, "pictures": draw_pictures, "text": draw_comment,
}


# What the command prints


def login_url() -> str:
    return f"{current_app.config.get('VOX_PUBLIC_URL', 'http://127.0.0.1:5000')}/login"


def print_accounts(passwords: dict[str, str]) -> None:
    click.echo(f"Log in at {login_url()} with one of these accounts. The passwords are shown only now:")
    for user in demo_accounts():
        if user.email in passwords:
            click.echo(f"  {ROLE_NAMES[Role(user.role)]:<20} {user.email:<40} {passwords[user.email]}   "
                       f"{account_scope(user)}")


def account_scope(user: User) -> str:
    if user.organisation is None:
        return "(all centres)"
    projects = ", ".join(project.name for project in user.projects)
    return f"{user.organisation.name}: {projects}" if projects else user.organisation.name


def report_existing_demo(passwords: dict[str, str]) -> None:
    names = ", ".join(centre.name for centre in existing_demo_centres())
    click.echo(f"The demo data is already there ({names}); nothing was added.")
    if passwords:
        print_accounts(passwords)
        return
    click.echo("Demo accounts:")
    for user in demo_accounts():
        click.echo(f"  {ROLE_NAMES[Role(user.role)]:<20} {user.email:<40} {account_scope(user)}")
    click.echo("Their passwords were printed when they were made. "
               "Run `flask demo --reset-passwords` to set new ones.")
