"""The console's forms at route level (the app in-process, a real store file): the voting order
rearranged before voting starts, refused with the engine's own message where an
utsettelsesforslag would not come first (nothing stored), and the forms for the scenario
format's other steps: a note, the rapporteur, habilitet, attendance, a proposal withdrawn,
punktvis and alternative votes between any two sides, postponement, taken to information,
sent back and referred; the procedure of real records (proposers together, three sides, a
named vote in a body with members)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from fastapi.testclient import TestClient

from tests.cli.test_live_cli import MEETING
from tests.server.conftest import add_user, events, last_position, saksflyt
from tests.server.test_routes import _sign_in

CONSOLE = f"/moter/{quote(MEETING)}/sak/19/8286"


def _desk(db: str) -> tuple[TestClient, str]:
    from server.app import create_app
    from server.settings import Settings

    for args in (["meeting", "new", MEETING], ["meeting", "agenda", MEETING, "19/8286", "--sak",
                                               "87/19"], ["item", "open", MEETING, "87/19"]):
        assert saksflyt(*args, db=db).returncode == 0
    add_user(db, "Kari Sekretær", "sekretær", token=False)
    client = TestClient(create_app(Settings(db=db)), base_url="https://testserver")
    return client, _sign_in(client, "Kari Sekretær")


def _post(client: TestClient, csrf: str, path: str, **form: str) -> tuple[int, str, str]:
    answer = client.post(CONSOLE + path, data={"csrf_token": csrf, **form},
                         follow_redirects=False)
    return answer.status_code, answer.headers.get("location", ""), answer.text


def _alert(html: str, name: str) -> str:
    found = re.search(rf'role="alert" id="error-{re.escape(name)}">([^<]*)<', html)
    return found.group(1) if found else ""


def _plan(html: str) -> list[str]:
    return re.findall(r'<span class="vote-heading">([^<]*)</span>', html)


def test_the_voting_order_is_rearranged_and_an_utsettelsesforslag_stays_first(
        council_store: str) -> None:
    client, csrf = _desk(council_store)
    for by, kind, text in (("mom", "utsettelsesforslag", "Saken utsettes."),
                           ("si", "tilleggsforslag", "Bystyret ber om en ny sak.")):
        status, _, body = _post(client, csrf, "/forslag", by=by, kind=kind, text=text)
        assert status == 303, body
    page = client.get(CONSOLE).text
    assert _plan(page) == ["Momyrs utsettelsesforslag", "Innstillingen",
                           "Salomonsens tilleggsforslag"]

    before = last_position(council_store)
    status, _, body = _post(client, csrf, "/rekkefolge", key="innstillingen", move="opp")
    assert status == 422
    assert _alert(body, "order") == "Utsettelsesforslaget «momyr» må voteres over først."
    assert _plan(body)[0] == "Momyrs utsettelsesforslag"  # unchanged
    assert last_position(council_store) == before

    status, where, _ = _post(client, csrf, "/rekkefolge", key="on:salomonsen", move="opp")
    assert status == 303
    order = parse_qs(urlsplit(where).query)["rekkefolge"][0]
    assert order == "on:momyr,on:salomonsen,innstillingen"
    moved = client.get(where).text
    assert _plan(moved) == ["Momyrs utsettelsesforslag", "Salomonsens tilleggsforslag",
                            "Innstillingen"]
    assert 'id="ned:on:salomonsen" title="Flytt ned" aria-label="Flytt «Salomonsens ' \
        'tilleggsforslag» ned"' in moved
    # The order is stored for the item (not a step of the Behandling), by the signed-in
    # user: another desk's console and the room screen plan the same next vote.
    stored = events(council_store, before)
    assert [(r.type, r.actor) for r in stored] == [("item.voting_order", "Kari Sekretær")]
    assert stored[0].payload["order"] == order.split(",")
    assert _plan(client.get(CONSOLE).text) == _plan(moved)
    assert _plan(client.get(where).text) == _plan(moved)

    # The vote form follows the order the secretary set: after the utsettelsesforslag
    # falls, Salomonsen's proposal is next, then the recommendation.
    status, where, body = _post(client, csrf, "/votering", plan="on:momyr", tally="20ap",
                                side="for", action="save", order=order)
    assert status == 303, body
    after = client.get(where).text
    assert 'name="plan" value="on:salomonsen"' in after
    # The room screen (any process: it reads the stored order) says what comes next.
    stream = client.get(f"/skjerm/{quote(MEETING)}/hendelser?vent=0").text
    screen = json.loads(next(line for line in stream.splitlines()
                             if line.startswith("data:"))[5:])
    assert screen["phase"] == "resultat"
    assert screen["next"].startswith("Salomonsens tilleggsforslag"), screen
    status, _, body = _post(client, csrf, "/rekkefolge", key="innstillingen", move="opp",
                            order=order)
    assert status == 422
    assert _alert(body, "order") == "Voteringen er begynt; rekkefølgen kan ikke endres lenger."
    assert last_position(council_store) == before + 2  # the order and the vote


def test_the_forms_for_the_other_steps(council_store: str) -> None:
    client, csrf = _desk(council_store)
    before = last_position(council_store)

    def step(kind: str, **form: str) -> str:
        status, _, body = _post(client, csrf, "/steg", step=kind, **form)
        assert status == 303, (kind, _alert(body, f"step-{kind}"))
        return events(council_store, before)[-1].type

    assert step("note", text="Rådmannen orienterte om saken.") == "item.note"
    assert step("rapporteur", person="lindv") == "item.rapporteur"
    assert step("impartiality", person="Roar", ruling="inhabil",
                text="Roar Aas er styreleder i et selskap saken gjelder.") == \
        "item.impartiality"
    assert step("present", present="27ap 14h 5mdg 4sv 4frp 4v 2krf 2sp 2r 2pp") == \
        "item.present"
    for by, text in (("si", "Bystyret ber om en ny sak."), ("an", "Bystyret ber om en rapport."),
                     ("mom", "Bystyret ber om et notat.")):
        assert _post(client, csrf, "/forslag", by=by, kind="tilleggsforslag", text=text)[0] == 303
    page = client.get(CONSOLE).text
    assert '<option value="momyr">Momyrs tilleggsforslag (momyr)</option>' in page
    assert step("withdraw", proposal="momyr") == "proposal.withdrawn"

    # A refused step is shown beside its own form, with the engine's message; nothing stored.
    stored = last_position(council_store)
    status, _, body = _post(client, csrf, "/steg", step="withdraw", proposal="momyr")
    assert status == 422
    assert _alert(body, "step-withdraw") == "Forslaget «momyr» er allerede trukket."
    assert 'id="other-steps" open' in body
    status, _, body = _post(client, csrf, "/annen-votering", on="innstillingen", parts="9",
                            against="e")
    assert status == 422 and "avsnitt 9" in _alert(body, "free-vote")
    assert last_position(council_store) == stored

    # Punktvis: paragraph 1 of the recommendation, then the rest; an alternative vote
    # between two proposals, the second winning.
    def vote(**form: str) -> None:
        status, _, body = _post(client, csrf, "/annen-votering", **form)
        assert status == 303, _alert(body, "free-vote")

    vote(on="innstillingen", parts="1", against="e")
    vote(on="innstillingen", scope="except", parts="1", against="4frp")
    vote(on="salomonsen", between="andreassen", winner="andreassen", against="4sv")
    lines = client.get(CONSOLE).text.split('id="voting">', 1)[1].split("</ol>", 1)[0]
    assert re.findall(r"<li>([^<]*)</li>", lines) == [
        "Innstillingen avsnitt 1 ble enstemmig vedtatt.",
        "Innstillingen unntatt avsnitt 1 ble vedtatt mot 4 stemmer (4FrP).",
        "Ved alternativ votering mellom Salomonsens forslag og Andreassens forslag ble "
        "Andreassens forslag vedtatt mot 4 stemmer (4SV) avgitt for Salomonsens forslag."]

    # The steps that end an item without a decision on its proposals, each undone again.
    for kind, form, event in (
            ("postpone", {"to": "2019-09-19", "text": "Saken utsettes."}, "item.postponed"),
            ("take_note", {"text": "Bystyret tar saken til orientering."}, "item.taken_note"),
            ("send_back", {"text": "Saken sendes tilbake til rådmannen."}, "case.sent_back"),
            ("refer", {"to": "Finans- og næringskomiteen", "role": "innstilling",
                       "text": "Saken oversendes komiteen."}, "case.referred")):
        logged = step(kind, **form)
        assert logged == event, (kind, logged)
        assert _post(client, csrf, "/angre")[0] == 303


def test_a_proposal_taken_up_again_keeps_its_words(council_store: str) -> None:
    client, csrf = _desk(council_store)
    page = client.get(CONSOLE).text
    assert ('<option value="momyr-nettverk" data-text="Trondheim kommune skal utnytte de '
            'nettverk') in page
    before = last_position(council_store)
    status, _, body = _post(client, csrf, "/forslag", by="mom", kind="forslag",
                            revises="momyr-nettverk", text="")
    assert status == 303, _alert(body, "propose")
    made = events(council_store, before)
    assert [row.type for row in made] == ["proposal.made"]
    shown = client.get(CONSOLE).text.split('<ul class="proposals">', 1)[1].split("</ul>")[0]
    assert "<p>Trondheim kommune skal utnytte de nettverk som den internasjonale befolkningen" \
        in shown
    payload = made[0].payload
    payload = payload if isinstance(payload, dict) else json.loads(payload)
    assert payload["revises"] == "momyr-nettverk"


def test_the_forms_for_the_procedure_of_real_records(council_store: str) -> None:
    """Proposers that are not one person, a proposal to take the case to information,
    habilitet with its legal basis, proposals voted on together, an alternative vote between
    three sides with each side's votes, and a named vote (refused here by the engine)."""
    client, csrf = _desk(council_store)
    before = last_position(council_store)

    def logged(path: str, name: str, **form: str) -> dict[str, object]:
        status, _, body = _post(client, csrf, path, **form)
        assert status == 303, _alert(body, name)
        payload = events(council_store, before)[-1].payload
        return payload if isinstance(payload, dict) else json.loads(payload)

    ruled = logged("/steg", "step-impartiality", step="impartiality", person="roar",
                   ruling="inhabil", basis="første ledd bokstav a")
    assert ruled["basis"] == {"ledd": 1, "bokstav": "a"}
    made = logged("/forslag", "propose", id="felles", parties="h frp ap", kind="fellesforslag",
                  text="Bystyret ber om en felles sak.")
    assert made["parties"] == ["H", "FrP", "Ap"] and not made["by"]
    made = logged("/forslag", "propose", id="flere", by="si", together="an, momyr",
                  kind="forslag", text="Bystyret ber om en rapport.")
    assert [made["by"], *made["co_proposers"]] == ["Silje Salomonsen", "Elin Marie Andreassen",
                                                   "Michael Momyr"]
    made = logged("/forslag", "propose", id="til-orientering", members="1", kind="forslag",
                  effect="take_note", text="Bystyret tar saken til orientering.")
    assert made["members"] is True and made["effect"]["kind"] == "note"
    logged("/forslag", "propose", id="tredje", by="an", kind="forslag",
           text="Bystyret ber om et notat.")
    logged("/forslag", "propose", id="fjerde", by="si", kind="forslag",
           text="Bystyret ber om en orientering.")
    assert logged("/annen-votering", "free-vote", on="felles", together="flere",
                  against="2r")["also"] == ["flere"]
    three = logged("/annen-votering", "free-vote", on="innstillingen", between="til-orientering",
                   more="tredje", winner="innstillingen",
                   votes="innstillingen: 27ap 14h\ntil-orientering: 5mdg 4sv\ntredje: 4frp 4v")
    assert three["winner"] == "innstillingen"
    assert three["side_votes"] == [["innstillingen", [["Ap", 27], ["H", 14]]],
                                   ["til-orientering", [["MDG", 5], ["SV", 4]]],
                                   ["tredje", [["FrP", 4], ["V", 4]]]]
    # A named vote reaches the engine, which needs the body's members in the register (this
    # store has none, and no command adds them): refused beside the form, nothing stored.
    stored = last_position(council_store)
    status, _, body = _post(client, csrf, "/annen-votering", on="fjerde",
                            voted_for="silje, elin", voted_against="michael")
    assert status == 422
    assert _alert(body, "free-vote") == ("Navnevotering trenger medlemmene i Bystyret (members "
                                         "i bodies).")
    assert last_position(council_store) == stored
    lines = client.get(CONSOLE).text.split('id="voting">', 1)[1].split("</ol>", 1)[0]
    assert re.findall(r"<li>([^<]*)</li>", lines) == [
        "Ved samlet votering over fellesforslaget fra H, FrP og Ap og forslaget fra Salomonsen, "
        "Andreassen og Momyr ble forslagene vedtatt mot 2 stemmer (2R).",
        "Ved alternativ votering mellom innstillingen, forslag fra bystyrets medlemmer og "
        "Andreassens forslag fikk innstillingen 41 stemmer (27Ap, 14H), forslag fra bystyrets "
        "medlemmer 9 stemmer (5MDG, 4SV) og Andreassens forslag 8 stemmer (4FrP, 4V). "
        "Innstillingen ble vedtatt."]


