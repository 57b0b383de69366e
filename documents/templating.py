"""The Jinja2 environment: wording lives in templates, one folder a language.

A house's own template folder (`use_templates`, set once at start-up from the settings of
engine.app.settings) comes first: any file in it, `nb/voting.j2` say, replaces the shipped
file of that name, and every other file is the shipped one.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from documents.contexts import Context

LANGUAGES = ("nb", "nn")
_house: list[Path | None] = [None]
"""The house's template folder (one value; a list so that use_templates can set it)."""


def use_templates(folder: Path | None) -> None:
    """Use a house's template folder before the shipped templates (None: the shipped only)."""
    if folder != _house[0]:
        _house[0] = folder
        environment.cache_clear()


def house_templates() -> Path | None:
    return _house[0]


@cache
def environment(language: str, markup: bool = False) -> Any:
    """The templates of a language. With `markup`, for the block-markup templates (`.md.j2`):
    every value a template prints is data (documents.markup.data_value) unless it is the
    output of a macro, a nested template or the `literal` filter."""
    import jinja2

    if language not in LANGUAGES:
        from engine.domain.errors import SaksflytError

        raise SaksflytError(f"Ukjent målform «{language}»: bruk nb (bokmål) eller nn (nynorsk).")
    house = _house[0]
    loaders: list[Any] = []
    for folder in dict.fromkeys((language, "nb")):
        if house is not None:
            loaders.append(jinja2.FileSystemLoader(str(house / folder)))
        loaders.append(jinja2.PackageLoader("documents", f"templates/{folder}"))
    loader = jinja2.ChoiceLoader(loaders)
    from documents.markup import Trusted, capitalize, data_value, literal, upper_first
    from documents.naming import norwegian_date

    env = jinja2.Environment(loader=loader, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=False, autoescape=False,
                             finalize=data_value if markup else None)
    env.filters["literal"] = literal  # record texts never turn into document markup
    env.filters["dato"] = norwegian_date  # "2019-08-29" as a person reads it: 29.08.2019
    env.filters["upper_first"] = upper_first
    if markup:
        # Whatever a template or macro writes is the template's own text: only the values it
        # prints are data. (Jinja joins every template's and macro's output with `concat`.)
        env.concat = lambda parts: Trusted("".join(parts))
        env.filters["capitalize"] = capitalize
    return env


def render(language: str, context: Context) -> str:
    """A template rendered from its context (documents/contexts.py): its fields are the
    template's variables. A block-markup template (`.md.j2`) prints its values as data
    (documents.markup.settle)."""
    template = context.TEMPLATE
    if template.endswith(".md.j2"):
        from documents.markup import settle

        return settle(environment(language, True).get_template(template)
                      .render(context.variables()))
    return str(environment(language).get_template(template).render(context.variables()))
