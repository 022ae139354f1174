"""Where code lives: the questionnaire and the statistics run without the web app, the AMIF table without its page,
no package imports one that imports it back, and every package with pages has the same shape."""

import ast
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def modules_of(package: str) -> list[str]:
    """The package and every module in it, those of its subpackages (surveys.xlsform) too."""
    found = [package]
    for info in pkgutil.walk_packages([str(ROOT / package)], prefix=f"{package}."):
        found.append(info.name)
    return found


def imported_after(modules: list[str]) -> set[str]:
    """The modules a fresh interpreter holds after importing ``modules``."""
    script = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules) \
        + "print('\\n'.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(result.stdout.split())


@pytest.mark.parametrize("package", ["surveys", "analysis"])
def test_the_questionnaire_and_the_statistics_never_import_flask(package):
    flask = sorted(m for m in imported_after(modules_of(package)) if m.split(".")[0] in ("flask", "flask_babel", "app"))
    assert flask == [], f"{package} imports {flask}"


def test_the_amif_table_is_computed_without_the_dashboard_s_routes():
    loaded = imported_after(["app.dashboard.amif_table"])
    assert "app.dashboard.amif_table" in loaded
    assert not {"app.dashboard.views", "app.dashboard.amif"} & loaded


# -- packages: who imports whom, and where each package keeps its pieces --------------------------------------

APP = ROOT / "app"
#: the app factory wires every package together, so it is above them all and no node of the graph
FACTORY = "app"


def module_file(module: str) -> Path:
    path = ROOT.joinpath(*module.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def node_of(module: str) -> str:
    """The package a module belongs to: ``app.<package>`` (a top-level module of app counts as one), or surveys, or
    analysis."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "app" else parts[0]


def is_type_checking(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def module_level_imports(module: str) -> list[str]:
    """What ``module`` imports when it is loaded: its top-level statements (and their ``if``/``try`` blocks); not
    what a function imports when it runs, nor what ``if TYPE_CHECKING:`` names for type checkers only."""
    path = module_file(module)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for statement in ast.parse(path.read_text()).body:
        if is_type_checking(statement) or isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for node in ast.walk(statement):
            if isinstance(node, ast.Import):
                found += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
                target = ".".join(base + ([node.module] if node.module else []))
                found += [f"{target}.{alias.name}" for alias in node.names] if node.module is None else [target]
    return found


def package_graph() -> dict[str, set[str]]:
    """Which package imports which, from every module of app/, surveys/ and analysis/ (each of them imported too)."""
    modules = [m for package in ("app", "surveys", "analysis") for m in modules_of(package)]
    for module in modules:
        importlib.import_module(module)
    graph: dict[str, set[str]] = {}
    for module in modules:
        if module == FACTORY:
            continue
        for target in module_level_imports(module):
            ours = target.split(".")[0] in ("app", "surveys", "analysis")
            if ours and node_of(target) not in (FACTORY, node_of(module)):
                graph.setdefault(node_of(module), set()).add(node_of(target))
    return graph


def a_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One path that comes back to where it started, or [] when the graph has none."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str]:
        if node in path:
            return path[path.index(node):] + [node]
        if node in done:
            return []
        for target in sorted(graph.get(node, ())):
            if found := visit(target, path + [node]):
                return found
        done.add(node)
        return []

    return next((found for node in sorted(graph) if (found := visit(node, []))), [])


def test_no_package_imports_one_that_imports_it_back():
    graph = package_graph()
    assert graph["app.kiosk"] >= {"app.rounds", "app.responses", "app.voices"}, "the graph reads the imports"
    assert a_cycle(graph) == [], " -> ".join(a_cycle(graph))


def test_a_cycle_is_found_where_there_is_one():
    assert a_cycle({"a": {"b"}, "b": {"c"}, "c": {"a", "d"}}) == ["a", "b", "c", "a"]
    assert a_cycle({"a": {"b", "c"}, "b": {"c"}}) == []


def route_modules(package: Path) -> list[str]:
    """The modules of a package that put routes on a blueprint (``@bp.route``)."""
    return sorted(path.stem for path in package.glob("*.py") if "@bp.route(" in path.read_text())


def app_packages() -> list[Path]:
    return sorted(path.parent for path in APP.glob("*/__init__.py"))


def test_each_package_with_pages_makes_its_blueprint_in_blueprint_py_and_keeps_templates_under_its_name():
    from app import BLUEPRINTS, ROUTE_MODULES

    with_pages = []
    for package in app_packages():
        name, routes = package.name, route_modules(package)
        makers = sorted(path.name for path in package.glob("*.py") if "Blueprint(" in path.read_text())
        if routes:
            with_pages.append(name)
            assert makers == ["blueprint.py"], f"{name}: the blueprint is made in {makers}, not in blueprint.py alone"
            assert f'Blueprint("{name}", ' in (package / "blueprint.py").read_text(), f"{name}: its endpoints' prefix"
        for module in routes:
            imports = [node for node in ast.parse((package / f"{module}.py").read_text()).body
                       if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module == "blueprint"]
            assert imports, f"{name}.{module} takes bp from .blueprint"
            assert f"{name}.{module}" in ROUTE_MODULES, f"{name}.{module}: the app factory never imports its routes"
        templates = package / "templates"
        if templates.exists():
            assert [path.name for path in templates.iterdir()] == [name], f"{name}: templates go in templates/{name}/"
    assert sorted(BLUEPRINTS) == with_pages
    assert with_pages == ["accounts", "admin", "audit", "dashboard", "kiosk", "library", "main", "ops", "rounds",
                          "voices"]


def test_every_module_of_the_app_imports_before_anything_else():
    """No import at the bottom of a module to get round a cycle (``from . import x  # noqa: E402``)."""
    late = []
    for path in sorted(APP.rglob("*.py")):
        body = ast.parse(path.read_text()).body
        first_code = next((i for i, node in enumerate(body) if not isinstance(
            node, (ast.Import, ast.ImportFrom, ast.Expr, ast.If, ast.Assign, ast.AnnAssign))), len(body))
        late += [f"{path.relative_to(ROOT)}:{node.lineno}" for node in body[first_code:]
                 if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert late == []


def test_every_table_is_declared_in_its_package_s_models_py():
    """A reader looking for what a package stores opens its models.py and finds all of it."""
    from app.extensions import db

    importlib.import_module("app.models")
    elsewhere = sorted(f"{mapper.class_.__module__}.{mapper.class_.__name__}" for mapper in db.Model.registry.mappers
                       if not mapper.class_.__module__.endswith(".models"))
    assert elsewhere == []
    tables = {table.name for table in db.metadata.sorted_tables}
    declared = {mapper.local_table.name for mapper in db.Model.registry.mappers} | {"project_members"}
    assert tables == declared, "every table has a model (or is the one association table) and app.models imports it"


def test_no_function_imports_a_module_late_except_the_app_factory():
    """An import inside a function hides a dependency (often one that goes the wrong way round a cycle)."""
    late = []
    for path in sorted(APP.rglob("*.py")):
        if path == APP / "__init__.py":  # the factory registers the CLI groups and the models when it runs
            continue
        for function in ast.walk(ast.parse(path.read_text())):
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                late += [f"{path.relative_to(ROOT)}:{node.lineno}" for node in ast.walk(function)
                         if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert late == []
