"""A real crawler over the public site and the OParl API of a running `saksflyt serve`,
from their entry points (/innsyn and /oparl/v1), without signing in: it follows every link
on every page (href in HTML, every URL in JSON) on this server, opens every Word file, and
holds what it read to the publication rules."""

from __future__ import annotations

import io
import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urldefrag, urljoin

import pytest

from tests.public.conftest import DECISION_WORD, EXEMPT_WORDS, PUBLIC_TITLE, UNAPPROVED_TEXTS
from tests.server.conftest import running_server

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)


def _urls(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for value in data.values():
            yield from _urls(value)
    elif isinstance(data, list):
        for value in data:
            yield from _urls(value)
    elif isinstance(data, str) and data.startswith("http"):
        yield data


def crawl(start: list[str], origin: str) -> dict[str, tuple[int, str, str]]:
    """Every page reachable on `origin`: url -> (status, content type, text read)."""
    import docx

    seen: dict[str, tuple[int, str, str]] = {}
    queue = list(start)
    while queue:
        url = urldefrag(queue.pop(0))[0]
        if url in seen or not url.startswith(origin):
            continue
        try:
            with urllib.request.urlopen(url, timeout=60) as answer:
                status, kind, raw = answer.status, answer.headers.get_content_type(), answer.read()
        except urllib.error.HTTPError as error:
            status, kind, raw = error.code, error.headers.get_content_type(), error.read()
        if kind == DOCX:
            text = "\n".join(p.text for p in docx.Document(io.BytesIO(raw)).paragraphs)
            seen[url] = (status, kind, text)
            continue
        text = raw.decode("utf-8")
        seen[url] = (status, kind, text)
        if kind == "text/html":
            parser = Links()
            parser.feed(text)
            queue += [urljoin(url, href) for href in parser.found]
            queue += [urljoin(url, a) for a in re.findall(r'action="([^"]+)"', text)]
        elif kind == "application/json":
            queue += list(_urls(json.loads(text)))
    return seen


@pytest.fixture(scope="module")
def crawled(public_store: str) -> dict[str, tuple[int, str, str]]:
    with running_server(public_store) as server:
        found = crawl([server.url + "/innsyn", server.url + "/oparl/v1"], server.url)
        # The search form is a link too: one query for a word of the decision.
        found.update(crawl([server.url + f"/innsyn/sok?q={DECISION_WORD}"], server.url))
    return found


def test_the_crawl_reaches_pages_api_objects_and_word_files(crawled: dict) -> None:
    kinds = {kind for _, kind, _ in crawled.values()}
    assert {"text/html", "application/json", DOCX, "text/css"} <= kinds
    assert len(crawled) > 60
    broken = [url for url, (status, _, _) in crawled.items() if status != 200
              and "/protokoll" not in url]
    assert broken == []
    # No link leads to a sign-in: nothing public needs one.
    assert not [u for u in crawled if "/logg-inn" in u or "/saker" in u.split("/innsyn")[0][-6:]]


def test_the_council_decision_and_its_tallies_per_party_are_public(crawled: dict) -> None:
    everything = {url: text for url, (_, _, text) in crawled.items()}
    case_pages = [t for u, t in everything.items() if u.endswith("/innsyn/saker/19/8286")]
    assert case_pages and "Trondheim bystyret vedtar" in case_pages[0]
    assert "FLERTALLSMERKNAD - SV, Ap, H, FrP, MDG, PP, V, Sp, KrF, R:" in case_pages[0]
    # The alternative vote: 1Ap, 5MDG, 4SV, 2R for the strike proposal; the rest for the
    # recommendation (67 seats).
    assert re.search(r"<th scope=\"row\">MDG</th><td>0</td><td>5</td>", case_pages[0])
    assert re.search(r"<th scope=\"row\">H</th><td>14</td><td>0</td>", case_pages[0])
    votes = [json.loads(t) for u, (_, k, t) in crawled.items() if "/oparl/v1/vote/" in u]
    council = [v for v in votes if "Bystyret%202019-08-29/19-8286" in v["id"]]
    alternative = next(v for v in council if len(v["subject"]) == 2)
    tally = {t["party"]: (t["for"], t["against"]) for t in alternative["tally"]}
    assert tally["MDG"] == (0, 5) and tally["Ap"] == (27, 1) and tally["H"] == (14, 0)
    assert alternative["resolutionParagraph"]
    items = [json.loads(t) for u, (_, k, t) in crawled.items() if "/oparl/v1/agendaItem/" in u]
    decided = next(i for i in items if i["id"].endswith("Bystyret%202019-08-29/19-8286"))
    assert decided["resolutionText"].startswith("Trondheim bystyret vedtar")
    # The scenario's approval (approved: {date: 2019-09-19, by: Bystyret, how: møte}) is the
    # protocol's approval line.
    protocol = next(t for u, t in everything.items()
                    if u.endswith("/innsyn/moter/Bystyret%202019-08-29/protokoll"))
    assert "Godkjent i møte 19.09.2019 av Bystyret." in protocol


def test_no_text_of_an_unapproved_meeting_and_no_exempt_text_anywhere(crawled: dict) -> None:
    leaks = [(url, word) for url, (_, _, text) in crawled.items()
             for word in (*UNAPPROVED_TEXTS, *EXEMPT_WORDS) if word in text]
    assert leaks == []
    # The exempt item is there, by its public title and legal basis.
    shown = [u for u, (_, _, t) in crawled.items() if PUBLIC_TITLE in t]
    assert any("/innsyn/moter/" in u for u in shown) and any("/oparl/v1/" in u for u in shown)
    assert any("offl. § 13 jf. fvl. § 13" in t for _, _, t in crawled.values())


def test_the_search_page_found_the_decision(crawled: dict) -> None:
    page = next(t for u, (_, _, t) in crawled.items() if f"sok?q={DECISION_WORD}" in u)
    assert "/innsyn/saker/19/8286" in page
