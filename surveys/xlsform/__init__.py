"""XLSForm import and export: exchanging questionnaires with KoboToolbox, ODK and other tools.

Reading goes through pyxform (``get_xlsform`` and ``workbook_to_json``), the same code that
KoboToolbox runs, so Vox accepts exactly the spreadsheets those tools accept, in .xlsx, .xls,
.csv or .md. pyxform gives the form as nested elements; the spreadsheet row of each element is
found again in the raw rows (row index + 2), so that every line of the report can say where.

What an import does with a form made elsewhere:

- ``select_one`` becomes ``faces`` when its list is a 3- or 5-point satisfaction scale,
  ``thumbs`` when it is yes/no (with ``dont_know`` when a third "don't know" choice is there),
  and ``pictures`` otherwise; ``select_multiple`` becomes ``pictures`` with ``multiple``;
  ``text`` becomes ``text`` and ``note`` becomes ``info``. A leading note becomes the intro.
- Everything else (numbers, dates, GPS, photos, calculations, repeats...) is left out and named
  with its row in the report; plain groups are flattened. Skip logic, checks and "required"
  are dropped: in Vox every question is shown and can be skipped.
- Texts are shown as plain words: Markdown and HTML marks (bold, headings, colours, links) are taken
  out, a reference to another answer (``${name}``) shows "…", and a text question that asks for a
  name, phone number, e-mail or address is named in the report: answers in Vox are anonymous.
- Media files do not come with a spreadsheet: audio files the form names are left out and listed
  (staff record or upload them in Vox); an image that is one of Vox's pictograms becomes that picture.
- Language columns are read with a language register (langcodes): ``Tigrigna``, ``Farsi``,
  ``Dari (fa-AF)`` and ``Kurdish (Kurmanji)`` are the languages Vox offers as ti, fa, prs and kmr.
- Translations: foreign files often lack a text here and there. Vox needs every text in every
  language, so the questionnaire keeps the languages that are complete and the report names
  each language left out and how many texts it lacked. When no language is complete, the most
  complete one is kept and the few questions without a text in it are left out. This lets
  nearly every file import into a questionnaire that works at once; staff can add the missing
  languages later in Vox.

A file is read within bounds (see reading.py), so that a small file made to unpack into gigabytes,
or to keep the reader busy for minutes, is refused before it is read.

Every line of the report is a Message (surveys/messages.py): English when printed, translated by the app.

The export writes a spreadsheet that pyxform (and so KoboToolbox) converts without error and
that keeps everything of our format: Vox-only data lives in columns pyxform tolerates
(``vox_indicator``, ``vox_max_length`` on the survey sheet, ``vox_title::...`` and
``vox_description::...`` on the settings sheet), the intro is the first ``note`` row, and the
fixed answers use the lists ``vox_faces5``, ``vox_faces3`` (``vox_extent5``, ``vox_extent3`` for faces worded
"not at all" to "very much"), ``vox_thumbs`` and ``vox_thumbs_dk``.

The package: ``reading`` (the file, within bounds), ``names`` (language columns, Vox keys),
``guessing`` (scales, yes/no, pictograms), ``importing`` (the questions and the report) and ``exporting``.
"""

from .exporting import export_xlsform
from .importing import DEFAULT_INTRO, IDENTIFYING_TYPES, ImportResult, import_xlsform
from .names import language_code, language_column, vox_key
from .reading import FILE_TYPES, MAX_CELLS, MAX_FORM_BYTES, MAX_ROWS, MAX_UNPACKED_BYTES, MAX_VALUES, XLSFormError

__all__ = [
    "export_xlsform", "DEFAULT_INTRO", "IDENTIFYING_TYPES", "ImportResult", "import_xlsform",
    "language_code", "language_column", "vox_key",
    "FILE_TYPES", "MAX_CELLS", "MAX_FORM_BYTES", "MAX_ROWS", "MAX_UNPACKED_BYTES", "MAX_VALUES", "XLSFormError",
]
