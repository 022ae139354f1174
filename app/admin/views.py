"""Managing centres, projects and user accounts.

Administrators manage everything; a centre coordinator manages their own centre's projects and
its coordinators and social workers. Records are loaded through app.access, so anything of
another centre answers 404.
"""

from flask import abort, current_app, flash, make_response, redirect, render_template, request, url_for
from flask_babel import _
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from wtforms.fields.choices import SelectChoice

from ..access import centre_or_404, managed_user_or_404, project_or_404
from ..accounts.models import User
from ..centres.models import Organisation, Project
from ..extensions import db
from ..numbers import query_number
from ..ops.retention import NextDeletion, next_deletion
from ..roles import CENTRE_ROLES, CENTRELESS_ROLES, Role, admin_required, is_admin, roles_required
from . import operations
from .blueprint import bp
from .forms import ROLE_LABELS, CentreForm, ProjectForm, UserForm, role_choices


@bp.app_template_filter("role_label")
def role_label(role: str) -> str:
    return str(ROLE_LABELS.get(role, role))


# Centres (administrators only)


@bp.route("/centres")
@admin_required
def centres():
    def count(model):
        return select(func.count(model.id)).where(model.organisation_id == Organisation.id).scalar_subquery()

    rows = db.session.execute(select(Organisation, count(Project), count(User)).order_by(Organisation.name)).all()
    return render_template("admin/centres.html", rows=rows)


@bp.route("/centres/new", methods=["GET", "POST"])
@admin_required
def new_centre():
    form = CentreForm()
    if form.validate_on_submit():
        centre = operations.create_centre(form.name.data)
        db.session.commit()
        flash(_("Centre “%(name)s” created. Next: add its projects and its people.", name=centre.name), "info")
        return redirect(url_for(".centres"))
    return render_template("admin/centre_form.html", form=form, centre=None)


@bp.route("/centres/<int:centre_id>/edit", methods=["GET", "POST"])
@admin_required
def edit_centre(centre_id: int):
    centre = centre_or_404(centre_id)
    form = CentreForm(obj=centre, centre=centre)
    if form.validate_on_submit():
        operations.rename_centre(centre, form.name.data)
        db.session.commit()
        flash(_("Centre “%(name)s” saved.", name=centre.name), "info")
        return redirect(url_for(".centres"))
    return render_template("admin/centre_form.html", form=form, centre=centre)


# Projects


@bp.route("/projects/new", methods=["GET", "POST"])
@roles_required(Role.COORDINATOR)
def new_project():
    centre = chosen_centre()
    if centre is None:
        return choose_centre(_("New project"), with_none=False)
    form = ProjectForm(centre=centre)
    form.workers.choices = worker_choices(centre)
    if form.validate_on_submit():
        project = operations.create_project(centre, form.name.data, form.description.data or "",
                                            chosen(centre_workers(centre), form.workers.data),
                                            form.retention_days.data)
        db.session.commit()
        flash(_("Project “%(name)s” created.", name=project.name), "info")
        return redirect(after_project_saved(project))
    return render_template("admin/project_form.html", form=form, centre=centre, project=None,
                           cancel_url=projects_list_url())


@bp.route("/projects/<int:project_id>/edit", methods=["GET", "POST"])
@roles_required(Role.COORDINATOR)
def edit_project(project_id: int):
    project = project_or_404(project_id)
    form = ProjectForm(obj=project, centre=project.organisation, project=project)
    form.workers.choices = worker_choices(project.organisation)
    if not form.is_submitted():
        form.workers.data = [worker.id for worker in operations.project_workers(project)]
    deletion = None
    if form.validate_on_submit():
        deletion = deletion_to_confirm(project, form)
        if deletion is None:
            operations.update_project(project, form.name.data, form.description.data or "",
                                      chosen(centre_workers(project.organisation), form.workers.data),
                                      form.retention_days.data)
            db.session.commit()
            flash(_("Project “%(name)s” saved.", name=project.name), "info")
            return redirect(after_project_saved(project))
        form.retention_confirmed.data = str(deletion.days)
    days = form.retention_days.data if form.is_submitted() and not form.retention_days.errors \
        else project.retention_days
    return render_template("admin/project_form.html", form=form, centre=project.organisation, project=project,
                           cancel_url=after_project_saved(project), deletion=deletion,
                           retention=next_deletion(project, days) if days else None)


def deletion_to_confirm(project: Project, form: ProjectForm) -> NextDeletion | None:
    """The responses a changed retention would delete tonight, unless the user has seen them and saved again."""
    days = form.retention_days.data
    if not days or days == project.retention_days or form.retention_confirmed.data == str(days):
        return None
    deletion = next_deletion(project, days)
    return deletion if deletion.responses else None


def centre_workers(centre: Organisation) -> list[User]:
    return list(db.session.scalars(select(User).where(User.organisation_id == centre.id, User.role == Role.WORKER)
                                   .order_by(User.name)))


def worker_choices(centre: Organisation) -> list[SelectChoice]:
    return [SelectChoice(worker.id, worker.name if worker.active else _("%(name)s (cannot log in)", name=worker.name))
            for worker in centre_workers(centre)]


