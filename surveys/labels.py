"""Texts of forms made elsewhere, made fit for a respondent: plain words, nothing to fill in, nobody named.

ODK and KoboToolbox show labels as Markdown with some HTML (``**bold**``, ``_italic_``, ``# heading``,
``<span style="color:red">``, links); Vox shows text as it is, so the marks would reach respondents as
stray asterisks and tags. Labels may also show another answer (``${name}``), which Vox never fills in.
"""

import html
import re

#: what shows in place of another answer that Vox cannot fill in
STAND_IN = "…"
REFERENCE = re.compile(r"\$\{[^}]*\}")

_MARKUP = [
    (re.compile(r"<\s*br\s*/?\s*>", re.IGNORECASE), " "),
    (re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s+[^<>]*)?/?>"), ""),  # an HTML tag, not "<3" or "a < b"
    (re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE), ""),  # a heading
    (re.compile(r"\[([^\[\]]+)\]\([^()\s]+\)"), r"\1"),  # a link: its words stay
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),  # emphasis, not 2 * 3
    (re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"), r"\1"),  # emphasis, not my_file_name
]


def plain_text(label: str) -> str:
    """A label without Markdown and HTML marks; the words (and a link's words) stay. A label without marks
    comes back as it is."""
    text = label
    for pattern, replacement in _MARKUP:
        text = pattern.sub(replacement, text)
    return label if text == label else " ".join(html.unescape(text).split())


def references(text: str) -> list[str]:
    """The other answers a text shows, e.g. ``["${name}"]``."""
    return sorted(set(REFERENCE.findall(text)))


def without_references(text: str) -> str:
    return REFERENCE.sub(STAND_IN, text)


# -- questions that would tell who answered ----------------------------------------------------------

#: words of an XLSForm name (``full_name``, ``tel``) that ask who someone is
_IDENTIFYING_NAMES = {
    "name", "names", "surname", "firstname", "lastname", "fullname", "naam", "voornaam", "achternaam", "nom",
    "prenom", "prénom", "vorname", "nachname", "phone", "telephone", "téléphone", "tel", "mobile", "gsm", "cell",
    "telefoon", "telefon", "whatsapp", "email", "mail", "courriel", "address", "adres", "adresse", "street",
    "straat", "rue", "contact",
}
#: what a label says when it asks who someone is, in the languages of Belgian centres
_IDENTIFYING_WORDS = re.compile(
    r"\b(your (full |first |last |family )?name|first name|last name|family name|surname|je naam|uw naam"
    r"|voornaam|achternaam|hoe heet|votre nom|ton nom|prénom|nom de famille|comment (tu t'appelles|vous appelez)"
    r"|dein name|ihr name|vorname|nachname|phone|telephone|téléphone|telefoon|telefon|gsm|mobile number"
    r"|e-?mail|courriel|address|adres|adresse|where do you live|waar woon|où habitez|reach you|contact you)\b",
    re.IGNORECASE)


def asks_who_someone_is(name: str, labels: list[str]) -> bool:
    """Whether a text question asks for a name, phone number, e-mail or address: by its name or its words."""
    if set(re.split(r"[\W_]+", name.casefold())) & _IDENTIFYING_NAMES:
        return True
    return any(_IDENTIFYING_WORDS.search(label) for label in labels)
