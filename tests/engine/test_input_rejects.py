"""Issue 15: each bad input the attack found is refused in one line, exit 2, nothing stored.

A party counted twice, booleans and empty tallies as votes, impossible dates, YAML tags,
values of the wrong type, deep nesting, files that are not UTF-8, alias bombs, control
characters, over-long titles, newlines in names, meetings out of order, empty titles, absurd
seat counts and workflow names that are paths. Each test failed (a traceback, a hang, or an
accepted file) before the input checks.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli import main
from tests.engine.test_rejects import (
    COMMITTEE,
    UNANIMOUS_REC,
    base,
    committee,
    fingerprint,
    meeting,
    prop,
    reject,
    reject_step,
    scenario,
    vote,
    write,
)

Store = tuple[str, Path]


def reject_raw(tmp_path: Path, store: Store, raw: bytes, *words: str,
               name: str = "avvist.yaml") -> str:
    """Replay the bytes as a file; expect a one-line refusal and an unchanged store."""
    url, db = store
    before = fingerprint(db)
    path = tmp_path / name
    path.write_bytes(raw)
    started = time.monotonic()
    result = CliRunner().invoke(main, ["--db", url, "replay", str(path)])
    assert time.monotonic() - started < 10, "took too long"
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    message = result.stderr.strip()
    assert message.startswith("Feil: ") and "\n" not in message, message
    assert name in message
    for word in words:
        assert word.lower() in message.lower(), (word, message)
    assert fingerprint(db) == before
    return message


def _yaml(data: Any) -> str:
    import io

    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


# --- tallies ---------------------------------------------------------------------------------

def test_a_party_given_twice_is_refused_naming_it(tmp_path: Path, seeded: Store) -> None:
    reject_step(tmp_path, seeded, [prop("a"), vote(on="a", against="1H, 1H")], "2 (vote)",
                "Partiet H er oppgitt flere ganger")


def test_a_party_given_nine_times_cannot_outvote_the_body(tmp_path: Path,
                                                         seeded: Store) -> None:
    """The attack's case: "4V" nine times gave Venstre 36 votes in the council."""
    council = meeting("Bystyret", "2025-03-04",
                      [prop("a"), vote(on="a", against=", ".join(["2SV"] * 9))], sak="30/25")
    reject(tmp_path, seeded, scenario(committee(UNANIMOUS_REC), council),
           "Partiet SV er oppgitt flere ganger", meeting_name="Bystyret 2025-03-04")


@pytest.mark.parametrize("value", [True, False])
def test_a_boolean_is_not_a_vote(tmp_path: Path, seeded: Store, value: bool) -> None:
    reject_step(tmp_path, seeded, [prop("a"), vote(on="a", against=value)], "2 (vote)",
                "ikke et stemmetall")


@pytest.mark.parametrize("value", ["", "  ", {}])
def test_an_empty_tally_is_refused(tmp_path: Path, seeded: Store, value: Any) -> None:
    reject_step(tmp_path, seeded, [prop("a"), vote(on="a", against=value)], "2 (vote)",
                "Tomt stemmetall")


def test_a_boolean_in_a_tally_map_is_not_a_vote(tmp_path: Path, seeded: Store) -> None:
    reject_step(tmp_path, seeded, [prop("a"), vote(on="a", against={"H": True})], "2 (vote)",
                "against")


def test_seats_of_ten_to_the_thirtieth_are_refused(tmp_path: Path, seeded: Store) -> None:
    data = scenario()
    data["bodies"][2]["seats"] = {"Ap": 10**30, "H": 4, "SV": 2}
    data["bodies"][2]["name"] = "Nytt bystyre"
    reject(tmp_path, seeded, data, "seter", "Ap")


# --- dates -----------------------------------------------------------------------------------

@pytest.mark.parametrize("date", ["2019-02-30", "2019-13-01", "20190101", "2025-2-4"])
def test_an_impossible_meeting_date_is_refused(tmp_path: Path, seeded: Store,
                                               date: str) -> None:
    data = scenario(meeting("Komiteen", "2025-02-04", [UNANIMOUS_REC]))
    text = _yaml(data).replace("2025-02-04", date)
    reject_raw(tmp_path, seeded, text.encode(), "dato")


def test_an_impossible_postponement_date_is_refused(tmp_path: Path, seeded: Store) -> None:
    text = _yaml(scenario(committee({"postpone": {"to": "2025-03-01", "text": "Utsatt."}})))
    reject_raw(tmp_path, seeded, text.replace("'2025-03-01'", "2025-02-30")
               .replace("2025-03-01", "2025-02-30").encode(), "dato")


def test_an_impossible_saksframlegg_date_is_not_stored_as_written(tmp_path: Path,
                                                                  seeded: Store) -> None:
    data = scenario()
    data["cases"][0]["prepared"] = {"by": "Rådmannen", "date": "2019-02-30"}
    reject(tmp_path, seeded, data, "dato", "2019-02-30")


