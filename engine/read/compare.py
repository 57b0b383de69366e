"""How a case's text changed between two stages, paragraph by paragraph and word by word,
with the body and meeting that made each change. Pure.

A stage is "forslag" (the administration's recommendation), "innstilling" (the current
recommendation), a meeting "BODY YYYY-MM-DD" (what it decided) or "vedtak" (the decision).
Paragraphs are matched by id, so a paragraph that moved is not a deletion plus an insertion.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.domain import text as tx
from engine.domain.errors import NotFound, RuleViolation
from engine.domain.state import Case, Item
from engine.domain.text import Text
from engine.read.audit import DECIDING, final_item, starting_text

_LINE = "\ue000"
"""Stands for a line break inside a paragraph during the word diff (a private-use char)."""
_NEST = "\ue001"
"""Marks a nested point's dash during the word diff, which splits on white space and would
lose the line's indentation."""


@dataclass(frozen=True)
class Stage:
    key: str
    """forslag, innstilling, vedtak or the meeting."""
    body: str
    date: str | None
    text: Text
    index: int
    """Position after the case's items up to this stage: -1 before the first meeting."""
    item: Item | None = None


@dataclass(frozen=True)
class Maker:
    body: str
    date: str | None
    meeting: str | None = None


@dataclass(frozen=True)
class ParagraphChange:
    id: str
    status: str
    """unchanged, changed, added or removed."""
    old_number: int | None
    new_number: int | None
    old: str
    new: str
    segments: tuple[tuple[str, str], ...]
    """(op, text) with op "=", "-", "+"; text keeps the paragraph's line breaks."""
    makers: tuple[Maker, ...] = ()

    @property
    def maker(self) -> Maker | None:
        """Who made the change; where several did, the last (its words are what stands)."""
        return self.makers[-1] if self.makers else None


@dataclass(frozen=True)
class Comparison:
    arkivsak: str
    title: str
    old: Stage
    new: Stage
    paragraphs: tuple[ParagraphChange, ...] = field(default=())
    municipality: str | None = None
    """The municipality the case belongs to, for a document's header (set by the application
    service that loads the register)."""

    @property
    def changed(self) -> bool:
        return any(p.status != "unchanged" for p in self.paragraphs)


def stage(case: Case, key: str) -> Stage:
    """Resolve a stage name to its text and place in the case."""
    from engine.read.views import find_item

    name = key.strip()
    lowered = name.lower()
    if lowered in ("forslag", "rådmannen", "original"):
        return _saksframlegg(case)
    if lowered in ("vedtak", "vedtaket"):
        item = final_item(case)
        if item is None or item.outcome is None:
            raise NotFound(f"Sak {case.arkivsak} har ikke noe vedtak ennå: velg et møte med "
                           "--to «UTVALG ÅÅÅÅ-MM-DD» eller «innstilling».")
        return Stage("vedtak", item.body, item.date, item.outcome.text, _index(case, item),
                     item)
    if lowered in ("innstilling", "innstillingen"):
        last = next((i for i in reversed(case.items) if i.outcome is not None
                     and i.produces == "recommendation" and i.outcome.kind in DECIDING), None)
        if last is None:
            return Stage("innstilling", case.prepared_by or "Rådmannen", case.prepared_date,
                         case.recommendation, -1)
        return Stage("innstilling", last.body, last.date, case.recommendation,
                     _index(case, last), last)
    item = find_item(case, name)
    if item.outcome is None:
        raise NotFound(f"Behandlingen i «{item.meeting}» er ikke avsluttet ennå.")
    return Stage(item.meeting, item.body, item.date, item.outcome.text, _index(case, item),
                 item)


def _saksframlegg(case: Case) -> Stage:
    """The administration's recommendation: the latest saksframlegg, where the case was sent
    back and came again with a new one."""
    resubmissions = getattr(case, "resubmissions", [])
    if not resubmissions:
        return Stage("forslag", case.prepared_by or "Rådmannen", case.prepared_date,
                     case.original, -1)
    last = resubmissions[-1]
    index = max((i for i, item in enumerate(case.items) if item.date <= last.date), default=-1)
    text = tuple(tx.Paragraph(p.id, p.text) for p in last.recommendation)
    return Stage("forslag", last.prepared_by or case.prepared_by or "Rådmannen", last.date,
                 text, index)


