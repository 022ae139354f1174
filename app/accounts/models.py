"""Staff accounts and their roles. Respondents never have an account."""

import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from ..roles import Role
from ..timeutil import utcnow

project_members = Table(
    "project_members",
    db.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
)

ROLES_SQL = ", ".join(f"'{role}'" for role in Role)


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(f"role IN ({ROLES_SQL})", name="role_known"),
        CheckConstraint("role IN ('admin', 'network') OR organisation_id IS NOT NULL", name="staff_have_centre"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    #: the user's centre; empty for administrators and network coordinators
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    #: interface language chosen by the user
    locale: Mapped[str] = mapped_column(String(8), default="nl")
    active: Mapped[bool] = mapped_column(default=True)
    #: part of every session cookie of this user; a new one (at logout, with a new password) ends every
    #: session made before, including copies of its cookie
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped["Organisation | None"] = relationship()  # noqa: F821
    projects: Mapped[list["Project"]] = relationship(secondary=project_members)  # noqa: F821

    def set_password(self, password: str) -> None:
        """A new password, which ends every session made with the old one."""
        self.password_hash = generate_password_hash(password)
        self.end_sessions()

    def end_sessions(self) -> None:
        """Every session cookie of this user stops working, wherever it is (copies included)."""
        self.session_token = new_session_token()

    def get_id(self) -> str:
        """What the session cookie holds (Flask-Login's alternative id): the account and its session token."""
        return f"{self.id}:{self.session_token}"

    def has_session_token(self, token: str) -> bool:
        return secrets.compare_digest(token.encode(), self.session_token.encode())

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:
        return self.active

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role}>"


class LoginThrottle(db.Model):
    """Tries per email address since its last successful login (hashed: the table does not list who tried)."""

    __tablename__ = "login_throttles"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: tries counted, each before its password was checked
    failures: Mapped[int] = mapped_column(default=0)
    last_failed_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<LoginThrottle {self.key[:8]} {self.failures}>"
