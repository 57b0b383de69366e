"""PDF/A for the archive, through LibreOffice: the council's protocol (19/8286, Bystyret
2019-08-29), the dossier and the diff rendered to PDF by `saksflyt ... --format pdf` and then
to PNG (docs/pages.py, which draws the README's pictures), and read as a secretariat reads them
before publishing: no "• 1." anywhere, "Side 1 av N", Norwegian dates only, no heading or
proposer line left alone at the foot of a page, and PDF/A-2 in the metadata.

These tests need LibreOffice (soffice) and poppler-utils: CI installs both and sets
SAKSFLYT_REQUIRE_LIBREOFFICE=1, so there they fail rather than skip.
"""

from __future__ import annotations

import importlib.util
import re
import struct
import subprocess
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from cli import main
from tests.conftest import ROOT, fold, require_program

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
NORWEGIAN_DATE = re.compile(r"\b\d{2}\.\d{2}\.\d{4}\b")
FOOTER = re.compile(r"^\s*Side \d+ av \d+\s*$")


def _pages_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pages", ROOT / "docs" / "pages.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rendered(replayed_19_8286: str, tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    for program, package in (("soffice", "libreoffice-writer-nogui"),
                             ("pdftotext", "poppler-utils"), ("pdftoppm", "poppler-utils")):
        require_program(program, package)
    folder = tmp_path_factory.mktemp("pdf")
    return _pages_module().render(replayed_19_8286, folder, folder)


def pdf_text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]


NAMES = ["saksprotokoll-bystyret-2019-08-29", "saksdokumenter-19-8286", "endringer-19-8286"]


@pytest.mark.parametrize("name", NAMES)
def test_the_pdf_reads_as_published(rendered, name: str) -> None:
    pdf, _ = rendered[name]
    text = pdf_text(pdf)
    assert not re.search(r"•\s*\d+\s*\.", text), "a numbered point printed as a bullet"
    assert "Side 1 av " in text and "Trondheim kommune" in text
    assert not ISO_DATE.findall(text), "ISO dates in running text"
    assert NORWEGIAN_DATE.search(text)
    assert re.search(r"^\s*1\.\s+Globalt partnerskap og solidaritet", text, re.M)


def test_every_page_counts_pages_of_the_whole(rendered) -> None:
    pdf, _ = rendered["saksdokumenter-19-8286"]
    count = page_count(pdf)
    assert count > 5
    for page in (1, count):
        assert f"Side {page} av {count}" in pdf_text(pdf, page)


@pytest.mark.parametrize("name", ["saksprotokoll-bystyret-2019-08-29", "saksdokumenter-19-8286"])
def test_no_page_ends_with_a_line_that_leads_into_the_next(rendered, name: str) -> None:
    """A heading, a proposer's line or a remark's heading (they end in a colon) is never the
    last line of a page: it moves to the next page with what it introduces."""
    pdf, _ = rendered[name]
    for page in range(1, page_count(pdf) + 1):
        lines = [line for line in pdf_text(pdf, page).splitlines()
                 if line.strip() and not FOOTER.match(line)]
        assert not lines[-1].rstrip().endswith(":"), f"page {page} ends with {lines[-1]!r}"


def test_the_dossier_has_its_table_of_contents_with_page_numbers(rendered) -> None:
    pdf, _ = rendered["saksdokumenter-19-8286"]
    first = pdf_text(pdf, 1)
    assert "Innhold" in first
    entries = re.findall(r"^\s*(Saks\S+ - .+?)\.{3,}\s*(\d+)\s*$", first, re.M)
    assert [e[0].strip() for e in entries][:2] == ["Saksprotokoll - Bystyret 29.08.2019",
                                                   "Saksprotokoll - Bystyret 13.06.2019"]
    assert len(entries) == 9
    for title, page in entries:  # each entry's page starts with that document's heading
        assert fold(title) in fold(pdf_text(pdf, int(page)))


@pytest.mark.parametrize("name", NAMES)
def test_libreoffice_made_pdf_a_2b(rendered, name: str) -> None:
    pdf, _ = rendered[name]
    meta = subprocess.run(["pdfinfo", "-meta", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    assert "<pdfaid:part>2</pdfaid:part>" in meta
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in meta
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    assert "A4" in info and "Trondheim kommune" in info  # the author


@pytest.mark.parametrize("name", NAMES)
def test_the_first_page_is_a_picture_as_the_readme_shows(rendered, name: str) -> None:
    _, png = rendered[name]
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    assert (width, height) == (662, 936)  # A4 at 80 dpi, as pdftoppm rounds it
    committed = ROOT / "docs" / png.name
    assert committed.is_file(), f"run: python docs/pages.py ({committed.name} is missing)"
    assert f"](docs/{png.name})" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [
    ["protocol", "19/8286", "--meeting", "Bystyret 2019-08-29", "--format", "pdf"],
    ["dossier", "19/8286", "--format", "pdf"],
    ["diff", "19/8286", "--format", "pdf"],
    ["meeting", "protocol", "Bystyret 2019-08-29", "--format", "pdf"],
])
def test_without_libreoffice_pdf_is_a_one_line_error(replayed_19_8286: str, tmp_path: Path,
                                                     monkeypatch, command: list[str]) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice to be found
    out = tmp_path / "ut.pdf"
    result = CliRunner().invoke(main, ["--db", replayed_19_8286, *command, "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.startswith("Feil: PDF lages med LibreOffice")
    assert len(result.stderr.splitlines()) == 1 and "--format docx" in result.stderr
    assert not out.exists()
