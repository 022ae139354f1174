"""``flask surveys`` (questionnaire files) and ``flask library`` (the shared library in the database)."""

from pathlib import Path

import click
from flask.cli import AppGroup

import surveys
from surveys.xlsform import XLSFormError, export_xlsform, import_xlsform

from ..extensions import db
from .operations import sync_library

surveys_cli = AppGroup("surveys", help="Check, import and export questionnaire files.")
library = AppGroup("library", help="The shared questionnaire library in the database.")


@surveys_cli.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def check(paths: tuple[Path, ...]) -> None:
    """Print every problem of each questionnaire file; exit with 1 when there is any."""
    failed = 0
    for path in paths:
        problems = surveys.check_questionnaire(path)
        for problem in problems:
            click.echo(str(problem))
        if problems:
            failed += 1
        else:
            click.echo(f"{path}: ok")
    if failed:
        raise SystemExit(1)


@surveys_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write <id>.yaml into.")
@click.option("--default-language", default="en", show_default=True, type=click.Choice(list(surveys.LANGUAGES)),
              help="Language of label columns that name none.")
def import_form(file: Path, out_dir: Path, default_language: str) -> None:
    """Turn an XLSForm (KoboToolbox, ODK) into a Vox questionnaire and say what changed on the way."""
    try:
        result = import_xlsform(file, default_language=default_language)
    except XLSFormError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(1) from None
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{result.questionnaire.id}.yaml"
    target.write_text(result.questionnaire.to_yaml(), encoding="utf-8")
    for line in result.report:
        click.echo(line)
    click.echo(f"wrote {target}")


@surveys_cli.command("export")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--xlsform", "as_xlsform", is_flag=True, help="Write an XLSForm (.xlsx) for KoboToolbox or ODK.")
@click.option("--out", type=click.Path(path_type=Path),
              help="File or folder to write to (default: next to FILE, ending in .xlsx).")
def export_form(file: Path, as_xlsform: bool, out: Path | None) -> None:
    """Write a questionnaire file in another format; XLSForm is the one there is."""
    if not as_xlsform:
        raise click.UsageError("choose the format to export to: --xlsform")
    try:
        questionnaire = surveys.load_questionnaire(file)
    except surveys.QuestionnaireError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        raise SystemExit(1) from None
    target = _export_target(file, out)
    target.write_bytes(export_xlsform(questionnaire))
    click.echo(f"wrote {target}")


def _export_target(file: Path, out: Path | None) -> Path:
    """Where an export goes: ``--out`` itself, or FILE's name with .xlsx in ``--out`` or next to FILE."""
    if out is not None and not out.is_dir():
        return out
    return (out or file.parent) / file.with_suffix(".xlsx").name


@library.command("sync")
def sync() -> None:
    """Store new versions of the library questionnaires in the database."""
    added = sync_library()
    db.session.commit()
    for questionnaire in added:
        click.echo(f"added {questionnaire.slug} v{questionnaire.version}")
    click.echo(f"{len(added)} questionnaire(s) added to the library")
