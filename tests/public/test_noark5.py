"""`saksflyt export noark5`: the XML parses, has the møtemappe's elements, every sjekksum
matches its file, the exempt item is skjermet with nothing of its texts in any file, and
the eInnsyn JSON carries the decision and its votes."""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import docx

from tests.public.conftest import BASIS, COUNCIL, EXEMPT_WORDS, PUBLIC_TITLE
from tests.server.conftest import saksflyt

NS = {"n": "http://www.arkivverket.no/standarder/noark5/arkivstruktur"}
XSI = "{http://www.w3.org/2001/XMLSchema-instance}type"


def test_the_noark5_export_of_the_council_meeting(public_store: str, tmp_path: Path) -> None:
    out = tmp_path / "avlevering"
    done = saksflyt("export", "noark5", "--meeting", COUNCIL, "-o", str(out), db=public_store)
    assert done.returncode == 0, done.stderr
    root = ET.parse(out / "arkivstruktur.xml").getroot()
    folder = root.find("n:mappe", NS)
    assert folder is not None and folder.get(XSI) == "moetemappe"
    for tag, value in (("utvalg", "Bystyret"), ("moetedato", "2019-08-29"),
                       ("moetenummer", "2"), ("moetested", "Trondheim kommune")):
        assert folder.findtext(f"n:{tag}", namespaces=NS) == value
    people = {p.findtext("n:moetedeltakerNavn", namespaces=NS):
              p.findtext("n:moetedeltakerFunksjon", namespaces=NS)
              for p in folder.findall("n:moetedeltaker", NS)}
    assert people["Silje Salomonsen"] == "Medlem"
    registrations = folder.findall("n:registrering", NS)
    assert [r.get(XSI) for r in registrations] == ["moeteregistrering"] * 3
    types = [r.findtext("n:moeteregistreringstype", namespaces=NS) for r in registrations]
    assert types == ["Møteprotokoll", "Saksprotokoll", "Saksprotokoll"]
    decided = registrations[1]
    assert decided.findtext("n:moeteregistreringsstatus", namespaces=NS) == "Vedtatt"
    exempt = registrations[2]
    assert exempt.findtext("n:tittel", namespaces=NS) == f"Sak 88/19 {PUBLIC_TITLE}"
    assert exempt.findtext("n:skjerming/n:skjermingshjemmel", namespaces=NS) == BASIS
    assert exempt.find("n:dokumentbeskrivelse", NS) is None

    objects = root.findall(".//n:dokumentobjekt", NS)
    assert len(objects) == 2
    for found in objects:
        path = out / found.findtext("n:referanseDokumentfil", namespaces=NS)
        assert found.findtext("n:sjekksumAlgoritme", namespaces=NS) == "SHA256"
        assert found.findtext("n:sjekksum", namespaces=NS) == hashlib.sha256(
            path.read_bytes()).hexdigest()
        assert found.findtext("n:format", namespaces=NS) == "fmt/412"
        assert int(found.findtext("n:filstoerrelse", namespaces=NS)) == path.stat().st_size
        text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        assert not [w for w in EXEMPT_WORDS if w in text]

    einnsyn = json.loads((out / "einnsyn.json").read_text(encoding="utf-8"))
    assert einnsyn["entity"] == "Moetemappe" and einnsyn["utvalg"] == "Bystyret"
    sak, skjermet = einnsyn["moetesak"]
    assert sak["vedtak"]["vedtakstekst"].startswith("Trondheim bystyret vedtar")
    alternative = sak["vedtak"]["votering"][1]
    assert {s["parti"]: (s["for"], s["mot"]) for s in alternative["stemmer"]}["MDG"] == (0, 5)
    assert "Votering" in sak["vedtak"]["behandlingsprotokoll"]["tekst"]
    assert skjermet["skjerming"]["skjermingshjemmel"] == BASIS and "vedtak" not in skjermet
    for path in (out / "arkivstruktur.xml", out / "einnsyn.json"):
        text = path.read_text(encoding="utf-8")
        assert not [w for w in EXEMPT_WORDS if w in text]


def test_an_unapproved_meeting_is_not_exported(public_store: str, tmp_path: Path) -> None:
    done = saksflyt("export", "noark5", "--meeting", "Bystyret 2019-06-13", "-o",
                    str(tmp_path / "x"), db=public_store)
    assert done.returncode == 2 and "ikke godkjent" in done.stderr
    assert not (tmp_path / "x").exists()
