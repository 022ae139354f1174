"""Write actions on stored questionnaires: the library sync, copies, imports, edits and recordings of screens.

A version that a round uses is frozen: its answers must keep meaning what they meant. Changing
it stores a new version (same centre, same slug, the next number) and leaves it as it was.
Each change is noted in the audit log here; helpers only flush, and the view commits once.
"""

import copy
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

import surveys

from ..audit.operations import record
from ..extensions import db
from .audio import recording_by_ref
from .models import Questionnaire, QuestionnaireAudio

#: the longest slug a questionnaire may have (see surveys.loader.SLUG)
MAX_SLUG = 63


def subject(questionnaire: Questionnaire) -> str:
    """How the audit log names a questionnaire."""
    return f'questionnaire "{questionnaire.title}" ({questionnaire.slug} v{questionnaire.version})'


def library_files() -> list[Path]:
    return sorted(surveys.LIBRARY_DIR.glob("*.yaml"))


def sync_library() -> list[Questionnaire]:
    """Store each library questionnaire version that the database does not have yet; return the new ones."""
    added = []
    for path in library_files():
        survey = surveys.load_questionnaire(path)
        exists = db.session.scalar(
            select(Questionnaire.id).where(Questionnaire.organisation_id.is_(None), Questionnaire.slug == survey.id,
                                           Questionnaire.version == survey.version)
        )
        if exists is None:
            questionnaire = Questionnaire.from_survey(survey)
            db.session.add(questionnaire)
            added.append(questionnaire)
    db.session.flush()
    return added


def latest_library_version(slug: str) -> Questionnaire | None:
    return db.session.scalar(
        select(Questionnaire).where(Questionnaire.organisation_id.is_(None), Questionnaire.slug == slug)
        .order_by(Questionnaire.version.desc()).limit(1)
    )


# -- frozen versions ---------------------------------------------------------------------------


def rounds_using(questionnaire_ids: list[int]) -> dict[int, int]:
    """How many rounds use each of these questionnaire versions (absent: none)."""
    if not questionnaire_ids:
        return {}
    rows = db.session.execute(select(Questionnaire.id, func.count()).join(Questionnaire.rounds).where(
        Questionnaire.id.in_(questionnaire_ids)).group_by(Questionnaire.id))
    return {questionnaire_id: count for questionnaire_id, count in rows}


def is_frozen(questionnaire: Questionnaire) -> bool:
    """Whether a round uses this version, so that it may never change again."""
    return questionnaire.id is not None and bool(rounds_using([questionnaire.id]))


def next_version(questionnaire: Questionnaire) -> int:
    highest = db.session.scalar(select(func.max(Questionnaire.version)).where(
        Questionnaire.organisation_id == questionnaire.organisation_id, Questionnaire.slug == questionnaire.slug))
    return (highest or 0) + 1


def unique_slug(organisation_id: int, slug: str) -> str:
    """``slug`` if the centre has no questionnaire by that name yet, else ``slug-2``, ``slug-3``..."""
    taken = set(db.session.scalars(select(Questionnaire.slug).where(Questionnaire.organisation_id == organisation_id)))
    candidate, number = slug, 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate, number = slug[:MAX_SLUG - len(suffix)] + suffix, number + 1
    return candidate


# -- new questionnaires in a centre -------------------------------------------------------------


def duplicate_into_centre(source: Questionnaire, organisation_id: int) -> Questionnaire:
    """A copy of ``source`` as version 1 of a new questionnaire of the centre, with its recordings."""
    survey = source.survey
    copy_ = store_in_centre(survey, organisation_id)
    for ref in audio_refs(survey):
        copy_recording(source, copy_, ref)
    db.session.flush()
    record("questionnaire.duplicate", f"{subject(source)} copied as {copy_.slug} v1", organisation_id)
    return copy_


def import_into_centre(survey: surveys.Questionnaire, organisation_id: int, filename: str) -> Questionnaire:
    """An imported questionnaire (checked, without audio), stored as version 1 of a new one of the centre."""
    imported = store_in_centre(survey, organisation_id)
    record("questionnaire.import", f"{subject(imported)} from {filename}", organisation_id)
    return imported


def note_export(questionnaire: Questionnaire, extension: str, organisation_id: int | None) -> None:
    """A download of the questionnaire, noted for the centre that owns it (or the user's, for the library's)."""
    record("questionnaire.export", f"{subject(questionnaire)} as {extension.upper()}", organisation_id)


def store_in_centre(survey: surveys.Questionnaire, organisation_id: int) -> Questionnaire:
    """Store a checked questionnaire (a copy, an import) as version 1 under a slug free in the centre."""
    definition = {**survey.to_dict(), "id": unique_slug(organisation_id, survey.id), "version": 1}
    questionnaire = Questionnaire(organisation_id=organisation_id, slug=definition["id"], version=1,
                                  title=listing_title(survey), definition=definition)
    db.session.add(questionnaire)
    db.session.flush()
    return questionnaire


def listing_title(survey: surveys.Questionnaire) -> str:
    """The title kept for listings: English, or else the first language's."""
    return (survey.title.get("en") or survey.title[survey.languages[0]])[:300]


def without_audio(survey: surveys.Questionnaire) -> tuple[surveys.Questionnaire, int]:
    """The questionnaire without its audio references (an imported file's recordings did not come with it)."""
    data = survey.to_dict()
    count = len(audio_refs(survey))
    data["intro"].pop("audio", None)
    for question in data["questions"]:
        question.pop("audio", None)
        for option in question.get("options", []):
            option.pop("audio", None)
    return surveys.questionnaire_from_dict(data, name=survey.id), count


