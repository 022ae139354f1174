from tests.access import centre_management

EXPECTED = {
    # a coordinator of another centre sees their own centre's log
    "audit.index": {"GET": centre_management(on_record=False)},
}
