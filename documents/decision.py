"""A meeting's decision for a case as plain text (what `saksflyt vedtak` prints)."""

from __future__ import annotations

from documents.contexts import DecisionContext
from documents.templating import render
from engine.domain.state import Case, Item
from engine.domain.text import render_plain


def decision_text(case: Case, item: Item, language: str = "nb") -> str:
    """The decision, recommendation or statement of a closed item, with its remarks."""
    assert item.outcome is not None
    outcome = item.outcome
    return render(language, DecisionContext(
        outcome=outcome, paragraphs=render_plain(p.text for p in outcome.text),
        recommendation=render_plain(p.text for p in item.base))).strip() + "\n"
