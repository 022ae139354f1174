"""Trust and mode flags in words, for every table that compares or adds up groups (AMIF, centre, network)."""

from flask_babel import gettext as _

from analysis.quality import CEILING_WARNING, STRAIGHTLINING_WARNING, Trust


def flag_words(trust: Trust) -> list[str]:
    """The flags of a group's answers, in words with their shares; empty when there is no warning."""
    words = {"ceiling": (_("%(share)s gave the best face to every question"), trust.ceiling_share),
             "straightlining": (_("%(share)s gave the same answer three or more times in a row"),
                                trust.straightlining_share),
             "assisted": (_("%(share)s answered with a member of staff beside them"), trust.assisted_share)}
    return [words[flag][0] % {"share": f"{round((words[flag][1] or 0) * 100)}%"} for flag in trust.flags()]


def warning_shares() -> dict[str, str]:
    """The shares from which answers look too good to be true, for sentences that name them."""
    return {"ceiling": f"{CEILING_WARNING:.0%}", "straightlining": f"{STRAIGHTLINING_WARNING:.0%}"}
