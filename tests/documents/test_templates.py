"""The templates' languages and words (their contexts: test_template_contexts.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from documents.templating import environment

TEMPLATES = Path(__file__).resolve().parents[2] / "documents" / "templates"


def test_every_worded_document_template_has_a_nynorsk_one() -> None:
    worded = {"protocol.md.j2", "phrases.j2", "voting.j2", "saksframlegg.md.j2", "dossier_title.j2",
              "dossier.md.j2"}
    assert worded <= {p.name for p in (TEMPLATES / "nn").glob("*.j2")}


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_every_result_code_has_words(language: str) -> None:
    results = environment(language).get_template("phrases.j2").module.results
    assert set(results) >= {"utsatt", "orientering", "behandlet", "innstillingen", "annet",
                            "returned", "referred", "pending"}
