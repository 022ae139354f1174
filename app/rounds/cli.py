"""``flask rounds``: the rounds on this server, for staff at the command line."""

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import func, select

from ..extensions import db
from ..responses.models import Response
from ..responses.tallies import rebuild_tallies
from .models import Round

rounds = AppGroup("rounds", help="Rounds of questions asked in projects.")


def kiosk_url(round_: Round) -> str:
    return f"{current_app.config['VOX_PUBLIC_URL']}/r/{round_.token}"


@rounds.command("list")
def list_rounds() -> None:
    """One line per round: project, questionnaire, mode, open or closed, kiosk URL, responses stored."""
    counts = dict(db.session.execute(select(Response.round_id, func.count()).group_by(Response.round_id)).all())
    all_rounds = db.session.scalars(select(Round).order_by(Round.project_id, Round.opens_on, Round.id)).all()
    for round_ in all_rounds:
        state = "open" if round_.is_open() else "closed"
        questionnaire = f"{round_.questionnaire.slug} v{round_.questionnaire.version}"
        click.echo(f"{round_.project.organisation.name} / {round_.project.name} | {questionnaire} | {round_.mode} | "
                   f"{state} | {kiosk_url(round_)} | {counts.get(round_.id, 0)} responses")
    if not all_rounds:
        click.echo("No rounds yet.")


@rounds.command("recount")
def recount() -> None:
    """Count every round's figures again from the stored answers (a database from before the tallies, a repair)."""
    all_rounds = db.session.scalars(select(Round)).all()
    rebuild_tallies(all_rounds)
    db.session.commit()
    stored, counted = db.session.execute(select(func.count(), func.count(Response.batch))).one()
    click.echo(f"{len(all_rounds)} rounds recounted: {counted} responses counted, {stored - counted} waiting for more.")
