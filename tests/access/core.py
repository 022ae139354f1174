from tests.access import same_for_all

EXPECTED = {
    "static": {"GET": same_for_all(200)},
    "kiosk.static": {"GET": same_for_all(200)},
    "kiosk.respond": {"GET": same_for_all(200)},
    "kiosk.service_worker": {"GET": same_for_all(200)},
    "kiosk.audio": {"GET": same_for_all(404)},  # the demo questionnaire has no recordings
    "kiosk.submit": {"POST": same_for_all(400)},  # an empty body
    "ops.health": {"GET": same_for_all(200)},
}
