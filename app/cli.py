"""``flask translate``: the gettext catalogues of the interface, wrapping pybabel.

Two domains: ``messages`` for staff pages (nl, fr, en, de) and ``respondent`` for the pages
respondents see (every respondent language).
"""

import subprocess
import sys
from pathlib import Path

import click
from flask.cli import AppGroup

ROOT = Path(__file__).parent.parent
TRANSLATIONS = ROOT / "translations"
#: domain -> extraction mapping file
DOMAINS = {"messages": "babel.cfg", "respondent": "babel-respondent.cfg"}
KEYWORDS = ["-k", "_l", "-k", "lazy_gettext"]

translate = AppGroup("translate", help="Update and compile the interface translations.")


def pybabel(*args: str) -> None:
    result = subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], cwd=ROOT)
    if result.returncode:
        raise click.ClickException(f"pybabel {args[0]} failed")


def pot(domain: str) -> str:
    return str(TRANSLATIONS / f"{domain}.pot")


@translate.command()
def update() -> None:
    """Extract the messages and merge them into every catalogue."""
    for domain, mapping in DOMAINS.items():
        pybabel("extract", "-F", mapping, *KEYWORDS, "-o", pot(domain), "--project", "Vox",
                "--copyright-holder", "Vox", "--no-location", "--sort-output", ".")
        pybabel("update", "-D", domain, "-i", pot(domain), "-d", str(TRANSLATIONS), "--no-fuzzy-matching",
                "--ignore-obsolete")


@translate.command()
@click.argument("language")
@click.option("--domain", type=click.Choice(list(DOMAINS)), default="respondent")
def init(language: str, domain: str) -> None:
    """Start the catalogue of a new language."""
    pybabel("init", "-D", domain, "-i", pot(domain), "-d", str(TRANSLATIONS), "-l", language)


@translate.command()
def compile() -> None:  # noqa: A001
    """Compile every catalogue (.po -> .mo)."""
    for domain in DOMAINS:
        pybabel("compile", "-D", domain, "-d", str(TRANSLATIONS), "--statistics")
