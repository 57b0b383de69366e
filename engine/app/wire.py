"""The scenario format as the API's wire format: a step as the scenario writes it
(`{"vote": {...}}`, `{"note": "TEXT"}`) to the step kind and keys that engine.app.items
logs. One reading of a step for a scenario file and for a request."""

from __future__ import annotations

from typing import Any

from engine.domain.errors import RuleViolation


def wire_step(raw: Any) -> tuple[str, dict[str, Any]]:
    from engine.domain.steps import SCALAR_KEY, STEP_MODELS

    if not isinstance(raw, dict) or len(raw) != 1:
        raise RuleViolation("Et steg er et kart med én nøkkel, som {\"vote\": {...}}.")
    kind, value = next(iter(raw.items()))
    if kind not in STEP_MODELS:
        raise RuleViolation(f"Ukjent steg «{kind}»; gyldige: " + ", ".join(STEP_MODELS) + ".")
    if kind in SCALAR_KEY and not (isinstance(value, dict) and kind != "present"):
        value = {SCALAR_KEY[kind]: value}
    if not isinstance(value, dict):
        raise RuleViolation(f"Steget «{kind}» trenger et kart av nøkler.")
    return kind, dict(value)
