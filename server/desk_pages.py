"""The item console (one page per item of a meeting) and the room screen. Every step goes
through engine.app as from the command line; a refused one is shown beside its form with the
engine's message and nothing is stored. The room screen gets its updates as server-sent
events, woken by the notifier (server.notifier) when any process writes."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import (
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.concurrency import run_in_threadpool

from documents import desk_view
from documents import page_contexts as pc
from engine.app import desk as dk
from engine.app import items
from engine.app.live import paragraphs_of, text_value
from engine.domain.errors import RuleViolation, SaksflytError
from server.auth import page, store_of
from server.console import console_url, posted, render, signed_in

router = APIRouter()
ITEM = "/moter/{meeting}/sak/{year}/{number}"


def _order(value: str | None) -> list[str]:
    return [k for k in (value or "").split(",") if k]


def _protocol_text(board: dk.Desk) -> str:
    from documents.compose import protocol_markup, render_markup

    return render_markup(protocol_markup(board.registry, board.case, board.closed), "text")


def _focus(board: dk.Desk, hint: str | None) -> str:
    if hint:
        return hint
    item = board.item
    remarks = [p.id for p in item.proposals.values() if p.kind == "merknad"]
    if item.votes and board.next_vote is not None:
        return "tally"
    if item.votes and any(not any(j.remark == r for j in item.joins) for r in remarks):
        return "join"
    if item.votes:
        return "close"
    return "by"


def console_page(request: Request, meeting: str, arkivsak: str, order: list[str],
                 hint: str | None = None, form: dict[str, str] | None = None,
                 error: dict[str, str] | None = None) -> HTMLResponse:
    from documents.decision import decision_text

    session = signed_in(request)
    board = dk.desk(store_of(request), meeting, arkivsak, order)
    view = desk_view.console_view(board, _protocol_text(board),
                                  decision_text(board.case, board.closed), order)
    return render(pc.ConsolePage(
        user=session.user, csrf_token=session.csrf_token, view=view,
        people=list(board.registry.people), parties=list(board.registry.parties),
        kinds=desk_view.KINDS, effects=desk_view.EFFECTS,
        base_url=console_url(board.item.meeting, arkivsak), form=form or {}, error=error,
        focus=_focus(board, hint)), 422 if error else 200)


@router.get(ITEM, **page("read"))
def item_console(request: Request, meeting: str, year: str, number: str,
                 rekkefolge: str | None = None, fokus: str | None = None) -> HTMLResponse:
    return console_page(request, meeting, f"{year}/{number}", _order(rekkefolge), fokus)


async def _step(request: Request, meeting: str, arkivsak: str, name: str, write: Any,
                hint: str | None = None) -> Response:
    session, form = await posted(request)
    order = form.get("order", "")
    try:
        await run_in_threadpool(write, session.user.name, form)
    except SaksflytError as refused:
        return await run_in_threadpool(console_page, request, meeting, arkivsak, _order(order),
                                       None, form, {"form": name, "message": str(refused)})
    request.app.state.notifier.notify()
    query = {k: v for k, v in (("rekkefolge", order), ("fokus", hint)) if v}
    url = console_url(meeting, arkivsak) + ("?" + urlencode(query) if query else "")
    return RedirectResponse(url, status_code=303)


def proposal_values(board: dk.Desk, form: dict[str, str]) -> dict[str, Any]:
    """The proposal form as the scenario format's propose step."""
    kind = form.get("kind", "forslag")
    effect = form.get("effect") or desk_view_default(kind)
    text = text_value(paragraphs_of(form.get("text", "")))
    revises = form.get("revises") or None
    if revises and text is None:
        # Taken up again: the earlier proposal's own words, unless new ones are typed.
        earlier = next((p for i in board.case.items for p in i.proposals.values()
                        if p.id == revises), None)
        text = text_value(p.text for p in earlier.effect.paragraphs) if earlier else None
    numbers = [int(n) for n in form.get("number", "").replace(",", " ").split() if n.isdigit()]
    parties = dk.resolve_parties(board.registry, form.get("parties", ""))
    members = bool(form.get("members"))
    typed_by = form.get("by", "").strip()
    values: dict[str, Any] = {
        "id": form.get("id") or None, "kind": kind, "label": form.get("label") or None,
        "revises": revises,
        # A proposal made by parties together or by the body's members has no one proposer.
        "by": (dk.resolve_person(board.registry, typed_by)
               if typed_by or not (parties or members) else None),
        "together": [dk.resolve_person(board.registry, name)
                     for name in form.get("together", "").split(",") if name.strip()],
        "parties": parties, "members": members,
        "on_behalf_of": dk.resolve_parties(board.registry, form.get("on_behalf_of", ""))}
    if effect in ("replace", "amend", "strike") and not numbers:
        raise RuleViolation("Oppgi avsnittet forslaget gjelder (klikk på et avsnitt eller skriv "
                            "nummeret).", rule="paragraph")
    if effect == "add":
        values.update({"add": text, "at": numbers[0] if numbers else None})
    elif effect == "replace":
        values.update({"replace": numbers[0], "text": text})
    elif effect == "amend":
        values["amend"] = {"paragraph": numbers[0], "old": form.get("old", ""),
                           "new": form.get("new", "")}
    elif effect == "strike":
        values["strike"] = numbers
    elif effect == "take_note":
        values["take_note"] = text
    else:
        values["text"] = text
    return values


