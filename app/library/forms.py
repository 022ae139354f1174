"""Forms of the questionnaire library (the editor's many fields are read by editor.py)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SubmitField

#: the file types the import understands, for the file picker
IMPORT_ACCEPT = ".yaml,.yml,.xlsx,.xls,.csv"


class ImportForm(FlaskForm):
    """One questionnaire file: YAML (Vox's own format) or an XLSForm spreadsheet (KoboToolbox, ODK)."""

    file = FileField(_l("Questionnaire file (YAML, or XLSForm: .xlsx, .xls, .csv)"),
                     validators=[FileRequired(_l("Choose a file to import."))],
                     render_kw={"accept": IMPORT_ACCEPT})
    submit = SubmitField(_l("Import"))
