from tests.access import ACTED, same_for_all, staff_only

EXPECTED = {
    "accounts.login": {"GET": same_for_all(200), "POST": same_for_all(200)},  # an empty form is shown again
    "accounts.logout": {"POST": staff_only(302)},
    "accounts.settings": {"GET": staff_only(200), "POST": staff_only(ACTED)},
}