def desk_view_default(kind: str) -> str:
    return {"endringsforslag": "replace", "strykningsforslag": "strike",
            "alternativt forslag": "text", "utsettelsesforslag": "text",
            "oversendelsesforslag": "text", "merknad": "text"}.get(kind, "add")


@router.post(ITEM + "/forslag", **page("write"))
async def propose(request: Request, meeting: str, year: str, number: str) -> Response:
    arkivsak = f"{year}/{number}"

    def write(actor: str, form: dict[str, str]) -> None:
        board = dk.desk(store_of(request), meeting, arkivsak)
        items.log_step(store_of(request), actor, "propose", proposal_values(board, form),
                       meeting, arkivsak)

    return await _step(request, meeting, arkivsak, "propose", write, hint="by")


@router.post(ITEM + "/rekkefolge", **page("write"))
async def reorder(request: Request, meeting: str, year: str, number: str) -> Response:
    """A vote moved up or down in the voting order, stored for the item (item.voting_order),
    so every desk and the room screen plan the same next vote; refused with the engine's
    message where an utsettelsesforslag would not come first, or once voting has begun."""
    arkivsak = f"{year}/{number}"
    session, form = await posted(request)
    order, key = _order(form.get("order")), form.get("key", "")
    direction = "opp" if form.get("move") == "opp" else "ned"

    def move() -> list[str]:
        board = dk.desk(store_of(request), meeting, arkivsak, order)
        keys = dk.moved(store_of(request), board, key, -1 if direction == "opp" else 1)
        dk.keep_order(store_of(request), session.user.name, meeting, arkivsak, keys)
        return keys

    try:
        keys = await run_in_threadpool(move)
    except SaksflytError as refused:
        return await run_in_threadpool(console_page, request, meeting, arkivsak, order,
                                       f"{direction}:{key}", form,
                                       {"form": "order", "message": str(refused)})
    request.app.state.notifier.notify()  # the room screen's next vote may have changed
    query = urlencode({"rekkefolge": ",".join(keys), "fokus": f"{direction}:{key}"})
    return RedirectResponse(f"{console_url(meeting, arkivsak)}?{query}", status_code=303)


def _vote(request: Request, meeting: str, arkivsak: str, form: dict[str, str]) -> dict[str, Any]:
    board = dk.desk(store_of(request), meeting, arkivsak)
    planned = next((p for p in board.plan if p.key == form.get("plan")), None)
    if planned is None or planned.held:
        raise RuleViolation("Denne voteringen er allerede ført; last siden på nytt.",
                            rule="vote")
    typed = form.get("tally", "")
    return dk.vote_step(board, planned, typed, form.get("side", ""),
                        unanimous=dk.fold(typed.strip()) in desk_view.UNANIMOUS)


def _preview(request: Request, meeting: str, arkivsak: str, form: dict[str, str]) -> str:
    from documents.compose import protocol_markup, render_markup

    step = _vote(request, meeting, arkivsak, form)
    case, _, closed = dk.dry_run(store_of(request), "vote", step, meeting, arkivsak)
    registry = dk.LiveSession(store_of(request)).ws.registry
    lines = desk_view.voting_lines(render_markup(protocol_markup(registry, case, closed), "text"))
    vote = closed.votes[-1]
    return desk_view.vote_preview(lines[-1] if lines else "", vote.n_for, vote.n_against)


@router.post(ITEM + "/votering", **page("write"))
async def vote(request: Request, meeting: str, year: str, number: str,
               json_: bool = Query(False, alias="json")) -> Response:
    arkivsak = f"{year}/{number}"
    if json_ or (await request.form()).get("action") == "preview":
        _, form = await posted(request)
        try:
            shown = await run_in_threadpool(_preview, request, meeting, arkivsak, form)
        except SaksflytError as refused:
            if json_:
                return JSONResponse({"ok": False, "message": str(refused)})
            return await run_in_threadpool(console_page, request, meeting, arkivsak,
                                           _order(form.get("order")), "tally", form,
                                           {"form": "vote", "message": str(refused)})
        if json_:
            return JSONResponse({"ok": True, "preview": shown})
        return await run_in_threadpool(console_page, request, meeting, arkivsak,
                                       _order(form.get("order")), "tally",
                                       {**form, "preview": shown})

    def write(actor: str, form: dict[str, str]) -> None:
        items.log_step(store_of(request), actor, "vote", _vote(request, meeting, arkivsak, form),
                       meeting, arkivsak)

    return await _step(request, meeting, arkivsak, "vote", write)


