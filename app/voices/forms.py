"""The form of the voices page: a file of a language's recordings, from another centre."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SubmitField


class VoicesImportForm(FlaskForm):
    """A file of recordings of one language, downloaded by another centre (or by this one)."""

    file = FileField(_l("File of recordings (.zip)"),
                     validators=[FileRequired(_l("Choose a file of recordings to import."))],
                     render_kw={"accept": ".zip,application/zip"})
    replace = BooleanField(_l("Replace your centre's own recordings of the same texts"))
    submit = SubmitField(_l("Import the recordings"))
