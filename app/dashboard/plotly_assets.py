"""plotly's JavaScript and stylesheet, served from the installed package (never a CDN)."""

import re
from functools import cache
from pathlib import Path

import plotly

PLOTLY_JS = Path(plotly.__path__[0]) / "package_data" / "plotly.min.js"


@cache
def plotly_css() -> str:
    """The style rules plotly would inject at run time (blocked by our CSP), written out as a stylesheet.

    plotly keeps them in its bundle as ``"X selector": "declarations"`` pairs, X standing for
    ``.js-plotly-plot .plotly`` and Y for ``.plotly-notifier``.
    """
    rules = re.findall(r'"((?:X|Y)[^"]*)":"([^"]*)"', PLOTLY_JS.read_text())
    selectors = (selector.replace("X", ".js-plotly-plot .plotly").replace("Y", ".plotly-notifier")
                 for selector, _ in rules)
    return "\n".join(f"{selector} {{{declarations}}}" for selector, (_, declarations) in zip(selectors, rules,
                                                                                            strict=True))
