"""The documents of a case as files: every protocol, the saksframlegg and the dossier.

File names are for people: `19-8286 Bystyret 2019-08-29 saksprotokoll.docx`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from documents import compose, naming
from documents.docx_writer import write_docx
from documents.house import Properties
from engine.domain.state import Case, Item, Registry

if TYPE_CHECKING:
    from engine.app.approvals import Approval


def _safe(name: str) -> str:
    """A name usable as a file name on every system."""
    return re.sub(r'[\\/:*?"<>|]+', "-", name).strip()


def case_prefix(case: Case) -> str:
    return _safe(case.arkivsak)


def protocol_filename(case: Case, item: Item, ext: str = "docx") -> str:
    return _safe(f"{case_prefix(case)} {item.body} {item.date} saksprotokoll.{ext}")


def saksframlegg_filename(case: Case, ext: str = "docx") -> str:
    return f"{case_prefix(case)} saksframlegg.{ext}"


def dossier_filename(case: Case, ext: str = "docx") -> str:
    return f"{case_prefix(case)} saksdokumenter.{ext}"


def write_protocol(registry: Registry, case: Case, item: Item, path: Path,
                   language: str | None = None, approval: Approval | None = None) -> Path:
    language = compose.language_of(registry, item.body, language)
    title = item.title or case.title
    properties = Properties(
        title=f"Saksprotokoll - {title}",
        subject=f"{item.body} {naming.norwegian_date(item.date)}, sak {item.sak}, "
                f"arkivsak {case.arkivsak}",
        municipality=registry.municipality, kind="Saksprotokoll", keywords=case.arkivsak)
    return write_docx(compose.protocol_markup(registry, case, item, language, approval), path,
                      properties, language)


def write_saksframlegg(registry: Registry, case: Case, path: Path,
                       language: str = "nb") -> Path:
    properties = Properties(title=f"Saksframlegg - {case.title}",
                            subject=f"Arkivsak {case.arkivsak}",
                            municipality=registry.municipality, kind="Saksframlegg",
                            keywords=case.arkivsak)
    return write_docx(compose.saksframlegg_markup(registry, case, language), path, properties,
                      language)


def write_dossier(registry: Registry, case: Case, path: Path, language: str | None = None,
                  approvals: Mapping[str, Approval] | None = None) -> Path:
    properties = Properties(title=compose.dossier_title(case, language or "nb").lstrip("# "),
                            subject=f"{case.title}, arkivsak {case.arkivsak}",
                            municipality=registry.municipality, kind="Saksdokumenter",
                            keywords=case.arkivsak)
    return write_docx(compose.dossier_markup(registry, case, language, approvals), path,
                      properties, language or "nb")


def write_case_documents(store: Any, arkivsak: str, out_dir: Path,
                         language: str | None = None) -> list[Path]:
    """Every protocol of the case, its saksframlegg and its dossier, as .docx in `out_dir`."""
    from engine.app.approvals import case_approvals
    from engine.app.repository import require_case

    registry, case = require_case(store, arkivsak)
    approved = case_approvals(store, case)
    out_dir = Path(out_dir)
    paths = [write_protocol(registry, case, item, out_dir / protocol_filename(case, item),
                            language, approved.get(item.meeting)) for item in case.items]
    paths.append(write_saksframlegg(registry, case, out_dir / saksframlegg_filename(case),
                                    language or "nb"))
    paths.append(write_dossier(registry, case, out_dir / dossier_filename(case), language,
                               approved))
    return paths
