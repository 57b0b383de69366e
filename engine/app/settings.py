"""The secretariat's settings, read once at start-up by a face (the command line, the
server) and handed on: nothing deeper reads the environment.

One setting so far: the house's own template folder (`templates`), whose files override the
shipped templates of documents/ file by file (laid out as documents/templates: `nb/`, `nn/`).
It comes from the environment (`SAKSFLYT_TEMPLATES`) or from a configuration file: the file
in `SAKSFLYT_CONFIG`, else `saksflyt.toml` in the working directory, with
`templates = "husstil"` (a path relative to the file). The environment wins.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from engine.domain.errors import SaksflytError

CONFIG_FILE = "saksflyt.toml"
CONFIG_ENV = "SAKSFLYT_CONFIG"
TEMPLATES_ENV = "SAKSFLYT_TEMPLATES"
KNOWN = frozenset({"templates"})


@dataclass(frozen=True, slots=True)
class Settings:
    templates: Path | None = None
    """The house's template folder, or none (the shipped templates only)."""
    source: str | None = None
    """Where the setting came from (the variable or the file), for messages."""


def load_settings(environ: Mapping[str, str], cwd: Path) -> Settings:
    """The settings from the environment and the configuration file."""
    if environ.get(TEMPLATES_ENV):
        return Settings(_folder(Path(environ[TEMPLATES_ENV]), cwd, TEMPLATES_ENV), TEMPLATES_ENV)
    named = environ.get(CONFIG_ENV)
    path = Path(named) if named else cwd / CONFIG_FILE
    if not path.is_absolute():
        path = cwd / path
    if not path.exists():
        if named:
            raise SaksflytError(f"Konfigurasjonsfilen {path} ({CONFIG_ENV}) finnes ikke.")
        return Settings()
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SaksflytError(f"Konfigurasjonsfilen {path} kan ikke leses: {exc}") from None
    unknown = sorted(set(data) - KNOWN)
    if unknown:
        raise SaksflytError(f"Konfigurasjonsfilen {path}: ukjent innstilling «{unknown[0]}» "
                            "(kjent: templates).")
    value = data.get("templates")
    if value is None:
        return Settings()
    if not isinstance(value, str) or not value.strip():
        raise SaksflytError(f"Konfigurasjonsfilen {path}: templates er en mappe, som "
                            "templates = \"husstil\".")
    return Settings(_folder(Path(value), path.parent, str(path)), str(path))


def _folder(folder: Path, base: Path, source: str) -> Path:
    folder = folder if folder.is_absolute() else base / folder
    if not folder.is_dir():
        raise SaksflytError(f"Malmappen {folder} ({source}) finnes ikke eller er ingen mappe.")
    return folder.resolve()
