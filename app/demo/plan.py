"""What the demo makes: its centres and their projects, the accounts, and when rounds open, all invented.

Each project's plan says how its group really feels (and whether that changes), how it answers and how many come.
"""

from dataclasses import dataclass

from ..responses.models import Mode
from ..roles import Role

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
