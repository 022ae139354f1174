"""The import report and a file's problems speak the staff member's language, like the rest of the staff pages."""

import io
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

import surveys
from app.cli import DOMAINS, KEYWORDS, ROOT
from app.extensions import db
from app.models import Role, User
from surveys.xlsform import XLSFormError, import_xlsform
from tests.clients import logged_in

FIXTURES = Path(__file__).parent / "fixtures" / "xlsform"
FORM = b"""survey,,,
,type,name,label::English (en)
,text,idea,What would you change?
,integer,age,How old are you?
,text,more,Anything else?
"""


def test_a_dutch_coordinator_reads_the_report_of_an_xlsform_import_in_dutch(app, make_centre):
    user = User(email="coordinator@example.org", name="coordinator", role=Role.COORDINATOR,
                organisation=make_centre("OCMW Rivierstad"), locale="nl", password_hash="not used")
    db.session.add(user)
    page = logged_in(app, user).post("/library/import", data={"file": (io.BytesIO(FORM), "form.csv")})
    assert page.status_code == 201, page.text
    assert "2 vragen geïmporteerd in Engels." in page.text
    assert "questions imported" not in page.text


def extracted_messages(pot: Path) -> set[str]:
    """The messages `flask translate update` extracts for the staff pages."""
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", DOMAINS["messages"], *KEYWORDS,
                    "-o", str(pot), "."], cwd=ROOT, check=True, capture_output=True)
    with pot.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


def test_every_line_of_an_import_report_and_every_problem_is_extracted_for_translation(tmp_path):
    messages = []
    for path in FIXTURES.glob("*.xls*"):
        try:
            messages += import_xlsform(path).report
        except XLSFormError as exc:
            messages += [exc.message, *exc.report]
    messages += [problem.message for problem in surveys.check_questionnaire(
        b"id: X\nversion: 0\nlanguages: [en, xx]\ntitle: {nl: T}\nquestions: [{type: stars}]\n", name="bad.yaml")]
    templates = {message.template for message in messages}
    assert len(templates) > 15
    assert templates - extracted_messages(tmp_path / "messages.pot") == set()
