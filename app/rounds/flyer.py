"""The printable flyer of a round: its QR code and a short invitation in each of the round's languages.

Respondent languages are more than the interface's catalogues hold, so the one sentence a flyer
needs is kept here, written by people who speak each language, in that language's own script.
"""

from dataclasses import dataclass

from flask_babel import gettext as _

import surveys
from surveys.pictures import pictogram_path

from ..responses.models import Mode
from .models import Round

#: "Scan the code with your phone and tell us what you think. It is anonymous."
INVITATIONS = {
    "nl": "Scan de code met je telefoon en zeg ons wat je denkt. Het is anoniem.",
    "fr": "Scanne le code avec ton téléphone et dis-nous ce que tu penses. C'est anonyme.",
    "de": "Scanne den Code mit deinem Handy und sag uns, was du denkst. Es ist anonym.",
    "en": "Scan the code with your phone and tell us what you think. It is anonymous.",
    "ar": "امسح الرمز بهاتفك وأخبرنا برأيك. المشاركة مجهولة الهوية.",
    "prs": "کود را با موبایل خود اسکن کنید و نظر خود را به ما بگویید. نام شما ثبت نمی‌شود.",
    "fa": "کد را با گوشی خود اسکن کنید و نظرتان را به ما بگویید. پاسخ‌ها ناشناس هستند.",
    "ps": "کوډ په خپل موبایل سکن کړئ او موږ ته ووایاست چې څه فکر کوئ. دا بې نومه ده.",
    "ti": "ነቲ ኮድ ብተሌፎንካ ስካን ግበሮ፡ እንታይ ከም እትሓስብ ድማ ንገረና። ስምካ ኣይፍለጥን እዩ።",
    "so": "Koodhka ku iskaan garee taleefankaaga oo noo sheeg fikradaada. Magacaaga lama weydiinayo.",
    "uk": "Відскануйте код телефоном і розкажіть нам, що ви думаєте. Це анонімно.",
    "ru": "Отсканируйте код телефоном и расскажите нам, что вы думаете. Это анонимно.",
    "tr": "Kodu telefonunuzla okutun ve bize ne düşündüğünüzü söyleyin. Anonimdir.",
    "es": "Escanea el código con tu teléfono y dinos lo que piensas. Es anónimo.",
    "kmr": "Kodê bi telefona xwe skan bike û ji me re bêje tu çi difikirî. Bênav e.",
}
#: phone (answer on your own phone), your language, nobody sees who you are
PICTOGRAMS = ("device-mobile", "language", "eye-off")


@dataclass(frozen=True)
class Invitation:
    language: str
    rtl: bool
    title: str
    text: str


def invitations(round_: Round) -> list[Invitation]:
    """One invitation per language of the round, titled with the questionnaire's title in that language."""
    survey = round_.questionnaire.survey
    found = []
    for code in round_.languages:
        text = INVITATIONS.get(code)
        title = survey.title.get(code)
        if text and title:
            found.append(Invitation(code, surveys.is_rtl(code), title, text))
    return found


def pictogram_svg(name: str) -> str:
    """A bundled pictogram as inline SVG, hidden from screen readers (the text next to it says the same)."""
    return pictogram_path(name).read_text().replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def pictograms() -> list[str]:
    return [pictogram_svg(name) for name in PICTOGRAMS]


def no_flyer_reason(round_: Round) -> str | None:
    """Why a round has no flyer inviting phones, or None when it has one.

    Only a round on own phones remembers, on each phone, that it was answered and stores answers as given on a
    phone: a tablet round on a phone starts again after each answer, so one person could answer twice.
    """
    if round_.mode == Mode.PHONE:
        return None
    if round_.mode == Mode.KIOSK:
        return _("No flyer for phones: on a phone, a tablet round starts again after each answer, so one person "
                 "could answer twice. To let people answer on their own phone, launch a round on own phones and "
                 "print its flyer.")
    return _("No flyer for phones: answers given on a phone would be stored as given with help or on paper. To let "
             "people answer on their own phone, launch a round on own phones and print its flyer.")
