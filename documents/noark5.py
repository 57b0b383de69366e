"""The archive export of one approved meeting: a Noark 5 møtemappe (arkivstruktur.xml, with
a møteregistrering per sak and the protocols as dokumentobjekt with a SHA-256 sjekksum),
and the same meeting as eInnsyn-shaped JSON (Moetemappe, Moetesak, Vedtak, Votering,
Behandlingsprotokoll). Votes, which Noark 5 has no element for, travel in the protocol
documents and the JSON.

The export follows the publication rules (engine.read.public): an exempt item is a
møteregistrering with its public title and a `skjerming` (tilgangsrestriksjon and
skjermingshjemmel), without documents, and none of its texts is written anywhere.
"""

from __future__ import annotations

import hashlib
import json
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from documents import public_protocol as proto
from engine.domain.text import render_plain
from engine.read.public import PublicItem, PublicMeeting, PublicRecord, party_votes

NS = "http://www.arkivverket.no/standarder/noark5/arkivstruktur"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
DOCX_FORMAT = "fmt/412"
"""PRONOM's identifier of Word (.docx), as Noark 5 names a dokumentobjekt's format."""
STATUS = {"decided": "Vedtatt", "noted": "Tatt til orientering", "postponed": "Utsatt",
          "returned": "Sendt tilbake", "referred": "Oversendt", "debated": "Debattert"}


def _system_id(*parts: str) -> str:
    # Stable: the same meeting exported twice gets the same ids.
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "saksflyt:" + "|".join(parts)))


def _el(parent: ET.Element, tag: str, text: object = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{NS}}}{tag}", attrs)
    if text is not None:
        element.text = str(text)
    return element


def meeting_number(record: PublicRecord, meeting: PublicMeeting) -> int:
    """The meeting's number in its body's year."""
    same_year = [m.key for m in record.meetings_of(meeting.body)
                 if m.date[:4] == meeting.date[:4]]
    return same_year.index(meeting.key) + 1


def participants(record: PublicRecord, meeting: PublicMeeting) -> list[tuple[str, str]]:
    """(name, function) of the people the record places in the meeting."""
    found: dict[str, str] = {}
    source = meeting.source
    for name in source.absent if source else []:
        found[name] = "Forfall"
    for deputy, _member in source.deputies if source else []:
        found[deputy] = "Varamedlem"
    for item in meeting.items:
        if item.item is not None:
            found.update(dict.fromkeys(item.item.absent, "Forfall"))
            found.update({d: "Varamedlem" for d, _ in item.item.deputies})
            for proposal in item.item.proposals.values():
                if proposal.by in record.registry.people:
                    found.setdefault(proposal.by, "Medlem")
    return list(found.items())


def _document(parent: ET.Element, path: Path, title: str, number: int, when: str,
              by: str) -> dict[str, Any]:
    content = path.read_bytes()
    digest = hashlib.sha256(content).hexdigest()
    description = _el(parent, "dokumentbeskrivelse")
    _el(description, "systemID", _system_id(title, str(number)))
    _el(description, "dokumenttype", "Protokoll")
    _el(description, "dokumentstatus", "Dokumentet er ferdigstilt")
    _el(description, "tittel", title)
    _el(description, "opprettetDato", when)
    _el(description, "opprettetAv", by)
    _el(description, "tilknyttetRegistreringSom", "Hoveddokument")
    _el(description, "dokumentnummer", number)
    _el(description, "tilknyttetDato", when)
    _el(description, "tilknyttetAv", by)
    document = _el(description, "dokumentobjekt")
    _el(document, "versjonsnummer", 1)
    _el(document, "variantformat", "Produksjonsformat")
    _el(document, "format", DOCX_FORMAT)
    _el(document, "formatDetaljer", "docx")
    _el(document, "opprettetDato", when)
    _el(document, "opprettetAv", by)
    _el(document, "referanseDokumentfil", path.name)
    _el(document, "sjekksum", digest)
    _el(document, "sjekksumAlgoritme", "SHA256")
    _el(document, "filstoerrelse", len(content))
    return {"fil": path.name, "sjekksum": digest, "sjekksumAlgoritme": "SHA256"}


