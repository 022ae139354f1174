"""Vox speaks to Dutch-speaking staff as "je", on every page, error pages included: never "u" beside "je"."""

import re
from pathlib import Path

from babel.messages.pofile import read_po

CATALOGUE = Path(__file__).parent.parent / "translations" / "nl" / "LC_MESSAGES" / "messages.po"
#: "u" and "uw" as words: the polite form (not the U of a code point, U+00AD)
POLITE = re.compile(r"\b[Uu]w?\b(?!\+)")


def test_the_page_not_found_says_je_in_dutch(client):
    page = client.get("/no-such-page", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert "Deze pagina bestaat niet, of je mag ze niet zien." in page
    assert not POLITE.search(re.sub(r"<[^>]+>", " ", page))


def test_no_dutch_staff_text_says_u():
    with CATALOGUE.open("rb") as po:
        catalogue = read_po(po)
    polite = [message.id for message in catalogue if message.id and message.string
              and any(POLITE.search(text) for text in
                      (message.string if isinstance(message.string, tuple) else (message.string,)))]
    assert polite == []
