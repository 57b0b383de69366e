"""Live logging as the secretary types it: real subprocesses of `saksflyt`, one command each.

The council meeting of 2019-08-29 in case 19/8286 is logged live on top of a replay that stops
after 2019-06-13, and must give the same decision and protocol as the full replay. Also: the
help of every command starts without the heavy libraries.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
MEETING = "Bystyret 2019-08-29"
HEAVY = ("sqlalchemy", "pydantic", "docx", "jinja2")


def _program() -> list[str]:
    """The installed command beside this interpreter (not another install on PATH), or the
    package run as a module."""
    beside = Path(sys.executable).parent / "saksflyt"
    found = str(beside) if beside.exists() else shutil.which("saksflyt")
    return [found] if found else [sys.executable, "-m", "cli"]


def run(db: str, *args: str, stdin: str | None = None, ok: bool = True,
        cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SAKSFLYT_DB": db, "SAKSFLYT_USER": "sekretær"}
    done = subprocess.run([*_program(), *args], input=stdin, capture_output=True, text=True,
                          env=env, cwd=cwd or ROOT, timeout=120)
    if ok:
        assert done.returncode == 0, f"{args}: {done.stderr}"
    return done


SALOMONSEN = ("Bystyret ber rådmannen komme tilbake med en sak som viser innholdet i hver enkelt "
              "vennskapsbyavtale og muligheter til videreutvikling. Bystyret vil særlig peke på "
              "at det bør legges opp til kulturutveksling og -samarbeid, kontakt mellom ungdom og "
              "miljø- og solidaritetsarbeid der hvor det er aktuelt.")
ANDREASSEN = (
    "Bystyret ber rådmannen tydeliggjøre følgende gjennom mål i handlingsplanen:\n"
    "- hvordan strategiens kapittel 3.3 skal bidra til å fremme Trondheims posisjon "
    "internasjonalt som Norges teknologihovedstad\n"
    "- hvordan kommunen skal bidra til fremveksten av nye eksportnæringer innenfor teknologi.\n")
MERKNAD = ("Bystyret viser til interpellasjonen om samarbeid med det saharawiske folket som ble "
           "fremmet 21. mai 2015 og forventer at vedtaket følges opp og inkluderes i kommunens "
           "internasjonale arbeid.")


def log_council_meeting(db: str, tmp_path: Path, run: Any = run) -> None:
    """The meeting of 2019-08-29 as the secretary logs it, command by command (`run` runs
    one command: here on the store; tests/server runs it as a client of a server)."""
    barekraft = tmp_path / "renolen.txt"
    barekraft.write_text("Det må synliggjøres hvordan FNs bærekraftsmål og kommunens klimamål "
                         "er lagt til grunn for handlingsplanen.\n", encoding="utf-8")
    run(db, "meeting", "new", MEETING)
    run(db, "meeting", "agenda", MEETING, "19/8286", "--sak", "87/19", "--result", "Behandlet")
    run(db, "item", "open", MEETING, "87/19")
    run(db, "propose", "--id", "salomonsen-vennskapsby", "--by", "Silje Salomonsen",
        "--kind", "tilleggsforslag", "--add", SALOMONSEN)
    run(db, "propose", "--id", "renolen-barekraft", "--by", "Ola Lund Renolen",
        "--on-behalf-of", "Ap,MDG,Sp,KrF", "--kind", "tilleggsforslag",
        "--add-file", str(barekraft))
    run(db, "propose", "--id", "renolen-stryk", "--by", "Ola Lund Renolen",
        "--kind", "strykningsforslag", "--label", "Renolens forslag", "--strike", "3")
    run(db, "propose", "--id", "andreassen-teknologi", "--by", "Elin Marie Andreassen",
        "--kind", "tilleggsforslag", "--add-file", "-", stdin=ANDREASSEN)
    made = run(db, "propose", "--by", "Silje Salomonsen", "--kind", "merknad", "--text", MERKNAD)
    remark = made.stdout.split("«")[1].split("»")[0]  # the short id it was given, printed
    assert remark == "salomonsen"
    run(db, "vote", "--on", "innstillingen", "--except", "3", "--unanimous")
    run(db, "vote", "--between", "innstillingen,renolen-stryk", "--parts", "3",
        "--winner", "innstillingen", "--against", "1Ap, 5MDG, 4SV, 2R")
    run(db, "vote", "--on", "salomonsen-vennskapsby", "--against", "3V, 2KrF")
    run(db, "vote", "--on", "renolen-barekraft", "--against", "4FrP")
    run(db, "vote", "--on", "andreassen-teknologi", "--against", "2R")
    run(db, "join", "--remark", remark, "--parties", "Ap,H,FrP,MDG,PP,V,Sp,KrF,R")


@pytest.fixture(scope="module")
def full_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = f"sqlite:///{tmp_path_factory.mktemp('full') / 'full.db'}"
    run(db, "replay", str(ROOT / "examples" / "19-8286.yaml"))
    return db


def test_live_logging_matches_the_full_replay(tmp_path: Path, full_db: str) -> None:
    db = f"sqlite:///{tmp_path / 'live.db'}"
    run(db, "replay", str(ROOT / "examples" / "19-8286.yaml"), "--until", "2019-06-13")
    assert run(db, "vedtak", "19/8286", ok=False).returncode == 1  # no decision yet
    log_council_meeting(db, tmp_path)

    status = run(db, "item", "status").stdout
    assert "Vedtak hvis saken avsluttes nå:" in status
    assert "renolen-stryk (strykningsforslag, Ola Lund Renolen): falt" in status
    closed = run(db, "item", "close").stdout

    expected = run(full_db, "vedtak", "19/8286").stdout
    assert run(db, "vedtak", "19/8286").stdout == expected
    assert closed == expected
    assert run(db, "vedtak", "19/8286", "--meeting", MEETING).stdout == run(
        full_db, "vedtak", "19/8286", "--meeting", MEETING).stdout
    protocol = ["protocol", "19/8286", "--meeting", MEETING, "--format", "text"]
    assert run(db, *protocol).stdout == run(full_db, *protocol).stdout
    # The status before closing showed the decision exactly as it came to read.
    assert status.rstrip().endswith(expected.rstrip())


@pytest.fixture
def closed_db(tmp_path: Path) -> str:
    db = f"sqlite:///{tmp_path / 'live.db'}"
    run(db, "replay", str(ROOT / "examples" / "19-8286.yaml"), "--until", "2019-06-13")
    log_council_meeting(db, tmp_path)
    run(db, "item", "close")
    return db


def test_closed_item_refuses_commands(closed_db: str) -> None:
    for args in (["note", "Etternotat"], ["vote", "--on", "innstillingen", "--unanimous"],
                 ["propose", "--by", "Silje Salomonsen", "--kind", "forslag", "--add", "x"],
                 ["withdraw", "renolen-barekraft"]):
        done = run(closed_db, *args, ok=False)
        assert done.returncode == 2
        assert done.stderr.strip() == f"Feil: Behandlingen i «{MEETING}» er avsluttet."
    done = run(closed_db, "item", "close", ok=False)
    assert done.returncode == 2 and "er allerede avsluttet" in done.stderr
    done = run(closed_db, "item", "open", MEETING, "87/19", ok=False)
    assert done.returncode == 2 and "kan ikke åpnes igjen" in done.stderr


def test_corrections_before_and_after_approval(closed_db: str) -> None:
    # Vote 3 (Salomonsen's proposal) was logged as "3V, 2KrF"; say it was really 4V, 2KrF.
    done = run(closed_db, "correct", "--vote", "3", "--against", "4V, 2KrF",
               "--reason", "Feil stemmetall ført")
    assert "Korrigeringen er ført" in done.stdout
    status = run(closed_db, "item", "status", "--json").stdout
    assert '"reason": "Feil stemmetall ført"' in status
    protocol = run(closed_db, "protocol", "19/8286", "--meeting", MEETING).stdout
    assert "Salomonsens forslag ble vedtatt mot 6 stemmer (4V, 2KrF)." in protocol

    run(closed_db, "meeting", "approve", MEETING, "--as-recorded")
    refused = run(closed_db, "correct", "--proposal", "salomonsen", "--text", "Ny tekst.",
                  "--reason", "Skrivefeil", ok=False)
    assert refused.returncode == 2
    assert refused.stderr.strip() == (
        f"Feil: Protokollen for «{MEETING}» er godkjent; en korrigering nå trenger "
        "--after-approval og en begrunnelse.")
    fixed = MERKNAD.replace("21. mai 2015", "12. mai 2015")
    run(closed_db, "correct", "--proposal", "salomonsen", "--text", fixed,
        "--reason", "Feil dato i merknaden", "--after-approval")
    decision = run(closed_db, "vedtak", "19/8286").stdout
    assert "12. mai 2015" in decision and "21. mai 2015" not in decision


def test_wrong_name_and_bad_options_are_one_line(closed_db: str, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'other.db'}"
    run(db, "replay", str(ROOT / "examples" / "19-8286.yaml"), "--until", "2019-06-13")
    run(db, "meeting", "new", MEETING)
    run(db, "meeting", "agenda", MEETING, "19/8286", "--sak", "87/19")
    run(db, "item", "open", MEETING, "19/8286")
    done = run(db, "propose", "--by", "Silje Salmonsen", "--kind", "forslag", "--add", "x",
               ok=False)
    assert done.returncode == 2
    assert done.stderr.strip() == ("Feil: Personen «Silje Salmonsen» finnes ikke (mente du "
                                   "«Silje Salomonsen»?).")
    done = run(db, "vote", "--on", "innstillingen", "--between", "a,b", "--winner", "a",
               ok=False)
    assert done.returncode == 2
    assert done.stderr.strip() == "Feil: vote: en votering har enten on eller between"
    done = run(db, "meeting", "show", "Bystyre 2019-08-29", ok=False)
    assert "mente du «Bystyret 2019-08-29»" in done.stderr


def _command_paths() -> list[list[str]]:
    import click

    from cli import main

    paths: list[list[str]] = [[]]

    def walk(group: click.Group, prefix: list[str]) -> None:
        for name, command in group.commands.items():
            paths.append([*prefix, name])
            if isinstance(command, click.Group):
                walk(command, [*prefix, name])

    walk(main, [])
    return paths


LIVE_COMMANDS = {
    "party add", "body add", "person add", "case new", "meeting new", "meeting agenda",
    "meeting show", "meeting protocol", "meeting approve", "item open", "item close",
    "item status", "note", "rapporteur", "impartiality", "propose", "withdraw", "vote", "join",
    "take-note", "postpone", "present", "attendance", "correct", "replay"}


CHECK = """
import sys, time
start = time.perf_counter()
from cli import main
try:
    main.main(args=sys.argv[1:] + ["--help"], prog_name="saksflyt", standalone_mode=False)
