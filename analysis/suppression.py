"""Keeping small groups hidden, including from subtraction: the one rule every figure and file follows.

A group (a cell of a table: a language, a mode, a round...) with fewer than K respondents is
hidden (primary suppression). Totals are part of the table: a row, a column and the whole
table each add up, so a line (a row or a column with its total) with exactly one hidden cell
would let anyone compute it, and a line whose total is shown gives the sum of its hidden cells
(9 people, 6 of them Dutch: the 3 others). So the smallest visible cell of a line is hidden too
(complementary suppression) while the line has exactly one hidden cell, or hidden cells that
together count fewer than K people under a visible total; again and again until no line has.
A filter may then only pick a group the table shows: what it leaves out (the total minus the
group) is at least K people, or nobody.
"""

from collections.abc import Collection, Hashable, Mapping

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


def suppress_table(table: pd.DataFrame, k: int, row_totals: bool = True,
                   hidden: Collection[tuple] = ()) -> pd.DataFrame:
    """Add totals to a table of counts and hide what must be hidden; NaN marks a hidden cell.

    ``hidden``: (row, column) cells hidden whatever their count, e.g. those another version of the same table
    hides, so that two versions shown side by side never show a cell one of them hides.
    """
    counts = with_totals(table.astype("int64"), row_totals)
    cells = {(r, c): int(counts.at[r, c]) for r in counts.index for c in counts.columns}
    inner = {(r, c) for r in table.index for c in table.columns}
    hidden = _hide(cells, list(counts.index), list(counts.columns), inner, k, set(hidden) & set(cells))
    mask = pd.DataFrame([[(r, c) in hidden for c in counts.columns] for r in counts.index],
                        index=counts.index, columns=counts.columns)
    return counts.astype("float64").mask(mask)


def with_totals(table: pd.DataFrame, row_totals: bool = True) -> pd.DataFrame:
    out = table.copy()
    if row_totals:
        out[TOTAL] = out.sum(axis=1)
    out.loc[TOTAL] = out.sum(axis=0)
    return out


def _hide(cells: dict[tuple, int], rows: list, columns: list, inner: set[tuple], k: int,
          forced: set[tuple] = frozenset()) -> set[tuple]:
    """The hidden cells of a table with its totals (each line ends with its total): the small ones (and the
    forced ones), then complementary ones until no line has exactly one hidden cell, or hidden cells under k
    beside its total."""
    hidden = {cell for cell, n in cells.items() if is_small(n, k)} | {cell for cell in forced if cells[cell] > 0}
    lines = [line for line in ([[(r, c) for c in columns] for r in rows] + [[(r, c) for r in rows] for c in columns])
             if len(line) > 1]
    while any(_protect(cells, hidden, line, inner, k) for line in lines):
        pass
    return hidden


def _protect(cells: dict[tuple, int], hidden: set[tuple], line: list[tuple], inner: set[tuple], k: int) -> bool:
    """If the hidden cells of a line could be computed (one alone, or together fewer than k beside a visible
    total), hide the smallest other non-empty one (inner cells first)."""
    hidden_here = [cell for cell in line if cell in hidden and cells[cell] > 0]
    total_shown = line[-1] not in hidden
    if not hidden_here or (len(hidden_here) > 1 and not (total_shown and sum(cells[c] for c in hidden_here) < k)):
        return False
    visible = [cell for cell in line if cell not in hidden and cells[cell] > 0]
    if not visible:
        return False
    inner_visible = [cell for cell in visible if cell in inner] or visible
    hidden.add(min(inner_visible, key=lambda cell: cells[cell]))
    return True


def shown_values(counts: Mapping[Hashable, int], k: int) -> set:
    """The values of one breakdown (a language, a day...) that may be shown beside its total, by the rule above."""
    return {key for key, n in suppress_small_cells(counts, k).items() if key != TOTAL and n is not None}


def shown_groups(cells: Mapping[tuple[Hashable, Hashable], int], k: int) -> set[tuple]:
    """Of one round's table of people per (language, mode), the groups that may be shown.

    A group is a cell (language, mode), a language (language, None), a way of answering (None, mode)
    or everyone (None, None). The table and its totals go through complementary suppression, as in
    suppress_table; a group nobody is in is not listed (it reveals no one: callers show it as 0).
    """
    counts = {key: int(n) for key, n in cells.items() if n}
    languages = sorted({language for language, _ in counts}, key=str)
    modes = sorted({mode for _, mode in counts}, key=str)
    groups = {(None, None)} | {(language, None) for language in languages} | {(None, mode) for mode in modes}
    groups |= set(counts)
    if not any(is_small(n, k) for n in counts.values()):
        return groups
    table = {(language, mode): counts.get((language, mode), 0) for language in languages for mode in modes}
    inner = set(table)
    for language in languages:
        table[(language, TOTAL)] = sum(counts.get((language, mode), 0) for mode in modes)
    for mode in [*modes, TOTAL]:
        table[(TOTAL, mode)] = sum(table[(language, mode)] for language in languages)
    hidden = _hide(table, [*languages, TOTAL], [*modes, TOTAL], inner, k)
    return {(None if row == TOTAL else row, None if column == TOTAL else column)
            for row, column in table if (row, column) not in hidden} & groups
