"""Summaries, trust indicators and small-group suppression, against numbers computed by hand."""

import itertools

import pandas as pd
import pytest

import surveys
from analysis.indicators import helped_values, indicator_row
from analysis.quality import Trust, response_flags, skip_rates
from analysis.stats import scale_score, wilson_interval
from analysis.summaries import summarise
from analysis.suppression import shown_values, suppress_small_cells, suppress_table

SURVEY = surveys.questionnaire_from_dict({
    "id": "hand", "version": 1, "languages": ["en"], "title": {"en": "T"}, "intro": {"text": {"en": "I"}},
    "questions": [
        {"key": "q1", "type": "faces", "text": {"en": "1"}},
        {"key": "q2", "type": "faces", "points": 3, "text": {"en": "2"}},
        {"key": "t", "type": "thumbs", "dont_know": True, "text": {"en": "t"}},
        {"key": "q3", "type": "faces", "text": {"en": "3"}},
        {"key": "q4", "type": "faces", "text": {"en": "4"}},
        {"key": "c", "type": "text", "text": {"en": "c"}},
    ],
})


def test_wilson_interval_matches_the_textbook():
    # 8 of 10: p=0.8, z=1.96 -> (0.4902, 0.9433) (Wilson 1927; Newcombe 1998, table I)
    low, high = wilson_interval(8, 10)
    assert (round(low, 4), round(high, 4)) == (0.4902, 0.9433)
    low, high = wilson_interval(0, 5)
    assert low == 0 and round(high, 4) == 0.4345


def test_faces_summary_by_hand():
    # 5-point: values 1,2,3,4,5 given 1,1,2,4,2 times: n=10
    # mean = (0*1 + 25*1 + 50*2 + 75*4 + 100*2) / 10 = (0+25+100+300+200)/10 = 62.5
    # positive (4 and 5) = 6 of 10
    summary = summarise(SURVEY.question("q1"), {"1": 1, "2": 1, "3": 2, "4": 4, "5": 2}, answered=10,
                        respondents=12, k=5)
    assert summary.mean == 62.5
    assert (summary.positive, summary.positive_share) == (6, 0.6)
    assert [(v, n) for v, n, _ in summary.distribution] == [("1", 1), ("2", 1), ("3", 2), ("4", 4), ("5", 2)]
    assert round(summary.skipped_share, 4) == round(2 / 12, 4)
    assert summary.positive_interval == wilson_interval(6, 10)


def test_three_point_faces_count_only_the_best_face_as_positive():
    # values 1, 3, 5 given 2, 3, 5 times: mean = (0*2 + 50*3 + 100*5)/10 = 65; positive = 5
    summary = summarise(SURVEY.question("q2"), {"1": 2, "3": 3, "5": 5}, answered=10, respondents=10, k=5)
    assert summary.mean == 65 and summary.positive == 5
    assert scale_score(3) == 50


def test_thumbs_summary_counts_yes_no_and_dont_know():
    summary = summarise(SURVEY.question("t"), {"yes": 5, "no": 3, "dont_know": 2}, answered=10, respondents=10, k=5)
    assert summary.distribution == [("yes", 5, 0.5), ("no", 3, 0.3), ("dont_know", 2, 0.2)]
    assert summary.mean is None


def test_a_question_answered_by_fewer_than_k_is_hidden():
    summary = summarise(SURVEY.question("q1"), {"5": 4}, answered=4, respondents=20, k=5)
    assert summary.hidden and summary.distribution == [] and summary.mean is None


def test_ceiling_and_straightlining_flags_on_crafted_responses():
    def flags(**answers):
        return response_flags(SURVEY, {key: [value] for key, value in answers.items()})

    assert flags(q1="5", q2="5", q3="5").ceiling  # best on 5- and 3-point scales
    assert not flags(q1="5", q2="3").ceiling
    assert not flags(t="yes").scale_answered and not flags(t="yes").ceiling
    assert flags(q1="4", q2="5", q3="4", q4="4").straightlining is False  # 3-point 5 = 100, 5-point 4 = 75
    assert flags(q1="3", q2="3", q3="3").straightlining  # 50, 50, 50: the thumbs in between does not matter
    assert flags(q1="3", q3="3", q4="3").straightlining is False  # q2 skipped breaks the run
    assert flags(q1="2", q2="1", q3="1", q4="1").straightlining  # 0, 0, 0 after a 25


def test_trust_shares_and_notes():
    trust = Trust(respondents=50, scale_respondents=40, ceiling=30, straightlining=4)
    assert trust.ceiling_share == 0.75 and trust.straightlining_share == 0.1
    assert trust.notes() == ["ceiling"]
    assert Trust(50, 40, 8, 20).notes() == ["straightlining"]
    assert skip_rates({"q1": 20, "c": 20, "t": 0}, {"q1": 15, "c": 2}) == {"q1": 0.25, "c": 0.9, "t": None}


def test_the_amif_indicator_counts_helpful_answers_and_hides_small_groups():
    assert helped_values(SURVEY.question("q1")) == {"4", "5"}
    assert helped_values(SURVEY.question("t")) == {"yes"}
    assert indicator_row("P", "2026", 12, 20, k=5).share == 0.6
    hidden = indicator_row("P", "2026", 3, 4, k=5)
    assert hidden.helped is None and hidden.answered is None and hidden.share is None


