"""Every read page has a documented context dataclass (documents/page_contexts.py), renders
from it, and uses no variable, nor attribute of one, that the dataclass lacks; texts from the
record are escaped."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from documents import page_contexts as pc
from documents.pages import diff_segments, environment, render_page
from engine.app.accounts import User
from engine.read.compare import compare
from tests.documents.test_template_contexts import AttributeCheck, _hints, used_variables

TEMPLATES = Path(pc.__file__).resolve().parent / "page_templates"
FILES = sorted(TEMPLATES.glob("*.j2"))
USER = User("Lise Les", "lesetilgang")


def test_every_page_template_has_a_dataclass_or_is_a_library() -> None:
    assert {p.name for p in FILES} == set(pc.PAGES) | set(pc.LIBRARIES)


@pytest.mark.parametrize("name", sorted(pc.PAGES))
def test_no_page_uses_a_variable_or_attribute_its_dataclass_lacks(name: str) -> None:
    context = pc.PAGES[name]
    declared = {f.name for f in dataclasses.fields(context)}
    assert used_variables(environment(), name) <= declared
    scope = {f.name: _hints(context)[f.name] for f in dataclasses.fields(context)}
    for template in (name, *pc.LIBRARIES):
        check = AttributeCheck({})
        check.visit(environment().parse((TEMPLATES / template).read_text("utf-8")), dict(scope))
        assert check.problems == [], template


def examples(case_19_8286: Any) -> list[tuple[pc.Page, list[str]]]:
    _, case = case_19_8286
    comparison = compare(case)
    hostile = "<script>alert(1)</script>"
    overview = {"arkivsak": case.arkivsak, "title": hostile, "status": "avgjort",
                "route": [{"number": 1, "body": "Bystyret", "role": "vedtak", "current": False,
                           "meetings": [{"date": "2019-08-29", "sak": "87/19",
                                         "outcome": "vedtatt"}]}]}
    return [
        (pc.LoginPage(user=None, csrf_token="tok", next="/saker", error="Feil passord."),
         ['value="tok"', "Feil passord.", "Logg inn"]),
        (pc.CaseListPage(user=USER, csrf_token="s", headers=["Arkivsak", "Tittel"],
                         rows=[({"arkivsak": "19/8286"}, ["19/8286", hostile])]),
         ['href="/saker/19/8286"', "&lt;script&gt;", "Lise Les (lesetilgang)"]),
        (pc.CasePage(user=USER, csrf_token="s", arkivsak="19/8286", overview=overview,
                     decision="Første *avsnitt*.\n\nListe:\n- ett\n- to",
                     protocols=[pc.ProtocolLink(meeting="Bystyret 2019-08-29", sak="87/19")]),
         ["&lt;script&gt;", "<em>avsnitt</em>", "<li>ett</li>", "meeting=Bystyret%202019-08-29",
          "Bystyret 2019-08-29, sak 87/19 (Word)"]),
        (pc.BlamePage(user=USER, csrf_token="s", arkivsak="19/8286", paragraphs=[]),
         ["ikke noe vedtak"]),
        (pc.HistoryPage(user=USER, csrf_token="s", arkivsak="19/8286", history={
            "title": "Strategi", "status": "avgjort", "meetings": [{
                "body": "Bystyret", "date": "2019-08-29", "sak": "87/19", "role": "vedtak",
                "outcome": "vedtatt", "proposals": [{"id": "p1", "by": "Ola", "party": "H",
                                                     "kind": "forslag", "status": "falt"}]}]}),
         ["Bystyret 29.08.2019, sak 87/19", "Ola (H)", "falt"]),
        (pc.DiffPage(user=USER, csrf_token="s", arkivsak="19/8286", comparison=comparison,
                     blocks=[(c, diff_segments(c)) for c in comparison.paragraphs]),
         ["<ins>", "fra forslag til vedtak"]),
        (pc.ErrorPage(user=None, csrf_token="", heading="Finnes ikke", message=hostile),
         ["Finnes ikke", "&lt;script&gt;alert(1)&lt;/script&gt;"]),
        *console_examples(case_19_8286, hostile),
    ]


def console_examples(case_19_8286: Any, hostile: str) -> list[tuple[pc.Page, list[str]]]:
    from documents import desk_view
    from engine.app.desk import Desk, plan_votes

    registry, case = case_19_8286
    item = case.items[-1]
    board = Desk(case, item, item, registry, {"Ap": 28}, plan_votes(item))
    view = desk_view.console_view(board, "Votering:\n\nInnstillingen ble vedtatt.\n",
                                  hostile, [])
    screen = desk_view.screen_view("Bystyret 2019-08-29", board, "")
    meeting = {"meeting": "Bystyret 2019-08-29", "approved": False, "absent": [hostile],
               "deputies": [], "items": [{"sak": "87/19", "arkivsak": "19/8286",
                                          "title": hostile, "status": "vedtatt",
                                          "closed": True, "taken_up": True, "open": True,
                                          "first": False}]}
    return [
        (pc.MeetingsPage(user=USER, csrf_token="s", meetings=["Bystyret 2019-08-29"],
                         bodies=["Bystyret"], deferred=[{
                             "meeting": "Bystyret 2019-09-19", "body": "Bystyret",
                             "date": "2019-09-19", "arkivsak": "19/1", "sak": "1/19",
                             "title": hostile}], results=desk_view.RESULTS, error=hostile),
         ["Sett opp Bystyret 2019-09-19 med saken", "&lt;script&gt;"]),
        (pc.MeetingPage(user=USER, csrf_token="s", meeting=meeting, people=["Ola"],
                        results=desk_view.RESULTS, writer=True, error=None),
         ["Sakskart", "&lt;script&gt;", "Godkjenn protokollen"]),
        (pc.ConsolePage(user=USER, csrf_token="s", view=view, people=["Ola"], parties=["Ap"],
                        kinds=desk_view.KINDS, effects=desk_view.EFFECTS,
                        base_url="/moter/x/sak/19/8286", form={"by": hostile},
                        error={"form": "propose", "message": hostile}, focus="by"),
         ["Åpne behandlingen igjen", "&lt;script&gt;", "Innstillingen ble vedtatt."]),
        (pc.ScreenPage(user=USER, csrf_token="s", screen=screen, events_url="/skjerm/x"),
         ["screen-heading", "Behandlingen er avsluttet"]),
    ]


def test_every_page_renders_from_its_dataclass(case_19_8286: Any) -> None:
    shown = examples(case_19_8286)
    assert {type(c).TEMPLATE for c, _ in shown} == set(pc.PAGES)
    for context, words in shown:
        html = render_page(context)
        assert "<script>" not in html
        missing = [w for w in words if w not in html]
        assert missing == [], f"{type(context).__name__}: {missing}"
