"""Logging staff in and out, and their own account: name, interface language, password."""

from functools import cache

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import _, ngettext, refresh
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db, login_manager
from ..numbers import whole_number
from ..security import same_site_path
from . import operations
from .blueprint import bp
from .forms import MIN_PASSWORD_LENGTH, LoginForm, PasswordChangeForm, ProfileForm
from .models import StaffSession, User
from .throttle import client_seconds_to_wait, note_client_failure, note_success, take_try


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The logged-in user, if the cookie's session is still open: not logged out, not ended by a new password,
    not older than the session lifetime. A deactivated account is logged out too."""
    user_id, _, token = session_id.partition(":")
    number = whole_number(user_id)
    if number is None or not token or StaffSession.find(number, token) is None:
        return None
    user = db.session.get(User, number)
    if user is None or not user.active:
        return None
    user.session_key = token
    return user


@bp.before_app_request
def forget_previous_requests_user() -> None:
    """Load the user afresh for every request.

    Flask-Login keeps the user in ``g``, which lives as long as the application context; where
    several requests share one context (the test client inside an app context), the user of an
    earlier request would otherwise answer for the next (flask-login issue #704).
    """
    g.pop("_login_user", None)


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("accounts/login.html", form=form)
    email = form.email.data.strip().lower()
    wait = client_seconds_to_wait() or take_try(email)
    db.session.commit()  # the try counts before its password is checked: tries sent at once are no exception
    if wait:
        flash(too_many_attempts(wait), "error")
        return render_template("accounts/login.html", form=form), 429
    user = user_with_password(email, form.password.data)
    if user is None:
        note_client_failure()
        flash(_("That email address and password do not match."), "error")
        return render_template("accounts/login.html", form=form)
    if not user.active:
        flash(_("This account is switched off. Ask your coordinator or an administrator."), "error")
        return render_template("accounts/login.html", form=form)
    note_success(email)
    user.begin_session()  # this browser's own: logging out here ends it alone
    login_user(user)
    operations.note_login(user)
    db.session.commit()
    return redirect(same_site_path(request.args.get("next")) or url_for("main.index"))


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Log out this browser: its session ends, so a copy of its cookie no longer works; other devices stay in."""
    current_user.end_session()
    db.session.commit()
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("main.index"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def settings():
    """Two forms on one page; only the one whose button was pressed reads the posted data."""
    profile = ProfileForm(prefix="profile", obj=current_user, formdata=_posted_by("profile"))
    password = PasswordChangeForm(prefix="password", formdata=_posted_by("password"))
    if _posted_by("profile") and profile.validate():
        return _save_profile(profile)
    if _posted_by("password") and password.validate() and _current_password_checks(password):
        return _save_password(password)
    return render_template("accounts/settings.html", profile=profile, password=password,
                           min_length=MIN_PASSWORD_LENGTH)


def _posted_by(prefix: str):
    """The posted data when this form's button sent it, else None."""
    return request.form if request.method == "POST" and f"{prefix}-submit" in request.form else None


def _save_profile(form: ProfileForm):
    operations.update_profile(current_user, form.name.data.strip(), form.locale.data)
    db.session.commit()
    refresh()  # the message below, and every page from now on, in the language just chosen
    flash(_("Your settings are saved."), "info")
    return redirect(url_for(".settings"))


def _current_password_checks(form: PasswordChangeForm) -> bool:
    """The current password, throttled like a login: a borrowed session cannot guess it either."""
    wait = take_try(current_user.email)
    db.session.commit()  # counted before the check, as at login
    if wait:
        form.current.errors.append(too_many_attempts(wait))
        return False
    if current_user.check_password(form.current.data):
        return True
    form.current.errors.append(_("That is not your current password."))
    return False


def _save_password(form: PasswordChangeForm):
    """The new password ends every session of the account, on every device; this browser stays logged in with a
    new session (a copy of its old cookie no longer works)."""
    operations.change_password(current_user, form.new.data)
    note_success(current_user.email)
    current_user.begin_session()
    login_user(current_user._get_current_object())
    db.session.commit()
    flash(_("Your password is changed."), "info")
    return redirect(url_for(".settings"))


def user_with_password(email: str, password: str) -> User | None:
    """The account with this email address and password, or None.

    An unknown address costs the same time as a wrong password (a hash is checked either way), so
    nobody can find out which addresses have an account.
    """
    user = db.session.scalar(select(User).where(func.lower(User.email) == email))
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return None
    return user if user.check_password(password) else None


@cache
def _dummy_hash() -> str:
    return generate_password_hash("no account has this password")


def too_many_attempts(seconds: int) -> str:
    if seconds <= 60:
        return ngettext("Too many failed attempts. Try again in %(num)d second.",
                        "Too many failed attempts. Try again in %(num)d seconds.", seconds)
    return ngettext("Too many failed attempts. Try again in %(num)d minute.",
                    "Too many failed attempts. Try again in %(num)d minutes.", -(-seconds // 60))
