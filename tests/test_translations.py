"""The interface catalogues: complete in every language we promise, up to date with the code, and compiling.

A respondent who reads Tigrinya must never meet an English button, and a social worker in Liège must never meet
a Dutch one. A message added to the code without its translations fails here, not in front of them.
"""

import re
import subprocess
import sys

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

import surveys
from app.cli import DOMAINS, KEYWORDS, ROOT, TRANSLATIONS
from app.locale import BABEL_NAMES

STAFF_LANGUAGES = ("nl", "fr", "en", "de")
RESPONDENT_LANGUAGES = tuple(BABEL_NAMES.get(code, code) for code in surveys.LANGUAGES)
CATALOGUES = [("messages", lang) for lang in STAFF_LANGUAGES] + [("respondent", lang) for lang in RESPONDENT_LANGUAGES]
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|\{\w*\}")


def catalogue(domain: str, lang: str):
    path = TRANSLATIONS / lang / "LC_MESSAGES" / f"{domain}.po"
    assert path.exists(), f"{path.relative_to(ROOT)} is missing"
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def forms(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple | list) else [message.string]


@pytest.mark.parametrize(("domain", "lang"), CATALOGUES, ids=[f"{d}-{lang}" for d, lang in CATALOGUES])
def test_every_message_is_translated_with_its_placeholders(domain, lang):
    cat = catalogue(domain, lang)
    problems = []
    for message in cat:
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        if "fuzzy" in message.flags:
            problems.append(f"{msgid!r}: marked fuzzy")
        strings = forms(message)
        if not all(s.strip() for s in strings):
            problems.append(f"{msgid!r}: not translated")
            continue
        if isinstance(message.id, tuple) and len(strings) != cat.num_plurals:
            problems.append(f"{msgid!r}: {len(strings)} plural forms, {lang} has {cat.num_plurals}")
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = {name for text in ids for name in PLACEHOLDER.findall(text)}
        for text in strings:
            found = set(PLACEHOLDER.findall(text))
            # a plural form may leave out the number ("one day" for n == 1), never add an unknown name
            if found - wanted or (not isinstance(message.id, tuple) and found != wanted):
                problems.append(f"{msgid!r}: placeholders {sorted(found)} instead of {sorted(wanted)}")
    assert not problems, f"{domain}.po of {lang}:\n" + "\n".join(problems)


@pytest.mark.parametrize(("domain", "lang"), CATALOGUES, ids=[f"{d}-{lang}" for d, lang in CATALOGUES])
def test_every_catalogue_compiles(domain, lang, tmp_path):
    cat = catalogue(domain, lang)
    errors = [f"{m.id!r}: {e}" for m, errs in cat.check() for e in errs]
    assert not errors, "\n".join(errors)
    with (tmp_path / "out.mo").open("wb") as handle:
        write_mo(handle, cat)
    assert (tmp_path / "out.mo").stat().st_size > 100


@pytest.mark.parametrize("domain", list(DOMAINS))
def test_the_catalogues_hold_every_message_of_the_code(domain, tmp_path):
    """Extract the messages from the code as `flask translate update` does: none may be missing from a catalogue."""
    pot = tmp_path / f"{domain}.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", DOMAINS[domain], *KEYWORDS,
                    "-o", str(pot), "."], cwd=ROOT, check=True, capture_output=True)
    with pot.open("rb") as handle:
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    assert wanted, "nothing was extracted"
    languages = STAFF_LANGUAGES if domain == "messages" else RESPONDENT_LANGUAGES
    for lang in languages:
        have = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue(domain, lang) if m.id}
        missing = sorted(wanted - have)
        assert not missing, f"{domain}.po of {lang} lacks {len(missing)} message(s), run `flask translate update`: " \
            + "; ".join(missing[:5])


def test_every_respondent_language_has_a_catalogue_and_no_other():
    present = {p.parent.parent.name for p in TRANSLATIONS.glob("*/LC_MESSAGES/respondent.po")}
    assert present == set(RESPONDENT_LANGUAGES)
    assert {p.parent.parent.name for p in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")} == set(STAFF_LANGUAGES)
