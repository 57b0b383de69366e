"""The public site's fixture: 19/8286 with a second, exempt case in the council's meeting.

The council's meeting of 2019-08-29 is approved in the scenario
(`approved: {date, by, how, as_recorded}`), the
committee's meeting of 2019-05-28 live after the replay (`saksflyt meeting approve` on a
meeting that came in by replay); every other meeting stays unapproved. Case 19/9001 is
exempt in the scenario (`exempt: {basis, public_title}`)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, fresh_store_url
from tests.server.conftest import saksflyt

COUNCIL = "Bystyret 2019-08-29"
COMMITTEE = "Finans- og næringskomiteen 2019-05-28"
BASIS = "offl. § 13 jf. fvl. § 13"
PUBLIC_TITLE = "Ansettelse av kommunaldirektør"
# Words of the exempt case that must appear nowhere in public.
EXEMPT_WORDS = ("Brattlikollen", "Gunnhild", "lønnsavtalen")
# Texts of items whose meeting is not approved (Mangfoldsrådet 2019-03-26, and the council's
# postponement of 2019-06-13).
UNAPPROVED_TEXTS = ("innbyggere fra 170 land", "Cecilie Hammon Spark, rådmannens fagstab",
                    "Saken ble utsatt til bystyrets møte 29.08.2019")
DECISION_WORD = "vennskapsbyavtale"

EXEMPT_CASE = {
    "arkivsak": "19/9001",
    "title": "Ansettelse av Gunnhild Brattlikollen som kommunaldirektør",
    "recommendation": ["Bystyret ansetter Gunnhild Brattlikollen som kommunaldirektør.",
                       "Rådmannen gis fullmakt til å sluttføre lønnsavtalen."],
    "route": [{"body": "Bystyret", "role": "vedtak"}],
}
EXEMPT_ITEM = {
    "sak": "88/19", "case": "19/9001",
    "exempt": {"basis": BASIS, "public_title": PUBLIC_TITLE},
    "proceedings": [{"note": "Personalsjefen orienterte om Gunnhild Brattlikollen."},
                    {"vote": {"on": "innstillingen", "unanimous": True}}],
}


def public_scenario(target: Path) -> Path:
    from ruamel.yaml import YAML

    yaml = YAML()
    data = yaml.load((ROOT / "examples" / "19-8286.yaml").read_text(encoding="utf-8"))
    data["cases"].append(EXEMPT_CASE)
    council = next(m for m in data["meetings"] if isinstance(m, dict) and
                   m.get("body") == "Bystyret" and str(m.get("date")) == "2019-08-29")
    council["items"].append(EXEMPT_ITEM)
    # The record of 2019 says nothing of the møtebok's place and time: approved as recorded.
    council["approved"] = {"date": "2019-09-19", "by": "Bystyret", "how": "møte",
                           "as_recorded": True}
    out = io.StringIO()
    yaml.dump(data, out)
    target.write_text(out.getvalue(), encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def public_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("innsyn")
    scenario = public_scenario(folder / "innsyn.yaml")
    with fresh_store_url(folder) as db:
        done = saksflyt("replay", str(scenario), db=db)
        assert done.returncode == 0, done.stderr
        approved = saksflyt("meeting", "approve", COMMITTEE, "--as-recorded", db=db,
                            env={"SAKSFLYT_USER": "Kari Sekretær"})
        assert approved.returncode == 0, approved.stderr
        yield db