@router.post(ITEM + "/merknad", **page("write"))
async def join(request: Request, meeting: str, year: str, number: str) -> Response:
    arkivsak = f"{year}/{number}"

    def write(actor: str, form: dict[str, str]) -> None:
        board = dk.desk(store_of(request), meeting, arkivsak)
        remark = board.item.proposals.get(form.get("remark", ""))
        own = board.registry.party_of(remark.by) if remark else None
        parties = dk.resolve_parties(board.registry, form.get("parties", ""), all_but=own,
                                     everyone=desk_view.EVERYONE)
        items.log_step(store_of(request), actor, "join",
                       {"remark": form.get("remark", ""), "parties": parties}, meeting, arkivsak)

    return await _step(request, meeting, arkivsak, "join", write)


@router.post(ITEM + "/steg", **page("write"))
async def other_step(request: Request, meeting: str, year: str, number: str) -> Response:
    """One of the «Andre steg» forms (engine.app.desk_steps.STEPS): which one is its `step`."""
    from engine.app.desk_steps import STEPS, step_values

    arkivsak = f"{year}/{number}"
    kind = (await request.form()).get("step", "")
    kind = kind if kind in STEPS else ""

    def write(actor: str, form: dict[str, str]) -> None:
        board = dk.desk(store_of(request), meeting, arkivsak)
        items.log_step(store_of(request), actor, kind or "note",
                       step_values(board.registry, kind, form), meeting, arkivsak)

    return await _step(request, meeting, arkivsak, f"step-{kind}", write)


@router.post(ITEM + "/annen-votering", **page("write"))
async def free_vote(request: Request, meeting: str, year: str, number: str) -> Response:
    """A vote the planned order does not hold: punktvis on the recommendation, or an
    alternative vote between any two sides."""
    from engine.app.desk_steps import free_vote as vote_of

    arkivsak = f"{year}/{number}"

    def write(actor: str, form: dict[str, str]) -> None:
        board = dk.desk(store_of(request), meeting, arkivsak)
        unanimous = dk.fold(form.get("against", "").strip()) in desk_view.UNANIMOUS
        items.log_step(store_of(request), actor, "vote",
                       vote_of(board.registry, form, unanimous), meeting, arkivsak)

    return await _step(request, meeting, arkivsak, "free-vote", write)


@router.post(ITEM + "/angre", **page("write"))
async def undo(request: Request, meeting: str, year: str, number: str) -> Response:
    arkivsak = f"{year}/{number}"

    def write(actor: str, form: dict[str, str]) -> None:
        items.undo_last(store_of(request), actor, meeting, arkivsak)

    return await _step(request, meeting, arkivsak, "undo", write)


@router.post(ITEM + "/avslutt", **page("write"))
async def close(request: Request, meeting: str, year: str, number: str) -> Response:
    arkivsak = f"{year}/{number}"

    def write(actor: str, form: dict[str, str]) -> None:
        board = dk.desk(store_of(request), meeting, arkivsak)
        if not board.item.votes and not form.get("confirm"):
            raise RuleViolation(desk_view.NO_VOTE, rule="confirm")
        items.close_item(store_of(request), actor, meeting, arkivsak)

    session_form = await request.form()
    name = "close-confirm" if not session_form.get("confirm") else "close"
    return await _step(request, meeting, arkivsak, name, write)


@router.post(ITEM + "/gjenapne", **page("write"))
async def reopen(request: Request, meeting: str, year: str, number: str) -> Response:
    arkivsak = f"{year}/{number}"

    def write(actor: str, form: dict[str, str]) -> None:
        items.reopen(store_of(request), actor, meeting, arkivsak, form.get("reason", ""))

    return await _step(request, meeting, arkivsak, "reopen", write)


# --- the room screen ---------------------------------------------------------------------

def screen_data(request: Request, meeting: str) -> dict[str, Any]:
    board = dk.open_desk(store_of(request), meeting)
    return desk_view.screen_view(meeting, board, _protocol_text(board) if board else "")


@router.get("/skjerm/{meeting}", **page("read"))
def screen(request: Request, meeting: str) -> HTMLResponse:
    session = signed_in(request)
    return render(pc.ScreenPage(user=session.user, csrf_token=session.csrf_token,
                                screen=screen_data(request, meeting),
                                events_url=f"/skjerm/{quote(meeting)}/hendelser"))


@router.get("/skjerm/{meeting}/hendelser", **page("read"))
async def screen_events(request: Request, meeting: str,
                        vent: float = Query(3600, ge=0, le=86400)) -> Response:
    """Server-sent events: the screen's content, again each time the store moves on (any
    process's write wakes the notifier); `vent` is how long to stream (0: one event)."""
    import time

    await run_in_threadpool(signed_in, request)
    notifier = request.app.state.notifier
    until = time.monotonic() + vent

    async def events() -> Any:
        position, last = -1, None
        while True:
            position = await run_in_threadpool(notifier.wait_past, position,
                                               max(0.0, min(10.0, until - time.monotonic())))
            data = json.dumps(await run_in_threadpool(screen_data, request, meeting),
                              ensure_ascii=False)
            yield (f"event: screen\ndata: {data}\n\n" if data != last else ": -\n\n")
            last = data
            if time.monotonic() >= until or await request.is_disconnected():
                return

    return StreamingResponse(events(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
