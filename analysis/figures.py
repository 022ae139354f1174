"""Charts for the dashboards (plotly), readable without colour: patterns and numbers on every bar."""

import textwrap
from collections.abc import Sequence

import plotly.graph_objects as go

from .summaries import Summary

#: worst to best: a red-blue scale that colour-blind readers can tell apart, plus a pattern per face
FACE_COLOURS = {"1": "#b2182b", "2": "#ef8a62", "3": "#d9d9d9", "4": "#67a9cf", "5": "#2166ac"}
FACE_PATTERNS = {"1": "x", "2": "/", "3": "", "4": ".", "5": "+"}
LAYOUT = {"template": "none", "font": {"family": "system-ui, Noto Sans, sans-serif", "size": 13},
          "margin": {"l": 10, "r": 10, "t": 50, "b": 30}, "barmode": "relative", "bargap": 0.35,
          "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"}}
#: ticks of the diverging chart: shares on both sides read as positive numbers, away from the middle
SHARE_TICKS = {"tickvals": [-100, -50, 0, 50, 100], "ticktext": ["100%", "50%", "0", "50%", "100%"]}
#: a label that fits nowhere inside its bar at this size is left out (the numbers are in the table and on hover)
BAR_TEXT = {"minsize": 11, "mode": "hide"}
#: question labels are wrapped at this many characters
LABEL_WIDTH = 38
#: about the width of a character of a label, in pixels (13 px system-ui), to leave room for labels beforehand
CHAR_WIDTH = 6.5


#: stacking order from zero outwards: the middle face is split over both sides
SEGMENTS = [("3", -0.5), ("2", -1), ("1", -1), ("3", 0.5), ("4", 1), ("5", 1)]


def diverging_faces(rows: Sequence[tuple[str, Summary]], face_labels: dict[str, str],
                    sides: tuple[str, str] = ("unhappy", "happy"), aligned_with: Sequence[str] = ()) -> go.Figure:
    """One bar per question: unhappy faces left of zero, happy ones right of it, the middle face split.

    ``face_labels`` names the faces the questions show, and only those get a bar segment and a legend entry.

    ``sides`` names the two halves under the axis ("← unhappy | happy →"). Each share is written once, level and
    inside its own segment, or not at all when it does not fit: labels never overlap or turn sideways.
    Charts drawn one above the other get the same ``aligned_with`` (every question label of them all), so that
    their zero lines fall on one line.
    """
    visible = [(label, summary) for label, summary in rows if not summary.hidden]
    labels = [wrapped(label) for label, _ in visible]
    figure = go.Figure()
    for value, side in SEGMENTS:
        if value not in face_labels:  # a face none of these questions shows (2 and 4 of a 3-point scale)
            continue
        shares = [_face_share(summary, value) * 100 for _, summary in visible]
        left_half_of_middle = value == "3" and side < 0
        figure.add_bar(
            y=labels, x=[share * side for share in shares], orientation="h",
            name=face_labels[value], legendgroup=value, legendrank=int(value), showlegend=not left_half_of_middle,
            marker={"color": FACE_COLOURS[value], "line": {"color": "#222", "width": 0.5},
                    "pattern": {"shape": FACE_PATTERNS[value], "fillmode": "overlay", "fgopacity": 0.45,
                                "solidity": 0.2}},
            text=["" if left_half_of_middle else _percent(share) for share in shares],
            textposition="inside", insidetextanchor="middle", textangle=0, constraintext="inside",
            textfont={"shadow": "auto", "weight": 600}, customdata=shares,
            hovertemplate="%{y}: " + face_labels[value] + " %{customdata:.0f}%<extra></extra>")
    lines = max((label.count("<br>") + 1 for label in labels), default=1)
    longest = max((len(line) for label in [*labels, *map(wrapped, aligned_with)] for line in label.split("<br>")),
                  default=0)
    figure.update_layout(**{**LAYOUT, "margin": {**LAYOUT["margin"], "l": 10 + round(longest * CHAR_WIDTH),
                                                 "r": 40, "b": 60}},
                         height=140 + (34 + 18 * lines) * len(visible), uniformtext=BAR_TEXT,
                         xaxis={"range": [-100, 100], **SHARE_TICKS, "zeroline": True, "zerolinewidth": 2,
                                "title": {"text": f"← {sides[0]}   |   {sides[1]} →", "standoff": 8}},
                         yaxis={"autorange": "reversed", "automargin": True})
    return figure


