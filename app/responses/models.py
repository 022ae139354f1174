"""Responses, their answers and the ways of answering: nothing in here can tell who answered, or in which order."""

import uuid
from datetime import date
from enum import StrEnum

from sqlalchemy import CheckConstraint, Date, ForeignKey, SmallInteger, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db


class Mode(StrEnum):
    """How respondents answer; stored with every response so its effect on answers can be seen."""

    KIOSK = "kiosk"  # alone on a shared tablet
    PHONE = "phone"  # on their own phone, via a QR code
    ASSISTED = "assisted"  # helped by a staff member
    PAPER = "paper"  # on paper, typed in later by staff


MODES_SQL = ", ".join(f"'{mode}'" for mode in Mode)


class Response(db.Model):
    """One respondent's answers to one round. No time, no address, no device: only the day."""

    __tablename__ = "responses"
    #: on SQLite rows are kept in order of their random id, not in the order they arrived
    __table_args__ = (CheckConstraint(f"mode IN ({MODES_SQL})", name="mode_known"), {"sqlite_with_rowid": False})

    #: a random UUID made by the respondent's browser; sending twice stores once
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    #: the day it was given, never the time: the order of respondents must not be recoverable
    day: Mapped[date] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(8))
    mode: Mapped[str] = mapped_column(String(16))
    #: the batch of the round's figures it is counted in; None until at least K responses wait (see tallies.py)
    batch: Mapped[int | None] = mapped_column(SmallInteger)

    answers: Mapped[list["Answer"]] = relationship(back_populates="response", cascade="all, delete-orphan",
                                                   passive_deletes=True)

    def __repr__(self) -> str:
        return f"<Response {self.id}>"


class Answer(db.Model):
    """One value of one answer; a question with several picked options has one row per option."""

    __tablename__ = "answers"
    __table_args__ = {"sqlite_with_rowid": False}

    response_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True)
    question_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: 0 for a single value; 0, 1, ... for the options of a multiple choice
    position: Mapped[int] = mapped_column(SmallInteger, primary_key=True, default=0)
    value: Mapped[str] = mapped_column(Text)

    response: Mapped[Response] = relationship(back_populates="answers")

    def __repr__(self) -> str:
        return f"<Answer {self.question_key}={self.value!r}>"


class ResponseTally(db.Model):
    """How many responses, and how many with each trust flag, per round, day, language and mode."""

    __tablename__ = "response_tallies"
    __table_args__ = {"sqlite_with_rowid": False}

    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), primary_key=True)
    batch: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    mode: Mapped[str] = mapped_column(String(16), primary_key=True)
    responses: Mapped[int] = mapped_column(default=0)
    #: responses with at least one answer on a scale
    scale_responses: Mapped[int] = mapped_column(default=0)
    #: responses with the best answer to every scale question answered
    ceiling: Mapped[int] = mapped_column(default=0)
    #: responses with the same answer to three or more scale questions in a row
    straightlining: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<ResponseTally {self.round_id}/{self.batch} {self.day} {self.language} {self.mode} {self.responses}>"


class AnswerTally(db.Model):
    """How many respondents gave each value to each question (value "" = answered at all)."""

    __tablename__ = "answer_tallies"
    __table_args__ = {"sqlite_with_rowid": False}

    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), primary_key=True)
    batch: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    mode: Mapped[str] = mapped_column(String(16), primary_key=True)
    question_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(64), primary_key=True)
    n: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<AnswerTally {self.round_id}/{self.batch} {self.question_key}={self.value!r} {self.n}>"
