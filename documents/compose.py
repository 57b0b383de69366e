"""Documents of a case as block markup, from the record: protocols, saksframlegg, dossier.

Each function returns the markup of documents/markup.py; `render_markup` turns it into text
or Markdown, and documents/docx_writer.py into Word.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from documents import markup as mk
from documents import naming
from documents.contexts import (
    DossierContext,
    DossierDocument,
    DossierTitleContext,
    ProtocolContext,
    SaksframleggContext,
    Statement,
)
from documents.protocol import build_protocol, plain
from documents.templating import render
from engine.domain.events import CaseResubmitted
from engine.domain.lifecycle import load_workflow
from engine.domain.state import Case, Item, Registry
from engine.domain.text import render_plain

if TYPE_CHECKING:
    from engine.app.approvals import Approval

FORMATS = ("text", "md", "docx")


def language_of(registry: Registry, body: str, language: str | None = None) -> str:
    """The language a body's protocols are written in: the one asked for, else the body's
    own (`language` in the register), else bokmål."""
    if language is not None:
        return language
    found = registry.bodies.get(body)
    return (found.language if found is not None else None) or "nb"


def protocol_markup(registry: Registry, case: Case, item: Item, language: str | None = None,
                    approval: Approval | None = None) -> str:
    """The saksprotokoll; `approval` (engine.app.approvals), where its meeting's protocol is
    approved, gives the line it ends with."""
    return render(language_of(registry, item.body, language),
                  ProtocolContext(p=build_protocol(registry, case, item, approval)))


def render_markup(markup: str, fmt: str) -> str:
    blocks = mk.parse(markup)
    return mk.to_markdown(blocks) if fmt == "md" else mk.to_text(blocks)


def statements(case: Case) -> list[Statement]:
    """The advisory bodies' statements on the route, in route order."""
    out: list[Statement] = []
    workflow = load_workflow(case.workflow)
    for index, stage in enumerate(case.route):
        if workflow.stage_outcome(stage.role) != "statement":
            continue
        for item in case.items:
            if item.stage != index or item.outcome is None or item.outcome.kind in (
                    "postponed", "returned", "referred"):
                continue  # no statement: the body's instruction is not one
            lines = plain(item.outcome.text).split("\n")
            first = "" if not lines or lines[0].startswith("- ") else lines[0]
            rest = "\n".join(lines[1:] if first else lines).strip("\n")
            out.append(Statement(item.body, first, rest))
    return out


def saksframlegg_markup(registry: Registry, case: Case, language: str = "nb",
                        resubmitted: CaseResubmitted | None = None) -> str:
    """The case's saksframlegg, or, with `resubmitted`, the new one of that round."""
    if resubmitted is not None:
        return render(language, SaksframleggContext(
            case=case, municipality=registry.municipality,
            prepared_by=resubmitted.prepared_by or case.prepared_by,
            prepared_date=naming.norwegian_date(resubmitted.date), resubmitted=resubmitted,
            recommendation=render_plain(p.text for p in resubmitted.recommendation)))
    return render(language, SaksframleggContext(
        case=case, municipality=registry.municipality, prepared_by=case.prepared_by,
        prepared_date=naming.norwegian_date(case.prepared_date), resubmitted=None,
        recommendation=plain(case.original), statements=statements(case)))


def dossier_items(case: Case) -> tuple[list[Item], list[Item]]:
    """The protocols in the record's order: the handling history newest first (so the deciding
    protocol leads), and the advisory bodies' protocols, in route order, as attachments."""
    history = [i for i in case.items if i.produces != "statement"]
    history.sort(key=lambda i: (i.date, case.items.index(i)), reverse=True)
    advisory = [i for i in case.items if i.produces == "statement"]
    advisory.sort(key=lambda i: (i.stage, i.date))
    return history, advisory


def ps_number(case: Case) -> str | None:
    """The PS number: the deciding body's case number, zero-padded as in the record."""
    workflow = load_workflow(case.workflow)
    deciding = [s.body for s in case.route
                if workflow.stage_outcome(s.role) in ("decision", "debate")]
    items = [i for i in case.items if i.body in deciding] or [
        i for i in case.items if i.produces != "statement"]
    return naming.ps_number(items[-1].sak) if items else None


def dossier_markup(registry: Registry, case: Case, language: str | None = None,
                   approvals: Mapping[str, Approval] | None = None) -> str:
    """The dossier: a table of contents, then the documents in the record's order
    (`dossier_items`), each protocol with its meeting's approval line where it has one.
    Without a `language`, each protocol is in its body's, the rest in bokmål."""
    approvals = approvals or {}
    whole = language or "nb"
    history, advisory = dossier_items(case)

    def protocol(item: Item) -> DossierDocument:
        markup = protocol_markup(registry, case, item, language, approvals.get(item.meeting))
        return DossierDocument("protocol", item.body, naming.norwegian_date(item.date),
                               _nested(markup))

    documents = [protocol(i) for i in history]
    # Saksframlegg newest first, as the history: a resubmitted one before the original.
    documents += [DossierDocument("saksframlegg", "", naming.norwegian_date(r.date),
                                  _nested(saksframlegg_markup(registry, case, whole, r)),
                                  resubmitted=True)
                  for r in reversed(case.resubmissions)]
    documents.append(DossierDocument("saksframlegg", "",
                                     naming.norwegian_date(case.prepared_date),
                                     _nested(saksframlegg_markup(registry, case, whole))))
    documents += [protocol(i) for i in advisory]
    withdrawn = case.withdrawn
    return render(whole, DossierContext(
        case=case, ps=ps_number(case), withdrawn=withdrawn,
        withdrawn_date=naming.norwegian_date(withdrawn.date) if withdrawn else "",
        documents=documents))


def _nested(markup: str) -> str:
    """A document inside the dossier: its own title gives way to the dossier's heading."""
    return mk.shift_headings(mk.without_title(markup), 1)


def dossier_title(case: Case, language: str = "nb") -> str:
    return render(language, DossierTitleContext(case=case, ps=ps_number(case))).strip()
