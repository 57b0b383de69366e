"""`item status` as text: the item, its recommendation, proposals, votes, attendance,
corrections and the decision as it reads (from engine.app.live.item_status, worded)."""

from __future__ import annotations

from typing import Any

from documents.messages import say


def format_status(status: dict[str, Any], lang: str = "nb") -> str:
    """`status` worded by `documents.words.worded`."""
    lines = [say("status_heading", lang, **status),
             say("status_state", lang, state=status["state"])
             + (say("status_closed", lang) if status["closed"] else "")]
    lines.append(say("status_recommendation", lang))
    for p in status["recommendation"]:
        first, *rest = [line for line in p["text"].splitlines() if line.strip()]
        lines.append(f"  {p['number']}. {first}")
        lines += [f"     {line}" for line in rest]
    lines.append(say("status_proposals" if status["proposals"] else "status_no_proposals", lang))
    lines += [say("status_proposal", lang, **p) for p in status["proposals"]]
    lines.append(say("status_votes" if status["votes"] else "status_no_votes", lang))
    lines += [f"  {v['number']}. {v['summary']}" for v in status["votes"]]
    if status["absent"] or status["inhabil"] or status["deputies"]:
        none = say("status_none", lang)
        deputies = ", ".join(say("status_deputy", lang, deputy=d["deputy"], member=d["for"])
                             for d in status["deputies"])
        lines.append(say("status_attendance", lang, absent=", ".join(status["absent"]) or none,
                         inhabil=", ".join(status["inhabil"]) or none,
                         deputies=deputies or none))
    for c in status["corrections"]:
        what = (say("status_corrected_vote", lang, vote=c["vote"]) if c["target"] == "vote"
                else say("status_corrected_proposal", lang, proposal=c["proposal"]))
        lines.append(say("status_corrected", lang, what=what, reason=c["reason"])
                     + (say("status_after_approval", lang) if c["after_approval"] else ""))
    heading = "status_decision" if status["closed"] else "status_decision_if_closed"
    lines += [say(heading, lang), status["decision"].rstrip()]
    return "\n".join(lines) + "\n"
