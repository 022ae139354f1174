"""Building the one self-contained page a round is answered on.

The page holds every screen in every offered language (as <template>s), the pictograms it
needs (one inline SVG sprite), its CSS and JS, so that the first question appears after a
single request and the page keeps working offline.
"""

import gzip
import json
from functools import cache
from pathlib import Path

from flask import Response, current_app, render_template, request, url_for
from flask_babel import force_locale

import surveys
from surveys.pictures import sprite

from ..locale import babel_locale, respondent
from ..responses.models import Mode
from ..rounds.models import Round
from ..scripts import dom_helper
from ..security import csp_nonce
from ..voices.speech import Voices

STATIC = Path(__file__).parent / "static"
#: pictograms the page itself uses, beside those of the questions
INTERFACE_PICTURES = ("volume", "arrow-left", "arrow-right", "send", "heart", "eye-off", "language", "cloud-upload",
                      "check", "hand-stop")
#: beside "You can choose more than one." on a question where several pictures may be chosen
MULTIPLE_PICTURE = "list-check"


def render_round(round_: Round, survey: surveys.Questionnaire, unlock_url: str | None = None) -> Response:
    """The round's page; ``unlock_url`` adds the discreet way out for staff on a tablet locked in kiosk mode."""
    languages = [lang for lang in round_.languages if lang in survey.languages]
    voices = Voices.of_centre(round_.project.organisation_id, languages)
    screens = {lang: _screens(round_, survey, lang, _audio_urls(round_, survey, lang), voices) for lang in languages}
    return current_app.make_response(_page(round_, survey, languages, screens, _config(round_, languages), voices,
                                           unlock_url=unlock_url))


def _page(round_: Round, survey: surveys.Questionnaire, languages: list[str], screens: dict[str, str],
          config: dict, voices: Voices, unlock_url: str | None = None) -> str:
    return render_template(
        "kiosk/round.html",
        round=round_,
        survey=survey,
        languages=[surveys.LANGUAGES[lang] for lang in languages],
        screens=screens,
        sprite=sprite(_pictures(survey)),
        config=json.dumps(config),
        **_language_screen_labels(languages[0]),
        listen_labels=_listen_labels(languages),
        unlock_url=unlock_url,
        clip=voices.url,
        css=asset("kiosk.css"),
        js=dom_helper() + asset("kiosk.js"),
    )


def _screens(round_: Round, survey: surveys.Questionnaire, language: str, audio: dict[str, str],
             voices: Voices) -> str:
    """Every screen of the round in one language, rendered with that language's interface texts.

    ``audio`` holds the questionnaire's recordings of whole screens; every other text is heard from ``voices``.
    """
    with force_locale(babel_locale(language)):
        return render_template("kiosk/screens.html", _=respondent.gettext, round=round_, survey=survey, lang=language,
                               rtl=surveys.is_rtl(language), audio=audio,
                               clip=lambda text: voices.url(text, language))


def render_preview(survey: surveys.Questionnaire, language: str, *, audio: dict[str, str], voices: Voices,
                   submit_url: str, banner: str) -> Response:
    """A questionnaire's respondent page without a round, for staff to try every screen in one language.

    The very same page a round shows, started in ``language``, with ``banner`` (HTML) on top. Sending
    posts to ``submit_url``, which stores nothing; the idle question waits as long as a round allows.
    """
    stand_in = Round(token="preview", mode=Mode.KIOSK, languages=[language], reset_seconds=120, idle_seconds=900)
    config = {**_config(stand_in, [language]), "submitUrl": submit_url}
    html = _page(stand_in, survey, [language], {language: _screens(stand_in, survey, language, audio, voices)},
                 config, voices)
    html = html.replace("<body>", "<body>\n" + banner, 1)
    start = f'<script nonce="{csp_nonce()}">document.querySelector("#languages button.lang").click();</script>'
    head, _, tail = html.rpartition("</body>")
    return current_app.make_response(head + start + "\n</body>" + tail)


def _language_screen_labels(language: str) -> dict[str, str]:
    """The language screen's few words, in the round's first language (it has no language chosen yet)."""
    with force_locale(babel_locale(language)):
        return {"choose_language_label": respondent.gettext("Choose your language"),
                "waiting_label": respondent.gettext("Answers waiting to be sent")}


def _listen_labels(languages: list[str]) -> dict[str, str]:
    """"Listen" in each language, for the speaker beside that language's name."""
    labels = {}
    for language in languages:
        with force_locale(babel_locale(language)):
            labels[language] = respondent.gettext("Listen")
    return labels


def _audio_urls(round_: Round, survey: surveys.Questionnaire, language: str) -> dict[str, str]:
    keys = ["intro"] if language in survey.intro.audio else []
    keys += [q.key for q in survey.questions if language in q.audio]
    return {key: url_for("kiosk.audio", token=round_.token, language=language, key=key) for key in keys}


def _config(round_: Round, languages: list[str]) -> dict:
    return {
        "token": round_.token,
        "phone": round_.mode == Mode.PHONE,
        "languages": languages,
        "rtl": [lang for lang in languages if surveys.is_rtl(lang)],
        "resetSeconds": round_.reset_seconds,
        "idleSeconds": round_.idle_seconds,
        "submitUrl": url_for("kiosk.submit", token=round_.token),
        "serviceWorker": url_for("kiosk.service_worker"),
    }


def _pictures(survey: surveys.Questionnaire) -> list[str]:
    names = dict.fromkeys(INTERFACE_PICTURES)
    for question in survey.questions:
        if question.picture:
            names[question.picture] = None
        if question.settings.get("multiple"):
            names[MULTIPLE_PICTURE] = None
        for choice in question.choices():
            names[choice.picture] = None
    return list(names)


def asset(name: str) -> str:
    """The text of a kiosk asset, inlined into the page (read once, or on every request in debug mode)."""
    if current_app.debug:
        return (STATIC / name).read_text()
    return _cached_asset(name)


@cache
def _cached_asset(name: str) -> str:
    return (STATIC / name).read_text()


def compressed(response: Response) -> Response:
    """Gzip a page for browsers that accept it: on a slow connection every kilobyte counts."""
    response.vary.add("Accept-Encoding")
    if "gzip" not in request.headers.get("Accept-Encoding", "") or response.direct_passthrough:
        return response
    response.set_data(gzip.compress(response.get_data(), compresslevel=6, mtime=0))
    response.headers["Content-Encoding"] = "gzip"
    return response
