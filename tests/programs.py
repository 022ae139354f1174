"""Programs some tests run (Chromium, espeak-ng, opusenc, pdftotext, pdftoppm).

Without its program a test is skipped, with the reason and the package to install, so that ``make test`` passes
on any machine; in CI (VOX_CI=1, set by .ci/run, which installs them all) such a skip fails the run instead.
"""

import os
import shutil

import pytest

#: every reason of a skip for a missing program starts so
MISSING = "missing program:"


def missing(program: str, package: str) -> str | None:
    """Why tests that run ``program`` cannot run here; None when it is installed."""
    return None if shutil.which(program) else f"{MISSING} {program} (apt-get install {package})"


def needs(program: str, package: str) -> pytest.MarkDecorator:
    """Mark a test that runs ``program`` (of the Debian ``package``)."""
    reason = missing(program, package)
    return pytest.mark.skipif(reason is not None, reason=reason or "")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI a skip for a missing program is a failure: a green run must have run every test."""
    report = yield
    if report.skipped and os.environ.get("VOX_CI") == "1" and MISSING in str(report.longrepr):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        report.outcome = "failed"
        report.longrepr = f"CI runs every test, and this one was skipped: {reason}"
    return report
