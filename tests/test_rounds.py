"""Rounds for staff: launching, the round's page, the flyer, kiosk lock, data entry, attendance, close, delete."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models import Answer, AuditEvent, Questionnaire, Response, Role, Round, RoundSession
from app.rounds import lock
from tests.clients import logged_in

PIN = "2468"
TODAY = date.today()


@pytest.fixture
def centre(make_centre):
    return make_centre("Centre Noord")


@pytest.fixture
def project(make_project, centre):
    return make_project("Taalcafé", centre=centre)


@pytest.fixture
def worker(make_user, centre, project):
    user = make_user(email="lies@example.org", role=Role.WORKER, centre=centre, locale="en")
    user.projects.append(project)
    return user


@pytest.fixture
def coordinator(make_user, centre):
    return make_user(email="coord@example.org", role=Role.COORDINATOR, centre=centre, locale="en")


@pytest.fixture
def as_worker(app, worker):
    return logged_in(app, worker)


@pytest.fixture
def as_coordinator(app, coordinator):
    return logged_in(app, coordinator)


@pytest.fixture
def kiosk_round(make_round, project):
    round_ = make_round(project=project, languages=["nl", "ar"], mode="kiosk", opens_on=TODAY - timedelta(days=3))
    round_.pin_hash = generate_password_hash(PIN)
    db.session.commit()
    return round_


def round_url(round_, tail=""):
    return f"/projects/{round_.project_id}/rounds/{round_.id}{tail}"


def audit_actions() -> list[str]:
    return db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()


def count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def launch_data(library, **overrides):
    data = {"questionnaire": library["after-activity"].id, "languages": ["ar", "nl"], "mode": "kiosk",
            "opens_on": TODAY.isoformat(), "planned_last_day": "", "pin": PIN, "reset_seconds": "8",
            "idle_seconds": "90"}
    return {**data, **overrides}


# Launching


def test_the_launch_form_offers_the_latest_questionnaires_in_their_complete_languages(as_worker, project, library):
    page = as_worker.get(f"/projects/{project.id}/rounds/new").get_data(as_text=True)
    assert "After the activity (version 1)" in page
    assert 'lang="ar">العربية (Arabic)</span>' in page
    assert re.search(r'<input checked[^>]*value="ar"|<input[^>]*value="ar"[^>]*checked', page)
    offered = re.findall(r'name="languages" type="checkbox" value="(\w+)"', page)
    assert offered == library["after-activity"].survey.languages
    assert f'value="{TODAY.isoformat()}"' in page
    for mode in ("Tablet (kiosk)", "Own phone", "Assisted", "Paper"):
        assert mode in page


def test_the_launch_form_says_which_questionnaire_is_the_amif_one(as_worker, project, library):
    page = as_worker.get(f"/projects/{project.id}/rounds/new").get_data(as_text=True)
    options = re.findall(r"<option [^>]*>([^<]*)</option>", page)
    amif = [option for option in options if "AMIF" in option]
    assert len(amif) == 1 and re.fullmatch(r"Your opinion on the project \(version \d+\) · AMIF: its answers fill "
                                           r"the indicator table for the ministry", amif[0])


def test_launching_creates_the_round_with_a_hashed_pin_and_notes_it_in_the_audit_log(as_worker, project, library,
                                                                                     slow_hashes):
    reply = as_worker.post(f"/projects/{project.id}/rounds/new", data=launch_data(library))
    round_ = db.session.scalars(select(Round)).one()
    assert reply.status_code == 302
    assert reply.headers["Location"] == round_url(round_)
    assert round_.project_id == project.id and round_.questionnaire_id == library["after-activity"].id
    assert round_.languages == ["nl", "ar"]  # in the questionnaire's order
    assert (round_.mode, round_.opens_on, round_.planned_last_day) == ("kiosk", TODAY, None)
    assert (round_.reset_seconds, round_.idle_seconds) == (8, 90)
    assert round_.pin_hash.startswith("scrypt:") and check_password_hash(round_.pin_hash, PIN)
    event = db.session.scalars(select(AuditEvent)).one()
    assert event.action == "round.launch" and event.organisation_id == project.organisation_id
    assert f"round {round_.id}" in event.subject and "Taalcafé" in event.subject


def test_a_pin_typed_with_arabic_digits_is_the_same_pin(as_worker, project, library):
    as_worker.post(f"/projects/{project.id}/rounds/new", data=launch_data(library, pin="٢٤٦٨"))
    assert check_password_hash(db.session.scalars(select(Round)).one().pin_hash, PIN)


@pytest.mark.parametrize(("change", "message"), [
    ({"pin": ""}, "needs a PIN"),
    ({"pin": "12a4"}, "4 to 8 digits"),
    ({"pin": "123"}, "4 to 8 digits"),
    ({"languages": []}, "at least one language"),
    ({"languages": ["nl", "xx"]}, "not a valid choice"),
    ({"planned_last_day": (TODAY - timedelta(days=1)).isoformat()}, "cannot be before the first day"),
    ({"reset_seconds": "1"}, "between 2 and 120"),
    ({"idle_seconds": "5000"}, "between 20 and 900"),
    ({"mode": "carrier-pigeon"}, "not a valid choice"),
    ({"questionnaire": "999999"}, "not a valid choice"),
    ({"planned_last_day": "9999-12-31"}, "at most 5 years after the first day"),
    ({"opens_on": "9999-12-31"}, "within a year of today"),
    ({"opens_on": "0001-01-01"}, "within a year of today"),
    ({"opens_on": (TODAY - timedelta(days=400)).isoformat()}, "within a year of today"),
    ({"opens_on": "31/12/2026"}, "not a valid date"),
])
def test_launching_refuses_bad_input_and_stores_nothing(as_worker, project, library, change, message):
    reply = as_worker.post(f"/projects/{project.id}/rounds/new", data=launch_data(library, **change))
    assert reply.status_code == 200
    assert message.lower() in reply.get_data(as_text=True).lower().replace("&#34;", '"')
    assert count(Round) == 0 and count(AuditEvent) == 0


def test_a_round_as_long_as_allowed_has_its_page_and_takes_responses(as_worker, send_response, project, library):
    last_day = TODAY + timedelta(days=5 * 365)
    reply = as_worker.post(f"/projects/{project.id}/rounds/new",
                           data=launch_data(library, mode="phone", pin="", planned_last_day=last_day.isoformat()))
    round_ = db.session.scalars(select(Round)).one()
    assert reply.headers["Location"] == round_url(round_)
    assert as_worker.get(round_url(round_)).status_code == 200
    send_response(round_, {"liked_today": "5"})


def test_a_phone_round_needs_no_pin(as_worker, project, library):
    as_worker.post(f"/projects/{project.id}/rounds/new", data=launch_data(library, mode="phone", pin=""))
    round_ = db.session.scalars(select(Round)).one()
    assert (round_.mode, round_.pin_hash) == ("phone", None)


def in_languages(data, keep):
    """A questionnaire definition cut down to some of its languages."""
    if isinstance(data, dict):
        if "nl" in data and all(isinstance(v, str) for v in data.values()):
            return {k: v for k, v in data.items() if k in keep}
        return {k: in_languages(v, keep) for k, v in data.items() if k != "languages"} | (
            {"languages": list(keep)} if "languages" in data else {})
    if isinstance(data, list):
        return [in_languages(item, keep) for item in data]
    return data


def test_only_the_languages_a_questionnaire_has_can_be_offered(as_worker, project, library, centre):
    own = Questionnaire(organisation=centre, slug="ours", version=2, title="Ours",
                        definition=in_languages(library["after-activity"].definition, ["nl", "fr"]))
    broken = Questionnaire(organisation=centre, slug="broken", version=1, title="Broken", definition={"id": "x"})
    db.session.add_all([own, broken])
    db.session.commit()
    page = as_worker.get(f"/projects/{project.id}/rounds/new").get_data(as_text=True)
    assert re.search(rf'<option value="{own.id}" data-languages="nl fr">', page)
    assert "Broken" not in page  # a questionnaire that does not load cannot be asked
    reply = as_worker.post(f"/projects/{project.id}/rounds/new",
                           data=launch_data(library, questionnaire=own.id, languages=["nl", "ar"]))
    assert "not complete in every language" in reply.get_data(as_text=True)
    assert count(Round) == 0


def test_a_round_asks_the_library_or_its_own_centres_questionnaires_never_another_centres(
        app, make_user, make_centre, project, library):
    other = make_centre("Centre Zuid")
    theirs = Questionnaire(organisation=other, slug="theirs", version=1, title="Theirs",
                           definition={**library["after-activity"].definition, "id": "theirs"})
    ours = Questionnaire(organisation=project.organisation, slug="after-activity", version=3, title="Ours",
                         definition={**library["after-activity"].definition, "version": 3})
    db.session.add_all([theirs, ours])
    admin = logged_in(app, make_user(email="admin@example.org", role=Role.ADMIN, locale="en"))
    page = admin.get(f"/projects/{project.id}/rounds/new").get_data(as_text=True)
    assert f'value="{theirs.id}"' not in page
    assert "After the activity (version 3, own questionnaire of the centre)" in page
    reply = admin.post(f"/projects/{project.id}/rounds/new", data=launch_data(library, questionnaire=theirs.id))
    assert reply.status_code == 200 and count(Round) == 0


def test_a_worker_cannot_launch_a_round_in_a_project_they_are_not_on(app, make_user, centre, library, make_project):
    other = make_project("Werkwinkel", centre=centre)
    client = logged_in(app, make_user(email="solo@example.org", role=Role.WORKER, centre=centre))
    assert client.post(f"/projects/{other.id}/rounds/new", data=launch_data(library)).status_code == 404
    assert count(Round) == 0


# Projects and the round's page


def test_staff_land_on_their_projects_with_open_rounds_and_a_launch_button(as_worker, project, kiosk_round,
                                                                            make_round):
    make_round(project=project, opens_on=TODAY - timedelta(days=30), planned_last_day=TODAY - timedelta(days=20))
    db.session.commit()
    assert as_worker.get("/").headers["Location"] == "/projects"
    page = as_worker.get("/projects").get_data(as_text=True)
    assert "Taalcafé" in page and "Launch a round" in page
    assert page.count(f"/projects/{project.id}/rounds/") == 1 + 1  # the open round, and the launch button
    assert round_url(kiosk_round) in page


def test_network_coordinators_never_see_projects(app, make_user, project):
    client = logged_in(app, make_user(email="fed@example.org", role=Role.NETWORK))
    assert client.get("/").status_code == 200
    assert client.get("/projects").status_code == 403
    assert client.get(f"/projects/{project.id}").status_code == 403


def test_the_project_page_lists_open_rounds_first_with_responses_attendance_and_rate(
        as_worker, project, kiosk_round, make_round, make_response):
    closed = make_round(project=project, opens_on=TODAY - timedelta(days=60),
                        closed_by_hand_on=TODAY - timedelta(days=50), attendance=10, mode="paper")
    for _ in range(4):
        make_response(closed, {"liked_today": "5"})
    make_response(kiosk_round, {"liked_today": "3"})
    db.session.commit()
    page = as_worker.get(f"/projects/{project.id}").get_data(as_text=True)
    assert page.index(round_url(kiosk_round)) < page.index(round_url(closed))
    row = page[page.index(round_url(closed)):]
    assert re.search(r'class="num">4</td>\s*<td class="num">10</td>\s*<td class="num">40%', row)
    assert "Paper" in row and "Closed" in row


def test_the_round_page_shows_the_kiosk_link_qr_code_and_responses_stored(as_worker, kiosk_round, make_response):
    make_response(kiosk_round, {"liked_today": "4"})
    db.session.commit()
    page = as_worker.get(round_url(kiosk_round)).get_data(as_text=True)
    assert f'value="http://vox.test/r/{kiosk_round.token}"' in page
    assert re.search(r'<svg role="img" viewBox="0 0 \d+ \d+" class="qr"><title>QR code of the round</title>', page)
    assert re.search(r"<strong>1</strong> response stored", page)
    for button in ("Open the kiosk on this tablet", "Enter answers", "Close the round"):
        assert button in page
    assert "Print the flyer" not in page and "a tablet round starts again after each answer" in page
    assert "Delete the responses" not in page  # a social worker cannot


def test_the_qr_code_is_a_black_on_white_svg_with_a_quiet_zone(as_worker, kiosk_round):
    reply = as_worker.get(round_url(kiosk_round, "/qr.svg"))
    svg = reply.get_data(as_text=True)
    assert reply.mimetype == "image/svg+xml"
    assert 'fill="#fff"' in svg and 'stroke="#000"' in svg
    width = int(re.search(r'width="(\d+)"', svg).group(1))
    modules = width // 10 - 8  # 4 modules of quiet zone on each side
    assert modules in (25, 29, 33) and 'd="M4' in svg.replace("M40", "M4")


def test_the_flyer_invites_in_each_language_in_its_own_script_and_direction(as_worker, kiosk_round):
    kiosk_round.mode = "phone"
    db.session.commit()
    page = as_worker.get(round_url(kiosk_round, "/flyer")).get_data(as_text=True)
    assert "@page { size: A4" in page
    assert re.search(r'<li class="invite" lang="ar" dir="rtl">\s*<h2>بعد النشاط</h2>\s*<p>امسح الرمز بهاتفك', page)
    assert re.search(r'<li class="invite" lang="nl" dir="ltr">\s*<h2>Na de activiteit</h2>\s*<p>Scan de code', page)
    assert f"vox.test/r/{kiosk_round.token}" in page
    assert page.count('aria-hidden="true" focusable="false"') == 3  # phone, language, anonymous


def test_a_tablet_round_has_no_flyer_for_phones_and_says_why(as_worker, kiosk_round):
    reply = as_worker.get(round_url(kiosk_round, "/flyer"))
    assert reply.status_code == 302 and reply.headers["Location"].endswith(round_url(kiosk_round, "#share"))
    page = as_worker.get(round_url(kiosk_round)).get_data(as_text=True)
    assert "No flyer for phones: on a phone, a tablet round starts again after each answer" in page


def test_every_flyer_language_has_an_invitation():
    import surveys
    from app.rounds.flyer import INVITATIONS

    assert set(surveys.LANGUAGES) <= set(INVITATIONS)


# Close, reopen, delete


def test_closing_asks_first_and_says_what_closing_does(as_worker, kiosk_round):
    page = as_worker.get(round_url(kiosk_round, "/close")).get_data(as_text=True)
    assert "Close the round?" in page and "Answers given offline before then can still arrive for 7 days." in page
    db.session.refresh(kiosk_round)
    assert kiosk_round.closed_by_hand_on is None and audit_actions() == []
    assert 'method="post"' in page and "Yes, close the round" in page


def test_closing_and_reopening_a_round_is_noted_in_the_audit_log(as_worker, kiosk_round):
    assert as_worker.post(round_url(kiosk_round, "/close")).status_code == 302
    db.session.refresh(kiosk_round)
    assert kiosk_round.closed_by_hand_on == TODAY
    assert "Reopen the round" in as_worker.get(round_url(kiosk_round)).get_data(as_text=True)
    as_worker.post(round_url(kiosk_round, "/reopen"))
    db.session.refresh(kiosk_round)
    assert kiosk_round.closed_by_hand_on is None and kiosk_round.is_open()
    assert audit_actions() == ["round.close", "round.reopen"]


def test_reopening_a_round_past_its_last_day_opens_it_again(as_worker, make_round, project):
    round_ = make_round(project=project, opens_on=TODAY - timedelta(days=9), planned_last_day=TODAY - timedelta(days=2))
    db.session.commit()
    as_worker.post(round_url(round_, "/reopen"))
    db.session.refresh(round_)
    assert round_.is_open() and round_.planned_last_day is None


def test_a_round_that_is_over_for_good_cannot_be_reopened(as_worker, make_round, project):
    """Its comments and rows can be read: new answers added later could be told apart by comparing."""
    round_ = make_round(project=project, opens_on=TODAY - timedelta(days=30),
                        planned_last_day=TODAY - timedelta(days=20))
    db.session.commit()
    page = as_worker.get(round_url(round_)).get_data(as_text=True)
    assert "Reopen the round" not in page and "cannot be opened again" in page
    refused = as_worker.post(round_url(round_, "/reopen"), follow_redirects=True).get_data(as_text=True)
    assert "cannot be opened again" in refused
    db.session.refresh(round_)
    assert not round_.is_open() and round_.planned_last_day == TODAY - timedelta(days=20)
    assert audit_actions() == []


@pytest.fixture
def answered(kiosk_round, make_round, make_response, project):
    other = make_round(project=project)
    for _ in range(3):
        make_response(kiosk_round, {"liked_today": "5", "too_long": "just_right"})
    kept = make_response(other, {"liked_today": "2"})
    db.session.commit()
    return kiosk_round, kept


def test_deleting_responses_asks_for_confirmation_and_deletes_only_that_round(as_coordinator, answered):
    round_, kept = answered
    url = round_url(round_, "/responses/delete")
    assert "This deletes the 3 responses of this round" in as_coordinator.get(url).get_data(as_text=True)
    assert as_coordinator.post(url, data={"count": "3"}).status_code == 200  # not ticked
    assert as_coordinator.post(url, data={"understood": "y", "count": "2"}).status_code == 200  # wrong number
    assert count(Response) == 4
    reply = as_coordinator.post(url, data={"understood": "y", "count": "3"})
    assert reply.status_code == 302 and reply.headers["Location"] == round_url(round_)
    assert db.session.scalars(select(Response.id)).all() == [kept.id]
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 1
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "responses.delete")).one()
    assert "3 responses deleted" in event.subject


def test_social_workers_may_not_delete_responses(as_worker, answered):
    round_, _kept = answered
    assert as_worker.get(round_url(round_, "/responses/delete")).status_code == 403
    assert as_worker.post(round_url(round_, "/responses/delete"),
                          data={"understood": "y", "count": "3"}).status_code == 403
    assert count(Response) == 4


# Attendance


def test_attendance_and_sessions_give_the_response_rate(as_worker, kiosk_round, make_response):
    yesterday = TODAY - timedelta(days=1)
    for _ in range(3):
        make_response(kiosk_round, {"liked_today": "4"}, day=yesterday)
    db.session.commit()
    as_worker.post(round_url(kiosk_round, "/attendance"), data={"attendance": "12", "save_attendance": "1"})
    as_worker.post(round_url(kiosk_round, "/attendance"),
                   data={"held_on": yesterday.isoformat(), "present": "5", "save_session": "1"})
    as_worker.post(round_url(kiosk_round, "/attendance"),
                   data={"held_on": yesterday.isoformat(), "present": "6", "save_session": "1"})
    db.session.refresh(kiosk_round)
    sessions = db.session.scalars(select(RoundSession)).all()
    assert kiosk_round.attendance == 12
    assert [(s.held_on, s.present) for s in sessions] == [(yesterday, 6)]  # one per day, corrected
    page = as_worker.get(round_url(kiosk_round)).get_data(as_text=True)
    assert "25%" in page  # 3 responses of 12 people
    assert re.search(r'class="num">6</td>\s*<td class="num">3 <span class="muted">\(50%\)</span></td>', page)
    as_worker.post(round_url(kiosk_round, "/attendance"), data={"session_id": str(sessions[0].id),
                                                                "remove_session": "1"})
    assert count(RoundSession) == 0
    assert audit_actions() == ["round.attendance", "round.session", "round.session", "round.session.remove"]


@pytest.mark.parametrize(("held_on", "present"), [
    (TODAY + timedelta(days=1), "5"), (TODAY - timedelta(days=30), "5"), (TODAY, "-1"), (TODAY, ""),
    ("yesterday", "5"), ("9999-12-31", "5"), ("0001-01-01", "5")])
def test_a_session_in_the_future_outside_the_round_or_without_a_count_is_refused(as_worker, kiosk_round, held_on,
                                                                                  present):
    held_on = held_on if isinstance(held_on, str) else held_on.isoformat()
    reply = as_worker.post(round_url(kiosk_round, "/attendance"),
                           data={"held_on": held_on, "present": present, "save_session": "1"},
                           follow_redirects=True)
    assert 'class="flash error"' in reply.get_data(as_text=True)
    assert count(RoundSession) == 0


def test_a_session_of_another_round_cannot_be_removed(as_worker, kiosk_round, make_round, project):
    other = make_round(project=project)
    db.session.add(RoundSession(round_id=other.id, held_on=TODAY, present=4))
    db.session.commit()
    session_id = db.session.scalar(select(RoundSession.id))
    as_worker.post(round_url(kiosk_round, "/attendance"), data={"session_id": str(session_id), "remove_session": "1"})
    assert count(RoundSession) == 1


# Data entry (assisted and paper)


@pytest.fixture
def paper_round(make_round, project):
    round_ = make_round(project=project, questionnaire="amif-satisfaction", languages=["nl", "ar"], mode="paper",
                        opens_on=TODAY - timedelta(days=3))
    db.session.commit()
    return round_


def entry(**overrides):
    data = {"mode": "assisted", "day": TODAY.isoformat(), "language": "nl", "q_overall": "4",
            "q_helped_integration": "", "q_helped_most": ["work", "language"], "q_staff_listened": "yes",
            "q_something_difficult": "", "q_too_fast": "", "q_recommend": "", "q_comment": ""}
    return {**data, **overrides}


def stored():
    db.session.expire_all()
    return db.session.scalars(select(Response)).all()


def test_the_entry_form_asks_every_question_in_the_staff_members_language(as_worker, paper_round):
    page = as_worker.get(round_url(paper_round, "/enter")).get_data(as_text=True)
    # English is not offered to respondents in this round, but the questionnaire has it and so does the staff member
    legends = re.findall(r"<legend>(\d+\. [^<]+)</legend>", page)
    assert legends[0] == "1. How was the project for you?" and len(legends) == 8
    assert 'name="q_whole_project"' not in page  # an information screen asks nothing
    # faces and thumbs may stay on "No answer"; several pictures or a comment may stay empty
    assert page.count('value=""> No answer</label>') == 6
    assert 'name="q_helped_most" type="checkbox" value="work"> Work</label>' in page
    assert re.search(r'<textarea [^>]*id="q_comment" maxlength="500"', page)
    assert '<input checked id="mode-1" name="mode" type="radio" value="paper">' in page  # the round's own mode


def test_an_assisted_answer_is_stored_with_its_mode_and_today_and_the_form_comes_back_empty(as_worker, paper_round):
    reply = as_worker.post(round_url(paper_round, "/enter"), data=entry(q_comment="  Meer koffie  "))
    assert reply.status_code == 302
    assert reply.headers["Location"] == round_url(paper_round, "/enter"), "no mode, day or language in the address"
    response = stored()[0]
    assert (response.mode, response.day, response.language) == ("assisted", TODAY, "nl")
    assert sorted((a.question_key, a.position, a.value) for a in response.answers) == [
        ("comment", 0, "Meer koffie"), ("helped_most", 0, "language"), ("helped_most", 1, "work"),
        ("overall", 0, "4"), ("staff_listened", 0, "yes")]
    page = as_worker.get(reply.headers["Location"]).get_data(as_text=True)
    assert "Answer saved" in page and "Meer koffie" not in page
    event = db.session.scalars(select(AuditEvent)).one()
    assert event.action == "response.enter" and "assisted" in event.subject
    assert "koffie" not in event.subject.lower() and "language" not in event.subject


def test_typing_in_answers_leaves_no_time_in_the_audit_log_or_the_address(as_worker, paper_round):
    """The audit log said when each paper was typed in, and the address after saving held its mode, day and
    language (access logs keep addresses): neither may say more than the day."""
    for mode in ("paper", "paper", "assisted"):
        reply = as_worker.post(round_url(paper_round, "/enter"), data=entry(mode=mode))
        assert reply.status_code == 302 and "?" not in reply.headers["Location"]
    page = as_worker.get(reply.headers["Location"]).get_data(as_text=True)
    assert '<input checked id="mode-0" name="mode" type="radio" value="assisted">' in page, "the last mode comes back"
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.subject)).all()
    assert [(e.action, e.subject.rsplit(": ", 1)[1]) for e in events] == [
        ("response.enter", "assisted responses typed in, 1"), ("response.enter", "paper responses typed in, 2")]
    assert {(e.at.hour, e.at.minute, e.at.second, e.at.microsecond) for e in events} == {(0, 0, 0, 0)}
    assert {e.at.date() for e in events} == {TODAY}


def test_a_paper_answer_keeps_the_day_it_was_filled_in(as_worker, paper_round):
    day = TODAY - timedelta(days=2)
    reply = as_worker.post(round_url(paper_round, "/enter"),
                           data=entry(mode="paper", day=day.isoformat(), language="ar"))
    response = stored()[0]
    assert (response.mode, response.day, response.language) == ("paper", day, "ar")
    page = as_worker.get(reply.headers["Location"]).get_data(as_text=True)
    assert f'value="{day.isoformat()}"' in page and re.search(r'<option value="ar" lang="ar" selected>', page)


def blank_entry(**overrides):
    return {**{key: ("" if key.startswith("q_") else value) for key, value in entry().items()}, "q_helped_most": [],
            **overrides}


@pytest.mark.parametrize("mode", ["paper", "assisted"])
def test_a_blank_form_is_refused_and_does_not_raise_the_response_rate(as_worker, paper_round, mode):
    """Issue 12: a paper handed back empty was stored as a response with no answers."""
    reply = as_worker.post(round_url(paper_round, "/enter"), data=blank_entry(mode=mode, q_comment="   "))
    page = reply.get_data(as_text=True)
    assert reply.status_code == 200
    assert re.search(r'<p class="flash error" role="alert">Nothing was saved: no question was answered', page)
    assert stored() == [] and count(AuditEvent) == 0
    assert re.search(rf'<input checked id="mode-\d" name="mode" type="radio" value="{mode}">', page), "kept as given"


def test_a_blank_form_is_refused_in_the_staff_members_language(app, make_user, centre, project, paper_round):
    user = make_user("dutch@example.org", Role.WORKER, centre=centre, locale="nl")
    user.projects.append(project)
    reply = logged_in(app, user).post(round_url(paper_round, "/enter"), data=blank_entry())
    assert "Niets bewaard" in reply.get_data(as_text=True) and stored() == []


@pytest.mark.parametrize("answer", [{"q_comment": "Meer koffie"}, {"q_helped_most": ["work"]}, {"q_too_fast": "no"}])
def test_a_form_with_a_single_answer_is_kept(as_worker, paper_round, answer):
    reply = as_worker.post(round_url(paper_round, "/enter"), data=blank_entry(**answer))
    assert reply.status_code == 302
    assert [len(r.answers) for r in stored()] == [1]


@pytest.mark.parametrize(("change", "message"), [
    ({"mode": "paper", "day": (TODAY + timedelta(days=1)).isoformat()}, "in the future"),
    ({"mode": "paper", "day": (TODAY - timedelta(days=10)).isoformat()}, "not open on that day"),
    ({"mode": "paper", "day": ""}, "Give the day"),
    ({"q_overall": "9"}, "Not a valid choice"),
    ({"q_helped_most": ["work", "moon"]}, "not a valid choice"),
    ({"q_staff_listened": "maybe"}, "Not a valid choice"),
    ({"language": "ti"}, "Not a valid choice"),
    ({"mode": "kiosk"}, "Not a valid choice"),
    ({"q_comment": "x" * 501}, "500"),
    ({"q_whole_project": "yes", "q_overall": "9"}, "Not a valid choice"),
])
def test_a_forged_or_impossible_entry_stores_nothing(as_worker, paper_round, change, message):
    reply = as_worker.post(round_url(paper_round, "/enter"), data=entry(**change))
    assert reply.status_code == 200
    assert message in reply.get_data(as_text=True).replace("&#39;", "'")
    assert stored() == [] and count(AuditEvent) == 0


def test_a_paper_from_over_a_year_ago_is_refused_in_the_staff_members_words(app, make_user, centre, project,
                                                                            make_round):
    long_round = make_round(project=project, questionnaire="amif-satisfaction", languages=["nl"], mode="paper",
                            opens_on=TODAY - timedelta(days=500))
    user = make_user("dutch@example.org", Role.WORKER, centre=centre, locale="nl")
    user.projects.append(project)
    dutch = logged_in(app, user)
    reply = dutch.post(round_url(long_round, "/enter"),
                       data=entry(mode="paper", day=(TODAY - timedelta(days=400)).isoformat()))
    page = reply.get_data(as_text=True)
    assert reply.status_code == 200 and "Niet bewaard" in page and "too far" not in page
    assert stored() == []


def test_assisted_answers_wait_for_an_open_round(as_worker, paper_round):
    paper_round.closed_by_hand_on = TODAY - timedelta(days=1)
    db.session.commit()
    reply = as_worker.post(round_url(paper_round, "/enter"), data=entry())
    assert "The round is closed" in reply.get_data(as_text=True) and stored() == []
    as_worker.post(round_url(paper_round, "/enter"), data=entry(mode="paper", day=(TODAY - timedelta(days=2))
                                                                .isoformat()))
    assert [r.mode for r in stored()] == ["paper"]


# Kiosk lock


def test_opening_the_kiosk_locks_this_browser_to_the_respondent_page(as_worker, kiosk_round, library):
    reply = as_worker.post(round_url(kiosk_round, "/kiosk"))
    assert reply.headers["Location"] == f"/r/{kiosk_round.token}"
    with as_worker.session_transaction() as session:
        assert session["kiosk_round"] == kiosk_round.id
    for staff_page in ("/", "/projects", round_url(kiosk_round), "/login", "/account", "/library/", "/nowhere"):
        reply = as_worker.get(staff_page)
        assert (reply.status_code, reply.headers.get("Location")) == (302, f"/r/{kiosk_round.token}"), staff_page
    assert as_worker.post(round_url(kiosk_round, "/close")).headers["Location"] == f"/r/{kiosk_round.token}"
    assert as_worker.post("/logout").headers["Location"] == f"/r/{kiosk_round.token}"
    page = as_worker.get(f"/r/{kiosk_round.token}").get_data(as_text=True)
    assert '<a class="unlock" href="/kiosk/unlock" aria-label="Leave kiosk mode">' in page
    for asset in ("/kiosk-static/kiosk.css", "/static/css/staff.css"):
        with as_worker.get(asset) as reply:
            assert reply.status_code == 200
    assert kiosk_round.closed_by_hand_on is None and audit_actions() == ["kiosk.lock"]


def test_respondents_never_see_the_way_out(client, as_worker, kiosk_round, make_round, project):
    assert "/kiosk/unlock" not in client.get(f"/r/{kiosk_round.token}").get_data(as_text=True)
    other = make_round(project=project, mode="kiosk")
    db.session.commit()
    as_worker.post(round_url(kiosk_round, "/kiosk"))
    assert "/kiosk/unlock" not in as_worker.get(f"/r/{other.token}").get_data(as_text=True)


def test_leaving_kiosk_mode_needs_the_rounds_pin(as_worker, kiosk_round):
    as_worker.post(round_url(kiosk_round, "/kiosk"))
    page = as_worker.get("/kiosk/unlock").get_data(as_text=True)
    assert 'inputmode="numeric"' in page and f'href="/r/{kiosk_round.token}"' in page
    reply = as_worker.post("/kiosk/unlock", data={"pin": "1357"})
    assert reply.status_code == 200 and "That is not the PIN of this round" in reply.get_data(as_text=True)
    assert as_worker.get("/projects").headers["Location"] == f"/r/{kiosk_round.token}"
    reply = as_worker.post("/kiosk/unlock", data={"pin": PIN})
    assert reply.headers["Location"] == round_url(kiosk_round)
    assert as_worker.get("/projects").status_code == 200
    with as_worker.session_transaction() as session:
        assert "kiosk_round" not in session
    assert audit_actions() == ["kiosk.lock", "kiosk.unlock"]


def test_five_wrong_pins_in_a_row_make_the_tablet_wait(as_worker, kiosk_round, clock):
    as_worker.post(round_url(kiosk_round, "/kiosk"))
    for _ in range(4):
        assert as_worker.post("/kiosk/unlock", data={"pin": "0000"}).status_code == 200
    reply = as_worker.post("/kiosk/unlock", data={"pin": "0000"})
    assert reply.status_code == 429 and "Too many wrong PINs. Try again in 5 minutes" in reply.get_data(as_text=True)
    assert as_worker.post("/kiosk/unlock", data={"pin": PIN}).status_code == 429  # even the right one, for now
    assert as_worker.get("/projects").headers["Location"] == f"/r/{kiosk_round.token}"
    clock.advance(seconds=lock.WAIT_SECONDS + 1)
    assert as_worker.post("/kiosk/unlock", data={"pin": PIN}).headers["Location"] == round_url(kiosk_round)


def test_replaying_the_tablets_cookie_from_before_the_wrong_pins_gives_no_more_tries(as_worker, kiosk_round):
    as_worker.post(round_url(kiosk_round, "/kiosk"))
    fresh = as_worker.get_cookie("session").value
    for _ in range(lock.MAX_FAILED_PINS):
        as_worker.set_cookie("session", fresh)
        as_worker.post("/kiosk/unlock", data={"pin": "0000"})
    as_worker.set_cookie("session", fresh)
    reply = as_worker.post("/kiosk/unlock", data={"pin": PIN})
    assert reply.status_code == 429 and "Too many wrong PINs" in reply.get_data(as_text=True)
    assert as_worker.get("/projects").headers["Location"] == f"/r/{kiosk_round.token}"


def test_a_new_pin_in_the_wrong_format_is_explained_and_the_tablet_stays_unlocked(as_worker, kiosk_round):
    reply = as_worker.post(round_url(kiosk_round, "/kiosk"), data={"pin": "12"}, follow_redirects=True)
    assert "A PIN is 4 to 8 digits." in reply.get_data(as_text=True)
    assert as_worker.get("/projects").status_code == 200


def test_a_round_without_a_pin_gets_one_before_locking(as_worker, kiosk_round):
    kiosk_round.pin_hash = None
    db.session.commit()
    reply = as_worker.post(round_url(kiosk_round, "/kiosk"), follow_redirects=True)
    assert "Choose a PIN first" in reply.get_data(as_text=True)
    assert as_worker.get("/projects").status_code == 200  # not locked
    as_worker.post(round_url(kiosk_round, "/kiosk"), data={"pin": "97531"})
    db.session.refresh(kiosk_round)
    assert check_password_hash(kiosk_round.pin_hash, "97531")
    assert as_worker.post("/kiosk/unlock", data={"pin": "97531"}).headers["Location"] == round_url(kiosk_round)


def test_only_an_open_tablet_round_can_lock_a_browser(as_worker, make_round, project, kiosk_round):
    phone = make_round(project=project, mode="phone")
    kiosk_round.closed_by_hand_on = TODAY - timedelta(days=1)
    db.session.commit()
    for round_ in (phone, kiosk_round):
        as_worker.post(round_url(round_, "/kiosk"), data={"pin": PIN})
        assert as_worker.get("/projects").status_code == 200


def test_a_locked_tablet_whose_round_closes_offers_the_pin_page(as_worker, kiosk_round):
    as_worker.post(round_url(kiosk_round, "/kiosk"))
    kiosk_round.closed_by_hand_on = TODAY - timedelta(days=1)
    db.session.commit()
    assert as_worker.get("/projects").headers["Location"] == "/kiosk/unlock"
    assert as_worker.post("/kiosk/unlock", data={"pin": PIN}).headers["Location"] == round_url(kiosk_round)


def test_a_browser_that_is_not_locked_has_nothing_to_unlock(as_worker, client, kiosk_round):
    assert as_worker.get("/kiosk/unlock").headers["Location"] == "/"
    assert client.post("/kiosk/unlock", data={"pin": PIN}).headers["Location"] == "/"


def test_another_site_cannot_lock_or_close_a_staff_members_browser(csrf_client, worker, kiosk_round):
    db.session.commit()
    client = csrf_client
    with client.session_transaction() as session:
        session["_user_id"] = worker.get_id()
    assert client.post(round_url(kiosk_round, "/kiosk")).status_code == 400
    assert client.post(round_url(kiosk_round, "/close")).status_code == 400
    with client.session_transaction() as session:
        assert "kiosk_round" not in session
