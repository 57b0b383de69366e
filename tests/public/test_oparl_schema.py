"""The OParl objects against the OParl 1.1 schema, written out here from the specification
(https://oparl.org/spezifikation/online-ansicht/, chapter «Schema»: each type's ZWINGEND
properties and the types of the others), as JSON Schema; and every link between them
resolves on the running server."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import jsonschema
import pytest

from tests.public.test_crawl import crawl
from tests.server.conftest import running_server

URL = {"type": "string", "format": "uri", "pattern": "^https?://"}
URLS = {"type": "array", "items": URL}
DATE_TIME = {"type": "string", "format": "date-time"}
TEXT = {"type": "string"}
COMMON = {"id": URL, "created": DATE_TIME, "modified": DATE_TIME, "deleted": {"type": "boolean"},
          "keyword": {"type": "array", "items": TEXT}, "web": URL, "license": URL}


def _type(name: str) -> dict[str, Any]:
    return {"const": f"https://schema.oparl.org/1.1/{name}"}


def _schema(kind: str, required: list[str], **properties: Any) -> dict[str, Any]:
    return {"type": "object", "required": ["id", "type", *required],
            "properties": {**COMMON, "type": _type(kind), **properties}}


FILE = _schema("File", ["accessUrl"], name=TEXT, fileName=TEXT, mimeType=TEXT,
               accessUrl=URL, downloadUrl=URL, size={"type": "integer"},
               sha512Checksum={"type": "string", "pattern": "^[0-9a-f]{128}$"}, date=TEXT)
MEMBERSHIP = _schema("Membership", ["organization"], person=URL, organization=URL, role=TEXT,
                     votingRight={"type": "boolean"}, startDate=TEXT, endDate=TEXT)
AGENDA_ITEM = _schema("AgendaItem", ["order", "meeting"], meeting=URL, number=TEXT,
                      order={"type": "integer", "minimum": 1}, name=TEXT,
                      public={"type": "boolean"}, consultation=URL, result=TEXT,
                      resolutionText=TEXT, resolutionFile=FILE, auxiliaryFile={
                          "type": "array", "items": FILE}, start=DATE_TIME, end=DATE_TIME)
CONSULTATION = _schema("Consultation", [], paper=URL, agendaItem=URL, meeting=URL,
                       organization=URLS, authoritative={"type": "boolean"}, role=TEXT)
SCHEMAS: dict[str, dict[str, Any]] = {
    "System": _schema("System", ["oparlVersion", "body"],
                      oparlVersion={"const": "https://schema.oparl.org/1.1/"}, body=URL,
                      name=TEXT, website=URL, otherOparlVersions=URLS),
    "Body": _schema("Body", ["name", "organization", "person", "meeting", "paper",
                             "legislativeTerm"],
                    system=URL, name=TEXT, shortName=TEXT, website=URL, organization=URL,
                    person=URL, meeting=URL, paper=URL, agendaItem=URL, consultation=URL,
                    file=URL, membership=URL, legislativeTerm={"type": "array"}),
    "Organization": _schema("Organization", [], body=URL, name=TEXT, membership=URLS,
                            organizationType=TEXT, classification=TEXT, meeting=URL),
    "Person": _schema("Person", [], body=URL, name=TEXT, familyName=TEXT, givenName=TEXT,
                      membership={"type": "array", "items": MEMBERSHIP}),
    "Membership": MEMBERSHIP,
    "Meeting": _schema("Meeting", [], name=TEXT, meetingState=TEXT,
                       cancelled={"type": "boolean"}, start=DATE_TIME, end=DATE_TIME,
                       organization=URLS, participant=URLS, invitation=FILE,
                       resultsProtocol=FILE, verbatimProtocol=FILE,
                       agendaItem={"type": "array", "items": AGENDA_ITEM}),
    "AgendaItem": AGENDA_ITEM,
    "Paper": _schema("Paper", [], body=URL, name=TEXT, reference=TEXT, date=TEXT,
                     paperType=TEXT, consultation={"type": "array", "items": CONSULTATION},
                     mainFile=FILE, auxiliaryFile={"type": "array", "items": FILE}),
    "Consultation": CONSULTATION,
    "File": FILE,
}
LIST = {"type": "object", "required": ["data", "pagination", "links"], "properties": {
    "data": {"type": "array"},
    "pagination": {"type": "object", "required": ["currentPage", "totalPages"],
                   "properties": {k: {"type": "integer", "minimum": 0} for k in (
                       "totalElements", "elementsPerPage", "currentPage", "totalPages")}},
    "links": {"type": "object", "properties": {k: URL for k in (
        "first", "prev", "next", "last")}}}}
EXTENSION = "https://schema.saksflyt.no/oparl/1/"
TALLY = {"type": "array", "items": {"type": "object", "required": ["party", "for", "against"],
                                    "properties": {"party": TEXT}}}
EXTENSIONS = {
    "Proposal": {"type": "object", "required": ["id", "type", "agendaItem", "kind", "proposer",
                                                "resolutionParagraph"],
                 "properties": {"id": URL, "agendaItem": URL, "paper": URL,
                                "text": {"type": "array", "items": TEXT}}},
    "Vote": {"type": "object", "required": ["id", "type", "agendaItem", "subject", "result",
                                            "tally", "resolutionParagraph"],
             "properties": {"id": URL, "agendaItem": URL, "tally": TALLY,
                            "result": {"enum": ["vedtatt", "falt"]}}},
}


@pytest.fixture(scope="module")
def api(public_store: str) -> Any:
    with running_server(public_store) as server:
        found = crawl([server.url + "/oparl/v1"], server.url)
        yield server, found


def _objects(found: dict[str, tuple[int, str, str]]) -> list[tuple[str, dict[str, Any]]]:
    return [(url, json.loads(text)) for url, (_, kind, text) in found.items()
            if kind == "application/json"]


def test_every_object_and_list_validates_against_the_oparl_1_1_schema(api: Any) -> None:
    _, found = api
    checked: dict[str, int] = {}
    for _url, data in _objects(found):
        if "data" in data:
            jsonschema.validate(data, LIST)
            items = data["data"]
        else:
            items = [data]
        for obj in items:
            name = obj["type"].rsplit("/", 1)[-1]
            schema = (EXTENSIONS[name] if obj["type"].startswith(EXTENSION) else SCHEMAS[name])
            jsonschema.validate(obj, schema, format_checker=jsonschema.FormatChecker())
            checked[name] = checked.get(name, 0) + 1
    assert set(checked) == {*SCHEMAS, *EXTENSIONS}, checked


def test_a_wrong_object_is_refused_by_the_schema() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "https://x/1", "type": "https://schema.oparl.org/1.1/"
                             "AgendaItem", "meeting": "https://x/m"}, SCHEMAS["AgendaItem"])


def test_every_link_resolves_to_the_object_it_names(api: Any) -> None:
    server, found = api
    objects = {}
    for _, data in _objects(found):
        for obj in data.get("data", [data]):
            objects[obj["id"]] = obj
    wrong = []
    for obj in list(objects.values()):
        for key in ("meeting", "paper", "agendaItem", "person", "organization", "body",
                    "system", "consultation"):
            for link in (obj.get(key) if isinstance(obj.get(key), list) else [obj.get(key)]):
                if not isinstance(link, str) or not link.startswith(server.url):
                    continue
                with urllib.request.urlopen(link, timeout=30) as answer:
                    got = json.loads(answer.read())
                if "data" not in got and got["id"] != link:
                    wrong.append((obj["id"], key, link))
    assert wrong == []


def test_paging_and_modified_since(api: Any) -> None:
    server, _ = api

    def get(path: str) -> Any:
        with urllib.request.urlopen(server.url + path, timeout=30) as answer:
            return json.loads(answer.read())

    first = get("/oparl/v1/body/1/agendaItem?limit=3")
    total = first["pagination"]["totalElements"]
    assert total > 3 and len(first["data"]) == 3 and "next" in first["links"]
    seen = [o["id"] for o in first["data"]]
    page = first
    while "next" in page["links"]:
        with urllib.request.urlopen(page["links"]["next"], timeout=30) as answer:
            page = json.loads(answer.read())
        seen += [o["id"] for o in page["data"]]
    assert len(seen) == len(set(seen)) == total
    later = get("/oparl/v1/body/1/meeting?modified_since=2999-01-01T00:00:00%2B00:00")
    assert later["data"] == []
    since = get("/oparl/v1/body/1/meeting?modified_since=2000-01-01T00:00:00%2B00:00")
    assert since["pagination"]["totalElements"] == get("/oparl/v1/body/1/meeting")[
        "pagination"]["totalElements"] > 0
