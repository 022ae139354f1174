"""``flask demo``: fictional centres and accounts, and answers that look like a real group's, made once."""

import re
import uuid
from collections import Counter, defaultdict
from statistics import mean

from sqlalchemy import delete, func, select

from app.demo import demo
from app.extensions import db
from app.models import Answer, Organisation, Project, Questionnaire, Response, Role, Round, User

REAL_PLACES = ("Gent", "Antwerpen", "Anvers", "Brussel", "Bruxelles", "Liège", "Luik", "Charleroi", "Leuven",
               "Louvain", "Mechelen", "Namur", "Namen", "Brugge", "Bruges", "Mons", "Bergen", "Hasselt", "Kortrijk",
               "Oostende", "Aalst", "Genk", "Tournai", "Verviers", "Sint-Niklaas", "Schaerbeek", "Molenbeek")
ACCOUNT_LINE = re.compile(r"^\s+[a-z ]+?\s+(\S+@\S+)\s+(\S+)\s", re.MULTILINE)


def run_demo(app, *args):
    result = app.test_cli_runner().invoke(demo, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def printed_passwords(output: str) -> dict[str, str]:
    return dict(ACCOUNT_LINE.findall(output))


def test_demo_makes_one_account_per_role_and_prints_where_to_log_in_with_which_password(app):
    output = run_demo(app)
    users = db.session.scalars(select(User)).all()
    assert {user.role for user in users} == set(Role)
    assert "http://vox.test/login" in output
    passwords = printed_passwords(output)
    assert set(passwords) == {user.email for user in users}
    assert all(user.check_password(passwords[user.email]) for user in users)
    by_role = defaultdict(list)
    for user in users:
        by_role[user.role].append(user)
    assert all(user.organisation is None and user.locale == "en"
               for user in by_role[Role.ADMIN] + by_role[Role.NETWORK])
    centres = db.session.scalars(select(Organisation)).all()
    assert {user.organisation for user in by_role[Role.COORDINATOR]} == set(centres)
    assert {user.locale for user in users} == {"nl", "fr", "en"}
    assert all(user.projects and all(p.organisation == user.organisation for p in user.projects)
               for user in by_role[Role.WORKER])


def test_running_demo_twice_adds_nothing_and_prints_no_password(app):
    first = run_demo(app)
    counts = table_counts()
    second = run_demo(app)
    assert table_counts() == counts
    assert "already there" in second
    assert "--reset-passwords" in second
    assert not any(password in second for password in printed_passwords(first).values())
    assert all(email in second for email in printed_passwords(first))


def test_reset_passwords_prints_new_passwords_that_work_and_old_ones_stop_working(app):
    old = printed_passwords(run_demo(app))
    new = printed_passwords(run_demo(app, "--reset-passwords"))
    assert set(new) == set(old)
    for user in db.session.scalars(select(User)):
        assert user.check_password(new[user.email])
        assert not user.check_password(old[user.email])


def test_demo_runs_again_after_its_centres_were_deleted_and_keeps_the_leftover_administrator(app):
    old = printed_passwords(run_demo(app))
    db.session.execute(delete(Organisation))  # the database deletes their projects, staff, rounds, responses
    db.session.commit()
    new = printed_passwords(run_demo(app))
    admins = db.session.scalars(select(User).where(User.role == Role.ADMIN)).all()
    assert len(admins) == 1 and admins[0].check_password(old[admins[0].email])
    assert admins[0].email not in new
    assert len(db.session.scalars(select(Organisation)).all()) == 3


def test_rounds_span_months_in_every_mode_with_more_people_attending_than_answering(demo_data):
    rounds = db.session.scalars(select(Round)).all()
    responded = dict(db.session.execute(select(Response.round_id, func.count()).group_by(Response.round_id)).all())
    assert {r.mode for r in rounds} == {"kiosk", "phone", "assisted", "paper"}
    assert any(r.is_open() for r in rounds)
    assert sum(r.closed_by_hand_on is not None for r in rounds) > len(rounds) / 2
    assert (max(r.opens_on for r in rounds) - min(r.opens_on for r in rounds)).days > 230
    assert all(r.attendance > responded.get(r.id, 0) for r in rounds)
    assert 3000 <= sum(responded.values()) <= 5000
    assert all(len(project.rounds) >= 4 for project in db.session.scalars(select(Project)))
    assert any(falls(project) for project in db.session.scalars(select(Project)))


def falls(project: Project) -> bool:
    attendance = [r.attendance for r in project.rounds if r.questionnaire.slug != "we-miss-you"]
    return attendance[-1] < attendance[0] / 2


def test_some_projects_are_clearly_better_than_others(demo_data):
    honest = [people for people in faces_by_project().values() if ceiling_share(people) < 0.8]
    means = sorted(mean(value for person in people for value, _ in person) for people in honest)
    assert means[-1] - means[0] > 0.8


def test_one_assisted_project_is_too_good_to_be_true(demo_data):
    shares = {project: ceiling_share(people) for project, people in faces_by_project().items()}
    ceiling = [project for project, share in shares.items() if share > 0.8]
    assert len(ceiling) == 1
    assert {r.mode for r in ceiling[0].rounds} == {"assisted"}
    assert sum(share < 0.4 for share in shares.values()) >= len(shares) - 1


def ceiling_share(people: list[list[tuple[int, int]]]) -> float:
    """Share of respondents who gave the best face to every faces question they answered."""
    answered = [person for person in people if person]
    return sum(all(value == best for value, best in person) for person in answered) / len(answered)


def faces_by_project() -> dict[Project, list[list[tuple[int, int]]]]:
    """Per project, per respondent: (face given, best face) of each faces question answered."""
    best = {}
    for questionnaire in db.session.scalars(select(Questionnaire)):
        for question in questionnaire.survey.questions:
            if question.type == "faces":
                best[questionnaire.id, question.key] = max(int(c.value) for c in question.choices())
    people = defaultdict(lambda: defaultdict(list))
    rows = db.session.execute(select(Round.project_id, Round.questionnaire_id, Answer.response_id,
                                     Answer.question_key, Answer.value)
                              .join(Response, Response.round_id == Round.id).join(Answer))
    for project_id, questionnaire_id, response_id, key, value in rows:
        if (questionnaire_id, key) in best:
            people[project_id][response_id].append((int(value), best[questionnaire_id, key]))
    return {db.session.get(Project, pid): list(by_person.values()) for pid, by_person in people.items()}


def test_every_stored_answer_is_one_its_question_accepts(demo_data):
    surveys_by_round = {r.id: r.questionnaire.survey for r in db.session.scalars(select(Round))}
    values = defaultdict(list)
    responses = {}
    for response in db.session.scalars(select(Response)):
        responses[response.id] = response
    for answer in db.session.scalars(select(Answer).order_by(Answer.position)):
        values[answer.response_id, answer.question_key].append(answer.value)
    for (response_id, key), given in values.items():
        question = surveys_by_round[responses[response_id].round_id].question(key)
        assert question.clean_answer(given if question.settings.get("multiple") else given[0]) == given
    assert all(r.language in surveys_by_round[r.round_id].languages for r in responses.values())
    askable = sum(len(surveys_by_round[r.round_id].answerable_questions) for r in responses.values())
    assert 0.5 * askable < len(values) < 0.95 * askable  # most questions answered, some skipped


def test_comments_are_rare_and_short(demo_data):
    text_keys = {q.key for questionnaire in db.session.scalars(select(Questionnaire))
                 for q in questionnaire.survey.questions if q.type == "text"}
    comments = db.session.scalars(select(Answer.value).where(Answer.question_key.in_(text_keys))).all()
    assert len(comments) < 0.2 * db.session.scalar(select(func.count()).select_from(Response))
    assert all(len(comment) < 100 for comment in comments)


def test_no_centre_project_or_person_is_named_after_a_real_place(demo_data):
    names = [o.name for o in db.session.scalars(select(Organisation))]
    names += [p.name for p in db.session.scalars(select(Project))]
    names += [f"{u.name} {u.email}" for u in db.session.scalars(select(User))]
    assert names
    for name in names:
        assert not [place for place in REAL_PLACES if place.lower() in name.lower()], name


def test_demo_tells_the_same_story_each_time(app, demo_data):
    first = answer_counts()  # of the demo made once for the tests
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            if table.name != "questionnaires":
                conn.execute(table.delete())
    db.session.expunge_all()
    run_demo(app)
    assert answer_counts() == first


def answer_counts() -> Counter:
    rows = db.session.execute(select(Project.name, Answer.question_key, Answer.value)
                              .join(Round, Round.project_id == Project.id)
                              .join(Response, Response.round_id == Round.id).join(Answer))
    return Counter(map(tuple, rows))


def table_counts() -> dict[str, int]:
    return {model.__name__: db.session.scalar(select(func.count()).select_from(model))
            for model in (Organisation, Project, User, Round, Response, Answer, Questionnaire)}


def test_response_ids_are_random_uuids(demo_data):
    ids = db.session.scalars(select(Response.id)).all()
    assert all(isinstance(i, uuid.UUID) and i.version == 4 for i in ids)
    assert len(set(ids)) == len(ids)
