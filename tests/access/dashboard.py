from tests.access import centre_management, project_work, staff_only

EXPECTED = {
    "dashboard.index": {"GET": staff_only()},
    "dashboard.project": {"GET": project_work()},
    "dashboard.centre": {"GET": centre_management()},
    "dashboard.network": {"GET": {"anonymous": 302, "admin": 200, "network": 200, "coordinator": 403, "worker": 403,
                                  "unassigned": 403, "other_centre": 403}},
    "dashboard.plotly_js": {"GET": staff_only()},
    "dashboard.plotly_css": {"GET": staff_only()},
    "dashboard.static": {"GET": staff_only(200) | {"anonymous": 200}},
    # the AMIF indicator table: each sees the projects they may see (the network and admins: all, aggregates only)
    "dashboard.amif": {"GET": staff_only()},
    "dashboard.amif_csv": {"GET": staff_only()},
    "dashboard.amif_xlsx": {"GET": staff_only()},
    # a project's aggregated results and printable report: like its dashboard
    "dashboard.results_csv": {"GET": project_work()},
    "dashboard.results_xlsx": {"GET": project_work()},
    "dashboard.report": {"GET": project_work()},
    # response-level data: the centre's coordinators and administrators only; never workers or the network
    "dashboard.responses_csv": {"GET": centre_management()},
    "dashboard.responses_xlsx": {"GET": centre_management()},
}
