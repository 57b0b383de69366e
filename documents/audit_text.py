"""The audit as a person reads it in a terminal: blame and history as plain aligned text.

Input is the JSON-shaped data of `engine.read.audit.blame` and `engine.read.history.history`, so the
text and the `--json` output never disagree.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import Any

WIDTH = 100
LABEL = 12
KIND_NB = {"forslag": "forslag"}
ROLE_NB = {"covered": "innstillingen", "adopted": "vedtatt", "changed": "endret",
           "challenged": "beholdt"}
STEP_TEXT = {"vote.held": "votering", "proposal.made": "forslag",
             "proposal.withdrawn": "trukket forslag", "remark.joined": "tilslutning til merknad",
             "item.note": "protokolltekst", "item.rapporteur": "saksordfører",
             "item.impartiality": "habilitet", "item.present": "tilstedeværelse",
             "item.taken_note": "tatt til orientering", "item.postponed": "utsettelse",
             "case.sent_back": "sendt tilbake", "case.referred": "oversendt",
             "item.corrected": "korreksjon"}
"""The words for a step taken back (its event type) in the history."""
ROLE_TEXT = {"uttalelse": "uttalelse", "innstilling": "innstilling", "vedtak": "vedtak"}


def _who(ref: dict[str, Any]) -> str:
    by = ref.get("by") or ""
    party = ref.get("party")
    return f"{by} ({party})" if party else by


def _where(ref: dict[str, Any]) -> str:
    return " ".join(x for x in (ref.get("body"), ref.get("date")) if x)


def origin_text(origin: dict[str, Any]) -> str:
    if origin["kind"] == "recommendation":
        round_ = f" (nytt saksframlegg, runde {origin['round']})" if origin.get("round") else ""
        return f"forslag til innstilling{round_}, {_where(origin)}"
    if origin["kind"] == "proposal":
        return f"{origin['proposal_kind']} fra {_who(origin)}, {_where(origin)}"
    if origin["kind"] == "decision":
        return f"vedtatt av {_where(origin)}"
    return "ukjent"


def how_it_went(vote: dict[str, Any]) -> str:
    """"enstemmig", "mot 12 stemmer (1Ap, 5MDG, 4SV, 2R)", "mot 5 stemmer"."""
    if vote.get("unanimous"):
        return "enstemmig"
    against = vote.get("against")
    if isinstance(against, str) and against:
        n = vote.get("n_against")
        return f"mot {n} stemmer ({against})" if n is not None else f"mot {against}"
    if isinstance(against, int):
        return f"mot {against} stemmer"
    return ""


def _parts(vote: dict[str, Any]) -> str:
    if vote.get("parts"):
        return " avsnitt " + ", ".join(str(n) for n in vote["parts"])
    if vote.get("except_parts"):
        return " unntatt avsnitt " + ", ".join(str(n) for n in vote["except_parts"])
    return ""


def vote_text(vote: dict[str, Any]) -> str:
    went = how_it_went(vote)
    result = f"{vote['result']} {went}".strip()
    role = vote.get("role")
    challenge = vote.get("challenge")
    against = f" {challenge['proposal_kind']} fra {_who(challenge)}" if challenge else ""
    if vote.get("between"):
        kind = "alternativ votering"
        if role == "challenged":
            return f"{kind} mot{against}: innstillingen{_parts(vote)} vedtatt {went}".strip()
        others = [side for side in vote["between"] if side != vote.get("winner")]
        other = others[0] if others else ""
        if role == "adopted":
            return f"{kind} mot {other}: forslaget {result}"
        return f"{kind} mellom {' og '.join(vote['between'])}: {vote.get('winner')} {result}"
    if role == "covered":
        return f"innstillingen{_parts(vote)} {result}"
    if role == "adopted":
        return f"forslaget {result}"
    if role == "changed":
        return f"endringen {result}"
    if role == "challenged":
        return f"beholdt:{against} {result}"
    return result


def diff_text(diff: Iterable[Iterable[str]]) -> str:
    marks = {"-": ("[-", "-]"), "+": ("{+", "+}")}
    out = []
    for op, words in diff:
        if op == "=":
            out.append(_shorten(words))
        else:
            start, end = marks[op]
            out.append(f"{start}{words}{end}")
    return " ".join(out)


def _shorten(words: str, keep: int = 4) -> str:
    """Unchanged words around a change: a few on each side are enough to find it."""
    parts = words.split()
    if len(parts) <= 2 * keep + 1:
        return words
    return " ".join([*parts[:keep], "…", *parts[-keep:]])


def _block(label: str, lines: list[str]) -> list[str]:
    out = []
    for index, line in enumerate(lines):
        head = label if index == 0 else ""
        wrapped = textwrap.wrap(line, WIDTH - LABEL - 2) or [""]
        out.append(f"  {head:<{LABEL}}{wrapped[0]}")
        out.extend(f"  {'':<{LABEL}}{more}" for more in wrapped[1:])
    return out


def render_blame(arkivsak: str, meeting: str | None, paragraphs: list[dict[str, Any]]) -> str:
    title = f"Sak {arkivsak}: hvor hvert avsnitt i " + (
        f"vedtaket i «{meeting}»" if meeting else "vedtaket") + " kommer fra"
    lines = [title, "=" * len(title)]
    for paragraph in paragraphs:
        lines.append("")
        head, *rest = paragraph["text"].splitlines() or [""]
        lines.extend(textwrap.wrap(f"Avsnitt {paragraph['number']}: {head}", WIDTH,
                                   subsequent_indent="  "))
        for line in rest:  # list items keep their own lines
            lines.extend(textwrap.wrap(line, WIDTH, initial_indent="  ",
                                       subsequent_indent="    "))
        lines.extend(_block("Opphav:", [origin_text(paragraph["origin"])]))
        for number, version in enumerate(paragraph["versions"], 1):
            if "changed_by" in version:
                by = version["changed_by"]
                status = (f"endret av {by['proposal_kind']} fra {_who(by)}, {_where(by)}")
            else:
                status = version["outcome"]
                if not version.get("voted", True):
                    status += f", ikke votert over (saken {version.get('item_outcome')})"
            likely = " (trolig samme forslag)" if version.get("likely") else ""
            source = (f"forslag «{version['proposal_id']}» fra {_who(version)}"
                      if version.get("proposal_id") else "forslag til innstilling")
            lines.extend(_block(f"Versjon {number}:", [
                f"{_where(version)}, {source}{likely}: {status}",
                "endring: " + diff_text(version.get("diff", [])),
            ]))
        votes = [f"{_where(v)}: {vote_text(v)}" for v in paragraph["votes"]]
        lines.extend(_block("Votering:", votes or ["ingen votering"]))
    return "\n".join(lines) + "\n"


def render_history(data: dict[str, Any]) -> str:
    title = f"Sak {data['arkivsak']}: {data['title']}"
    lines = [title, "=" * len(title)]
    prepared = data.get("prepared") or {}
    if prepared.get("by") or prepared.get("date"):
        lines.append("Saksframlegg: " + ", ".join(x for x in (prepared.get("by"),
                                                             prepared.get("date")) if x))
    lines.append(f"Status: {data['status']}")
    lines.append("Rute:")
    for stage in data["route"]:
        role = ROLE_TEXT.get(stage["role"], stage["role"])
        lines.append(f"  {stage['number']}. {stage['body']} ({role})")
    lines.append("")
    lines.append("Behandlinger:")
    # Case-level events (a new saksframlegg, a withdrawal) go in among the meetings by date.
    case_events = [(r["date"], f"  {r['date']}  Nytt saksframlegg (runde {r['round']})"
                               + (f" fra {r['by']}" if r.get("by") else ""))
                   for r in data.get("resubmissions", [])]
    if data.get("withdrawn"):
        w = data["withdrawn"]
        case_events.append((w["date"], f"  {w['date']}  Saken trukket"
                                       + (f" av {w['by']}" if w.get("by") else "")))
    case_events.sort()
    for meeting in data["meetings"]:
        while case_events and case_events[0][0] < meeting["date"]:
            lines.append(case_events.pop(0)[1])
        role = ROLE_TEXT.get(meeting["role"], meeting["role"])
        lines.extend(textwrap.wrap(
            f"{meeting['date']}  {meeting['body']}, sak {meeting['sak']} ({role}): "
            f"{meeting['outcome']}", WIDTH, initial_indent="  ", subsequent_indent=" " * 14))
        for proposal in meeting["proposals"]:
            status = proposal["status"]
            if proposal["votes"]:
                last = proposal["votes"][-1]
                went = how_it_went(last)
                if last.get("side") == "tapte" and isinstance(last.get("n_against"), int):
                    tally = f" ({last['against']})" if isinstance(last["against"], str) else ""
                    went = f"ved alternativ votering, fikk {last['n_against']} stemmer{tally}"
                elif last.get("side") == "vant":
                    went = f"ved alternativ votering, {went}".rstrip(", ")
                status += f" {went}" if went else ""
            elif proposal.get("joined_by"):
                status += " (" + ", ".join(proposal["joined_by"]) + " sluttet seg til)"
            elif status == "bortfalt":
                status += ", ikke votert over"
            revises = f", tar opp igjen «{proposal['revises']}»" if proposal["revises"] else ""
            lines.extend(textwrap.wrap(
                f"{proposal['kind']} fra {_who(proposal)} («{proposal['id']}»{revises}): "
                f"{status}", WIDTH, initial_indent="      - ", subsequent_indent="        "))
        for undone in meeting.get("undone", []):
            said = (f"angret: {STEP_TEXT.get(undone['step'], undone['step'])}"
                    if undone["kind"] == "retracted" else f"åpnet igjen: {undone['reason']}")
            lines.extend(textwrap.wrap(said, WIDTH, initial_indent="      * ",
                                       subsequent_indent="        "))
    lines.extend(text for _, text in case_events)
    return "\n".join(lines) + "\n"
