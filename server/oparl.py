"""The OParl 1.1 read API at /oparl/v1, without sign-in: System, Body, and the Body's lists
(paged, with `created_since`, `created_until`, `modified_since`, `modified_until` and
`limit`), every object at its own URL, and the saksflyt extension's Proposal and Vote.
The objects come from documents.oparl over engine.read.public (what may be published)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from documents import oparl
from engine.app.publication import public_record
from engine.store.times import stream_times
from server.auth import page, store_of

router = APIRouter()
PAGE_SIZE = 20
LISTS = ("organization", "person", "membership", "meeting", "agendaItem", "paper",
         "consultation", "file")
OBJECTS = (*LISTS, "proposal", "vote")


class OParlNotFound(Exception):
    """No public object at this URL."""


def _answer(data: Any) -> JSONResponse:
    return JSONResponse(data, headers={"Access-Control-Allow-Origin": "*",
                                       "X-Content-Type-Options": "nosniff"})


def _links(request: Request) -> oparl.Links:
    site = str(request.base_url).rstrip("/")
    return oparl.Links(base=site + "/oparl/v1", site=site)


def _all(request: Request) -> tuple[oparl.Links, Any, dict[str, list[dict[str, Any]]]]:
    store = store_of(request)
    record = public_record(store)
    links = _links(request)
    return links, record, oparl.everything(links, record, stream_times(store))


@router.get("/oparl/v1", **page("public"))
def system(request: Request) -> JSONResponse:
    return _answer(oparl.system(_links(request), public_record(store_of(request))))


@router.get("/oparl/v1/body", **page("public"))
def bodies(request: Request) -> JSONResponse:
    links, record, _ = _all(request)
    return _answer(_page(request, [oparl.body(links, record)], 1, PAGE_SIZE))


@router.get("/oparl/v1/body/1", **page("public"))
def body(request: Request) -> JSONResponse:
    links, record, _ = _all(request)
    return _answer(oparl.body(links, record))


@router.get("/oparl/v1/body/1/{kind}", **page("public"))
def object_list(request: Request, kind: str, page: int = 1, limit: int = PAGE_SIZE,
                created_since: str | None = None, created_until: str | None = None,
                modified_since: str | None = None, modified_until: str | None = None,
                ) -> JSONResponse:
    if kind not in LISTS:
        raise OParlNotFound
    _, _, found = _all(request)
    chosen = [o for o in found[kind]
              if _within(o.get("created"), created_since, created_until)
              and _within(o.get("modified"), modified_since, modified_until)]
    return _answer(_page(request, chosen, max(page, 1), min(max(limit, 1), 100)))


@router.get("/oparl/v1/{kind}/{ref:path}", **page("public"))
def one(request: Request, kind: str, ref: str) -> JSONResponse:
    if kind not in OBJECTS:
        raise OParlNotFound
    links, _, found = _all(request)
    wanted = links.of(kind, *ref.split("/"))
    match = next((o for o in found[kind] if o["id"] == wanted), None)
    if match is None:
        raise OParlNotFound
    return _answer(match)


def _within(value: str | None, since: str | None, until: str | None) -> bool:
    if since is None and until is None:
        return True
    if value is None:
        return False
    from datetime import datetime

    moment = datetime.fromisoformat(value)
    return ((since is None or moment >= _moment(since))
            and (until is None or moment <= _moment(until)))


def _moment(text: str) -> Any:
    from datetime import UTC, datetime

    found = datetime.fromisoformat(text.replace(" ", "+").replace("Z", "+00:00"))
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def _page(request: Request, items: list[dict[str, Any]], number: int,
          size: int) -> dict[str, Any]:
    total = len(items)
    pages = max(1, -(-total // size))
    url = request.url.remove_query_params("page")

    def at(n: int) -> str:
        return str(url.include_query_params(page=n))

    links = {"first": at(1), "last": at(pages)}
    if number > 1:
        links["prev"] = at(number - 1)
    if number < pages:
        links["next"] = at(number + 1)
    return {"data": items[(number - 1) * size:number * size],
            "pagination": {"totalElements": total, "elementsPerPage": size,
                           "currentPage": number, "totalPages": pages},
            "links": links}
