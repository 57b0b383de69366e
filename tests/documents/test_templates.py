"""Templates reference only the variables their callers pass (jinja2.meta)."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import meta

from documents.templating import environment

TEMPLATES = Path(__file__).resolve().parents[2] / "documents" / "templates"
DECLARED = {
    "protocol.md.j2": {"p"},
    "phrases.j2": set(),
    "voting.j2": set(),
    "saksframlegg.md.j2": {"case", "municipality", "prepared_by", "prepared_date",
                           "resubmitted", "recommendation", "statements"},
    "dossier.md.j2": {"case", "ps", "documents", "withdrawn", "withdrawn_date"},
    "dossier_title.j2": {"case", "ps"},
    "decision.txt.j2": {"outcome", "paragraphs", "recommendation"},
}


def all_templates() -> list[Path]:
    """The document templates (other parts of saksflyt keep their own templates beside)."""
    return sorted(p for p in TEMPLATES.glob("*/*.j2") if p.name in DECLARED)


@pytest.mark.parametrize("path", all_templates(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_undeclared_variables(path: Path) -> None:
    env = environment(path.parent.name)
    undeclared = meta.find_undeclared_variables(env.parse(path.read_text(encoding="utf-8")))
    assert undeclared <= DECLARED[path.name]


def test_every_worded_document_template_has_a_nynorsk_one() -> None:
    worded = {"protocol.md.j2", "phrases.j2", "saksframlegg.md.j2", "dossier_title.j2",
              "dossier.md.j2"}
    assert worded <= {p.name for p in (TEMPLATES / "nn").glob("*.j2")}


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_every_result_code_has_words(language: str) -> None:
    results = environment(language).get_template("phrases.j2").module.results
    assert set(results) >= {"utsatt", "orientering", "behandlet", "innstillingen", "annet",
                            "returned", "referred", "pending"}
