"""A house's own wording without a code change (issue 18): a template folder, set once by
SAKSFLYT_TEMPLATES or saksflyt.toml, overrides shipped templates file by file. Here a house
words its voting record with both sides ("Innstillingen ble vedtatt med 25 mot 18
stemmer."), overriding nb/voting.j2 alone; without the folder the shipped wording stands."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = Path(__file__).parent / "data" / "husstil.yaml"
MEETING = "Bystyret 2024-12-12"
SHIPPED = "Innstillingen ble vedtatt mot 18 stemmer (15H, 3SV)."
HOUSE = "Innstillingen ble vedtatt med 25 mot 18 stemmer."


def house_folder(tmp_path: Path) -> Path:
    """The shipped voting.j2 with one phrase changed: "ble vedtatt mot N stemmer (...)" says
    the votes for and against instead."""
    shipped = (ROOT / "documents" / "templates" / "nb" / "voting.j2").read_text(encoding="utf-8")
    old = '{%- elif v.side == "against" %} ble vedtatt mot {{ votes(v) }}'
    assert old in shipped
    folder = tmp_path / "husstil"
    (folder / "nb").mkdir(parents=True)
    (folder / "nb" / "voting.j2").write_text(shipped.replace(
        old, '{%- elif v.side == "against" %} ble vedtatt med {{ v.n_for }} mot '
             '{{ v.n_against }} stemmer'), encoding="utf-8")
    return folder


@pytest.fixture
def store(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'saksflyt.db'}"
    result = CliRunner().invoke(main, ["--db", url, "replay", str(SCENARIO)])
    assert result.exit_code == 0, result.output
    return url


def votering(url: str, env: dict[str, str] | None = None) -> list[str]:
    result = CliRunner(env=env).invoke(main, ["--db", url, "protocol", "24/500", "--meeting",
                                             MEETING])
    assert result.exit_code == 0, result.output
    return result.stdout.split("Votering:\n", 1)[1].split()


def sentence(url: str, env: dict[str, str] | None = None) -> str:
    return " ".join(votering(url, env))


def test_without_a_folder_the_shipped_wording(store: str) -> None:
    assert sentence(store) == SHIPPED


def test_a_folder_in_the_environment_words_the_record_its_way(store: str,
                                                             tmp_path: Path) -> None:
    folder = house_folder(tmp_path)
    assert sentence(store, {"SAKSFLYT_TEMPLATES": str(folder)}) == HOUSE
    # The next command without the setting has the shipped wording again.
    assert sentence(store) == SHIPPED


def test_a_folder_in_the_configuration_file(store: str, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    house_folder(tmp_path)
    (tmp_path / "saksflyt.toml").write_text('templates = "husstil"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert sentence(store) == HOUSE
    # Other templates are the shipped ones: the protocol's other sections read as before.
    result = CliRunner().invoke(main, ["--db", store, "protocol", "24/500", "--meeting",
                                       MEETING])
    assert "Resultat: Innstillingen vedtatt" in result.stdout.splitlines()


def test_a_folder_that_does_not_exist_is_one_line(store: str, tmp_path: Path) -> None:
    result = CliRunner(env={"SAKSFLYT_TEMPLATES": str(tmp_path / "mangler")}).invoke(
        main, ["--db", store, "protocol", "24/500", "--meeting", MEETING])
    assert result.exit_code == 2
    assert result.stderr.startswith("Feil: Malmappen ") and "finnes ikke" in result.stderr
    assert "\n" not in result.stderr.strip()


def test_an_unknown_setting_in_the_configuration_file(store: str, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "saksflyt.toml").write_text('maler = "husstil"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--db", store, "protocol", "24/500", "--meeting",
                                       MEETING])
    assert result.exit_code == 2 and "ukjent innstilling «maler»" in result.stderr
