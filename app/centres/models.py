"""Centres (OCMW/CPAS) and their projects."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..timeutil import utcnow


class Organisation(db.Model):
    """A centre: a public social welfare centre (OCMW/CPAS). Staff see only their own centre."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    #: a short stable name, used by the demo data to recognise what it made before
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    projects: Mapped[list["Project"]] = relationship(back_populates="organisation", order_by="Project.name",
                                                     cascade="all, delete-orphan", passive_deletes=True)

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.slug}>"


class Project(db.Model):
    """An integration project of a centre (usually AMIF-funded) whose beneficiaries give feedback."""

    __tablename__ = "projects"
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(1000), default="")
    #: responses older than this many days are deleted by ``flask purge``; empty keeps them
    retention_days: Mapped[int | None] = mapped_column(CheckConstraint("retention_days > 0",
                                                                       name="retention_positive"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship(back_populates="projects")
    rounds: Mapped[list["Round"]] = relationship(  # noqa: F821
        back_populates="project", order_by="Round.opens_on", cascade="all, delete-orphan", passive_deletes=True)

    def __repr__(self) -> str:
        return f"<Project {self.id} {self.name!r}>"
