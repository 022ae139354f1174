"""What respondents hear: a questionnaire's texts and a centre's recordings of them (the world's questionnaire is
centre A's), and the sounds respondents fetch."""

from tests.access import same_for_all
from tests.access.library import SEE_CENTRE_A, change_centre_a

EXPECTED = {
    "voices.page": {"GET": SEE_CENTRE_A},
    # which text is not said: back to the page, which says so; the administrator records for centre A
    "voices.record": {"POST": change_centre_a(302)},
    "voices.delete": {"POST": change_centre_a(302)},
    # centre A has no recordings to download: back to the page, which says so
    "voices.export_recordings": {"GET": change_centre_a(302)},
    "voices.import_recordings": {"POST": change_centre_a(400)},  # no file sent
    "voices.clip": {"GET": same_for_all(404)},  # a clip that was never made; public, like the page it serves
    "voices.recording": {"GET": same_for_all(404)},  # a centre's recording that does not exist; public too
}
