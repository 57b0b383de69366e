"""What each template is rendered with: one documented dataclass a template.

A house style replaces templates in `documents/templates/<language>/` (nb, or nn, which falls
back to nb template by template) and may use the variables below, no others: each field is a
variable of its template, and its docstring says what it holds. The objects inside (a case, a
protocol, a comparison) are read-only data from the record; their own attributes are documented
where they are defined (`engine.domain.state.Case`, `documents.protocol.Protocol`,
`engine.read.compare.Comparison`, `engine.domain.deliberation.Outcome`). Record texts are data,
never markup: pass them through the `literal` filter.

`documents.templating.render(language, context)` renders a context's `TEMPLATE` with its
fields; tests/documents/test_template_contexts.py renders every template file from its
dataclass and checks that no template uses a variable (or an attribute of one) its dataclass
lacks. Templates in `LIBRARIES` hold macros only: they are imported by other templates and get
no context of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from documents.protocol import ApprovalNote, Protocol
from engine.domain.deliberation import Outcome
from engine.domain.events import Basis, CaseResubmitted, CaseWithdrawn
from engine.domain.state import Case
from engine.read.compare import Comparison, ParagraphChange


@dataclass(frozen=True, slots=True)
class Context:
    """The base of every template context."""

    TEMPLATE: ClassVar[str]
    """The template's file name, the same in every language folder."""

    def variables(self) -> dict[str, Any]:
        """The template's variables: each field by its name (not copied)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


# --- one item's saksprotokoll ---------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ProtocolContext(Context):
    """`protocol.md.j2`: the saksprotokoll of one case in one meeting, in the block markup of
    documents/markup.py. It imports the wording macros of `phrases.j2`."""

    TEMPLATE: ClassVar[str] = "protocol.md.j2"
    p: Protocol
    """The protocol as data: `p.header` (body, date as dd.mm.yyyy, sak, title, result code,
    arkivsak), `p.decision` (form, text, remarks, sent, rapporteur; none for an item without
    one), `p.handling` (the lines of Behandling), `p.voting` (the sentences of Votering),
    `p.corrections` (dated notes of corrections after approval), `p.approval` (the approval
    of its meeting's protocol: `date` as dd.mm.yyyy, `text`; none before approval)."""


# --- what a meeting decided, as `saksflyt vedtak` prints it ---------------------------------

@dataclass(frozen=True, slots=True)
class DecisionContext(Context):
    """`decision.txt.j2`: a closed item's decision, recommendation or statement as plain text,
    with its remarks and oversendelsesforslag."""

    TEMPLATE: ClassVar[str] = "decision.txt.j2"
    outcome: Outcome
    """How the item ended: `outcome.kind` (decided, postponed, noted, returned, referred,
    debated), `outcome.postponement` (the postponement's words), `outcome.postponed_by` (set
    when a proposal postponed it), `outcome.remarks` (each with `heading` and `text`),
    `outcome.sent` (the adopted oversendelsesforslag)."""
    paragraphs: str
    """The decided text, paragraphs separated by a blank line."""
    recommendation: str
    """The recommendation the item started from (for a postponement: what follows the case)."""


# --- the saksframlegg and the dossier -------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Statement:
    """An advisory body's statement, as the saksframlegg compiles it."""

    body: str
    """The advisory body's name."""
    first: str
    """The statement's first line, printed after the body's name ("" when it opens with a list)."""
    rest: str
    """The rest of the statement (its list or further paragraphs)."""


@dataclass(frozen=True, slots=True)
class SaksframleggContext(Context):
    """`saksframlegg.md.j2`: the administration's case presentation with the forslag til
    innstilling, the original one or a new one after a return to the administration."""

    TEMPLATE: ClassVar[str] = "saksframlegg.md.j2"
    case: Case
    """The case: `case.arkivsak`, `case.title`, `case.route` (stages with body and role)."""
    municipality: str | None
    """The municipality's name, where the register has one."""
    prepared_by: str | None
    """Who prepared the saksframlegg (of this round)."""
    prepared_date: str
    """Its date as dd.mm.yyyy, or ""."""
    resubmitted: CaseResubmitted | None
    """For a new saksframlegg after a return: the resubmission (`date`, `round`, `text`, the
    administration's words, or none); none for the original."""
    recommendation: str
    """The forslag til innstilling, paragraphs separated by a blank line."""
    statements: list[Statement] = field(default_factory=list)
    """The advisory bodies' statements in route order (none in a resubmitted saksframlegg)."""


@dataclass(frozen=True, slots=True)
class DossierTitleContext(Context):
    """`dossier_title.j2`: the dossier's title line (also included by `dossier.md.j2`)."""

    TEMPLATE: ClassVar[str] = "dossier_title.j2"
    case: Case
    """The case: `case.arkivsak`, `case.title`."""
    ps: str | None
    """The deciding body's case number as the record writes it ("0087/19"), or none before the
    case reaches a body."""


@dataclass(frozen=True, slots=True)
class DossierDocument:
    """One document of the dossier, under a heading of its own (its entry in the table of
    contents)."""

    kind: str
    """"protocol" or "saksframlegg"."""
    body: str
    """The body of a protocol ("" for a saksframlegg)."""
    date: str
    """dd.mm.yyyy: the meeting's, or the saksframlegg's ("" where the record has none)."""
    markup: str
    """The document's block markup less its own title, its headings one level down."""
    resubmitted: bool = False
    """For a saksframlegg: a new one, after the case was sent back."""


@dataclass(frozen=True, slots=True)
class DossierContext(Context):
    """`dossier.md.j2`: every protocol and saksframlegg of a case in one document. It includes
    `dossier_title.j2`, which sees these variables too."""

    TEMPLATE: ClassVar[str] = "dossier.md.j2"
    case: Case
    """The case: `case.arkivsak`, `case.title`."""
    ps: str | None
    """As in DossierTitleContext: the PS number, or none."""
    withdrawn: CaseWithdrawn | None
    """The administration's withdrawal (`by`, `text`), or none."""
    withdrawn_date: str
    """The withdrawal's date as dd.mm.yyyy, or ""."""
    documents: list[DossierDocument]
    """The documents in the record's order (protocols newest first, then the saksframlegg,
    then the advisory bodies' protocols)."""


# --- a meeting's møteprotokoll --------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DeputyLine:
    """A deputy who met for a member for the meeting (from an item on, or for all of it)."""

    deputy: str
    """The varamedlem's name."""
    member: str
    """The member whose seat they took."""
    from_sak: str | None
    """The body's case number from which they met, or none (the whole meeting)."""


@dataclass(frozen=True, slots=True)
class ItemNote:
    """Who left or joined for one item: an inhabil member, or a deputy for that item only."""

    sak: str
    """The body's case number."""
    kind: str
    """"inhabil" or "deputy"."""
    person: str
    """The inhabil member, or the deputy."""
    member: str
    """For a deputy: the member whose seat they took ("" for inhabil)."""
    basis: Basis | None = None
    """For inhabil: the ruling's legal basis (forvaltningsloven § 6: `ledd`, `bokstav`), or
    none where the record does not give it."""


@dataclass(frozen=True, slots=True)
class AgendaLine:
    """One case on the meeting's sakskart."""

    sak: str
    """The body's case number."""
    title: str
    """The item's title on the sakskart (the case's title unless the agenda gave another)."""
    handled: bool
    """Whether the meeting took the case up."""


@dataclass(frozen=True, slots=True)
class CorrectionLine:
    """A correction of an item's vote or proposal, before or after the protocol's approval."""

    sak: str
    """The body's case number."""
    what: str
    """What was corrected, as a phrase ("votering 3", "forslag «id»")."""
    reason: str
    """The reason given (a record text)."""
    after_approval: bool
    """Whether it was made after the protocol was approved."""


@dataclass(frozen=True, slots=True)
class MeetingView:
    """A meeting as the møteprotokoll shows it."""

    body: str
    """The body's name."""
    date: str
    """The meeting's date as dd.mm.yyyy."""
    approved: bool
    """Whether the protocol is approved."""
    absent: list[str]
    """Members with forfall for the meeting."""
    deputies: list[DeputyLine]
    """Deputies for the meeting."""
    item_notes: list[ItemNote]
    """Inhabil members and item-only deputies, item by item."""
    agenda: list[AgendaLine]
    """The sakskart in order."""
    corrections: list[CorrectionLine] = field(default_factory=list)
    """Every correction made in the meeting's items."""
    place: str | None = None
    """Where the meeting was held (møtested), or none where the record does not say."""
    start: str | None = None
    """When it started (TT:MM), or none."""
    end: str | None = None
    """When it ended (TT:MM), or none."""
    chair: str | None = None
    """The møteleder's name (with party), or none."""
    present: list[str] | None = None
    """The members who met, by name with party, deputies included; none where the register
    has no members for the body."""
    approval: ApprovalNote | None = None
    """The protocol's approval (`date` as dd.mm.yyyy, `text`, `by`, `method`, `as_recorded`,
    `lacking`: what an old record approved as it was kept lacks), for the lines it ends
    with; none before approval."""


@dataclass(frozen=True, slots=True)
class MeetingProtocolContext(Context):
    """`meeting_protocol.md.j2`: a whole meeting's møteprotokoll: header, attendance, sakskart,
    then each handled item's saksprotokoll in agenda order."""

    TEMPLATE: ClassVar[str] = "meeting_protocol.md.j2"
    m: MeetingView
    """The meeting."""
    items: list[str]
    """The handled items' saksprotokoller as block markup, headings one level down."""


# --- `saksflyt diff` --------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DiffContext(Context):
    """`diff.txt.j2`: the text between two stages of a case, as plain text or Markdown. Its
    headings come from the macros of `diff.j2` (also used for the tracked-changes .docx)."""

    TEMPLATE: ClassVar[str] = "diff.txt.j2"
    comparison: Comparison
    """What is compared: `comparison.arkivsak`, `comparison.title`, `comparison.old` and
    `comparison.new` (the stages: key, body, date), `comparison.changed` (any change at all)."""
    blocks: list[tuple[ParagraphChange, str]]
    """Each paragraph shown, with its text and its changes already marked (`[-…-]` and `{+…+}`,
    or `~~…~~` and `**…**` in Markdown)."""
    markdown: bool
    """Whether the output is Markdown (headings marked with `#`)."""


CONTEXTS: dict[str, type[Context]] = {cls.TEMPLATE: cls for cls in (
    ProtocolContext, DecisionContext, SaksframleggContext, DossierTitleContext, DossierContext,
    MeetingProtocolContext, DiffContext)}
"""Every template rendered on its own, by file name."""

LIBRARIES: dict[str, str] = {
    "phrases.j2": "the saksprotokoll's wording: `results` (a result code's words), `who`, "
                  "`entry` (a line of Behandling), `vote` (a sentence of Votering), "
                  "`correction`, `approval` (the line an approved protocol ends with), "
                  "`page_of` (every document's footer); imported by protocol.md.j2 and "
                  "meeting_protocol.md.j2, `page_of` used by documents/house.py; `lacking` "
                  "(what an old record approved as recorded lacks), `basis` (the legal basis "
                  "of an inhabil ruling), `clock` (a meeting's time)",
    "voting.j2": "the voting record's sentences: `vote` (a sentence of Votering), `name` (how a "
                 "proposal or the recommendation is named), `listing`, `numbers`; imported by "
                 "phrases.j2, so a house style may override it alone",
    "diff.j2": "the wording of `saksflyt diff`: `title`, `subtitle`, `heading`, `no_changes`, "
               "and for the tracked-changes .docx `changes_lead` and `text_heading`; "
               "imported by diff.txt.j2 and used by documents/tracked_docx.py",
}
"""Templates of macros only, by file name: each macro takes what it words as its arguments."""
