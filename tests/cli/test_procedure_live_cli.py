"""The procedure of issue 18 logged live, command by command: parties proposing together,
a vote on two proposals at once, an alternative vote between three sides, a named vote and
an inhabil ruling with its legal basis; checked by the same rules as a replay."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from ruamel.yaml import YAML

from cli import main

MEETING = "Kommunestyret 2025-01-16"
REGISTER = {
    "saksflyt": 1,
    "parties": {"Ap": "Arbeiderpartiet", "H": "Høyre", "SV": "Sosialistisk Venstreparti"},
    "people": {"Ane Berg": "Ap", "Bo Lie": "Ap", "Cato Moen": "Ap", "Dag Holm": "H",
               "Eli Ruud": "H", "Finn Sand": "SV"},
    "bodies": [{"name": "Kommunestyret", "kind": "council",
                "members": ["Ane Berg", "Bo Lie", "Cato Moen", "Dag Holm", "Eli Ruud",
                            "Finn Sand"]}],
    "cases": [{"arkivsak": "25/5", "title": "Ny idrettshall",
               "recommendation": ["Kommunestyret vedtar å bygge en ny idrettshall."],
               "route": [{"body": "Kommunestyret", "role": "vedtak"}]}],
}


def run(url: str, *args: str, code: int = 0) -> str:
    result = CliRunner().invoke(main, ["--db", url, *args])
    assert result.exit_code == code, (args, result.output)
    return result.stdout + result.stderr


def test_logging_the_new_procedure_live(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'saksflyt.db'}"
    path = tmp_path / "register.yaml"
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(REGISTER, fh)
    run(url, "replay", str(path))
    run(url, "meeting", "new", MEETING)
    run(url, "meeting", "agenda", MEETING, "25/5", "--sak", "3/25")
    run(url, "item", "open", MEETING, "3/25")
    run(url, "impartiality", "--person", "Cato Moen", "--ruling", "inhabil", "--basis",
        "første ledd bokstav a")
    run(url, "propose", "--id", "felles", "--parties", "Ap,H", "--kind", "fellesforslag",
        "--add", "Hallen får en klatrevegg.")
    run(url, "propose", "--id", "finn-1", "--by", "Finn Sand", "--kind", "tilleggsforslag",
        "--label", "SVs forslag 1", "--add", "Hallen bygges i tre.")
    run(url, "propose", "--id", "finn-2", "--by", "Finn Sand", "--kind", "tilleggsforslag",
        "--label", "SVs forslag 2", "--add", "Hallen får solceller.")
    run(url, "propose", "--id", "dag-alt", "--by", "Dag Holm", "--with", "Eli Ruud", "--kind",
        "alternativt forslag", "--text", "Kommunestyret vedtar å pusse opp den gamle hallen.")
    run(url, "propose", "--id", "finn-alt", "--by", "Finn Sand", "--kind", "alternativt forslag",
        "--text", "Kommunestyret utsetter byggingen til 2027.")
    # Cato Moen is inhabil: 5 vote. A named vote that leaves out a member present is refused.
    out = run(url, "vote", "--on", "felles", "--voted-for", "Ane Berg", "--voted-for", "Bo Lie",
              code=2)
    assert "Dag Holm er til stede, men står ikke i navnevoteringen" in out
    run(url, "vote", "--on", "felles", "--voted-for", "Ane Berg", "--voted-for", "Bo Lie",
        "--voted-for", "Dag Holm", "--voted-against", "Eli Ruud", "--voted-against", "Finn Sand")
    run(url, "vote", "--on", "finn-1,finn-2", "--for", "1SV")
    out = run(url, "vote", "--between", "innstillingen,dag-alt,finn-alt", "--winner",
              "innstillingen", "--side", "dag-alt=2H", "--side", "finn-alt=1SV", code=2)
    assert "«innstillingen» fikk 2 stemmer og «dag-alt» 2: vinneren må ha flest" in out
    run(url, "vote", "--between", "innstillingen,dag-alt,finn-alt", "--winner", "innstillingen",
        "--side", "dag-alt=1H", "--side", "finn-alt=1SV")
    run(url, "item", "close")
    text = run(url, "protocol", "25/5", "--meeting", MEETING)
    for line in (
            "Cato Moen ble erklært inhabil etter forvaltningsloven § 6 første ledd bokstav a og "
            "fratrådte under behandlingen av saken.",
            "Fellesforslag fra Ap og H:", "Dag Holm (H) og Eli Ruud (H), alternativt forslag:",
            # Named: 2Ap and 1H for, 1H and 1SV against; H split.
            "Fellesforslaget fra Ap og H ble vedtatt med 3 (2Ap, 1H) mot 2 (1H, 1SV) stemmer. "
            "Fra H stemte Dag Holm for og Eli Ruud mot.",
            "Ved samlet votering over SVs forslag 1 og SVs forslag 2 fikk forslagene 1 stemme "
            "(1SV) og falt.",
            # 5 present: 1H and 1SV given, the recommendation has the rest, 3. Sand has three
            # proposals put to a vote, so the kind names his.
            "Ved alternativ votering mellom innstillingen, det alternative forslaget fra Holm og "
            "Ruud og Sands alternativt forslag fikk innstillingen 3 stemmer, det alternative "
            "forslaget fra Holm og Ruud 1 stemme (1H) og Sands alternativt forslag 1 stemme "
            "(1SV). Innstillingen ble vedtatt."):
        assert line in text.splitlines(), line
