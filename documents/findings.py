"""What `verify` found, in words: engine.store.findings gives codes and their data."""

from __future__ import annotations

from typing import Any

from documents.messages import say

_PROBLEMS = {
    "inserted": "problem_inserted", "replaced": "problem_replaced",
    "deleted": "problem_deleted", "changed": "problem_changed", "moved": "problem_moved",
    "renumbered": "problem_renumbered", "missing": "problem_missing",
    "checkpoint-before-missing": "problem_checkpoint_before_missing",
    "checkpoint-not-ours": "problem_checkpoint_not_ours",
    "checkpoint-foreign": "problem_checkpoint_foreign",
    "checkpoint-signature": "problem_checkpoint_signature",
    "checkpoint-remembered": "problem_checkpoint_remembered",
    "table-empty": "problem_table_empty", "stream-deleted": "problem_stream_deleted",
    "tail-deleted": "problem_tail_deleted", "rechained": "problem_rechained",
    "rows-missing": "problem_rows_missing", "rows-inserted": "problem_rows_inserted",
}
_NOTES = {"signatures-unchecked": "note_signatures_unchecked"}


def stream_label(stream_id: str) -> str:
    if stream_id == "register":
        return say("stream_register")
    for prefix, key in (("sak:", "stream_case"), ("møte:", "stream_meeting")):
        if stream_id.startswith(prefix):
            return say(key, name=stream_id.removeprefix(prefix))
    return say("stream_other", name=stream_id)


def _span(first: int, last: int | None) -> str:
    if last is None or last == first:
        return say("span_one", first=first)
    return say("span_many", first=first, last=last)


def problem_text(problem: Any) -> str:
    """One line naming the stream, the event or span, and what changed."""
    fields: dict[str, Any] = dict(problem.fields)
    words: dict[str, Any] = {**fields, "stream": stream_label(problem.stream_id)}
    if "type" in fields:
        words["event"] = say("event_at", seq=fields["seq"], type=fields["type"],
                             position=fields["position"])
    if problem.code in ("deleted", "tail-deleted"):
        words["span"] = _span(fields["seq"], fields.get("last") if problem.code == "deleted"
                              else fields["last"])
    if problem.code == "missing":
        first, last = fields["position"], fields["last"]
        words["positions"] = str(first) if first == last else f"{first}–{last}"
        words["before_stream"] = stream_label(fields["before_stream"])
        words["after_stream"] = stream_label(fields["after_stream"])
    if "created_at" in fields:
        words["checkpoint"] = say("checkpoint_at", number=fields["number"],
                                  created_at=fields["created_at"])
    if problem.code == "rechained":
        words["since"] = (say("rechained_since", seq=fields["since"]) if fields["since"]
                          else say("rechained_from_start"))
    return say(_PROBLEMS[problem.code], **words)


def note_text(note: str) -> str:
    return say("verify_note", note=say(_NOTES[note]))
