"""Forms of the questionnaire library (the editor's many fields are read by editor.py)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SubmitField

#: the file types the import understands, for the file picker
IMPORT_ACCEPT = ".yaml,.yml,.xlsx,.xls,.csv"


class ImportForm(FlaskForm):
    """One questionnaire file: YAML (Vox's own format) or an XLSForm spreadsheet (KoboToolbox, ODK)."""

    file = FileField(_l("Questionnaire file (YAML, or XLSForm: .xlsx, .xls, .csv)"),
                     validators=[FileRequired(_l("Choose a file to import."))],
                     render_kw={"accept": IMPORT_ACCEPT})
    submit = SubmitField(_l("Import"))


class VoicesImportForm(FlaskForm):
    """A file of recordings of one language, downloaded by another centre (or by this one)."""

    file = FileField(_l("File of recordings (.zip)"),
                     validators=[FileRequired(_l("Choose a file of recordings to import."))],
                     render_kw={"accept": ".zip,application/zip"})
    replace = BooleanField(_l("Replace your centre's own recordings of the same texts"))
    submit = SubmitField(_l("Import the recordings"))
