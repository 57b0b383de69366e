"""A scenario's publication key (docs/scenario-format-extensions.md): an item's
`exempt: {basis, public_title}`, typed by engine.scenario.entries. (A meeting's `approved`
is the møtebok's: engine.scenario.motebok.)"""

from __future__ import annotations

from engine.commands import publication as decide
from engine.commands.workspace import Workspace
from engine.domain.state import Case, Item


def exempt_item(ws: Workspace, case: Case, item: Item, exemption: decide.Exemption | None,
                ) -> None:
    if exemption is not None:
        decide.exempt(ws, case, item, exemption.basis, exemption.public_title)
