"""Vox: anonymous, picture-based feedback for integration projects."""

from importlib import import_module
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import errors, locale, numbers, security
from .config import load_config
from .extensions import babel, csrf, db, limiter, login_manager, migrate
from .logs import configure_logging
from .menu import current_menu_entry, staff_menu

#: the packages with pages, in the order their blueprints are registered
BLUEPRINTS = ("main", "accounts", "kiosk", "admin", "audit", "library", "voices", "rounds", "dashboard", "ops")
#: every module that puts routes on its package's blueprint; a module left out here would lose its routes
ROUTE_MODULES = ("main.views", "accounts.views", "kiosk.views", "kiosk.preview", "admin.views", "audit.views",
                 "library.views", "library.editing", "voices.views", "rounds.views", "dashboard.views",
                 "dashboard.amif", "dashboard.exports", "ops.views")


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: configuration, extensions, blueprints, error handlers, commands."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.update(load_config(app.instance_path))
    if test_config:
        app.config.update(test_config)
    if app.config["VOX_PROXIES"]:
        proxies = app.config["VOX_PROXIES"]
        # the client's address as the first proxy saw it: limits per client (failed logins) count per person
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    register_extensions(app)
    numbers.register(app)
    register_blueprints(app)
    errors.register(app)
    security.register(app)
    register_commands(app)
    configure_logging()
    return app


def register_extensions(app: Flask) -> None:
    from . import models  # noqa: F401  (every model known to SQLAlchemy and Alembic)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"), render_as_batch=True)
    babel.init_app(app, locale_selector=locale.select_locale)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    app.jinja_env.globals.update(current_locale=locale.current_locale, text_direction=locale.text_direction,
                                 staff_menu=staff_menu, current_menu_entry=current_menu_entry)


def register_blueprints(app: Flask) -> None:
    """Each package's blueprint (made in its blueprint.py), once its route modules have put their routes on it."""
    for module in ROUTE_MODULES:
        import_module(f"{__name__}.{module}")
    for package in BLUEPRINTS:
        app.register_blueprint(import_module(f"{__name__}.{package}.blueprint").bp)


def register_commands(app: Flask) -> None:
    from .cli import translate
    from .demo import demo
    from .library.cli import library, surveys_cli
    from .ops.cli import backup, purge, restore
    from .rounds.cli import rounds
    from .voices.cli import speech_cli

    for command in (surveys_cli, library, rounds, translate, demo, purge, backup, restore, speech_cli):
        app.cli.add_command(command)
