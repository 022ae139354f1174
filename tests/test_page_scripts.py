"""The page scripts share one small DOM helper (app/static/js/dom.js) instead of each writing its own."""

import re
from pathlib import Path

from app.library.display import script

APP = Path(__file__).parent.parent / "app"


def test_one_and_all_are_written_once_for_every_page_script():
    writing = [str(path.relative_to(APP)) for path in sorted(APP.rglob("*.js"))
               if "vendor" not in path.parts and re.search(r"function (one|all)\(", path.read_text())]
    assert writing == ["static/js/dom.js"]


def test_the_editors_page_has_the_helper_before_its_scripts(app):
    inlined = script("editor.js", "recorder.js")
    assert inlined.index("function one(") < inlined.index("Questionnaire editor") < inlined.index("Recordings made")