def audio_refs(survey: surveys.Questionnaire) -> set[str]:
    """Every recording a questionnaire refers to."""
    refs = set(survey.intro.audio.values())
    for question in survey.questions:
        refs.update(question.audio.values())
        for option in question.options:
            refs.update(option.audio.values())
    return refs


def copy_recording(source: Questionnaire, target: Questionnaire, ref: str) -> None:
    """Copy one recording (a library file or a stored one) to ``target``; a missing one is left out."""
    found = recording_by_ref(source, ref)
    if found is None:
        return
    content = found.content if found.content is not None else found.path.read_bytes()
    db.session.add(QuestionnaireAudio(questionnaire_id=target.id, ref=ref, mimetype=found.mimetype, content=content))


# -- editing -------------------------------------------------------------------------------------


def edit_questionnaire(questionnaire: Questionnaire, definition: dict[str, Any]) -> tuple[Questionnaire, bool]:
    """Save an edit in the editor (see save_definition), noted as an edit or as a new version."""
    saved, created = save_definition(questionnaire, definition)
    record("questionnaire.new_version" if created else "questionnaire.edit", subject(saved), saved.organisation_id)
    return saved, created


def save_definition(questionnaire: Questionnaire, definition: dict[str, Any]) -> tuple[Questionnaire, bool]:
    """Store an edited questionnaire: in place, or as a new version when this one is frozen.

    ``definition`` must pass surveys.questionnaire_from_dict. Returns the questionnaire that holds
    the change and whether it is a new version.
    """
    if not is_frozen(questionnaire):
        set_definition(questionnaire, {**definition, "id": questionnaire.slug, "version": questionnaire.version})
        forget_unused_recordings(questionnaire)
        db.session.flush()
        return questionnaire, False
    return new_version(questionnaire, definition), True


def new_version(questionnaire: Questionnaire, definition: dict[str, Any]) -> Questionnaire:
    """The next version of ``questionnaire`` with ``definition``, keeping the recordings it refers to."""
    version = next_version(questionnaire)
    successor = Questionnaire(organisation_id=questionnaire.organisation_id, slug=questionnaire.slug, version=version,
                              title=questionnaire.title, definition={})
    set_definition(successor, {**definition, "id": questionnaire.slug, "version": version})
    db.session.add(successor)
    db.session.flush()
    for ref in audio_refs(successor.survey):
        copy_recording(questionnaire, successor, ref)
    db.session.flush()
    return successor


def set_definition(questionnaire: Questionnaire, definition: dict[str, Any]) -> None:
    """Replace the stored definition (checked first) and the listing title, forgetting the cached survey."""
    survey = surveys.questionnaire_from_dict(definition, name=f"{questionnaire.slug} v{definition['version']}")
    questionnaire.definition = survey.to_dict()
    questionnaire.title = listing_title(survey)
    questionnaire.__dict__.pop("_survey", None)


def unchanged(questionnaire: Questionnaire, definition: dict[str, Any]) -> bool:
    """Whether saving ``definition`` would change nothing (so no new version is made for nothing)."""
    survey = surveys.questionnaire_from_dict({**definition, "id": questionnaire.slug,
                                              "version": questionnaire.version})
    return survey.to_dict() == questionnaire.survey.to_dict()


# -- recordings ------------------------------------------------------------------------------------


def store_recording(questionnaire: Questionnaire, key: str, language: str, content: bytes, mimetype: str,
                    extension: str) -> tuple[Questionnaire, bool]:
    """Keep a checked recording of ``key`` (a question or ``intro``) in ``language`` and refer to it.

    Returns the questionnaire that holds it and whether it is a new version (the old one was frozen).
    """
    ref = f"audio/{language}/{key}.{extension}"
    target, created = save_definition(questionnaire, with_audio(questionnaire.definition, key, language, ref))
    stored = db.session.scalar(select(QuestionnaireAudio).where(QuestionnaireAudio.questionnaire_id == target.id,
                                                                QuestionnaireAudio.ref == ref))
    if stored is None:
        db.session.add(QuestionnaireAudio(questionnaire_id=target.id, ref=ref, mimetype=mimetype, content=content))
    else:
        stored.mimetype, stored.content = mimetype, content
    db.session.flush()
    record("questionnaire.recording_add", f"{subject(target)}: {key} in {language}", target.organisation_id)
    return target, created


def remove_recording(questionnaire: Questionnaire, key: str, language: str) -> tuple[Questionnaire, bool]:
    """Stop reading ``key`` aloud in ``language``; the recording goes when nothing refers to it any more."""
    target, created = save_definition(questionnaire, with_audio(questionnaire.definition, key, language, None))
    record("questionnaire.recording_delete", f"{subject(target)}: {key} in {language}", target.organisation_id)
    return target, created


def with_audio(definition: dict[str, Any], key: str, language: str, ref: str | None) -> dict[str, Any]:
    """A copy of ``definition`` whose screen ``key`` refers to ``ref`` in ``language`` (None: to nothing)."""
    data = copy.deepcopy(definition)
    screens = [data["intro"]] if key == "intro" else [q for q in data["questions"] if q["key"] == key]
    for screen in screens:
        audio = screen.setdefault("audio", {})
        if ref is None:
            audio.pop(language, None)
        else:
            audio[language] = ref
        if not audio:
            screen.pop("audio")
    return data


def forget_unused_recordings(questionnaire: Questionnaire) -> None:
    """Delete the stored recordings of an unfrozen questionnaire that it no longer refers to."""
    db.session.flush()
    used = audio_refs(questionnaire.survey)
    for stored in db.session.scalars(select(QuestionnaireAudio).where(
            QuestionnaireAudio.questionnaire_id == questionnaire.id)):
        if stored.ref not in used:
            db.session.delete(stored)
