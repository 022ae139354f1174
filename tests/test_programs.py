"""A test skipped because a program is missing passes on a developer's machine and fails CI."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent

SKIPPED_TESTS = """
import pytest
from tests.programs import missing, needs

@needs("no-such-program-vox", "vox-nothing")
def test_marked():
    pass

def test_skipped_inside():
    pytest.skip(missing("no-such-program-vox", "vox-nothing"))

def test_skipped_for_another_reason():
    pytest.skip("PostgreSQL keeps rows in arrival order")
"""


@pytest.fixture
def run_skipped(pytester, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makepyfile(test_skips=SKIPPED_TESTS)

    def run(*env):
        for name in ("VOX_CI",):
            monkeypatch.delenv(name, raising=False)
        for name in env:
            monkeypatch.setenv(name, "1")
        return pytester.runpytest_subprocess("-p", "tests.programs", "-rs")

    return run


def test_on_a_machine_without_the_program_the_tests_are_skipped_with_what_to_install(run_skipped):
    result = run_skipped()
    result.assert_outcomes(skipped=3)
    result.stdout.fnmatch_lines(["*missing program: no-such-program-vox (apt-get install vox-nothing)*"])


def test_in_ci_a_test_skipped_for_a_missing_program_fails_the_run(run_skipped):
    result = run_skipped("VOX_CI")
    result.assert_outcomes(skipped=1, errors=1, failed=1)
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*CI runs every test, and this one was skipped: missing program: no-such-program*"])


def test_ci_refuses_to_run_the_suite_without_postgresql():
    env = {key: value for key, value in os.environ.items() if key != "TEST_DATABASE_URL"}
    result = subprocess.run(["bash", "tests/run.sh"], cwd=ROOT, env={**env, "VOX_CI": "1"}, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1 and "set TEST_DATABASE_URL" in result.stderr and "== tests" not in result.stdout
