"""Test clients of the app, logged in as a given user (the session cookie Flask-Login reads)."""

from app.extensions import db


def log_in(client, user):
    """Log ``client`` in as ``user`` (committed first, so the app can load it); returns the client."""
    db.session.commit()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return client


def logged_in(app, user):
    """A new test client of ``app`` logged in as ``user``."""
    return log_in(app.test_client(), user)
