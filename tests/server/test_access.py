"""Who may do what: a lesetilgang token's write is refused (403 from the API, exit 2 from the
client) and stores nothing; no token, a wrong token and a disabled user's token are refused
(401); a form posted without its CSRF token is refused; failed log-ins are limited; the
session cookie has the secure flags; log-out ends the session."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.cli.test_live_cli import MEETING
from tests.server.conftest import (
    PASSWORD,
    add_user,
    client_env,
    last_position,
    running_server,
    saksflyt,
)


def test_read_only_and_unknown_tokens_cannot_write(council_store: str) -> None:
    secretary = add_user(council_store, "Kari Sekretær", "sekretær")
    reader = add_user(council_store, "Lise Les", "lesetilgang")
    leaver = add_user(council_store, "Per Sluttet", "sekretær")
    with running_server(council_store) as server:
        for path, body in (("/api/v1/meetings", {"meeting": MEETING}),
                           (f"/api/v1/meetings/{MEETING}/agenda",
                            {"arkivsak": "19/8286", "sak": "87/19"}),
                           (f"/api/v1/meetings/{MEETING}/open", {"sak": "87/19"})):
            status, _ = server.call("POST", path.replace(" ", "%20"), secretary, body)
            assert status in (200, 201)
        before = last_position(council_store)

        status, answer = server.call("POST", "/api/v1/steps", reader, {"step": {"note": "x"}})
        assert status == 403
        assert answer["message"] == ("Brukeren «Lise Les» har rollen lesetilgang og kan ikke "
                                     "skrive.")
        refused = saksflyt("note", "Rådmannen orienterte.", env=client_env(server, reader))
        assert refused.returncode == 2
        assert refused.stderr == ("Feil: Brukeren «Lise Les» har rollen lesetilgang og kan ikke "
                                  "skrive.\n")
        assert saksflyt("meeting", "new", "Bystyret 2019-09-19",
                        env=client_env(server, reader)).returncode == 2
        # ... but reads everything.
        shown = saksflyt("case", "show", "19/8286", env=client_env(server, reader))
        assert shown.returncode == 0 and shown.stdout.startswith("Sak 19/8286:")

        assert server.call("GET", "/api/v1/cases/19/8286")[0] == 401
        assert server.call("GET", "/api/v1/cases/19/8286", "sf_feil")[0] == 401
        no_token = saksflyt("case", "show", "19/8286", env=client_env(server, ""))
        assert no_token.returncode == 2
        assert no_token.stderr == ("Feil: Ingen innlogging: oppgi et API-token "
                                   "(SAKSFLYT_TOKEN).\n")
        wrong = saksflyt("note", "x", env=client_env(server, "sf_feil"))
        assert (wrong.returncode, wrong.stderr) == (2, "Feil: Ukjent API-token.\n")

        assert server.call("GET", "/api/v1/me", leaver)[0] == 200
        assert saksflyt("user", "disable", "Per Sluttet", db=council_store).returncode == 0
        status, answer = server.call("POST", "/api/v1/steps", leaver, {"step": {"note": "x"}})
        assert (status, answer["message"]) == (401, "Brukeren «Per Sluttet» er deaktivert.")
        assert server.call("GET", "/api/v1/me", leaver)[0] == 401
        listed = saksflyt("user", "list", db=council_store).stdout
        assert "Per Sluttet\tsekretær\t(deaktivert)\n" in listed
        assert "Lise Les\tlesetilgang\n" in listed and "sf_" not in listed
        # What changes the store itself runs on the server, not through it.
        local_only = saksflyt("replay", "examples/19-8286.yaml", env=client_env(server,
                                                                                 secretary))
        assert (local_only.returncode, local_only.stderr) == (
            2, "Feil: «saksflyt replay» går ikke via serveren: kjør kommandoen på serveren, "
               "uten --server / SAKSFLYT_SERVER.\n")
        assert last_position(council_store) == before  # nothing stored by any of them

        # A refused step is 422 with the command line's message; still nothing stored.
        status, answer = server.call("POST", "/api/v1/steps", secretary, {"step": {
            "vote": {"on": "innstillingen", "against": "6KrF"}}})
        assert status == 422
        assert answer["message"] == "6 stemmer fra KrF, men KrF har bare 2 medlemmer til stede."
        assert last_position(council_store) == before


def _app(db: str) -> TestClient:
    from server.app import create_app
    from server.settings import Settings

    # https: the session cookie is Secure, so a client sends it only over https.
    return TestClient(create_app(Settings(db=db)), base_url="https://testserver")


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, html
    return found.group(1)


def test_forms_need_their_csrf_token_and_sign_out_ends_the_session(council_store: str) -> None:
    add_user(council_store, "Kari Sekretær", "sekretær", token=False)
    browser = _app(council_store)
    credentials = {"name": "Kari Sekretær", "password": PASSWORD}

    refused = browser.post("/logg-inn", data=credentials, follow_redirects=False)
    assert refused.status_code == 403 and "CSRF" in refused.text
    assert "__Host-saksflyt=" not in refused.headers.get("set-cookie", "")
    form = browser.get("/logg-inn")
    token = _csrf(form.text)
    wrong = browser.post("/logg-inn", data={**credentials, "csrf_token": token + "x"},
                         follow_redirects=False)
    assert wrong.status_code == 403

    signed_in = browser.post("/logg-inn", data={**credentials, "csrf_token": token},
                             follow_redirects=False)
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/saker"
    cookie = next(c for c in signed_in.headers.get_list("set-cookie")
                  if c.startswith("__Host-saksflyt="))
    for flag in ("HttpOnly", "Secure", "SameSite=strict", "Path=/"):
        assert flag in cookie
    page = browser.get("/saker")
    assert page.status_code == 200 and "19/8286" in page.text

    kept = browser.post("/logg-ut", data={}, follow_redirects=False)
    assert kept.status_code == 403
    assert browser.get("/saker", follow_redirects=False).status_code == 200
    out = browser.post("/logg-ut", data={"csrf_token": _csrf(page.text)},
                       follow_redirects=False)
    assert out.status_code == 303
    after = browser.get("/saker", follow_redirects=False)
    assert after.status_code == 303 and after.headers["location"].startswith("/logg-inn")


def test_failed_log_ins_are_limited(council_store: str) -> None:
    add_user(council_store, "Kari Sekretær", "sekretær", token=False)
    browser = _app(council_store)

    def attempt(password: str) -> str:
        token = _csrf(browser.get("/logg-inn").text)
        answer = browser.post("/logg-inn", data={"name": "Kari Sekretær", "password": password,
                                                 "csrf_token": token}, follow_redirects=False)
        return f"{answer.status_code} " + (re.findall(r'role="alert">([^<]*)<', answer.text)
                                           or [""])[0]

    for _ in range(5):
        assert attempt("feil passord") == "401 Feil brukernavn eller passord."
    # Locked now, even with the right password.
    assert attempt(PASSWORD) == ("401 For mange mislykkede innlogginger: prøv igjen om 15 "
                                 "minutter.")