except SystemExit:
    pass
heavy = [m for m in {heavy!r} if m in sys.modules]
print("HEAVY", ",".join(heavy), file=sys.stderr)
"""


def test_help_imports_nothing_heavy() -> None:
    timings = []
    for path in _command_paths():
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", CHECK.format(heavy=HEAVY), *path],
                              capture_output=True, text=True, cwd=ROOT, timeout=60)
        timings.append((" ".join(path) or "(saksflyt)", time.perf_counter() - start))
        assert done.returncode == 0, done.stderr
        if " ".join(path) in LIVE_COMMANDS:
            assert "Eksempel" in done.stdout, f"{path}: help without an example"
        assert "HEAVY \n" in done.stderr or done.stderr.endswith("HEAVY\n"), (path, done.stderr)
    # Timings go to the report, not into assertions (the machine is noisy).
    report = "\n".join(f"{t * 1000:7.0f} ms  saksflyt {name} --help" for name, t in timings)
    print("\n" + report)


def test_attendance_inhabil_deputy_and_meeting_protocol(tmp_path: Path) -> None:
    """A new meeting logged from scratch: forfall with a deputy for the meeting, an inhabil
    member replaced by a deputy in one item, and the møteprotokoll as text and Word."""
    db = f"sqlite:///{tmp_path / 'live.db'}"
    run(db, "db", "init")  # only db init (or replay, import, --create) makes a new store
    run(db, "party", "add", "Ap", "Arbeiderpartiet")
    run(db, "party", "add", "H", "Høyre")
    run(db, "body", "add", "Bystyret", "--kind", "council", "--seats", "5Ap, 4H")
    for name, party in (("Anne Ap", "Ap"), ("Vera Vara", "Ap"), ("Hanne Høyre", "H"),
                        ("Harald Vara", "H")):
        run(db, "person", "add", name, "--affiliation", party)
    recommendation = tmp_path / "innstilling.txt"
    recommendation.write_text("Bystyret vedtar parken.\n\nParken åpner i 2031.\n",
                              encoding="utf-8")
    for arkivsak, title in (("30/1", "Ny park"), ("30/2", "Nytt bibliotek")):
        run(db, "case", "new", arkivsak, "--title", title, "--recommendation-file",
            str(recommendation), "--route", "Bystyret:vedtak")
    meeting = "Bystyret 2030-01-10"
    run(db, "meeting", "new", meeting)
    run(db, "meeting", "agenda", meeting, "30/1", "--sak", "1/30")
    run(db, "meeting", "agenda", meeting, "30/2", "--sak", "2/30")
    run(db, "attendance", meeting, "--absent", "Anne Ap", "--deputy", "Vera Vara",
        "--for", "Anne Ap")

    run(db, "item", "open", meeting, "1/30")
    run(db, "impartiality", "--person", "Hanne Høyre", "--ruling", "inhabil")
    too_many = run(db, "vote", "--on", "innstillingen", "--against", "4H", ok=False)
    assert too_many.returncode == 2
    assert "4 stemmer fra H, men H har bare 3" in too_many.stderr
    run(db, "attendance", "--deputy", "Harald Vara", "--for", "Hanne Høyre", "--item-only")
    run(db, "vote", "--on", "innstillingen", "--against", "4H")
    run(db, "item", "close")

    run(db, "item", "open", meeting, "2/30")
    # The deputy met only in 1/30: in 2/30 Høyre has its 4 seats and Ap 5 (Vera for Anne).
    refused = run(db, "vote", "--on", "innstillingen", "--for", "6Ap", ok=False)
    assert "6 stemmer fra Ap, men Ap har bare 5" in refused.stderr
    run(db, "vote", "--on", "innstillingen", "--unanimous")
    run(db, "item", "close")

    shown = run(db, "meeting", "show", meeting).stdout
    assert "1/30 (30/1) Ny park: vedtatt" in shown and "forfall: Anne Ap" in shown
    text = run(db, "meeting", "protocol", meeting).stdout
    assert "Forfall: Anne Ap" in text
    assert "Vera Vara møtte for Anne Ap." in text
    assert "Sak 1/30: Hanne Høyre var inhabil og fratrådte." in text
    assert "Sak 1/30: Harald Vara møtte for Hanne Høyre." in text
    assert text.index("Ny park") < text.index("Nytt bibliotek")
    assert text.count("\nSaksprotokoll\n") == 2

    out = tmp_path / "møteprotokoll.docx"
    run(db, "meeting", "protocol", meeting, "--format", "docx", "-o", str(out))
    from docx import Document

    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    assert paragraphs[0] == "Møteprotokoll"
    assert "Vera Vara møtte for Anne Ap." in paragraphs
    assert paragraphs.count("Saksprotokoll") == 2


def test_shell_completion_of_proposals_and_meetings(closed_db: str) -> None:
    def complete(words: str) -> list[str]:
        env = {**os.environ, "SAKSFLYT_DB": closed_db, "_SAKSFLYT_COMPLETE": "bash_complete",
               "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - (
                   0 if words.endswith(" ") else 1))}
        done = subprocess.run(_program(), capture_output=True, text=True, env=env, cwd=ROOT,
                              timeout=60)
        return [line.split(",", 1)[1] for line in done.stdout.splitlines() if "," in line]

    assert complete("saksflyt withdraw renolen") == ["renolen-barekraft", "renolen-stryk"]
    assert complete("saksflyt item open Bysty") == [MEETING]
    assert "Silje Salomonsen" in complete("saksflyt rapporteur Sil")