def after_project_saved(project: Project) -> str:
    """The project's page when it exists; else the project's own form."""
    if "rounds.project" in current_app.view_functions:
        return url_for("rounds.project", project_id=project.id)
    return url_for(".edit_project", project_id=project.id)


def projects_list_url() -> str:
    return url_for("rounds.projects") if "rounds.projects" in current_app.view_functions else url_for("main.index")


# Users


@bp.route("/users")
@roles_required(Role.COORDINATOR)
def users():
    query = (select(User).outerjoin(User.organisation).options(selectinload(User.projects))
             .order_by(User.organisation_id.is_not(None), Organisation.name, User.name))
    if not is_admin():
        query = query.where(User.organisation_id == current_user.organisation_id)
    return render_template("admin/users.html", users=db.session.scalars(query).all())


@bp.route("/users/new", methods=["GET", "POST"])
@roles_required(Role.COORDINATOR)
def new_user():
    centre = chosen_centre()
    if centre is None and not no_centre_chosen():
        return choose_centre(_("New user"), with_none=True)
    form = user_form(centre)
    del form.active
    if not form.is_submitted():  # the usual case: a social worker who speaks the creator's language
        form.locale.data = current_user.locale
        form.role.data = str(Role.WORKER if centre else Role.NETWORK)
    if form.validate_on_submit():
        user, password = operations.create_user(
            name=form.name.data, email=form.email.data, role=Role(form.role.data), centre=centre,
            locale=form.locale.data, projects=chosen_projects(centre, form))
        db.session.commit()
        return password_page(user, password, created=True)
    return render_template("admin/user_form.html", form=form, centre=centre, account=None)


@bp.route("/users/<int:user_id>/edit", methods=["GET", "POST"])
@roles_required(Role.COORDINATOR)
def edit_user(user_id: int):
    account = managed_user_or_404(user_id)
    form = user_form(account.organisation, obj=account, account=account)
    if account.id == current_user.id:  # nobody locks themselves out: another person changes these
        del form.role, form.active
    if not form.is_submitted() and "projects" in form:
        form.projects.data = [project.id for project in account.projects]
    if form.validate_on_submit():
        operations.update_user(
            account, name=form.name.data, email=form.email.data, locale=form.locale.data,
            role=Role(form.role.data) if "role" in form else Role(account.role),
            active=form.active.data if "active" in form else account.active,
            projects=chosen_projects(account.organisation, form))
        db.session.commit()
        flash(_("Account of %(name)s saved.", name=account.name), "info")
        return redirect(url_for(".users"))
    return render_template("admin/user_form.html", form=form, centre=account.organisation, account=account,
                           may_reset=may_reset_password(account))


@bp.route("/users/<int:user_id>/password", methods=["POST"])
@roles_required(Role.COORDINATOR)
def reset_password(user_id: int):
    account = managed_user_or_404(user_id)
    if not may_reset_password(account):
        abort(403)
    password = operations.reset_password(account)
    db.session.commit()
    return password_page(account, password, created=False)


def user_form(centre: Organisation | None, **kwargs) -> UserForm:
    """The account form with the roles (and projects) that fit the centre: a centre has no administrators."""
    form = UserForm(**kwargs)
    form.role.choices = role_choices(CENTRE_ROLES if centre else CENTRELESS_ROLES)
    if centre is None:
        del form.projects
    else:
        projects = db.session.scalars(select(Project).where(Project.organisation_id == centre.id)
                                      .order_by(Project.name)).all()
        form.projects.choices = [SelectChoice(project.id, project.name) for project in projects]
    return form


def chosen_projects(centre: Organisation | None, form: UserForm) -> list[Project]:
    if centre is None or "projects" not in form:
        return []
    return chosen(centre.projects, form.projects.data)


def may_reset_password(account: User) -> bool:
    """Administrators reset anyone's password; coordinators their own centre's social workers'."""
    return is_admin() or account.role == Role.WORKER


def password_page(account: User, password: str, created: bool):
    """The new password, shown this once and never stored by the browser's cache."""
    response = make_response(render_template("admin/password.html", account=account, password=password,
                                             created=created))
    response.headers["Cache-Control"] = "no-store"
    return response


# Choosing the centre of a new project or account


def chosen_centre() -> Organisation | None:
    """A coordinator's own centre; for administrators the centre given by ``?centre_id=``, if any."""
    if not is_admin():
        return centre_or_404(current_user.organisation_id)
    centre_id = query_number("centre_id")
    return centre_or_404(centre_id) if centre_id else None


def no_centre_chosen() -> bool:
    """An administrator asked for an account without a centre (administrator or network coordinator)."""
    return is_admin() and request.args.get("centre_id") == "0"


def choose_centre(title: str, with_none: bool):
    all_centres = db.session.scalars(select(Organisation).order_by(Organisation.name)).all()
    return render_template("admin/choose_centre.html", title=title, centres=all_centres, with_none=with_none)


def chosen(records, ids) -> list:
    """The records whose ids were ticked; ids of anything else are ignored."""
    wanted = set(ids or ())
    return [record for record in records if record.id in wanted]
