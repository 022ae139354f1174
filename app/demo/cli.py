"""The ``flask demo`` command: makes the demo once, and says how to log in."""

import random
import time

import click
from flask import current_app
from flask.cli import with_appcontext

import surveys

from ..accounts.models import User
from ..extensions import db
from ..library.operations import sync_library
from ..roles import Role
from .accounts import create_accounts, create_centres, demo_accounts, existing_demo_centres, reset_demo_passwords
from .plan import CENTRES, SEED
from .responses import store_responses
from .rounds import create_centre_rounds, library_questionnaires

ROLE_NAMES = {Role.ADMIN: "administrator", Role.NETWORK: "network coordinator",
              Role.COORDINATOR: "centre coordinator", Role.WORKER: "social worker"}


@click.command("demo")
@click.option("--reset-passwords", is_flag=True, help="Set and print new passwords for the demo accounts.")
@with_appcontext
def demo(reset_passwords: bool) -> None:
    """Fill the database with fictional centres, accounts, rounds and responses to try Vox with."""
    try:
        sync_library()
    except surveys.QuestionnaireError as error:
        raise click.ClickException(f"a library questionnaire is broken:\n{error}") from None
    if existing_demo_centres():
        passwords = reset_demo_passwords() if reset_passwords else {}
        db.session.commit()
        report_existing_demo(passwords)
        return
    started = time.perf_counter()
    summary, passwords = create_demo()
    db.session.commit()
    click.echo(f"Demo data created in {time.perf_counter() - started:.1f} s: {summary}.")
    print_accounts(passwords)


def create_demo() -> tuple[str, dict[str, str]]:
    """Make everything; return a one-line summary and each new account's password."""
    rng = random.Random(SEED)
    centres = create_centres()
    passwords = create_accounts(centres)
    library = library_questionnaires()
    rounds = [planned for plan in CENTRES for planned in create_centre_rounds(rng, plan, centres[plan.slug], library)]
    db.session.flush()
    responses = store_responses(rng, rounds)
    open_now = sum(planned.round.is_open() for planned in rounds)
    projects = sum(len(plan.projects) for plan in CENTRES)
    return (f"{len(centres)} centres, {projects} projects, {len(passwords)} accounts, "
            f"{len(rounds)} rounds ({open_now} open now), {responses} responses"), passwords


def login_url() -> str:
    return f"{current_app.config.get('VOX_PUBLIC_URL', 'http://127.0.0.1:5000')}/login"


def print_accounts(passwords: dict[str, str]) -> None:
    click.echo(f"Log in at {login_url()} with one of these accounts. The passwords are shown only now:")
    for user in demo_accounts():
        if user.email in passwords:
            click.echo(f"  {ROLE_NAMES[Role(user.role)]:<20} {user.email:<40} {passwords[user.email]}   "
                       f"{account_scope(user)}")


def account_scope(user: User) -> str:
    if user.organisation is None:
        return "(all centres)"
    projects = ", ".join(project.name for project in user.projects)
    return f"{user.organisation.name}: {projects}" if projects else user.organisation.name


def report_existing_demo(passwords: dict[str, str]) -> None:
    names = ", ".join(centre.name for centre in existing_demo_centres())
    click.echo(f"The demo data is already there ({names}); nothing was added.")
    if passwords:
        print_accounts(passwords)
        return
    click.echo("Demo accounts:")
    for user in demo_accounts():
        click.echo(f"  {ROLE_NAMES[Role(user.role)]:<20} {user.email:<40} {account_scope(user)}")
    click.echo("Their passwords were printed when they were made. "
               "Run `flask demo --reset-passwords` to set new ones.")
