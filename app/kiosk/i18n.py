"""The respondent pages' own translation domain, complete in every respondent language."""

from flask_babel import Domain

respondent = Domain(domain="respondent")
