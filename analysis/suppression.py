"""Keeping small groups hidden, including from subtraction.

A group (a cell of a table: a language, a mode, a round...) with fewer than K respondents is
hidden (primary suppression). Totals are part of the table: a row, a column and the whole
table each add up, so a line (a row or a column with its total) with exactly one hidden cell
would let anyone compute it. The smallest visible cell of such a line is hidden too
(complementary suppression), again and again until no line has exactly one hidden cell.
"""

from collections.abc import Hashable, Mapping

import pandas as pd

TOTAL = "total"


def is_small(n: int, k: int) -> bool:
    """Fewer than k, but not empty: an empty group reveals no one."""
    return 0 < n < k


def suppress_small_cells(counts: Mapping[Hashable, int], k: int) -> dict[Hashable, int | None]:
    """A one-way table with its total; None marks a hidden cell. The total is under the key "total"."""
    table = pd.DataFrame({"n": pd.Series(dict(counts), dtype="int64")})
    shown = suppress_table(table, k, row_totals=False)["n"]
    return {key: (None if pd.isna(value) else int(value)) for key, value in shown.items()}


def suppress_table(table: pd.DataFrame, k: int, row_totals: bool = True) -> pd.DataFrame:
    """Add totals to a table of counts and hide what must be hidden; NaN marks a hidden cell."""
    counts = with_totals(table.astype("int64"), row_totals)
    hidden = counts.apply(lambda column: column.map(lambda n: is_small(int(n), k)))
    inner = [(r, c) for r in table.index for c in table.columns]
    while any(_protect(counts, hidden, line, inner) for line in _lines(counts)):
        pass
    return counts.astype("float64").mask(hidden)


def with_totals(table: pd.DataFrame, row_totals: bool = True) -> pd.DataFrame:
    out = table.copy()
    if row_totals:
        out[TOTAL] = out.sum(axis=1)
    out.loc[TOTAL] = out.sum(axis=0)
    return out


def _lines(counts: pd.DataFrame) -> list[list[tuple]]:
    """Every row and every column (each with its total) as a list of cell coordinates."""
    rows = [[(r, c) for c in counts.columns] for r in counts.index]
    columns = [[(r, c) for r in counts.index] for c in counts.columns]
    return [line for line in rows + columns if len(line) > 1]


def _protect(counts: pd.DataFrame, hidden: pd.DataFrame, line: list[tuple], inner: list[tuple]) -> bool:
    """If exactly one non-empty cell of a line is hidden, hide the smallest other one (inner cells first)."""
    if sum(1 for cell in line if hidden.at[cell]) != 1:
        return False
    visible = [cell for cell in line if not hidden.at[cell] and counts.at[cell] > 0]
    if not visible:
        return False
    inner_visible = [cell for cell in visible if cell in inner] or visible
    hidden.at[min(inner_visible, key=lambda cell: counts.at[cell])] = True
    return True