def export_meeting(record: PublicRecord, key: str, out: Path, when: str) -> list[Path]:
    """Write arkivstruktur.xml, einnsyn.json and the protocols under `out`; `when` is the
    export's time (ISO 8601). Returns the files written."""
    meeting = record.meetings[key]
    assert meeting.approved and meeting.source is not None
    out.mkdir(parents=True, exist_ok=True)
    by = (", ".join(meeting.approval.by) if meeting.approval and meeting.approval.by
          else meeting.body)
    ET.register_namespace("", NS)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{NS}}}arkiv")
    folder = _el(root, "mappe", **{f"{{{XSI}}}type": "moetemappe"})
    _el(folder, "systemID", _system_id(key))
    _el(folder, "mappeID", f"{meeting.body} {meeting.date}")
    _el(folder, "tittel", f"Møte i {meeting.body} {meeting.date}")
    _el(folder, "opprettetDato", when)
    _el(folder, "opprettetAv", by)
    number = meeting_number(record, meeting)
    _el(folder, "moetenummer", number)
    _el(folder, "utvalg", meeting.body)
    _el(folder, "moetedato", meeting.date)
    place = record.registry.municipality or meeting.body
    _el(folder, "moetested", place)
    people = participants(record, meeting)
    for name, function in people:
        participant = _el(folder, "moetedeltaker")
        _el(participant, "moetedeltakerNavn", name)
        _el(participant, "moetedeltakerFunksjon", function)
    files = [out / "arkivstruktur.xml", out / "einnsyn.json"]
    protocol = out / f"moeteprotokoll-{meeting.date}.docx"
    proto.write_meeting(record, meeting.source, protocol)
    files.append(protocol)
    register = _el(folder, "registrering", **{f"{{{XSI}}}type": "moeteregistrering"})
    _registration(register, key, "Møteprotokoll", f"Møteprotokoll {key}", when, by,
                  "Godkjent", None)
    _document(register, protocol, f"Møteprotokoll {key}", 1, when, by)
    cases = []
    for item in meeting.items:
        register = _el(folder, "registrering", **{f"{{{XSI}}}type": "moeteregistrering"})
        status = STATUS.get(item.item.outcome.kind, "Behandlet") if (
            item.item and item.item.outcome) else "Behandlet" if item.exemption else (
            "Ikke behandlet")
        _registration(register, key + item.arkivsak, "Saksprotokoll",
                      f"Sak {item.sak} {item.title}", when, by, status, item)
        document = None
        if item.published:
            path = out / f"saksprotokoll-{item.sak.replace('/', '-')}.docx"
            proto.write_item(record, item, path)
            files.append(path)
            document = _document(register, path, f"Saksprotokoll sak {item.sak}", 1, when, by)
        cases.append(_moetesak(record, item, status, document))
    ET.indent(root)
    ET.ElementTree(root).write(files[0], encoding="utf-8", xml_declaration=True)
    einnsyn = {"entity": "Moetemappe", "moetenummer": str(number), "utvalg": meeting.body,
               "moetedato": meeting.date, "moetested": place, "offentligTittel":
               f"Møte i {meeting.body} {meeting.date}",
               "moetedeltaker": [{"entity": "Moetedeltaker", "moetedeltakerNavn": n,
                                  "moetedeltakerFunksjon": f} for n, f in people],
               "moetesak": cases}
    files[1].write_text(json.dumps(einnsyn, ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")
    return files


def _registration(register: ET.Element, key: str, kind: str, title: str, when: str, by: str,
                  status: str, item: PublicItem | None) -> None:
    _el(register, "systemID", _system_id(key, kind))
    _el(register, "opprettetDato", when)
    _el(register, "opprettetAv", by)
    _el(register, "arkivertDato", when)
    _el(register, "arkivertAv", by)
    _el(register, "tittel", title)
    if item is not None and item.exemption is not None:
        shield = _el(register, "skjerming")
        _el(shield, "tilgangsrestriksjon", "Unntatt offentlighet")
        _el(shield, "skjermingshjemmel", item.exemption.basis)
        _el(shield, "skjermingMetadata", "tittel")
        _el(shield, "skjermingDokument", "Hele dokumentet")
    _el(register, "moeteregistreringstype", kind)
    if item is not None:
        _el(register, "moetesakstype", "Politisk sak")
    _el(register, "moeteregistreringsstatus", status)


def _moetesak(record: PublicRecord, item: PublicItem, status: str,
              document: dict[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {"entity": "Moetesak", "moetesaksaar": item.sak.split("/")[-1],
                           "moetesakssekvensnummer": item.sak.split("/")[0],
                           "offentligTittel": item.title, "arkivsak": item.arkivsak,
                           "utvalg": item.body, "status": status}
    if item.exemption is not None:
        out["skjerming"] = {"entity": "Skjerming", "tilgangsrestriksjon": "Unntatt offentlighet",
                            "skjermingshjemmel": item.exemption.basis}
        return out
    found = item.item
    if found is None or found.outcome is None:
        return out
    markup = proto.item_markup(record, item)
    out["vedtak"] = {
        "entity": "Vedtak", "dato": item.date,
        "vedtakstekst": render_plain(p.text for p in found.outcome.text),
        "votering": [{"entity": "Votering", "nummer": n, "emne": vote.between or [vote.on],
                      "resultat": vote.result, "enstemmig": vote.unanimous,
                      "stemmer": [{"parti": t.party, "for": t.votes_for, "mot": t.votes_against}
                                  for t in party_votes(record.registry, found, vote)]}
                     for n, vote in enumerate(found.votes, 1)],
        "behandlingsprotokoll": {"entity": "Behandlingsprotokoll",
                                 "tekst": proto.render_text(markup),
                                 **({"dokument": document} if document else {})}}
    return out