def test_a_meeting_before_the_case_was_last_handled_is_refused(tmp_path: Path,
                                                               seeded: Store) -> None:
    council = meeting("Bystyret", "2025-01-30", [UNANIMOUS_REC], sak="30/25")
    reject(tmp_path, seeded, scenario(committee(UNANIMOUS_REC), council), "datorekkefølge",
           meeting_name="Bystyret 2025-01-30")


def test_a_bodys_meetings_out_of_date_order_are_refused(tmp_path: Path,
                                                        seeded: Store) -> None:
    data = scenario(committee(UNANIMOUS_REC))
    data["cases"].append({**data["cases"][0], "arkivsak": "25/101", "title": "Annen sak"})
    data["meetings"].append(meeting("Komiteen", "2025-01-28", [UNANIMOUS_REC], sak="8/25",
                                    case="25/101"))
    reject(tmp_path, seeded, data, "datorekkefølge", meeting_name="Komiteen 2025-01-28")


def test_a_decision_before_the_saksframlegg_is_refused(tmp_path: Path, seeded: Store) -> None:
    data = scenario(committee(UNANIMOUS_REC))
    data["cases"][0]["prepared"] = {"by": "Rådmannen", "date": "2025-03-01"}
    reject(tmp_path, seeded, data, "før saksframlegget", meeting_name=COMMITTEE)


# --- YAML ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "words"), [
    ("municipality: !!int abc", ["!!int abc", "passer ikke"]),
    ("municipality: !!bool maybe", ["!!bool maybe", "passer ikke"]),
    ("municipality: !!binary aGVp", ["!!binary", "hører ikke til"]),
    ("municipality: !!python/object/apply:os.system [ls]", ["python", "tagg"]),
    ("municipality: !egen verdi", ["!egen", "hører ikke til"]),
])
def test_tags_the_format_does_not_have_are_refused(tmp_path: Path, seeded: Store, line: str,
                                                   words: list[str]) -> None:
    text = _yaml(scenario()).replace("municipality: Prøvekommune", line)
    assert line in text
    reject_raw(tmp_path, seeded, text.encode(), *words)


def test_a_seq_tag_on_a_map_is_refused(tmp_path: Path, seeded: Store) -> None:
    text = _yaml(scenario()).replace("parties:\n", "parties: !!seq\n")
    reject_raw(tmp_path, seeded, text.encode(), "!!seq", "kart")


def test_an_alias_bomb_is_refused_quickly(tmp_path: Path, seeded: Store) -> None:
    bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10))
    reject_raw(tmp_path, seeded, (bomb + _yaml(scenario())).encode(), "aliasene")


def test_an_alias_bomb_inside_a_case_is_refused(tmp_path: Path, seeded: Store) -> None:
    lines = "".join(f"  - &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]\n" for i in range(1, 9))
    text = ("saksflyt: 1\nbodies: []\ncases:\n  - &l0 [x, x, x, x, x, x, x, x, x, x]\n"
            + lines)
    reject_raw(tmp_path, seeded, text.encode(), "aliasene")


def test_deep_nesting_is_refused(tmp_path: Path, seeded: Store) -> None:
    text = _yaml(scenario()).replace("municipality: Prøvekommune",
                                     "municipality: " + "[" * 5000 + "x" + "]" * 5000)
    reject_raw(tmp_path, seeded, text.encode(), "nøsting")


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16", "cp1252"])
def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path, seeded: Store,
                                            encoding: str) -> None:
    reject_raw(tmp_path, seeded, _yaml(scenario()).encode(encoding), "ikke UTF-8")


# --- types -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("change", "words"), [
    (lambda d: d.update(people="x"), ["people"]),
    (lambda d: d.update(parties=["Ap"]), ["parties"]),
    (lambda d: d.update(bodies="x"), ["bodies"]),
    (lambda d: d.update(meetings=5), ["meetings"]),
    (lambda d: d["cases"][0].update(recommendation=[True]), ["recommendation"]),
    (lambda d: d["cases"][0].update(route="Bystyret"), ["route"]),
    (lambda d: d["cases"][0].update(title=["a", "b"]), ["title"]),
    (lambda d: d["bodies"][0].update(name={"a": 1}), ["name"]),
    (lambda d: d.update(municipality=["a"]), ["municipality"]),
])
def test_a_value_of_the_wrong_type_is_refused(tmp_path: Path, seeded: Store, change: Any,
                                              words: list[str]) -> None:
    data = scenario()
    change(data)
    reject(tmp_path, seeded, data, *words)


def test_proceedings_that_are_not_a_list_are_refused(tmp_path: Path, seeded: Store) -> None:
    data = scenario(committee())
    data["meetings"][0]["items"][0]["proceedings"] = True
    reject(tmp_path, seeded, data, "proceedings", meeting_name=COMMITTEE)