def test_small_groups_are_hidden_and_so_is_the_next_smallest_when_one_alone_would_show():
    shown = suppress_small_cells({"nl": 30, "ar": 12, "ti": 3, "uk": 8}, k=5)
    assert shown == {"nl": 30, "ar": 12, "ti": None, "uk": None, "total": 53}


def test_two_small_groups_protect_each_other_and_a_small_total_hides_everything():
    assert suppress_small_cells({"nl": 30, "ar": 2, "ti": 3}, k=5) == {"nl": 30, "ar": None, "ti": None, "total": 35}
    assert suppress_small_cells({"nl": 3, "ar": 1}, k=5) == {"nl": None, "ar": None, "total": None}
    assert suppress_small_cells({"nl": 30, "ar": 0}, k=5) == {"nl": 30, "ar": 0, "total": 30}


def test_hidden_groups_that_together_are_fewer_than_k_are_protected_by_the_next_smallest():
    # a round of 9: 6 Dutch, 1 Arabic, 2 French. Showing the Dutch 6 beside the total 9 gave the other 3
    assert suppress_small_cells({"nl": 6, "ar": 1, "fr": 2}, k=5) == {"nl": None, "ar": None, "fr": None, "total": 9}
    assert shown_values({"nl": 6, "ar": 1, "fr": 2}, k=5) == set()
    assert shown_values({"nl": 30, "ar": 2, "fr": 3}, k=5) == {"nl"}, "2 + 3 hidden together are 5: enough"


@pytest.mark.parametrize("k", [3, 5])
def test_what_a_shown_group_leaves_out_is_at_least_k_people_or_nobody(k):
    import random

    rng = random.Random(k * 7)
    for _ in range(300):
        counts = {f"g{i}": rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12]) for i in range(rng.randint(1, 5))}
        total = sum(counts.values())
        for group in (g for g in shown_values(counts, k) if counts[g]):  # an empty group shows nobody
            left_out = total - counts[group]
            assert left_out == 0 or left_out >= k, (counts, group)
        hidden = [n for group, n in counts.items() if group not in shown_values(counts, k) and n]
        assert not hidden or sum(hidden) >= k or total < k, counts


def test_subtracting_visible_cells_from_totals_never_gives_a_hidden_cell():
    table = pd.DataFrame({"kiosk": [20, 3, 10, 0], "phone": [6, 7, 1, 9], "paper": [12, 0, 2, 8]},
                         index=["nl", "ar", "ti", "uk"])
    shown = suppress_table(table, k=5)
    assert pd.isna(shown.at["ar", "kiosk"]) and pd.isna(shown.at["ti", "phone"]) and pd.isna(shown.at["ti", "paper"])
    for line in [shown.loc[row] for row in shown.index] + [shown[column] for column in shown.columns]:
        hidden = line.isna().sum()
        assert hidden != 1, f"one hidden cell alone in {line.name}: total minus the rest would reveal it"
    # the differencing attack itself: for every line with a visible total, total - visible cells
    # is either the exact sum of two or more hidden cells (never one) or nothing is hidden
    for row in table.index:
        line = shown.loc[row]
        if not pd.isna(line["total"]):
            remainder = line["total"] - line.drop("total").sum()
            hidden_cells = line.drop("total").isna().sum()
            assert hidden_cells == 0 or hidden_cells >= 2, (row, remainder)


@pytest.mark.parametrize("k", [3, 5, 10])
def test_no_table_of_random_counts_leaves_a_lone_hidden_cell(k):
    import random

    rng = random.Random(k)
    for _ in range(200):
        rows, columns = rng.randint(1, 5), rng.randint(1, 4)
        table = pd.DataFrame([[rng.choice([0, 1, 2, 3, 4, 6, 9, 15, 40]) for _ in range(columns)]
                              for _ in range(rows)])
        shown = suppress_table(table, k=k)
        original = pd.concat([table, table.sum(axis=1).rename("total")], axis=1)
        for r, c in itertools.product(table.index, table.columns):
            if 0 < original.at[r, c] < k:
                assert pd.isna(shown.at[r, c])
        for line in [shown.loc[r] for r in shown.index] + [shown[c] for c in shown.columns]:
            assert line.isna().sum() != 1


def test_a_second_version_of_a_table_hides_every_cell_the_first_one_hides():
    first = pd.DataFrame({"2024": [20, 3, 12], "2025": [9, 8, 30]}, index=["a", "b", "c"])
    hidden = {(r, c) for r, line in suppress_table(first, k=5).iterrows() for c, n in line.items() if pd.isna(n)}
    second = first.copy()
    second.loc["c"] = 0  # a row left out of the second version
    again = suppress_table(second, k=5, hidden=hidden)
    for row, column in hidden:
        if second.get(column, pd.Series(dtype=int)).get(row, 1):
            assert pd.isna(again.at[row, column]), (row, column)
    for line in [again.loc[r] for r in again.index] + [again[c] for c in again.columns]:
        assert line.isna().sum() != 1


def test_trust_flags_name_answers_given_with_staff_beside_them_without_calling_them_too_good():
    assert Trust(20, 20, 2, 0, assisted=15).flags() == ["assisted"]
    assert not Trust(20, 20, 2, 0, assisted=15).too_good
    assert Trust(20, 20, 9, 0, assisted=4).flags() == ["ceiling"] and Trust(20, 20, 9, 0).too_good
    assert Trust(10, 8, 4, 0, 5) + Trust(10, 10, 0, 3, 0) == Trust(20, 18, 4, 3, 5)
