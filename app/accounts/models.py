"""Staff accounts and their roles. Respondents never have an account."""

import hashlib
import secrets
from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, delete
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
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped["Organisation | None"] = relationship()  # noqa: F821
    projects: Mapped[list["Project"]] = relationship(secondary=project_members)  # noqa: F821

    #: the raw token of the session (browser) this object was loaded for or logged in with; only the cookie keeps it
    session_key = None

    def set_password(self, password: str) -> None:
        """A new password, which ends every session made with the old one, on every device."""
        self.password_hash = generate_password_hash(password)
        self.end_sessions()

    def begin_session(self) -> str:
        """A new session for the browser logging in; returns its raw token. Expired sessions (anyone's) go."""
        StaffSession.delete_expired()
        db.session.flush()  # the account's id, for the session row
        self.session_key = secrets.token_urlsafe(32)
        db.session.add(StaffSession(token_hash=StaffSession.hash_of(self.session_key), user_id=self.id))
        return self.session_key

    def end_session(self) -> None:
        """Log out this session only: its cookie, and every copy of it, stops working; other devices stay in."""
        if self.session_key is not None:
            db.session.execute(delete(StaffSession).where(
                StaffSession.token_hash == StaffSession.hash_of(self.session_key)))
        self.session_key = None

    def end_sessions(self) -> None:
        """Every session of this account ends, on every device (copies of their cookies included)."""
        if self.id is not None:
            db.session.execute(delete(StaffSession).where(StaffSession.user_id == self.id))
        self.session_key = None

    def get_id(self) -> str:
        """What the session cookie holds (Flask-Login's alternative id): the account and its session's raw token.

        ``login_user`` asks for it as the password is accepted: an account not in a session yet begins one then.
        """
        if self.session_key is None:
            self.begin_session()
        return f"{self.id}:{self.session_key}"

    def __eq__(self, other) -> bool:
        """The same account, whichever session each object was loaded for (Flask-Login's own compares ``get_id``)."""
        if not isinstance(other, User):
            return NotImplemented
        return self is other or (self.id is not None and self.id == other.id)

    __hash__ = object.__hash__

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:
        return self.active

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role}>"


class StaffSession(db.Model):
    """One logged-in browser of a staff member. Logging out deletes its row; a new password deletes them all.

    The cookie holds the raw token; the table holds only its SHA-256, so a copy of the database opens no session.
    """

    __tablename__ = "staff_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: a session older than the session lifetime is refused, and deleted at the next login
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    @staticmethod
    def hash_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def find(cls, user_id: int, token: str) -> "StaffSession | None":
        """The session of this account with this raw token, unless it has outlived the session lifetime."""
        found = db.session.get(cls, cls.hash_of(token))
        if found is None or found.user_id != user_id or found.created_at <= cls.oldest_allowed():
            return None
        return found

    @classmethod
    def delete_expired(cls) -> None:
        """Sessions past the lifetime go (cheap: the creation time is indexed), so that old rows never pile up."""
        db.session.execute(delete(cls).where(cls.created_at <= cls.oldest_allowed()))

    @staticmethod
    def oldest_allowed() -> datetime:
        """A session made at or before this moment has expired: Flask's PERMANENT_SESSION_LIFETIME (31 days unless
        set) after logging in, even in a browser kept open."""
        return utcnow() - current_app.permanent_session_lifetime

    def __repr__(self) -> str:
        return f"<StaffSession {self.token_hash[:8]} of user {self.user_id}>"


class LoginThrottle(db.Model):
    """Tries per email address since its last successful login (hashed: the table does not list who tried)."""

    __tablename__ = "login_throttles"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: tries counted, each before its password was checked
    failures: Mapped[int] = mapped_column(default=0)
    last_failed_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<LoginThrottle {self.key[:8]} {self.failures}>"
