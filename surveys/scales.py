"""Texts of the fixed answers (faces and thumbs), per language.

They belong to the questionnaire format, not to one questionnaire: a faces question in any
questionnaire shows the same five faces with the same words.
"""

from .model import Text

FACE_TEXTS: dict[int, Text] = {
    1: {"nl": "Heel slecht", "fr": "Très mauvais", "de": "Sehr schlecht", "en": "Very bad", "ar": "سيئ جدًا",
        "prs": "خیلی بد", "fa": "خیلی بد", "ps": "ډېر بد", "ti": "ኣዝዩ ሕማቕ", "so": "Aad u xun",
        "uk": "Дуже погано", "ru": "Очень плохо", "tr": "Çok kötü", "es": "Muy mal", "kmr": "Pir xirab"},
    2: {"nl": "Slecht", "fr": "Mauvais", "de": "Schlecht", "en": "Bad", "ar": "سيئ",
        "prs": "بد", "fa": "بد", "ps": "بد", "ti": "ሕማቕ", "so": "Xun",
        "uk": "Погано", "ru": "Плохо", "tr": "Kötü", "es": "Mal", "kmr": "Xirab"},
    3: {"nl": "Gaat wel", "fr": "Moyen", "de": "Es geht", "en": "So-so", "ar": "مقبول",
        "prs": "متوسط", "fa": "معمولی", "ps": "منځنی", "ti": "ማእከላይ", "so": "Dhexdhexaad",
        "uk": "Так собі", "ru": "Так себе", "tr": "Orta", "es": "Regular", "kmr": "Navîn"},
    4: {"nl": "Goed", "fr": "Bien", "de": "Gut", "en": "Good", "ar": "جيد",
        "prs": "خوب", "fa": "خوب", "ps": "ښه", "ti": "ጽቡቕ", "so": "Fiican",
        "uk": "Добре", "ru": "Хорошо", "tr": "İyi", "es": "Bien", "kmr": "Baş"},
    5: {"nl": "Heel goed", "fr": "Très bien", "de": "Sehr gut", "en": "Very good", "ar": "جيد جدًا",
        "prs": "خیلی خوب", "fa": "خیلی خوب", "ps": "ډېر ښه", "ti": "ኣዝዩ ጽቡቕ", "so": "Aad u fiican",
        "uk": "Дуже добре", "ru": "Очень хорошо", "tr": "Çok iyi", "es": "Muy bien", "kmr": "Pir baş"},
}

#: the words under the faces of a question about how much (did it help?), worst to best
EXTENT_TEXTS: dict[int, Text] = {
    1: {"nl": "Helemaal niet", "fr": "Pas du tout", "de": "Gar nicht", "en": "Not at all", "ar": "لا، أبدًا",
        "prs": "اصلاً نه", "fa": "اصلاً", "ps": "هېڅ نه", "ti": "ፈጺሙ", "so": "Gabi ahaanba maya",
        "uk": "Зовсім ні", "ru": "Совсем нет", "tr": "Hiç", "es": "Nada", "kmr": "Qet"},
    2: {"nl": "Een beetje", "fr": "Un peu", "de": "Ein wenig", "en": "A little", "ar": "قليلًا",
        "prs": "کمی", "fa": "کمی", "ps": "لږ", "ti": "ቁሩብ", "so": "Wax yar",
        "uk": "Трохи", "ru": "Немного", "tr": "Biraz", "es": "Un poco", "kmr": "Hinekî"},
    3: {"nl": "Enigszins", "fr": "Moyennement", "de": "Teilweise", "en": "Somewhat", "ar": "إلى حدٍّ ما",
        "prs": "تا حدی", "fa": "تا حدی", "ps": "تر یوه حده", "ti": "ብመጠኑ", "so": "Xoogaa",
        "uk": "Частково", "ru": "Отчасти", "tr": "Kısmen", "es": "Algo", "kmr": "Heta radeyekê"},
    4: {"nl": "Veel", "fr": "Beaucoup", "de": "Viel", "en": "A lot", "ar": "كثيرًا",
        "prs": "زیاد", "fa": "زیاد", "ps": "ډېر", "ti": "ብዙሕ", "so": "Aad",
        "uk": "Багато", "ru": "Много", "tr": "Çok", "es": "Mucho", "kmr": "Pir"},
    5: {"nl": "Heel veel", "fr": "Énormément", "de": "Sehr viel", "en": "Very much", "ar": "كثيرًا جدًا",
        "prs": "خیلی زیاد", "fa": "خیلی زیاد", "ps": "ډېر زیات", "ti": "ኣዝዩ ብዙሕ", "so": "Aad iyo aad",
        "uk": "Дуже багато", "ru": "Очень много", "tr": "Çok fazla", "es": "Muchísimo", "kmr": "Gelek zêde"},
}

#: the words a faces question shows under its faces (``labels:``): how good, or how much
FACE_LABELS: dict[str, dict[int, Text]] = {"quality": FACE_TEXTS, "extent": EXTENT_TEXTS}

THUMB_TEXTS: dict[str, Text] = {
    "yes": {"nl": "Ja", "fr": "Oui", "de": "Ja", "en": "Yes", "ar": "نعم", "prs": "بلی", "fa": "بله", "ps": "هو",
            "ti": "እወ", "so": "Haa", "uk": "Так", "ru": "Да", "tr": "Evet", "es": "Sí", "kmr": "Erê"},
    "no": {"nl": "Nee", "fr": "Non", "de": "Nein", "en": "No", "ar": "لا", "prs": "نخیر", "fa": "خیر", "ps": "نه",
           "ti": "ኣይፋል", "so": "Maya", "uk": "Ні", "ru": "Нет", "tr": "Hayır", "es": "No", "kmr": "Na"},
    "dont_know": {"nl": "Weet ik niet", "fr": "Je ne sais pas", "de": "Weiß nicht", "en": "Don't know",
                  "ar": "لا أعرف", "prs": "نمی‌دانم", "fa": "نمی‌دانم", "ps": "نه پوهېږم", "ti": "ኣይፈልጥን",
                  "so": "Ma garanayo", "uk": "Не знаю", "ru": "Не знаю", "tr": "Bilmiyorum", "es": "No sé",
                  "kmr": "Nizanim"},
}

#: which faces a scale of 3 or 5 points shows, worst first
FACES_FOR_POINTS = {3: (1, 3, 5), 5: (1, 2, 3, 4, 5)}
