"""The first pages of the documents a secretariat publishes, as pictures for the README:
`python docs/pages.py` (needs LibreOffice and poppler-utils).

Replays examples/19-8286.yaml into a temporary store, writes the council's saksprotokoll, the
dossier and the tracked-changes diff as PDF/A with `saksflyt ... --format pdf` (LibreOffice
headless), and draws each first page with `pdftoppm`. tests/documents/test_pdf.py runs the same
`render` and checks the PDFs' text and metadata.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESOLUTION = 80
"""Dots per inch of the pictures (an A4 page is 662 x 936 pixels)."""

DOCUMENTS: dict[str, list[str]] = {
    "saksprotokoll-bystyret-2019-08-29": ["protocol", "19/8286", "--meeting",
                                          "Bystyret 2019-08-29", "--format", "pdf"],
    "saksdokumenter-19-8286": ["dossier", "19/8286", "--format", "pdf"],
    "endringer-19-8286": ["diff", "19/8286", "--format", "pdf"],
}
"""Each picture's name and the command that writes its PDF (the output is added)."""


def saksflyt(url: str, *args: str) -> None:
    """A command as a user types it, in a process of its own."""
    subprocess.run([sys.executable, "-m", "cli", "--db", url, *args], check=True, cwd=ROOT,
                   capture_output=True, text=True)


def render(url: str, pdf_dir: Path, png_dir: Path) -> dict[str, tuple[Path, Path]]:
    """Every document of DOCUMENTS from the store at `url` (19/8286 replayed into it): its PDF
    in `pdf_dir` and the picture of its first page in `png_dir`."""
    out = {}
    for name, command in DOCUMENTS.items():
        pdf = pdf_dir / f"{name}.pdf"
        saksflyt(url, *command, "-o", str(pdf))
        subprocess.run(["pdftoppm", "-png", "-r", str(RESOLUTION), "-f", "1", "-l", "1",
                        "-singlefile", str(pdf), str(png_dir / name)], check=True)
        out[name] = (pdf, png_dir / f"{name}.png")
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'saksflyt.db'}"
        saksflyt(url, "replay", str(ROOT / "examples" / "19-8286.yaml"))
        for _, png in render(url, folder, ROOT / "docs").values():
            print(f"wrote {png.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
