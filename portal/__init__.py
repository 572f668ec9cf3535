"""The council transparency portal: create_app wires configuration, extensions and blueprints."""

from __future__ import annotations

from flask import Flask, has_request_context, request
from flask_babel import get_locale
from werkzeug.middleware.proxy_fix import ProxyFix

from config import Config, config_for
from portal import database, page_cache, routing
from portal.extensions import babel, compress, csrf, db, limiter, login_manager, migrate
from portal.extensions import htmx as htmx_extension  # portal.htmx the module would shadow the name


def locale_of(args, cookies) -> str:
    """The page language a request asks for: ?lang=, else the lang cookie, else Vietnamese."""
    lang = args.get("lang") or cookies.get("lang")
    return lang if lang in ("vi", "en") else "vi"


def page_language() -> str:
    """The language of the page being rendered ("vi" or "en"), asked of Flask-Babel once per request:
    filters call it per number and per drop-down choice, and get_locale costs more than they do."""
    if not has_request_context():
        return str(get_locale() or "vi")
    language = getattr(request, "page_language", None)
    if language is None:
        language = request.page_language = str(get_locale() or "vi")
    return language


def select_locale() -> str:
    return locale_of(request.args, request.cookies)


def create_app(config_object: type[Config] | object | None = None) -> Flask:
    """Build the application; no migrations, seeding or index building happen here."""
    app = Flask(__name__, template_folder="../templates", static_folder="../static")
    app.config.from_object(config_object or config_for())
    page_cache.register(app)  # innermost: sees the host and scheme the fixes below give the app
    routing.register(app)  # before ProxyFix wraps it: the configured scheme wins over X-Forwarded-Proto
    if app.config.get("PROXY_FIX_HOPS"):
        hops = app.config["PROXY_FIX_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    db.init_app(app)
    database.install(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/migrations"), render_as_batch=True)
    csrf.init_app(app)
    compress.init_app(app)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    htmx_extension.init_app(app)
    from portal.services import ratelimit_storage  # noqa: F401  registers the portal-sql:// scheme

    limiter.init_app(app)

    from portal import cli, errors, formatting, http_cache, login_session, security, templating  # noqa: F401
    from portal.admin import bp as admin_bp
    from portal.api import bp as api_bp
    from portal.api import docs_bp as api_docs_bp
    from portal.feeds import bp as feeds_bp
    from portal.public import bp as public_bp
    from portal.public import council_scope
    from portal.search import outbox
    from portal.services import data_version

    app.register_blueprint(public_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(api_docs_bp)
    app.register_blueprint(feeds_bp)
    app.register_blueprint(admin_bp)
    council_scope.register(app)  # after the blueprints: it adds each council section's rules again
    errors.register(app)
    formatting.register(app)
    templating.register(app)
    data_version.register(app)
    http_cache.register(app)  # before security: its after_request may set the language cookie
    security.register(app)
    cli.register(app)
    outbox.register(app)
    return app
