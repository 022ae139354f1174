from tests.access import same_for_all

EXPECTED = {
    "static": {"GET": same_for_all(200)},
    "kiosk.static": {"GET": same_for_all(200)},
    "kiosk.respond": {"GET": same_for_all(200)},
    "kiosk.service_worker": {"GET": same_for_all(200)},
    "kiosk.audio": {"GET": same_for_all(404)},  # the demo questionnaire has no recordings
    "kiosk.speech": {"GET": same_for_all(404)},  # a clip that was never made; public, like the page it serves
    "kiosk.voice": {"GET": same_for_all(404)},  # a centre's recording that does not exist; public too
    "kiosk.submit": {"POST": same_for_all(400)},  # an empty body
    "ops.health": {"GET": same_for_all(200)},
}
