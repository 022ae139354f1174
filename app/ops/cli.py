"""``flask purge``, ``flask backup`` and ``flask restore``: keeping data only as long as needed, and safe."""

import shutil
import sqlite3
import subprocess
from pathlib import Path

import click

from ..extensions import db
from .retention import purge_expired_responses


@click.command("purge")
@click.option("--dry-run", is_flag=True, help="Only say how many responses would be deleted.")
def purge(dry_run: bool) -> None:
    """Delete responses older than their project's retention period."""
    deleted = purge_expired_responses(dry_run=dry_run)
    if dry_run:
        db.session.rollback()
        click.echo(f"{sum(deleted.values())} response(s) would be deleted.")
        return
    db.session.commit()
    for project, n in deleted.items():
        click.echo(f"{project}: {n} response(s) deleted")
    click.echo(f"{sum(deleted.values())} response(s) deleted.")


def _database_url():
    return db.engine.url


@click.command("backup")
@click.argument("target", type=click.Path(path_type=Path))
def backup(target: Path) -> None:
    """Write a consistent copy of the database to TARGET (SQLite backup API, or pg_dump for PostgreSQL)."""
    url = _database_url()
    if url.get_backend_name() == "sqlite":
        with sqlite3.connect(url.database) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
    else:
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}", _libpq(url)])
    click.echo(f"backup written to {target}")


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore(source: Path, yes: bool) -> None:
    """Replace the database's contents by a backup made with ``flask backup``."""
    if not yes:
        click.confirm("This replaces everything in the database. Continue?", abort=True)
    url = _database_url()
    db.session.remove()
    db.engine.dispose()
    if url.get_backend_name() == "sqlite":
        with sqlite3.connect(source) as backup_db, sqlite3.connect(url.database) as live:
            backup_db.backup(live)
    else:
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", f"--dbname={_libpq(url)}", str(source)])
    click.echo(f"database restored from {source}")


def _libpq(url) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise click.ClickException(f"{command[0]} is not installed (Debian package postgresql-client)")
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode:
        raise click.ClickException(f"{command[0]} failed: {result.stderr.strip()}")