def wrapped(label: str, width: int = LABEL_WIDTH) -> str:
    """A long label on several lines, for the axis beside a chart."""
    return "<br>".join(textwrap.wrap(label, width)) or label


def _face_share(summary: Summary, value: str) -> float:
    for face, _count, part in summary.distribution:
        if face == value:
            return part
    return 0.0


def _percent(value: float) -> str:
    return f"{value:.0f}%" if value >= 4 else ""


#: line styles that tell series apart without colour
DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "star"]


def trend(labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]]) -> go.Figure:
    """Satisfaction (0-100) round by round, one line per question; a hidden round leaves a gap."""
    figure = go.Figure()
    for index, (name, values) in enumerate(series):
        figure.add_scatter(
            x=list(labels), y=list(values), name=name, mode="lines+markers+text",
            text=[f"{v:.0f}" if v is not None else "" for v in values], textposition="top center",
            marker={"size": 9, "symbol": SYMBOLS[index % len(SYMBOLS)], "color": "#1d4e89"},
            line={"dash": DASHES[index % len(DASHES)], "width": 2, "color": "#1d4e89"}, connectgaps=False,
            hovertemplate=name + " · %{x}: %{y:.0f}/100<extra></extra>")
    figure.update_layout(**{**LAYOUT, "barmode": "group"}, height=300 + 22 * len(series),
                         yaxis={"range": [0, 110], "automargin": True}, xaxis={"type": "category", "automargin": True})
    return figure


def response_rate(rows: Sequence[tuple[str, int | None, int | None]], labels: tuple[str, str]) -> go.Figure:
    """Per round: how many attended and how many answered, side by side, with the numbers on the bars."""
    names = [name for name, _, _ in rows]
    attended = [a for _, _, a in rows]
    answered = [r for _, r, _ in rows]
    figure = go.Figure()
    figure.add_bar(x=names, y=attended, name=labels[0], marker={"color": "#c7d3e3", "line": {"color": "#222"},
                                                                 "pattern": {"shape": "/"}},
                   text=[str(a) if a is not None else "" for a in attended], textposition="outside")
    figure.add_bar(x=names, y=answered, name=labels[1], marker={"color": "#1d4e89"},
                   text=[str(r) if r is not None else "" for r in answered], textposition="outside")
    figure.update_layout(**{**LAYOUT, "barmode": "group"}, height=300, yaxis={"automargin": True},
                         xaxis={"type": "category", "automargin": True})
    return figure


def choice_bars(summary: Summary, labels: dict[str, str]) -> go.Figure:
    """How often each option was chosen, as a share of those who answered."""
    values = [(labels.get(value, value), part * 100, count) for value, count, part in summary.distribution]
    figure = go.Figure(go.Bar(
        y=[label for label, _, _ in values], x=[part for _, part, _ in values], orientation="h",
        marker={"color": "#1d4e89"}, text=[f"{part:.0f}% ({count})" for _, part, count in values],
        textposition="outside", cliponaxis=False, hovertemplate="%{y}: %{x:.0f}%<extra></extra>"))
    figure.update_layout(**{**LAYOUT, "barmode": "group"}, height=70 + 34 * len(values), showlegend=False,
                         xaxis={"range": [0, 115], "ticksuffix": "%"}, yaxis={"autorange": "reversed",
                                                                            "automargin": True})
    return figure
