"""What the read models return instead of words: small codes with their data.

The engine says *what* (an item was postponed to a date, a proposal fell, a vote was held);
`documents.words` says it in bokmål or nynorsk. A read model's dict carries these values where
a user reads a word, and `documents.words.worded` turns them into text before anything prints
or dumps JSON (json cannot dump them, so nothing unworded slips out).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Outcome:
    """What became of an item (or that nothing has yet), as a code.

    `open` (under way), `not_started` (on the agenda, not taken up), `postponed` (`to`: the
    date, if any), `noted`, `returned` (`to`: "administration" or a body), `referred` (`to`:
    the body), `debated` (debated, not voted on), or what the stage produced: `statement`,
    `recommendation`, `decided`.
    """

    code: str
    to: str | None = None


@dataclass(frozen=True)
class CaseStatus:
    """Where a case stands: `decided`; `state` (closed another way or waiting outside the
    route: `label` is the workflow's label of the state); or `at_stage` (`label`: the
    workflow's label of the stage's role, `body`: the body that has it)."""

    code: str
    label: str | None = None
    body: str | None = None


@dataclass(frozen=True)
class ProposalStatus:
    """What became of a proposal (its status code: proposed, adopted, fell, withdrawn,
    lapsed; `changed` for a wording a later proposal changed). `remark`: a joined remark,
    never voted on. `live`: as `item status` shows it while the item is open."""

    code: str
    remark: bool = False
    live: bool = False


@dataclass(frozen=True)
class Side:
    """In an alternative vote: whether the proposal `won` or `lost`."""

    code: str


@dataclass(frozen=True)
class Administration:
    """The administration as the author of a recommendation when no one is named."""


@dataclass(frozen=True)
class VoteSummary:
    """One vote as `item status` and the logging commands sum it up (`vote`: the VoteHeld)."""

    vote: Any
