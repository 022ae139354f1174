"""The expected answer of every route for every kind of visitor, one module per feature.

Each module defines ``EXPECTED = {endpoint: {method: {visitor: status or tuple of statuses}}}``.
Visitors (see world.py): anonymous, admin, network, coordinator, worker (assigned to the
project), unassigned (a social worker of the same centre, not on the project), other_centre (the
coordinator of another centre). URL parameters are filled from the world: every id names a
record of centre A.
"""

import importlib
import pkgutil

VISITORS = ("anonymous", "admin", "network", "coordinator", "worker", "unassigned", "other_centre")
#: a POST whose empty form is refused, redirected or accepted: anything but an access refusal
ACTED = (200, 302, 303, 400)


def expected_routes() -> dict:
    merged: dict = {}
    for module in pkgutil.iter_modules(__path__):
        if module.name == "world":
            continue
        table = importlib.import_module(f"{__name__}.{module.name}").EXPECTED
        overlap = merged.keys() & table.keys()
        assert not overlap, f"endpoints listed twice: {overlap}"
        merged.update(table)
    return merged


def same_for_all(status) -> dict:
    return dict.fromkeys(VISITORS, status)


def staff_only(ok=200, network=None) -> dict:
    """Any logged-in staff member; a visitor is sent to the login page."""
    return {**dict.fromkeys(VISITORS, ok), "anonymous": 302, **({"network": network} if network else {})}


def project_work(ok=200) -> dict:
    """Work on one project of centre A: its centre's staff on the project; 404 to others, 403 to the network."""
    return {"anonymous": 302, "admin": ok, "network": 403, "coordinator": ok, "worker": ok, "unassigned": 404,
            "other_centre": 404}


def centre_management(ok=200, on_record=True) -> dict:
    """Managing centre A (its users, its projects): administrators and A's coordinator."""
    return {"anonymous": 302, "admin": ok, "network": 403, "coordinator": ok, "worker": 403, "unassigned": 403,
            "other_centre": 404 if on_record else ok}


def admin_only(ok=200) -> dict:
    return {**dict.fromkeys(VISITORS, 403), "anonymous": 302, "admin": ok}
