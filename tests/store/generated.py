"""A generator of simple scenarios with many cases, for the crash and concurrency tests: each
case goes to the council once, with a proposal and two unanimous votes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ruamel.yaml import YAML

PERSON = "Åse Ødegård"
BODY = "Bystyret"


def scenario(cases: int, meetings: bool = True) -> dict:
    data: dict = {
        "saksflyt": 1,
        "municipality": "Prøvekommune",
        "parties": {"Ap": "Arbeiderpartiet", "H": "Høyre"},
        "bodies": [{"name": BODY, "kind": "council", "seats": {"Ap": 30, "H": 25}}],
        "people": {PERSON: "Ap", "Bjørn Ærlig": "H"},
        "cases": [],
        "meetings": [],
    }
    start = dt.date(2024, 1, 10)
    for n in range(1, cases + 1):
        arkivsak = f"24/{n}"
        data["cases"].append({
            "arkivsak": arkivsak,
            "title": f"Sak nummer {n} om bærekraft og åpenhet",
            "workflow": "politisk-sak",
            "prepared": {"by": "Kommunedirektøren", "date": "2024-01-02"},
            "recommendation": [f"Bystyret vedtar plan {n} for økt trivsel.",
                               "Kommunedirektøren får fullmakt til å følge opp."],
            "route": [{"body": BODY, "role": "vedtak"}],
        })
        if meetings:
            date = (start + dt.timedelta(days=n // 40)).isoformat()
            data["meetings"].append({"body": BODY, "date": date, "items": [{
                "sak": f"{n}/24",
                "case": arkivsak,
                "proceedings": [
                    {"note": f"Sak {n} ble lagt fram; spørsmål om ærend ble besvart."},
                    {"propose": {"id": f"odegard-{n}", "by": PERSON, "kind": "tilleggsforslag",
                                 "add": f"Bystyret ber om en årlig rapport om plan {n}."}},
                    {"vote": {"on": "innstillingen", "unanimous": True}},
                    {"vote": {"on": f"odegard-{n}", "unanimous": True}},
                ],
            }]})
    return data


def write_scenario(path: Path, cases: int, meetings: bool = True) -> Path:
    yaml = YAML()
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(scenario(cases, meetings), out)
    return path