def _index(case: Case, item: Item) -> int:
    return next(i for i, it in enumerate(case.items) if it is item)


def line_diff(old: str, new: str) -> list[tuple[str, str]]:
    """`engine.domain.text.word_diff`, keeping the line breaks of a paragraph's list items and
    the indentation of a nested point."""
    def marked(text: str) -> str:
        lines = [f"{_NEST}- {line.lstrip()[2:]}" if tx.is_nested(line) else line
                 for line in text.split("\n")]
        return f" {_LINE} ".join(lines)

    out = []
    for op, words in tx.word_diff(marked(old), marked(new)):
        for pattern in (f" {_LINE} ", f"{_LINE} ", f" {_LINE}", _LINE):
            words = words.replace(pattern, "\n")
        out.append((op, words.replace(f"{_NEST}-", "  -")))
    return out


def compare(case: Case, old_key: str = "forslag", new_key: str = "vedtak") -> Comparison:
    old, new = stage(case, old_key), stage(case, new_key)
    if old.index > new.index:
        raise RuleViolation(f"«{old_key}» kommer etter «{new_key}» i saken: bytt om --from og "
                            "--to.", rule="stage-order")
    makers = _makers(case, old.index, new.index)
    old_at = {p.id: (n, p.text) for n, p in enumerate(old.text, 1)}
    new_at = {p.id: (n, p.text) for n, p in enumerate(new.text, 1)}
    fallback = (Maker(new.body, new.date, new.item.meeting if new.item else None),)
    changes: list[ParagraphChange] = []

    def removed(pid: str) -> ParagraphChange:
        n, words = old_at[pid]
        return ParagraphChange(pid, "removed", n, None, words, "", (("-", words),),
                               makers.get(("removed", pid), fallback))

    anchored: dict[str | None, list[str]] = {}
    for i, p in enumerate(old.text):
        if p.id not in new_at:
            anchor = next((q.id for q in old.text[i + 1:] if q.id in new_at), None)
            anchored.setdefault(anchor, []).append(p.id)
    # Paragraphs struck after the last one that stays go right after it, before the new ones.
    last_kept = max((n for n, p in enumerate(new.text, 1) if p.id in old_at), default=0)
    if last_kept == 0:
        changes.extend(removed(pid) for pid in anchored.pop(None, []))
    for n, p in enumerate(new.text, 1):
        changes.extend(removed(pid) for pid in anchored.get(p.id, []))
        if p.id not in old_at:
            changes.append(ParagraphChange(p.id, "added", None, n, "", p.text,
                                           (("+", p.text),),
                                           makers.get(("added", p.id), fallback)))
            continue
        number, words = old_at[p.id]
        if words == p.text:
            changes.append(ParagraphChange(p.id, "unchanged", number, n, words, p.text,
                                           (("=", words),)))
        else:
            changes.append(ParagraphChange(p.id, "changed", number, n, words, p.text,
                                           tuple(line_diff(words, p.text)),
                                           makers.get(("changed", p.id), fallback)))
        if n == last_kept:
            changes.extend(removed(pid) for pid in anchored.pop(None, []))
    return Comparison(case.arkivsak, case.title, old, new, tuple(changes))


def _makers(case: Case, start: int, end: int) -> dict[tuple[str, str], tuple[Maker, ...]]:
    """For each paragraph id, the meetings between the stages that added, removed or reworded
    it."""
    found: dict[tuple[str, str], tuple[Maker, ...]] = {}
    for item in case.items[start + 1: end + 1]:
        if item.outcome is None or item.outcome.kind not in DECIDING:
            continue
        before = {p.id: p.text for p in starting_text(item)}
        after = {p.id: p.text for p in item.outcome.text}
        maker = Maker(item.body, item.date, item.meeting)
        for pid, words in after.items():
            if pid not in before:
                found.setdefault(("added", pid), (maker,))
            elif before[pid] != words:
                found[("changed", pid)] = (*found.get(("changed", pid), ()), maker)
        for pid in before.keys() - after.keys():
            found.setdefault(("removed", pid), (maker,))
    return found
