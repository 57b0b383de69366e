"""Deterministic synthetic cases in the scenario format (spec/scenario-format.md, version 1).

A case goes through a route of 1 to 6 bodies (advisory councils, committees, a council), with
postponements, proposals of every kind, withdrawals, votes whose tallies fit the seats and the
attendance, impartiality rulings and remarks. The generator follows each case's text as the
spec says the engine builds it, so every paragraph number and amended word it writes exists:
every generated scenario must replay without a rejection.

    python bench/generate.py --cases 1000 --seed 7 -o /tmp/cases.yaml
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PARTIES = {
    "Ap": "Arbeiderpartiet", "H": "Høyre", "FrP": "Fremskrittspartiet",
    "MDG": "Miljøpartiet De Grønne", "SV": "Sosialistisk Venstreparti", "V": "Venstre",
    "KrF": "Kristelig Folkeparti", "Sp": "Senterpartiet", "R": "Rødt",
    "PP": "Pensjonistpartiet",
}
COUNCIL = ("Bystyret", {"Ap": 24, "H": 14, "FrP": 5, "MDG": 6, "SV": 5, "V": 3, "KrF": 2,
                        "Sp": 3, "R": 3, "PP": 2})
COMMITTEES = [
    ("Formannskapet", {"Ap": 5, "H": 3, "FrP": 1, "MDG": 1, "SV": 1, "Sp": 1, "R": 1}),
    ("Finans- og næringskomiteen", {"Ap": 5, "H": 3, "FrP": 1, "MDG": 1, "SV": 1, "V": 1}),
    ("Helse- og velferdskomiteen", {"Ap": 4, "H": 3, "FrP": 1, "SV": 1, "KrF": 1, "R": 1}),
    ("Komité for kultur, idrett og oppvekst", {"Ap": 4, "H": 2, "MDG": 2, "V": 1, "Sp": 1,
                                               "PP": 1}),
    ("Komité for miljø og byutvikling", {"Ap": 4, "H": 3, "MDG": 1, "SV": 1, "FrP": 1,
                                         "KrF": 1}),
    ("Kontrollutvalget", None),
]
ADVISORY = ["Ungdommens bystyre", "Eldrerådet", "Mangfoldsrådet",
            "Kommunalt råd for mennesker med nedsatt funksjonsevne", "Trondheim Studentråd"]
ADVISORY_GROUPS = {"Ungdommens bystyre": "Ungdommens bystyre", "Eldrerådet": "Pensjonistforbundet",
                   "Mangfoldsrådet": "Innvandrerrådet", "Trondheim Studentråd": "Velferdstinget",
                   "Kommunalt råd for mennesker med nedsatt funksjonsevne": "FFO"}
FIRST = ["Anne", "Ola", "Kari", "Per", "Ingrid", "Lars", "Silje", "Jonas", "Marte", "Eirik",
         "Hilde", "Tor", "Nora", "Sindre", "Ragnhild", "Ismail", "Elin", "Roar", "Vegard", "Aud"]
LAST = ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Berg",
        "Haugen", "Næss", "Lund", "Moe", "Dahl", "Strand", "Aas", "Renolen", "Salomonsen",
        "Solberg", "Bakken", "Lie", "Ruud", "Eide", "Vik", "Holm", "Sæther"]
START = dt.date(2021, 1, 4)
ALTERNATIVE = "alternativt forslag"
"""Marks, among an item's claimed paragraph ids, that it already has an alternative."""

SUBJECTS = ["kommunens klimaplan", "skolebruksplanen", "sykkelstrategien", "boligprogrammet",
            "kulturstrategien", "handlingsplan mot ensomhet", "eierskapsmeldingen",
            "områdeplan for sentrum", "digitaliseringsstrategien", "idrettsplanen",
            "plan for helse og omsorg", "strategi for næringsutvikling", "vannforsyningen",
            "beredskapsplanen", "ruspolitisk handlingsplan", "arbeidsgiverstrategien"]
VERBS = ["vedtar", "slutter seg til", "tar til etterretning", "godkjenner",
         "ber rådmannen følge opp"]
