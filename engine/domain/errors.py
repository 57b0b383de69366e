"""The engine's exceptions. Messages are Norwegian: they reach the user as they are."""

from __future__ import annotations


class SaksflytError(Exception):
    """Base of every error the command line turns into a one-line message and exit status 2."""


class RuleViolation(SaksflytError):
    """A step breaks a rule of the procedure or of the scenario format."""

    def __init__(self, message: str, rule: str = "") -> None:
        super().__init__(message)
        self.rule = rule


class InvalidTransition(RuleViolation):
    """The state machine does not allow the step in the current state."""

    def __init__(self, message: str, state: str, trigger: str) -> None:
        super().__init__(message, rule="tilstand")
        self.state = state
        self.trigger = trigger


class NotFound(SaksflytError):
    """A case, body, person, party, meeting or proposal that does not exist."""


class AlreadyExists(RuleViolation):
    """A case, body, person or party registered twice."""


class ConcurrencyConflict(SaksflytError):
    """Another writer appended to the same case first; the command can be retried."""


class ScenarioError(SaksflytError):
    """A scenario step was rejected; says where in the file."""

    def __init__(self, message: str, *, file: str = "", meeting: str = "", item: str = "",
                 step: str = "", line: int | None = None) -> None:
        self.reason = message
        self.file, self.meeting, self.item, self.step, self.line = file, meeting, item, step, line
        where = [file + (f":{line}" if line else "")] if file else []
        if meeting:
            where.append(f"møte «{meeting}»")
        if item:
            where.append(f"sak {item}")
        if step:
            where.append(f"steg {step}")
        # One line, whatever the message carries (a parser's report may span several).
        text = (", ".join(where) + ": " if where else "") + message
        super().__init__(" ".join(line.strip() for line in text.splitlines()) or text)
