"""``flask demo``: fictional centres, projects, accounts, rounds and a few thousand synthetic responses.

Everything here is invented: the centres, the people and the answers. The answers come from a
seeded random generator, so every run tells the same story: some projects do better than others,
one improves, one declines, in one attendance falls, questions are skipped, respondents answer in
several languages and modes, and one project looks too good to be true (assisted rounds, a social
worker beside each respondent, almost everyone tapping the best face). Running it again adds
nothing; ``--reset-passwords`` sets and prints new passwords for the demo accounts.
"""

from .cli import demo

__all__ = ["demo"]