CLAUSES = [
    "Rådmannen skal legge fram en årlig rapport om arbeidet for bystyret",
    "Tiltakene skal finansieres innenfor gjeldende budsjettrammer",
    "Arbeidet skal skje i nært samarbeid med frivillige organisasjoner og næringslivet",
    "Barn og unge skal involveres tidlig i planleggingen",
    "Kommunen skal prioritere tiltak som reduserer klimagassutslippene mest",
    "Det skal utredes hvordan ordningen kan utvides til hele kommunen",
    "Brukerne skal få medvirke i utformingen av tjenestene",
    "Universell utforming skal ligge til grunn for alle nye bygg",
    "Planen evalueres etter to år med en egen sak til bystyret",
    "Bydelene skal få et eget ansvar for oppfølgingen av tiltakene",
]
ADDITIONS = [
    "Bystyret ber rådmannen komme tilbake med en egen sak om finansieringen",
    "Det må synliggjøres hvordan FNs bærekraftsmål er lagt til grunn for arbeidet",
    "Rådmannen bes vurdere et prøveprosjekt i to bydeler før ordningen innføres",
    "Frivilligheten skal trekkes inn i arbeidet fra starten av",
    "Ordningen skal evalueres med særlig vekt på effekten for eldre",
    "Bystyret forventer at tiltakene har målbare mål og en tidsplan",
    "Kommunen skal søke samarbeid med nabokommunene der det er hensiktsmessig",
    "Det skal legges særlig vekt på tilbudet til barn og unge med funksjonsnedsettelser",
]
WORDS = ["årlig", "halvårlig", "raskt", "snarest", "gradvis", "i hele kommunen", "sentralt",
         "utvalgte", "nye", "eksisterende", "lokale", "regionale"]
REMARKS = [
    "viser til tidligere vedtak i saken og forventer at disse følges opp i det videre arbeidet",
    "understreker at brukernes erfaringer må tillegges stor vekt",
    "mener at kommunen bør gå foran som et godt eksempel",
    "forutsetter at de ansattes organisasjoner tas med i arbeidet",
]


@dataclass
class Body:
    name: str
    kind: str
    seats: dict[str, int] | None
    every: int
    offset: int
    members: dict[str, list[str]] = field(default_factory=dict)

    def meeting_after(self, day: dt.date) -> dt.date:
        """The body's first meeting strictly after `day` (meetings every `every` days)."""
        since = (day - START).days - self.offset
        steps = since // self.every + 1 if since >= 0 else 0
        return START + dt.timedelta(days=self.offset + steps * self.every)


@dataclass
class Register:
    bodies: dict[str, Body]
    people: dict[str, str | None]
    by_party: dict[str, list[str]]


@dataclass
class Para:
    id: str
    text: str


# --- the text as the engine builds it (spec: "What an item decides") ---------------------------

def _words_pattern(old: str) -> re.Pattern[str]:
    before = r"(?<!\w)" if old[:1].isalnum() else ""
    after = r"(?!\w)" if old[-1:].isalnum() else ""
    return re.compile(before + re.escape(old) + after)


def amend_words(paragraph: str, old: str, new: str) -> str:
    if not _words_pattern(old).search(paragraph):
        return paragraph
    result = _words_pattern(old).sub(lambda _: new, paragraph, count=1)
    return re.sub(r" +([,.;:])", r"\1", re.sub(r"  +", " ", result)).strip() if not new else result


def apply_effect(text: list[Para], effect: dict[str, Any], pid: str,
                 base: list[Para]) -> list[Para]:
    kind = effect["kind"]
    if kind == "add":
        new = [Para(f"p:{pid}#{i}", t) for i, t in enumerate(effect["texts"], 1)]
        at = effect.get("at")
        if at is None:
            return text + new
        anchor = base[at - 1].id if effect.get("anchored") and at <= len(base) else None
        ids = [p.id for p in text]
        index = ids.index(anchor) if anchor in ids else max(0, min(at - 1, len(text)))
        return text[:index] + new + text[index:]
    if kind == "replace":
        return [Para(p.id, effect["text"]) if p.id == effect["target"] else p for p in text]
    if kind == "amend":
        return [Para(p.id, amend_words(p.text, effect["old"], effect["new"]))
                if p.id == effect["target"] else p for p in text]
    if kind == "strike":
        return [p for p in text if p.id not in effect["targets"]]
    return [Para(f"p:{pid}#{i}", t) for i, t in enumerate(effect["texts"], 1)]


