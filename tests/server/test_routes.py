"""Every route of the app, for every role, on the backend under test (SQLite; PostgreSQL in
CI's second run). The table below is checked against the routes the app really has, so a new
route without a line here fails, and against each route's declared permission."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from fastapi.testclient import TestClient

from tests.cli.test_live_cli import MEETING
from tests.server.conftest import PASSWORD, add_user, last_position, saksflyt

M = quote(MEETING)
M2 = quote("Bystyret 2019-09-19")
C = "19/8286"
ITEM = "/moter/{meeting}/sak/{year}/{number}"
ITEM_PATH = f"/moter/{M}/sak/{C}"
PROPOSAL = {"propose": {"id": "rute-test", "by": "Silje Salomonsen", "kind": "tilleggsforslag",
                        "add": "Bystyret ber om en ny sak."}}

# (method, route, permission, request path, JSON or form body, status for a permitted role).
# The order is one a secretary can follow: each write is valid where it stands.
ROUTES: list[tuple[str, str, str, str, Any, int]] = [
    ("GET", "/api/v1/openapi.json", "public", "/api/v1/openapi.json", None, 200),
    ("GET", "/", "public", "/", None, 303),
    ("GET", "/static/saksflyt.css", "public", "/static/saksflyt.css", None, 200),
    ("GET", "/logg-inn", "public", "/logg-inn", None, 200),
    ("POST", "/logg-inn", "public", "/logg-inn", {"name": "x", "password": "y"}, 403),
    ("GET", "/api/v1/me", "read", "/api/v1/me", None, 200),
    ("GET", "/api/v1/users", "accounts", "/api/v1/users", None, 200),
    ("POST", "/api/v1/meetings", "write", "/api/v1/meetings", {"meeting": MEETING}, 201),
    ("GET", "/api/v1/meetings", "read", "/api/v1/meetings", None, 200),
    ("POST", "/api/v1/meetings/{meeting}/agenda", "write", f"/api/v1/meetings/{M}/agenda",
     {"arkivsak": C, "sak": "87/19"}, 200),
    ("POST", "/api/v1/meetings/{meeting}/open", "write", f"/api/v1/meetings/{M}/open",
     {"sak": "87/19"}, 200),
    ("GET", "/api/v1/meetings/{meeting}", "read", f"/api/v1/meetings/{M}", None, 200),
    ("POST", "/api/v1/attendance", "write", "/api/v1/attendance",
     {"meeting": MEETING, "absent": ["Elin Marie Andreassen"]}, 200),
    ("POST", "/api/v1/steps", "write", "/api/v1/steps", {"step": PROPOSAL}, 200),
    ("GET", "/api/v1/items/status", "read", "/api/v1/items/status", None, 200),
    ("POST", "/api/v1/items/correct", "write", "/api/v1/items/correct",
     {"proposal": "rute-test", "text": "Bystyret ber om en sak.", "reason": "Skrivefeil"}, 200),
    # The console's pages (forms with the session's CSRF token), on the same open item.
    ("GET", "/moter", "read", "/moter", None, 200),
    ("POST", "/moter", "write", "/moter",
     {"csrf_token": "SESSION", "body": "Bystyret", "date": "2019-09-19"}, 303),
    ("GET", "/moter/{meeting}", "read", f"/moter/{M}", None, 200),
    ("POST", "/moter/{meeting}/sakskart", "write", f"/moter/{M2}/sakskart",
     {"csrf_token": "SESSION", "arkivsak": C, "sak": "99/19"}, 303),
    ("POST", "/moter/{meeting}/forfall", "write", f"/moter/{M}/forfall",
     {"csrf_token": "SESSION", "absent": "Michael Momyr"}, 303),
    ("POST", "/moter/{meeting}/habilitet", "write", f"/moter/{M}/habilitet",
     {"csrf_token": "SESSION", "person": "Roar Aas", "ruling": "habil"}, 303),
    ("POST", "/moter/{meeting}/apne", "write", f"/moter/{M}/apne",
     {"csrf_token": "SESSION", "sak": "87/19"}, 303),
    ("GET", ITEM, "read", ITEM_PATH, None, 200),
    ("POST", ITEM + "/forslag", "write", ITEM_PATH + "/forslag",
     {"csrf_token": "SESSION", "by": "si", "kind": "tilleggsforslag", "text": "Ny sak."}, 303),
    ("POST", ITEM + "/rekkefolge", "write", ITEM_PATH + "/rekkefolge",
     {"csrf_token": "SESSION", "key": "innstillingen", "move": "ned"}, 303),  # nothing stored
    ("POST", ITEM + "/steg", "write", ITEM_PATH + "/steg",
     {"csrf_token": "SESSION", "step": "note", "text": "Rådmannen orienterte."}, 303),
    ("POST", ITEM + "/votering", "write", ITEM_PATH + "/votering",
     {"csrf_token": "SESSION", "plan": "innstillingen", "tally": "e", "action": "save"}, 303),
    ("POST", ITEM + "/annen-votering", "write", ITEM_PATH + "/annen-votering",
     {"csrf_token": "SESSION", "on": "salomonsen", "against": "2r"}, 303),
    ("POST", ITEM + "/merknad", "write", ITEM_PATH + "/merknad",
     {"csrf_token": "SESSION", "remark": "ingen-slik", "parties": "alle"}, 422),
    ("POST", ITEM + "/angre", "write", ITEM_PATH + "/angre", {"csrf_token": "SESSION"}, 303),
    ("POST", ITEM + "/angre", "write", ITEM_PATH + "/angre", {"csrf_token": "SESSION"}, 303),
    ("POST", ITEM + "/avslutt", "write", ITEM_PATH + "/avslutt", {"csrf_token": "SESSION"},
     422),  # no vote stands: it asks for confirmation
    ("POST", ITEM + "/avslutt", "write", ITEM_PATH + "/avslutt",
     {"csrf_token": "SESSION", "confirm": "1"}, 303),
    ("POST", ITEM + "/gjenapne", "write", ITEM_PATH + "/gjenapne",
     {"csrf_token": "SESSION", "reason": "Avsluttet for tidlig"}, 303),
    ("GET", "/skjerm/{meeting}", "read", f"/skjerm/{M}", None, 200),
    ("GET", "/skjerm/{meeting}/hendelser", "read", f"/skjerm/{M}/hendelser?vent=0", None, 200),
    ("GET", "/static/{name}.js", "public", "/static/console.js", None, 200),
    # Its møtebok lacks place, time and attendance: approved as it is recorded.
    ("POST", "/moter/{meeting}/godkjenn", "write", f"/moter/{M2}/godkjenn",
     {"csrf_token": "SESSION", "as_recorded": "1"}, 303),
    ("POST", "/api/v1/items/undo", "write", "/api/v1/items/undo", {"meeting": MEETING}, 200),
    ("POST", "/api/v1/items/close", "write", "/api/v1/items/close", {"meeting": MEETING}, 200),
    ("POST", "/api/v1/items/reopen", "write", "/api/v1/items/reopen",
     {"meeting": MEETING, "sak": "87/19", "reason": "Avsluttet for tidlig"}, 200),
    ("POST", "/api/v1/items/close", "write", "/api/v1/items/close", {"meeting": MEETING}, 200),
    ("POST", "/api/v1/meetings/{meeting}/exempt", "write", f"/api/v1/meetings/{M}/exempt",
     {"sak": "87/19", "basis": "offl. § 13", "public_title": "Skjermet"}, 200),
    # The meeting's møtebok lacks place, time and attendance: approved as it is recorded.
    ("POST", "/api/v1/meetings/{meeting}/approve", "write", f"/api/v1/meetings/{M}/approve",
     {"as_recorded": True}, 200),
    ("GET", "/api/v1/meetings/{meeting}/protocol", "read",
     f"/api/v1/meetings/{M}/protocol?format=docx", None, 200),
    ("GET", "/api/v1/changes", "read", "/api/v1/changes?after=0", None, 200),
    ("GET", "/api/v1/cases", "read", "/api/v1/cases", None, 200),
    ("GET", "/api/v1/cases/{year}/{number}", "read", f"/api/v1/cases/{C}", None, 200),
    ("GET", "/api/v1/cases/{year}/{number}/vedtak", "read", f"/api/v1/cases/{C}/vedtak", None,
     200),
    ("GET", "/api/v1/cases/{year}/{number}/protocol", "read",
     f"/api/v1/cases/{C}/protocol?meeting={M}&format=docx", None, 200),
    ("GET", "/api/v1/cases/{year}/{number}/blame", "read", f"/api/v1/cases/{C}/blame", None,
     200),
    ("GET", "/api/v1/cases/{year}/{number}/history", "read", f"/api/v1/cases/{C}/history",
     None, 200),
    ("GET", "/api/v1/cases/{year}/{number}/diff", "read", f"/api/v1/cases/{C}/diff", None,
     200),
    ("GET", "/api/v1/verify", "read", "/api/v1/verify", None, 200),
    ("GET", "/saker", "read", "/saker", None, 200),
    ("GET", "/saker/{year}/{number}", "read", f"/saker/{C}", None, 200),
    ("GET", "/saker/{year}/{number}/protokoll.docx", "read",
     f"/saker/{C}/protokoll.docx?meeting={M}", None, 200),
    ("GET", "/saker/{year}/{number}/blame", "read", f"/saker/{C}/blame", None, 200),
    ("GET", "/saker/{year}/{number}/historikk", "read", f"/saker/{C}/historikk", None, 200),
    ("GET", "/saker/{year}/{number}/endringer", "read", f"/saker/{C}/endringer", None, 200),
    # The public site and OParl: no role needed, and nothing written (issue 13).
    ("GET", "/innsyn", "public", "/innsyn", None, 200),
    ("GET", "/innsyn/utvalg/{body}", "public", "/innsyn/utvalg/Bystyret", None, 200),
    ("GET", "/innsyn/moter/{meeting}", "public", f"/innsyn/moter/{M}", None, 200),
    ("GET", "/innsyn/moter/{meeting}/protokoll", "public", f"/innsyn/moter/{M}/protokoll",
     None, 200),
    ("GET", "/innsyn/moter/{meeting}/protokoll.docx", "public",
     f"/innsyn/moter/{M}/protokoll.docx", None, 200),
    ("GET", "/innsyn/moter/{meeting}/saker/{year}/{number}", "public",
     f"/innsyn/moter/{M}/saker/{C}", None, 404),  # exempt above: no public protocol
    ("GET", "/innsyn/moter/{meeting}/saker/{year}/{number}/protokoll.docx", "public",
     f"/innsyn/moter/{M}/saker/{C}/protokoll.docx", None, 404),
    ("GET", "/innsyn/saker/{year}/{number}", "public", f"/innsyn/saker/{C}", None, 200),
    ("GET", "/innsyn/sok", "public", "/innsyn/sok?q=strategi", None, 200),
    ("GET", "/oparl/v1", "public", "/oparl/v1", None, 200),
    ("GET", "/oparl/v1/body", "public", "/oparl/v1/body", None, 200),
    ("GET", "/oparl/v1/body/1", "public", "/oparl/v1/body/1", None, 200),
    ("GET", "/oparl/v1/body/1/{kind}", "public", "/oparl/v1/body/1/meeting", None, 200),
    ("GET", "/oparl/v1/{kind}/{ref:path}", "public", "/oparl/v1/organization/Bystyret", None,
     200),
    ("POST", "/logg-ut", "session", "/logg-ut", {"csrf_token": "SESSION"}, 303),
]
ROLES = ("sekretær", "lesetilgang", "admin", "ingen", "deaktivert")
ALLOWED = {"read": {"sekretær", "lesetilgang", "admin"}, "write": {"sekretær"},
           "accounts": {"admin"}, "session": {"sekretær", "lesetilgang", "admin"}}


def _routes(app: Any) -> set[tuple[str, str, str | None]]:
    """(method, path, declared permission) of every route the app serves."""
    def walk(routes: Any) -> Any:
        for route in routes:
            if hasattr(route, "original_router"):  # an included router
                yield from walk(route.original_router.routes)
            else:
                yield route

    found = set()
    for route in walk(app.routes):
        extra = getattr(route, "openapi_extra", None) or {}
        for method in (getattr(route, "methods", None) or set()) - {"HEAD"}:
            found.add((method, route.path, extra.get("x-saksflyt-permission")))
    return found


def _expected(permission: str, role: str, ok: int, api: bool) -> int:
    if permission == "public" or role in ALLOWED[permission]:
        return ok
    if role in ("ingen", "deaktivert"):
        return 401 if api else 303  # a page sends the browser to sign in
    return 403


def test_the_table_covers_every_route_and_its_permission() -> None:
    from server.app import create_app
    from server.settings import Settings

    app = create_app(Settings(db="sqlite:///ikke-brukt.db"))
    table = {(method, route, permission) for method, route, permission, *_ in ROUTES}
    declared = {(m, p, perm or "public") for m, p, perm in _routes(app)}
    assert declared == table


def _sign_in(client: TestClient, name: str) -> str:
    form = client.get("/logg-inn").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
    done = client.post("/logg-inn", data={"name": name, "password": PASSWORD,
                                          "csrf_token": token}, follow_redirects=False)
    assert done.status_code == 303, done.text
    page = client.get("/saker").text
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def test_every_route_for_every_role(council_store: str) -> None:
    from server.app import create_app
    from server.settings import Settings

    names = {"sekretær": "Kari Sekretær", "lesetilgang": "Lise Les", "admin": "Ada Admin",
             "deaktivert": "Per Sluttet"}
    tokens = {role: add_user(council_store, name, "sekretær" if role == "deaktivert" else role)
              for role, name in names.items()}
    app = create_app(Settings(db=council_store))
    clients, csrf = {}, {}
    for role in ROLES:
        clients[role] = TestClient(app, base_url="https://testserver")
        if role != "ingen":
            csrf[role] = _sign_in(clients[role], names[role])
    assert saksflyt("user", "disable", names["deaktivert"], db=council_store).returncode == 0

    wrong = []
    for role in ROLES:
        client = clients[role]
        headers = {"Authorization": f"Bearer {tokens[role]}"} if role in tokens else {}
        for method, _route, permission, path, body, ok in ROUTES:
            api = path.startswith("/api/")
            if method == "GET":
                answer = client.get(path, headers=headers, follow_redirects=False)
            elif api:
                answer = client.post(path, json=body, headers=headers, follow_redirects=False)
            else:
                form = {k: csrf.get(role, "") if v == "SESSION" else v
                        for k, v in (body or {}).items()}
                answer = client.post(path, data=form, follow_redirects=False)
            expected = _expected(permission, role, ok, api)
            if answer.status_code != expected:
                wrong.append(f"{role} {method} {path}: {answer.status_code} (expected "
                             f"{expected}) {answer.text[:200]}"
                             + "".join(re.findall(r"role=\"alert\"[^<]*", answer.text)))
    assert wrong == []
    # No public route writes: the store is as the writes in the table left it.
    before = last_position(council_store)
    for client in clients.values():
        for method, _route, permission, path, _body, _ok in ROUTES:
            if permission == "public" and method == "GET":
                client.get(path, follow_redirects=False)
    assert last_position(council_store) == before


def test_every_api_route_is_in_the_openapi_schema_and_in_docs_api_md() -> None:
    from server.app import create_app
    from server.settings import Settings
    from tests.conftest import ROOT

    app = create_app(Settings(db="sqlite:///ikke-brukt.db"))
    schema = TestClient(app).get("/api/v1/openapi.json").json()
    documented = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    api_routes = {(m, p) for m, p, _ in _routes(app) if p.startswith("/api/v1/")
                  and p != "/api/v1/openapi.json"}
    in_schema = {(m.upper(), p) for p, ops in schema["paths"].items() for m in ops}
    assert api_routes == in_schema
    missing = [f"{m} {p}" for m, p in sorted(api_routes) if f"`{m} {p}" not in documented]
    assert missing == []
    # Each route's permission is in its OpenAPI entry for clients to read.
    for path, ops in schema["paths"].items():
        for op in ops.values():
            assert op["x-saksflyt-permission"] in ("read", "write", "accounts"), path
