from tests.access import ACTED, admin_only, centre_management

EXPECTED = {
    "admin.centres": {"GET": admin_only(200)},
    "admin.new_centre": {"GET": admin_only(200), "POST": admin_only(ACTED)},
    "admin.edit_centre": {"GET": admin_only(200), "POST": admin_only(ACTED)},
    # a coordinator of another centre may create projects and users, but only in their own centre
    "admin.new_project": {"GET": centre_management(on_record=False), "POST": centre_management(ACTED, False)},
    "admin.edit_project": {"GET": centre_management(), "POST": centre_management(ACTED)},
    "admin.users": {"GET": centre_management(on_record=False)},
    "admin.new_user": {"GET": centre_management(on_record=False), "POST": centre_management(ACTED, False)},
    "admin.edit_user": {"GET": centre_management(), "POST": centre_management(ACTED)},
    "admin.reset_password": {"POST": centre_management(ACTED)},
}
