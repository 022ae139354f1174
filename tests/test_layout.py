"""Where code lives: the questionnaire and the statistics run without the web app, the AMIF table without its page."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def modules_of(package: str) -> list[str]:
    """The package and every module in it, those of its subpackages (surveys.xlsform) too."""
    found = [package]
    for info in pkgutil.walk_packages([str(ROOT / package)], prefix=f"{package}."):
        found.append(info.name)
    return found


def imported_after(modules: list[str]) -> set[str]:
    """The modules a fresh interpreter holds after importing ``modules``."""
    script = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules) \
        + "print('\\n'.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(result.stdout.split())


@pytest.mark.parametrize("package", ["surveys", "analysis"])
def test_the_questionnaire_and_the_statistics_never_import_flask(package):
    flask = sorted(m for m in imported_after(modules_of(package)) if m.split(".")[0] in ("flask", "flask_babel", "app"))
    assert flask == [], f"{package} imports {flask}"


def test_the_amif_table_is_computed_without_the_dashboard_s_routes():
    loaded = imported_after(["app.dashboard.amif_table"])
    assert "app.dashboard.amif_table" in loaded
    assert not {"app.dashboard.views", "app.dashboard.amif"} & loaded