# --- the generator -----------------------------------------------------------------------------

class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.register = self._register()
        self.proposal_serial = 0
        self.decisions: dict[str, list[str]] = {}
        """Each case's decision as this generator's own model of the spec builds it."""

    # the register: parties, bodies with seats and members, people

    def _register(self) -> Register:
        rng = random.Random(0)  # the same register for every seed: files share one store
        bodies: dict[str, Body] = {}
        council_name, council_seats = COUNCIL
        bodies[council_name] = Body(council_name, "council", dict(council_seats), 28, 10)
        for i, (name, seats) in enumerate(COMMITTEES):
            bodies[name] = Body(name, "committee", dict(seats) if seats else None, 14, i % 7)
        for i, name in enumerate(ADVISORY):
            bodies[name] = Body(name, "advisory", None, 21, (3 * i) % 21)
        names = [f"{f} {s}" for s in LAST for f in FIRST]
        rng.shuffle(names)
        people: dict[str, str | None] = {}
        by_party: dict[str, list[str]] = {p: [] for p in PARTIES}
        pool = iter(names)
        for party in PARTIES:
            for _ in range(8):
                person = next(pool)
                people[person] = party
                by_party[party].append(person)
        for name in ADVISORY:
            group = ADVISORY_GROUPS[name]
            members = [next(pool) for _ in range(3)]
            for person in members:
                people[person] = group
            bodies[name].members = {"": members}
            people[f"Medlemmene i {name}"] = None
        for body in bodies.values():
            if body.kind != "advisory":
                body.members = {p: by_party[p] for p in (body.seats or PARTIES)}
        return Register(bodies, people, by_party)

    def register_yaml(self) -> dict[str, Any]:
        bodies = []
        for body in self.register.bodies.values():
            entry: dict[str, Any] = {"name": body.name, "kind": body.kind}
            if body.seats:
                entry["seats"] = body.seats
            bodies.append(entry)
        return {"saksflyt": 1, "municipality": "Syntetisk kommune", "parties": PARTIES,
                "bodies": bodies, "people": self.register.people}

    # texts

    def _sentence(self, pool: list[str]) -> str:
        rng = self.rng
        sentence = rng.choice(pool)
        if rng.random() < 0.4:
            sentence += f", {rng.choice(WORDS)} og {rng.choice(WORDS)}"
        return sentence + "."

    def _paragraph(self, subject: str, first: bool = False) -> str:
        rng = self.rng
        if first:
            return f"Bystyret {rng.choice(VERBS)} *{subject}* som beskrevet i saksframlegget."
        if rng.random() < 0.2:
            items = [f"- {self._sentence(CLAUSES)}" for _ in range(rng.randint(2, 4))]
            return "Følgende tiltak prioriteres:\n" + "\n".join(items)
        return self._sentence(CLAUSES)

    # cases

    def case(self, index: int, start: dt.date) -> tuple[dict[str, Any], list[tuple]]:
        """One case and its agenda items: (case entry, [(body, date, item), ...])."""
        rng = self.rng
        subject = rng.choice(SUBJECTS)
        year = 20 + (index // 90000)
        arkivsak = f"{year}/{10000 + index % 90000}"
        recommendation = [self._paragraph(subject, True)] + [
            self._paragraph(subject) for _ in range(rng.randint(0, 4))]
        route = self._route()
        case = {"arkivsak": arkivsak, "title": f"{subject[0].upper()}{subject[1:]} "
                f"{2021 + index % 4} - {2024 + index % 4}",
                "prepared": {"by": "Rådmannen", "date": start.isoformat()},
                "recommendation": recommendation,
                "route": [{"body": b, "role": r} for b, r in route]}
        text = [Para(f"rec#{i}", t) for i, t in enumerate(recommendation, 1)]
        items: list[tuple] = []
        day = start
        budget = rng.randint(2, 15)
        for body_name, role in route:
            body = self.register.bodies[body_name]
            lapsed: list[tuple[str, dict[str, Any]]] = []
            while True:
                day = body.meeting_after(day)
                share = budget if role == "vedtak" else max(0, min(budget, rng.randint(0, 4)))
                budget -= share
                postpone = role != "uttalelse" and rng.random() < 0.15
                next_day = body.meeting_after(day)
                item, text, lapsed = self._item(arkivsak, body, role, text, share, postpone,
                                                next_day, lapsed)
                items.append((body_name, day, item))
                if not postpone:
                    break
                budget = max(budget, 1)
        self.decisions[arkivsak] = [p.text for p in text]
        return case, items

    def _route(self) -> list[tuple[str, str]]:
        rng = self.rng
        length = rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5, 6])
        committees = [c for c, _ in COMMITTEES if c != "Formannskapet"]
        if length == 1:
            return [(rng.choice([*committees, COUNCIL[0]]), "vedtak")]
        tail: list[tuple[str, str]] = [(rng.choice(committees), "innstilling")]
        if length >= 3 and rng.random() < 0.5:
            tail.append(("Formannskapet", "innstilling"))
        tail.append((COUNCIL[0], "vedtak"))
        advisory = rng.sample(ADVISORY, max(0, length - len(tail)))
        return [(a, "uttalelse") for a in advisory] + tail[-length:] if advisory else tail

    # an agenda item

    def _item(self, arkivsak: str, body: Body, role: str, base: list[Para], n_props: int,
              postpone: bool, next_day: dt.date,
              lapsed: list[tuple[str, dict[str, Any]]],
              ) -> tuple[dict[str, Any], list[Para], list[tuple[str, dict[str, Any]]]]:
        rng = self.rng
        steps: list[dict[str, Any]] = []
        item: dict[str, Any] = {"case": arkivsak, "proceedings": steps}
        if rng.random() < 0.3:
            steps.append({"note": "Rådmannens representant orienterte om saken, og medlemmene "
                                  "fikk anledning til å stille spørsmål."})
        present = dict(body.seats) if body.seats else None
        speakers = self._speakers(body)
        if body.seats and rng.random() < 0.4:
            steps.append({"rapporteur": rng.choice(speakers)})
        inhabil: list[str] = []
        if body.seats and rng.random() < 0.15:
            person = rng.choice(speakers)
            ruling = rng.choice(["habil", "inhabil"])
            steps.append({"impartiality": {
                "person": person, "ruling": ruling,
                "text": f"{person} ba om å få sin habilitet vurdert. Utvalget kjente "
                        f"{person} {ruling}."}})
            if ruling == "inhabil":
                inhabil.append(person)
        if present is not None and rng.random() < 0.3:
            changed = {p: max(0, n - rng.randint(1, 2)) for p, n in rng.sample(
                sorted(present.items()), k=min(2, len(present)))}
            present.update(changed)
            steps.append({"present": changed})
        if present is not None:
            for person in inhabil:
                party = self.register.people[person]
                present[party] = max(0, present[party] - 1)  # type: ignore[index]
        speakers = [s for s in speakers if s not in inhabil]

        if role == "uttalelse" and rng.random() < 0.25:
            steps.append({"take_note": f"{body.name} tar saken til orientering."})
            return item, base, []

        if postpone and rng.random() < 0.5:
            lapsing: set[str] = set()
            for _ in range(min(n_props, 2)):
                pid, prop, _ = self._proposal(body, role, base, speakers, lapsing, lapsed)
                steps.append({"propose": prop})
                lapsed.append((pid, prop))
            steps.append({"postpone": {"to": next_day.isoformat(),
                                       "text": f"Saken ble utsatt til møtet "
                                               f"{next_day.strftime('%d.%m.%Y')}."}})
            return item, base, lapsed

        proposals: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
        claimed: set[str] = set()
        revisable = list(lapsed)
        for _ in range(n_props):
            pid, prop, effect = self._proposal(body, role, base, speakers, claimed, revisable)
            proposals.append((pid, prop, effect))
        utsett = None
        if postpone or (role != "uttalelse" and rng.random() < 0.1):
            utsett = self._new_id()
            proposals.insert(rng.randrange(len(proposals) + 1), (utsett, {
                "id": utsett, "by": rng.choice(speakers), "kind": "utsettelsesforslag",
                "text": "Saken utsettes til neste møte, i påvente av mer informasjon fra "
                        "rådmannen."}, {"kind": "neutral"}))
        for _, prop, _ in proposals:
            steps.append({"propose": prop})

        # withdrawals, before the votes
        withdrawn: set[str] = set()
        for pid, _, effect in proposals:
            if pid != utsett and effect["kind"] not in ("remark",) and rng.random() < 0.08:
                steps.append({"withdraw": pid})
                withdrawn.add(pid)
        live = [(pid, prop, e) for pid, prop, e in proposals if pid not in withdrawn]

        if utsett is not None:
            steps.append({"vote": {"on": utsett, **self._outcome(body, present,
                                                                 adopted=postpone)}})
            if postpone:
                return item, base, [(pid, prop) for pid, prop, _ in live if pid != utsett]

        text: list[Para] = [] if role == "uttalelse" else list(base)
        alternative = next((x for x in live if x[2]["kind"] == "text"), None)
        challenge = next((x for x in live if x[2]["kind"] == "strike"), None)
        alt_wins = False
        if role != "uttalelse":
            if alternative is not None:
                alt_wins = rng.random() < 0.4
                winner = alternative[0] if alt_wins else "innstillingen"
                steps.append({"vote": {"between": ["innstillingen", alternative[0]],
                                       "winner": winner, **self._between(body, present)}})
                if alt_wins:
                    text = apply_effect(text, alternative[2], alternative[0], base)
                challenge = None
            elif challenge is not None and rng.random() < 0.6:
                number = challenge[2]["numbers"][0]
                steps.append({"vote": {"on": "innstillingen", "except": [number],
                                       **self._outcome(body, present, adopted=True)}})
                strike_wins = rng.random() < 0.4
                steps.append({"vote": {
                    "between": ["innstillingen", challenge[0]], "parts": [number],
                    "winner": challenge[0] if strike_wins else "innstillingen",
                    **self._between(body, present)}})
                if strike_wins:
                    text = apply_effect(text, challenge[2], challenge[0], base)
            else:
                challenge = None
                if len(base) >= 3 and rng.random() < 0.2:
                    # punktvis: one paragraph voted down on its own
                    number = rng.choice([n for n in range(2, len(base) + 1)
                                         if base[n - 1].id not in claimed] or [0])
                    if number:
                        claimed.add(base[number - 1].id)
                        steps.append({"vote": {"on": "innstillingen", "except": [number],
                                               **self._outcome(body, present, adopted=True)}})
                        steps.append({"vote": {"on": "innstillingen", "parts": [number],
                                               **self._outcome(body, present, adopted=False)}})
                        text = [p for p in text if p.id != base[number - 1].id]
                    else:
                        steps.append({"vote": {"on": "innstillingen",
                                               **self._outcome(body, present, adopted=True)}})
                else:
                    steps.append({"vote": {"on": "innstillingen",
                                           **self._outcome(body, present, adopted=True)}})
        remarks = []
        done = {utsett, alternative[0] if alternative else None,
                challenge[0] if challenge else None}
        for pid, prop, effect in live:
            if pid in done:
                continue
            if effect["kind"] == "remark":
                remarks.append((pid, prop))
                continue
            changes = effect["kind"] != "neutral"
            adopted = rng.random() < 0.6 and not (alt_wins and changes)
            if adopted and effect["kind"] == "strike" and not [
                    p for p in text if p.id not in effect["targets"]]:
                adopted = False  # a decision keeps at least one paragraph
            steps.append({"vote": {"on": pid, **self._outcome(body, present, adopted)}})
            if adopted and changes:
                text = apply_effect(text, effect, pid, base)
        for pid, prop in remarks:
            own = self.register.people[prop["by"]]
            others = [p for p in (body.seats or PARTIES) if p != own]
            parties = rng.sample(others, k=rng.randint(1, min(5, len(others))))
            steps.append({"join": {"remark": pid, "parties": parties}})
        if role == "uttalelse" and not text:
            # an advisory council always says something: a last unanimous statement
            pid = self._new_id()
            idx = next(i for i, s in enumerate(steps) if "vote" in s) if any(
                "vote" in s for s in steps) else len(steps)
            steps.insert(idx, {"propose": {"id": pid, "by": f"Medlemmene i {body.name}",
                                           "kind": "forslag",
                                           "add": f"{body.name} støtter rådmannens forslag."}})
            steps.append({"vote": {"on": pid, "unanimous": True}})
            text = [Para(f"p:{pid}#1", "x")]
        if role == "uttalelse":
            return item, base, []
        if not text:
            raise AssertionError("generator struck the whole text")
        return item, text, []

    def _speakers(self, body: Body) -> list[str]:
        if body.kind == "advisory":
            return list(body.members[""])
        return [p for party, members in body.members.items()
                if (body.seats or {}).get(party, 1) > 0 for p in members[:3]]

    def _new_id(self) -> str:
        self.proposal_serial += 1
        return f"f{self.proposal_serial}"  # unique per file (and across files, via `first`)

    def _proposal(self, body: Body, role: str, base: list[Para], speakers: list[str],
                  claimed: set[str], revisable: list[tuple[str, dict[str, Any]]],
                  ) -> tuple[str, dict[str, Any], dict[str, Any]]:
        """A proposal: (id, its scenario entry, its effect for the text simulation)."""
        rng = self.rng
        pid = self._new_id()
        by = rng.choice(speakers)
        if revisable and rng.random() < 0.5 and not (
                revisable[0][1]["kind"] == ALTERNATIVE and ALTERNATIVE in claimed):
            old_id, old = revisable.pop(0)
            prop = {k: v for k, v in old.items() if k not in ("id", "by", "revises")}
            prop.update(id=pid, by=old["by"] if old["by"] in speakers else by, revises=old_id)
            if "add" in prop:
                prop["add"] = self._sentence(ADDITIONS)
            return pid, prop, self._effect_of(prop, base, role, claimed)
        if role == "uttalelse":
            kind = rng.choice(["forslag", "forslag", "fellesforslag", "tilleggsforslag"])
            prop = {"id": pid, "by": by, "kind": kind, "add": self._addition()}
            if kind == "tilleggsforslag" and rng.random() < 0.3:
                prop["at"] = 1
            return pid, prop, self._effect_of(prop, base, role, claimed)
        free = [n for n, p in enumerate(base, 1) if p.id not in claimed]
        kinds = ["forslag", "tilleggsforslag", "tilleggsforslag", "fellesforslag",
                 "oversendelsesforslag", "merknad"]
        if ALTERNATIVE not in claimed:
            kinds.append("alternativt forslag")  # spec: two alternatives cannot both win
        if free:
            kinds += ["endringsforslag", "endringsforslag"]
        if len(free) >= 2 and len(base) >= 2:
            kinds += ["strykningsforslag"]
        kind = rng.choice(kinds)
        prop: dict[str, Any] = {"id": pid, "by": by, "kind": kind}
        party = self.register.people[by]
        if kind == "fellesforslag":
            others = [p for p in (body.seats or PARTIES) if p != party]
            prop["on_behalf_of"] = [party, *rng.sample(others, k=min(2, len(others)))]
        elif rng.random() < 0.1:
            prop["on_behalf_of"] = [party]
        if kind in ("forslag", "tilleggsforslag", "fellesforslag"):
            prop["add"] = self._addition()
            if kind == "tilleggsforslag" and rng.random() < 0.3:
                prop["at"] = rng.randint(1, len(base) + 1)
        elif kind == "endringsforslag":
            number = rng.choice(free)
            words = self._amendable(base[number - 1].text)
            if words and rng.random() < 0.5:
                prop["amend"] = {"paragraph": number, "old": words,
                                 "new": rng.choice(["", rng.choice(WORDS)])}
            else:
                prop["replace"] = number
                prop["text"] = self._sentence(ADDITIONS)
        elif kind == "strykningsforslag":
            prop["strike"] = rng.choice([n for n in free if n > 1] or free)
            if rng.random() < 0.3:
                prop["label"] = f"Forslaget om å stryke avsnitt {prop['strike']}"
        elif kind == "alternativt forslag":
            prop["text"] = [f"Bystyret ber rådmannen legge fram en ny sak om "
                            f"{rng.choice(SUBJECTS)}.", self._sentence(ADDITIONS)]
        elif kind == "oversendelsesforslag":
            prop["text"] = f"Rådmannen bes se på {rng.choice(SUBJECTS)} i lys av saken."
        else:
            prop["text"] = f"{PARTIES.get(party or '', 'Gruppen')} {rng.choice(REMARKS)}."
        return pid, prop, self._effect_of(prop, base, role, claimed)

    def _addition(self) -> str | list[str]:
        rng = self.rng
        if rng.random() < 0.2:
            return [self._sentence(ADDITIONS), self._sentence(ADDITIONS)]
        if rng.random() < 0.1:
            items = "\n".join(f"- {self._sentence(CLAUSES)}" for _ in range(2))
            return f"{self._sentence(ADDITIONS)[:-1]}:\n{items}"
        return self._sentence(ADDITIONS)

    def _amendable(self, paragraph: str) -> str | None:
        """Two or three whole words from the paragraph's first line, for an amend."""
        tokens = paragraph.splitlines()[0].split(" ")
        spans = [i for i in range(len(tokens) - 2)
                 if all(t.isalpha() for t in tokens[i:i + 2])]
        if not spans:
            return None
        start = self.rng.choice(spans)
        return " ".join(tokens[start:start + 2])

    def _effect_of(self, prop: dict[str, Any], base: list[Para], role: str,
                   claimed: set[str]) -> dict[str, Any]:
        kind = prop["kind"]
        if kind == "merknad":
            return {"kind": "remark"}
        if kind in ("utsettelsesforslag", "oversendelsesforslag"):
            return {"kind": "neutral"}
        if "add" in prop:
            texts = prop["add"] if isinstance(prop["add"], list) else [prop["add"]]
            return {"kind": "add", "texts": texts, "at": prop.get("at"),
                    "anchored": role != "uttalelse"}
        if "replace" in prop:
            target = base[prop["replace"] - 1].id
            claimed.add(target)
            return {"kind": "replace", "target": target, "text": prop["text"]}
        if "amend" in prop:
            target = base[prop["amend"]["paragraph"] - 1].id
            claimed.add(target)
            return {"kind": "amend", "target": target, **{k: prop["amend"][k]
                                                          for k in ("old", "new")}}
        if "strike" in prop:
            target = base[prop["strike"] - 1].id
            claimed.add(target)
            return {"kind": "strike", "targets": [target], "numbers": [prop["strike"]]}
        claimed.add(ALTERNATIVE)
        texts = prop["text"] if isinstance(prop["text"], list) else [prop["text"]]
        return {"kind": "text", "texts": texts}

    # votes whose tallies fit the members present

    def _outcome(self, body: Body, present: dict[str, int] | None,
                 adopted: bool) -> dict[str, Any]:
        rng = self.rng
        if present is None:
            if adopted:
                return {"unanimous": True} if rng.random() < 0.7 else {"against": 1}
            return {"for": rng.randint(1, 2)}
        total = sum(present.values())
        if adopted and rng.random() < 0.4:
            return {"unanimous": True}
        minority = self._minority(present, total)
        if not minority:
            return {"unanimous": True} if adopted else {"result": "falt", "unanimous": True}
        tally = self._tally(minority)
        if rng.random() < 0.15:
            # a close vote with both sides given; a tie goes to the chair's casting vote
            rest = {p: n for p, n in present.items() if p not in minority and n}
            n_min = sum(minority.values())
            side = {}
            for party, n in sorted(rest.items(), key=lambda x: -x[1]):
                if sum(side.values()) >= n_min:
                    break
                side[party] = min(n, n_min - sum(side.values()))
            if sum(side.values()) == n_min:
                return {"for": self._tally(side) if adopted else tally,
                        "against": tally if adopted else self._tally(side),
                        "result": "vedtatt" if adopted else "falt"}
        return {"against": tally} if adopted else {"for": tally}

    def _between(self, body: Body, present: dict[str, int] | None) -> dict[str, Any]:
        if present is None or self.rng.random() < 0.3:
            return {"unanimous": True}
        minority = self._minority(present, sum(present.values()))
        return {"against": self._tally(minority)} if minority else {"unanimous": True}

    def _minority(self, present: dict[str, int], total: int) -> dict[str, int]:
        """Some parties, with fewer than half the members present."""
        chosen: dict[str, int] = {}
        for party in self.rng.sample(sorted(present), k=len(present)):
            n = present[party]
            if n and 2 * (sum(chosen.values()) + n) < total and self.rng.random() < 0.5:
                chosen[party] = n
        return chosen

    def _tally(self, counts: dict[str, int]) -> str | dict[str, int]:
        if self.rng.random() < 0.5:
            return dict(counts)
        return ", ".join(f"{n}{p}" for p, n in counts.items())