NAMED = """saksflyt: 1
parties: {Ap: Arbeiderpartiet, H: Høyre}
people: {Kari Nordmann: Ap, Ole Vik: Ap, Per Li: H}
bodies:
  - {name: Utvalget, kind: committee, members: [Kari Nordmann, Ole Vik, Per Li]}
cases:
  - arkivsak: 30/5
    title: Ny lekeplass
    recommendation: Utvalget vedtar lekeplassen.
    route: [{body: Utvalget, role: vedtak}]
"""


def test_a_named_vote_in_a_body_with_members(tmp_path: Path) -> None:
    from server.app import create_app
    from server.settings import Settings
    from tests.conftest import fresh_store_url

    scenario = tmp_path / "utvalget.yaml"
    scenario.write_text(NAMED, encoding="utf-8")
    meeting = "Utvalget 2030-02-01"
    with fresh_store_url(tmp_path) as db:
        for args in (["replay", str(scenario)], ["meeting", "new", meeting],
                     ["meeting", "agenda", meeting, "30/5", "--sak", "1/30"],
                     ["item", "open", meeting, "1/30"]):
            done = saksflyt(*args, db=db)
            assert done.returncode == 0, (args, done.stderr)
        add_user(db, "Kari Sekretær", "sekretær", token=False)
        client = TestClient(create_app(Settings(db=db)), base_url="https://testserver")
        csrf = _sign_in(client, "Kari Sekretær")
        console = f"/moter/{quote(meeting)}/sak/30/5"
        answer = client.post(console + "/annen-votering", follow_redirects=False, data={
            "csrf_token": csrf, "on": "innstillingen", "voted_for": "kari, per",
            "voted_against": "ole"})
        assert answer.status_code == 303, _alert(answer.text, "free-vote")
        lines = client.get(console).text.split('id="voting">', 1)[1].split("</ol>", 1)[0]
        assert re.findall(r"<li>([^<]*)</li>", lines) == [
            "Innstillingen ble vedtatt med 2 (1Ap, 1H) mot 1 (1Ap) stemme. Fra Ap stemte Kari "
            "Nordmann for og Ole Vik mot."]