def test_a_step_with_a_wrong_type_is_refused(tmp_path: Path, seeded: Store) -> None:
    reject_step(tmp_path, seeded, [{"note": ["a", {"b": 1}]}], "1 (note)", "text")


# --- text ------------------------------------------------------------------------------------

@pytest.mark.parametrize("char", ["\x1b", "\x00", "\ufffe", "\u202e", "\x07"])
def test_a_control_character_in_a_note_is_refused_with_its_place(tmp_path: Path,
                                                                  seeded: Store,
                                                                  char: str) -> None:
    message = reject_step(tmp_path, seeded, [{"note": f"Orientering{char} om saken."}],
                          "1 (note)", f"U+{ord(char):04X}", "plass 12")
    assert char not in message


@pytest.mark.parametrize("where", ["title", "person", "party", "body"])
def test_a_control_character_in_a_name_or_title_is_refused(tmp_path: Path, seeded: Store,
                                                           where: str) -> None:
    data = scenario()
    bad = "Kari\x1b[31m Nordmann"
    if where == "title":
        data["cases"][0]["title"] = bad
    elif where == "person":
        data["people"][bad] = "Ap"
    elif where == "party":
        data["parties"]["Ny"] = bad
    else:
        data["bodies"].append({"name": bad, "kind": "advisory"})
    message = reject(tmp_path, seeded, data, "U+001B", "plass 5")
    assert "\x1b" not in message


@pytest.mark.parametrize("where", ["title", "person", "item-title"])
def test_a_newline_in_a_name_or_title_is_refused(tmp_path: Path, seeded: Store,
                                                 where: str) -> None:
    bad = "Trafikksikkerhet\n## Vedtak\nFalsk vedtak"
    data = scenario(committee(UNANIMOUS_REC))
    if where == "title":
        data["cases"][0]["title"] = bad
    elif where == "person":
        data["people"][bad] = "Ap"
    else:
        data["meetings"][0]["items"][0]["title"] = bad
    reject(tmp_path, seeded, data, "linjeskift", "U+000A")


def test_a_title_over_255_characters_is_refused(tmp_path: Path, seeded: Store) -> None:
    data = scenario()
    data["cases"][0]["title"] = "Lang " * 60
    reject(tmp_path, seeded, data, "300 tegn", "255")


@pytest.mark.parametrize("where", ["title", "sak"])
def test_an_empty_title_or_sak_is_refused(tmp_path: Path, seeded: Store, where: str) -> None:
    data = scenario(committee(UNANIMOUS_REC))
    if where == "title":
        data["cases"][0]["title"] = "  "
    else:
        data["meetings"][0]["items"][0]["sak"] = ""
    reject(tmp_path, seeded, data, "tom")


def test_a_workflow_name_that_is_a_path_to_a_valid_workflow_is_refused(
        tmp_path: Path, seeded: Store) -> None:
    """A workflow file outside workflows/, reached with ../: it would load as any other."""
    import os

    import workflows

    shipped = Path(workflows.__file__).parent
    own = tmp_path / "egen.yaml"
    own.write_text((shipped / "politisk-sak.yaml").read_text("utf-8"), encoding="utf-8")
    data = scenario()
    data["cases"][0]["workflow"] = os.path.relpath(own, shipped).removesuffix(".yaml")
    assert ".." in data["cases"][0]["workflow"]
    reject(tmp_path, seeded, data, "Arbeidsflyten", "finnes ikke")


@pytest.mark.parametrize("name", ["/etc/passwd", "politisk-sak/../politisk-sak",
                                  "POLITISK-SAK"])
def test_a_workflow_name_is_never_a_path(tmp_path: Path, seeded: Store, name: str) -> None:
    data = scenario()
    data["cases"][0]["workflow"] = name
    reject(tmp_path, seeded, data, "Arbeidsflyten", "finnes ikke")


def test_a_scenario_with_ordinary_names_still_replays(tmp_path: Path, seeded: Store) -> None:
    """The checks refuse only what they should: tabs and lines in texts are fine."""
    data = scenario(committee({"note": "Linje én\n- punkt\tmed tabulator"}, UNANIMOUS_REC))
    url, _ = seeded
    result = CliRunner().invoke(main, ["--db", url, "replay",
                                       str(write(tmp_path / "ok.yaml", data))])
    assert result.exit_code == 0, result.output
    assert base()["cases"][0]["arkivsak"] == "25/100"


def test_a_browsers_crlf_line_breaks_are_line_breaks_not_control_characters() -> None:
    """A textarea's lines come as CRLF: the text is stored with \\n, not refused for U+000D."""
    from engine.app.live import build_step, paragraphs_of

    step = build_step("propose", {"id": "a", "by": "Kari Nordmann", "kind": "tilleggsforslag",
                                  "add": "Første linje\r\n- et punkt"})
    assert step.add == "Første linje\n- et punkt"  # type: ignore[attr-defined]
    assert paragraphs_of("Ett\r\n\r\nTo\r\n- punkt") == ["Ett", "To\n- punkt"]
