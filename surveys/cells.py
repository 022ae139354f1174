"""Spreadsheet cells that never run as formulas.

A text that starts like a formula (=, +, -, @) is written as text: a respondent's comment or a
questionnaire's wording must never run as a formula in the spreadsheet program of whoever opens the
file. Used by the results exports (app/dashboard) and the XLSForm export.
"""

from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

#: characters that make a spreadsheet program read a cell as a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def text_cell(worksheet, value: Any) -> Cell:
    """A cell of ``worksheet`` holding ``value``: a text stays text, without the characters a workbook cannot hold."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = Cell(worksheet, row=1, column=1, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    return cell
