"""Minutebook web app: server-rendered pages for people and a JSON API with the same data."""
from __future__ import annotations

import logging
import os
from typing import Any, Mapping, Optional

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from minutebook.config import Home

from .params import ParamError
from .services import ServiceUnavailable, Services, load_services

log = logging.getLogger(__name__)

EXTENSION_KEY = "minutebook"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def create_app(home: Home | str | os.PathLike | None = None,
               config: Optional[Mapping[str, Any]] = None) -> Flask:
    """App factory. Loads the store, retriever and answerer once (app.extensions)."""
    app = Flask(__name__)
    app.config.update(DEBUG=False, TESTING=False, JSON_SORT_KEYS=False)
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    if config:
        app.config.update(config)
    home = home if isinstance(home, Home) else Home.resolve(home)
    services = app.config.get("MINUTEBOOK_SERVICES") or load_services(home)
    app.extensions[EXTENSION_KEY] = services

    from .api import api
    from .pages import pages
    app.register_blueprint(pages)
    app.register_blueprint(api, url_prefix="/api")
    _register_error_handlers(app)
    app.after_request(_security_headers)
    return app


def services_of(app: Flask) -> Services:
    return app.extensions[EXTENSION_KEY]


def _security_headers(resp: Response) -> Response:
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    resp.headers.setdefault("Referrer-Policy", "same-origin")
    # Original PDFs open in the browser's own viewer, which a strict policy would block.
    if not resp.headers.get("X-Minutebook-Original"):
        resp.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        resp.headers.setdefault("X-Frame-Options", "DENY")
    return resp


def _wants_json() -> bool:
    return request.path == "/api" or request.path.startswith("/api/")


def _error_response(status: int, error: str, message: str):
    if _wants_json():
        return jsonify({"status": status, "error": error, "message": message}), status
    return render_template("error.html", status=status, error=error, message=message), status


def _register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ParamError)
    def bad_param(exc: ParamError):
        return _error_response(400, "Bad Request", str(exc))

    @app.errorhandler(ServiceUnavailable)
    def unavailable(exc: ServiceUnavailable):
        return _error_response(503, "Service Unavailable", str(exc))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return _error_response(exc.code or 500, exc.name, exc.description or exc.name)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        log.exception("unhandled error on %s", request.path)
        return _error_response(500, "Internal Server Error",
                               "Something went wrong on our side; the error has been logged.")
