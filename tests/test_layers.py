"""Each layer stays in its lane: only web modules read the request or build HTTP responses, the domain
layer imports no web module, search imports no importer, and every ``flask`` command lives in portal/cli/."""

from __future__ import annotations

import ast
from pathlib import Path

PORTAL = Path(__file__).resolve().parent.parent / "portal"

# The web layer: the blueprints by audience, the app factory and the request/response plumbing it installs.
WEB_PACKAGES = ("admin", "public", "api", "feeds")
WEB_MODULES = (
    "__init__.py",  # create_app and the locale selector
    "errors.py",
    "security.py",
    "http_cache.py",
    "page_cache.py",  # WSGI middleware of the public pages
    "htmx.py",
    "templating.py",
    "downloads.py",
    "routing.py",
)
DOMAIN_PACKAGES = ("services", "search", "charts", "models", "importers")
# What only a web module may take from Flask (or from htmx_flask, whose `request` wraps Flask's).
REQUEST_NAMES = {"request", "session"}
RESPONSE_NAMES = {"Response", "make_response", "send_file", "send_from_directory", "jsonify", "redirect",
                  "abort", "stream_with_context"}  # fmt: skip


def _modules() -> list[Path]:
    return sorted(p for p in PORTAL.rglob("*.py") if "migrations" not in p.relative_to(PORTAL).parts)


def _is_web(path: Path) -> bool:
    parts = path.relative_to(PORTAL).parts
    return parts[0] in WEB_PACKAGES or (len(parts) == 1 and parts[0] in WEB_MODULES)


def _flask_names(tree: ast.AST) -> set[str]:
    """Names a module takes from flask or htmx_flask: `from flask import x` and `flask.x`."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in ("flask", "htmx_flask"):
            names.update(alias.name for alias in node.names)
        elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
              and node.value.id == "flask"):  # fmt: skip
            names.add(node.attr)
    return names


def _imports(tree: ast.AST) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _parsed(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_the_web_module_list_names_real_files():
    for name in WEB_MODULES:
        assert (PORTAL / name).is_file(), name
    for name in WEB_PACKAGES + DOMAIN_PACKAGES + ("cli",):
        assert (PORTAL / name / "__init__.py").is_file(), name


def test_only_web_modules_read_the_request_or_build_responses():
    offenders = {}
    for path in _modules():
        if _is_web(path):
            continue
        taken = _flask_names(_parsed(path)) & (REQUEST_NAMES | RESPONSE_NAMES)
        if taken:
            offenders[str(path.relative_to(PORTAL))] = sorted(taken)
    assert offenders == {}, "services take the client address as an argument; web modules build responses"


def test_the_domain_layer_imports_no_web_module():
    web = tuple(f"portal.{name}" for name in WEB_PACKAGES + ("cli", "downloads", "htmx", "errors"))
    offenders = {}
    for path in _modules():
        if path.relative_to(PORTAL).parts[0] not in DOMAIN_PACKAGES:
            continue
        bad = {m for m in _imports(_parsed(path)) if any(m == w or m.startswith(w + ".") for w in web)}
        if bad:
            offenders[str(path.relative_to(PORTAL))] = sorted(bad)
    assert offenders == {}


def test_search_imports_no_importer():
    offenders = [str(path.relative_to(PORTAL)) for path in (PORTAL / "search").rglob("*.py")
                 if any(m.startswith("portal.importers") for m in _imports(_parsed(path)))]  # fmt: skip
    assert offenders == []


def _declares_commands(tree: ast.AST) -> bool:
    """An AppGroup made, or a function decorated as a click command or group."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) == "AppGroup"
        ):
            return True
        if isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                if isinstance(target, ast.Attribute) and target.attr in ("command", "group"):
                    return True
    return False


def test_every_flask_command_is_declared_in_portal_cli():
    outside = [str(path.relative_to(PORTAL)) for path in _modules()
               if path.relative_to(PORTAL).parts[0] != "cli" and _declares_commands(_parsed(path))]  # fmt: skip
    assert outside == []
    groups = {path.stem for path in (PORTAL / "cli").glob("*.py") if path.stem != "__init__"}
    assert groups == {"seed", "users", "search", "demo"}


def test_the_cli_offers_every_documented_command(app):
    assert {"seed", "users", "search", "demo"} <= set(app.cli.commands)
    assert set(app.cli.commands["search"].commands) == {"rebuild", "migrate", "drain", "check", "worker"}
    assert set(app.cli.commands["users"].commands) == {"create"}
    assert set(app.cli.commands["demo"].commands) == {"synthetic"}
