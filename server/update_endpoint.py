"""/update: SPARQL 1.1 Update, only when enabled with a token, and only for its bearer.

Disabled (no token configured): 404. Enabled: a request without `Authorization: Bearer <token>`
gets 401, a wrong token 403. The body is `application/sparql-update` or a form with one `update`
field, in UTF-8. LOAD and SERVICE are refused (the server would fetch URLs);
`using-graph-uri` / `using-named-graph-uri` are not supported (400), since Oxigraph's update API
takes no dataset.
"""

from __future__ import annotations

import hmac

from flask import Blueprint, Response, current_app, request

from kg.errors import QueryError
from server.backends import current_backend as backend
from server.errors import Forbidden, Unauthorized, UnsupportedMediaType, UpdatesDisabled
from server.guard import check_shape, check_update
from server.sparql_endpoint import FORM, check_utf8_request, single, utf8_body

blueprint = Blueprint("update", __name__)


def _authorize() -> None:
    token = backend().settings.update_token
    if token is None:
        raise UpdatesDisabled(backend().updates_off)
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise Unauthorized("updates need an 'Authorization: Bearer <token>' header")
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise Forbidden("the bearer token is not the update token")


@blueprint.route("/update", methods=["POST"])
def update() -> Response:
    """Apply one SPARQL Update request."""
    _authorize()
    check_utf8_request()
    if request.args.getlist("using-graph-uri") or request.args.getlist("using-named-graph-uri"):
        raise QueryError("using-graph-uri and using-named-graph-uri are not supported; "
                         "use USING / USING NAMED (or WITH) in the update itself")
    if request.mimetype == FORM:
        if request.form.getlist("using-graph-uri") or request.form.getlist("using-named-graph-uri"):
            raise QueryError("using-graph-uri and using-named-graph-uri are not supported")
        text = single(request.form.getlist("update"), "update")
        if text is None:
            raise QueryError("no update given: pass it as the 'update' form field")
    elif request.mimetype == "application/sparql-update":
        text = utf8_body("update")
    else:
        raise UnsupportedMediaType(f"unsupported content type {request.mimetype or 'none'!r}: POST "
                                   f"an update as {FORM} (field 'update') or as "
                                   "application/sparql-update")
    if len(text.encode("utf-8")) > current_app.config["MAX_CONTENT_LENGTH"]:
        raise QueryError("the update is longer than the server accepts")
    check_shape(text, backend().settings, "update")
    check_update(text)
    backend().update(text)
    return Response(status=204)
