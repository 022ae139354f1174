"""``flask speech generate`` (the computer voice's clips) and ``flask surveys coverage`` (what can be heard)."""

import click
from flask.cli import AppGroup

import surveys
from surveys.speech import generate, has_voice, speaker_available

from ..library.audio import recorded_screens
from ..library.cli import surveys_cli
from .speech import Voices, coverage, folder, latest_questionnaires, wanted_texts

speech_cli = AppGroup("speech", help="Spoken versions of the respondent texts (espeak-ng).")


@speech_cli.command("generate")
def generate_command() -> None:
    """Make the missing clips of every prompt and questionnaire text, in each language that has a voice."""
    if reason := speaker_available():
        click.echo(f"No spoken versions made: {reason}. The kiosk falls back on the browser's own voices.")
        return
    result = generate(wanted_texts(latest_questionnaires()), folder())
    for problem in result.failed:
        click.echo(f"failed: {problem}", err=True)
    voiced = ", ".join(surveys.LANGUAGES[code].english for code in surveys.LANGUAGES if has_voice(code))
    silent = ", ".join(surveys.LANGUAGES[code].english for code in surveys.LANGUAGES if not has_voice(code))
    click.echo(f"{result.made} clip(s) made, {result.present} already there, in {folder()}.")
    click.echo(f"Voices: {voiced}. No voice: {silent}: record those texts on a questionnaire's page in /library "
               "(\"What respondents hear\").")


@surveys_cli.command("coverage")
def coverage_command() -> None:
    """Print, per questionnaire in the database and language, the share of texts and of sound present.

    A centre's questionnaire counts its centre's recordings of texts; a library one, the computer voice's clips and
    its own recordings only (each centre's recordings are shown on its questionnaire pages).
    """
    for found in latest_questionnaires():
        survey = found.survey
        owner = found.organisation.name if found.organisation_id else "library"
        click.echo(f"{found.slug} v{found.version} ({owner})")
        recorded = recorded_screens(found)
        voices = Voices.of_centre(found.organisation_id)
        for code, language in surveys.LANGUAGES.items():
            texts = survey.completeness(code)
            heard = coverage(survey, code, {key for key, of in recorded if of == code}, voices)
            offered = "offered" if code in survey.languages else "not offered"
            click.echo(f"  {code:<4} {language.english:<20} texts {texts:>4.0%}  audio {heard.share:>4.0%}"
                       f"  ({heard.heard}/{heard.total}, {offered})")
