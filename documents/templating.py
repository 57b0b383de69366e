"""The Jinja2 environment: wording lives in templates, one folder a language."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from documents.contexts import Context

LANGUAGES = ("nb", "nn")


@cache
def environment(language: str, markup: bool = False) -> Any:
    """The templates of a language. With `markup`, for the block-markup templates (`.md.j2`):
    every value a template prints is data (documents.markup.data_value) unless it is the
    output of a macro, a nested template or the `literal` filter."""
    import jinja2

    if language not in LANGUAGES:
        from engine.domain.errors import SaksflytError

        raise SaksflytError(f"Ukjent målform «{language}»: bruk nb (bokmål) eller nn (nynorsk).")
    loader = jinja2.ChoiceLoader([
        jinja2.PackageLoader("documents", f"templates/{language}"),
        jinja2.PackageLoader("documents", "templates/nb"),
    ])
    from documents.markup import Trusted, capitalize, data_value, literal
    from documents.naming import norwegian_date

    env = jinja2.Environment(loader=loader, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=False, autoescape=False,
                             finalize=data_value if markup else None)
    env.filters["literal"] = literal  # record texts never turn into document markup
    env.filters["dato"] = norwegian_date  # "2019-08-29" as a person reads it: 29.08.2019
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
