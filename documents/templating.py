"""The Jinja2 environment: wording lives in templates, one folder a language."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from documents.contexts import Context

LANGUAGES = ("nb", "nn")


@cache
def environment(language: str) -> Any:
    import jinja2

    if language not in LANGUAGES:
        from engine.domain.errors import SaksflytError

        raise SaksflytError(f"Ukjent målform «{language}»: bruk nb (bokmål) eller nn (nynorsk).")
    loader = jinja2.ChoiceLoader([
        jinja2.PackageLoader("documents", f"templates/{language}"),
        jinja2.PackageLoader("documents", "templates/nb"),
    ])
    env = jinja2.Environment(loader=loader, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=False, autoescape=False)
    from documents.markup import literal
    from documents.naming import norwegian_date

    env.filters["literal"] = literal  # record texts never turn into document markup
    env.filters["dato"] = norwegian_date  # "2019-08-29" as a person reads it: 29.08.2019
    return env


def render(language: str, context: Context) -> str:
    """A template rendered from its context (documents/contexts.py): its fields are the
    template's variables."""
    return environment(language).get_template(context.TEMPLATE).render(context.variables())