def generate(cases: int, seed: int, first: int = 0,
             decisions: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """The whole scenario as plain data (deterministic from the seed). `first` numbers the
    cases from there, so several files can go into one store; `decisions`, when given, gets
    each case's decision paragraphs as the generator expects the engine to build them."""
    gen = Generator(seed)
    gen.proposal_serial = first * 100
    span = max(30, cases // 8)
    case_entries = []
    meetings: dict[tuple[dt.date, str], list[dict[str, Any]]] = {}
    for index in range(cases):
        start = START + dt.timedelta(days=index * span // max(cases, 1))
        case, items = gen.case(first + index, start)
        case_entries.append(case)
        for body, day, item in items:
            meetings.setdefault((day, body), []).append(item)
    order = list(gen.register.bodies)
    counters: dict[tuple[str, int], int] = {}
    meeting_list = []
    for (day, body) in sorted(meetings, key=lambda k: (k[0], order.index(k[1]))):
        items = meetings[(day, body)]
        for item in items:
            key = (body, day.year)
            counters[key] = counters.get(key, 0) + 1
            item["sak"] = f"{counters[key]}/{day.year % 100:02d}"
        meeting_list.append({"body": body, "date": day.isoformat(),
                             "items": [{"sak": i["sak"], "case": i["case"],
                                        "proceedings": i["proceedings"]} for i in items]})
    if decisions is not None:
        decisions.update(gen.decisions)
    return {**gen.register_yaml(), "cases": case_entries, "meetings": meeting_list}


# --- writing: block YAML 1.2, every scalar a JSON string (a valid YAML double-quoted scalar) ---

def _scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _scalar(value)


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) else _scalar(key)


def _block(value: Any, indent: int) -> Iterator[str]:
    pad = " " * indent
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, (dict, list)) and v and k not in ("seats", "vote", "route"):
                yield f"{pad}{_key(k)}:"
                yield from _block(v, indent + 2)
            else:
                yield f"{pad}{_key(k)}: {_flow(v)}"
    elif isinstance(value, list):
        for v in value:
            if isinstance(v, dict) and v:
                lines = list(_block(v, indent + 2))
                yield f"{pad}- {lines[0][indent + 2:]}"
                yield from lines[1:]
            else:
                yield f"{pad}- {_flow(v)}"


def write(data: dict[str, Any], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("# Synthetic cases from bench/generate.py (spec/scenario-format.md).\n")
        for line in _block(data, 0):
            out.write(line + "\n")


def count_events(data: dict[str, Any]) -> int:
    """Roughly the number of events the scenario produces (for progress and the bench)."""
    return len(data["cases"]) + sum(len(i["proceedings"]) + 2 for m in data["meetings"]
                                    for i in m["items"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--first", type=int, default=0, help="number of the first case")
    parser.add_argument("-o", "--out", type=Path, required=True)
    args = parser.parse_args(argv)
    data = generate(args.cases, args.seed, args.first)
    write(data, args.out)
    print(f"{args.out}: {args.cases} saker, {len(data['meetings'])} møter", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
