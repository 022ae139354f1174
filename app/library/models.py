"""Questionnaires stored for use in rounds (the shared library and each centre's own), and their recordings."""

import json
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

import surveys

from ..extensions import db
from ..timeutil import utcnow


class Questionnaire(db.Model):
    """One version of a questionnaire. A version used by a round is frozen; editing makes a new one."""

    __tablename__ = "questionnaires"
    __table_args__ = (
        UniqueConstraint("organisation_id", "slug", "version"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the centre that owns it; empty for the shared library every centre can use
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"),
                                                        index=True)
    slug: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(default=1)
    #: the title in English (or the first language), for listings
    title: Mapped[str] = mapped_column(String(300))
    #: the whole questionnaire as plain data (surveys.Questionnaire.to_dict())
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped["Organisation | None"] = relationship()  # noqa: F821
    #: the rounds that ask this version: while one does, the version is frozen (a round sets it, never this side)
    rounds: Mapped[list["Round"]] = relationship(viewonly=True)  # noqa: F821

    @classmethod
    def from_survey(cls, survey: surveys.Questionnaire, organisation_id: int | None = None) -> "Questionnaire":
        title = survey.title.get("en") or next(iter(survey.title.values()))
        return cls(organisation_id=organisation_id, slug=survey.id, version=survey.version, title=title,
                   definition=survey.to_dict())

    @property
    def survey(self) -> surveys.Questionnaire:
        """The questionnaire itself, checked and ready to render or validate answers."""
        cached = self.__dict__.get("_survey")
        if cached is None:
            cached = _parsed(self.slug, self.version, json.dumps(self.definition, sort_keys=True))
            self.__dict__["_survey"] = cached
        return cached

    def __repr__(self) -> str:
        return f"<Questionnaire {self.id} {self.slug} v{self.version}>"


class QuestionnaireAudio(db.Model):
    """A centre questionnaire's recording of one screen, recorded or uploaded by staff.

    Kept in the database so that every app server can play it.
    """

    __tablename__ = "questionnaire_audio"
    __table_args__ = (UniqueConstraint("questionnaire_id", "ref"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(ForeignKey("questionnaires.id", ondelete="CASCADE"), index=True)
    #: the reference used in the questionnaire's ``audio:``, e.g. ``audio/ar/liked.webm``
    ref: Mapped[str] = mapped_column(String(200))
    mimetype: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)

    def __repr__(self) -> str:
        return f"<QuestionnaireAudio {self.questionnaire_id} {self.ref}>"


@lru_cache(maxsize=256)
def _parsed(slug: str, version: int, definition: str) -> surveys.Questionnaire:
    """Checking a questionnaire takes a while: every request for the same definition shares one result."""
    return surveys.questionnaire_from_dict(json.loads(definition), name=f"{slug} v{version}")
