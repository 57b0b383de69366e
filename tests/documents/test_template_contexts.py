"""Every template has a documented context dataclass (documents/contexts.py), renders from it,
and uses no variable, nor attribute of one, that the dataclass lacks: so a house style can be
written from the dataclasses alone."""

from __future__ import annotations

import ast
import dataclasses
import types
import typing
from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment, meta, nodes

from documents import contexts as cx
from documents.protocol import ApprovalNote, build_protocol
from documents.templating import environment
from engine.domain.events import CaseResubmitted, CaseWithdrawn, ParagraphData
from engine.read.compare import compare
from engine.read.views import find_item

TEMPLATES = Path(__file__).resolve().parents[2] / "documents" / "templates"
FILES = sorted(TEMPLATES.glob("*/*.j2"))
RENDERED = [p for p in FILES if p.name in cx.CONTEXTS]


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def test_every_template_has_a_dataclass_or_is_a_macro_library() -> None:
    names = {p.name for p in FILES}
    assert not set(cx.CONTEXTS) & set(cx.LIBRARIES)
    assert names == set(cx.CONTEXTS) | set(cx.LIBRARIES), (
        "templates without a context dataclass in documents/contexts.py: "
        f"{sorted(names - set(cx.CONTEXTS) - set(cx.LIBRARIES))}; entries without a template: "
        f"{sorted(set(cx.CONTEXTS) | set(cx.LIBRARIES) - names)}")
    assert {p.name for p in TEMPLATES.glob("nb/*.j2")} == names  # nb is every fallback


def test_every_context_and_field_is_documented() -> None:
    """Each dataclass in documents/contexts.py has a docstring, and so has each field."""
    tree = ast.parse(Path(cx.__file__).read_text(encoding="utf-8"))
    classes = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    assert len(classes) >= len(cx.CONTEXTS)
    undocumented = []
    for cls in classes:
        if ast.get_docstring(cls) is None:
            undocumented.append(cls.name)
        body = cls.body
        for index, stmt in enumerate(body):
            if (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)
                    and not ast.unparse(stmt.annotation).startswith("ClassVar")):
                following = body[index + 1] if index + 1 < len(body) else None
                if not (isinstance(following, ast.Expr)
                        and isinstance(following.value, ast.Constant)
                        and isinstance(following.value.value, str)):
                    undocumented.append(f"{cls.name}.{stmt.target.id}")
    assert undocumented == []


# --- what a template uses --------------------------------------------------------------------

def used_variables(env: Environment, name: str) -> set[str]:
    """The variables a template takes from its context, with those of the templates it
    includes (an include sees the includer's context; a plain import does not)."""
    source = env.loader.get_source(env, name)[0]
    tree = env.parse(source)
    used = set(meta.find_undeclared_variables(tree))
    for node in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport)):
        with_context = isinstance(node, nodes.Include) or node.with_context
        if with_context and isinstance(node.template, nodes.Const):
            used |= used_variables(env, node.template.value)
    return used


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_no_template_uses_a_variable_its_dataclass_lacks(path: Path) -> None:
    env = environment(path.parent.name)
    used = used_variables(env, path.name)
    if path.name in cx.LIBRARIES:
        assert used == set(), "a macro library takes what it words as macro arguments"
        return
    declared = {f.name for f in dataclasses.fields(cx.CONTEXTS[path.name])}
    assert used <= declared, f"not in {cx.CONTEXTS[path.name].__name__}: {used - declared}"


def _hints(owner: Any) -> dict[str, Any]:
    try:
        return typing.get_type_hints(owner)
    except Exception:  # a name only imported for type checking: that attribute stays unknown
        return {}


def _unwrap(hint: Any) -> Any:
    """`X | None` to X; None where the type is not one class to look attributes up on."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _unwrap(options[0]) if len(options) == 1 else None
    return hint if isinstance(hint, type) else None


def _element(hint: Any) -> Any:
    """What a loop over a value of this type yields (a class, a tuple hint, or None)."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        hint = options[0] if len(options) == 1 else None
    if typing.get_origin(hint) in (list, tuple) and typing.get_args(hint):
        return typing.get_args(hint)[0]
    return None


def _attributes(cls: type) -> set[str]:
    names = set(dir(cls))
    if dataclasses.is_dataclass(cls):
        names |= {f.name for f in dataclasses.fields(cls)}
    names |= set(getattr(cls, "model_fields", {}))
    return names


def _attribute_type(cls: type, attr: str) -> Any:
    member = getattr(cls, attr, None)
    if isinstance(member, property) and member.fget is not None:
        return _hints(member.fget).get("return")
    return _hints(cls).get(attr)


class AttributeCheck:
    """Follows each `name.attr.attr` of a template through the types of its context: every
    attribute must exist on the type the dataclass (or the object inside) declares."""

    def __init__(self, scope: dict[str, Any]) -> None:
        self.problems: list[str] = []
        self.scope = scope

    def resolve(self, node: nodes.Node, scope: dict[str, Any]) -> Any:
        if isinstance(node, nodes.Name):
            return scope.get(node.name)
        if isinstance(node, nodes.Getattr):
            owner = _unwrap(self.resolve(node.node, scope))
            if owner is None:
                return None
            if node.attr not in _attributes(owner):
                self.problems.append(f"{owner.__name__} has no attribute «{node.attr}» "
                                     f"(line {node.lineno})")
                return None
            return _attribute_type(owner, node.attr)
        self.visit_children(node, scope)
        return None

    def visit_children(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        for child in node.iter_child_nodes():
            self.visit(child, scope)

    def visit(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        if isinstance(node, nodes.Assign) and isinstance(node.target, nodes.Name):
            scope[node.target.name] = self.resolve(node.node, scope)
        elif isinstance(node, nodes.For):
            element = _element(self.resolve(node.iter, scope))
            inner = dict(scope)
            targets = node.target.items if isinstance(node.target, nodes.Tuple) else [node.target]
            parts = (typing.get_args(element) if isinstance(node.target, nodes.Tuple)
                     else (element,))
            for index, target in enumerate(targets):
                if isinstance(target, nodes.Name):
                    inner[target.name] = parts[index] if index < len(parts) else None
            for child in [*node.body, *node.else_]:
                self.visit(child, inner)
        elif isinstance(node, nodes.Macro):
            inner = {**scope, **{arg.name: None for arg in node.args}}
            for child in node.body:
                self.visit(child, inner)
        elif isinstance(node, nodes.Name | nodes.Getattr):
            self.resolve(node, scope)
        else:
            self.visit_children(node, scope)


@pytest.mark.parametrize("path", RENDERED, ids=_id)
def test_no_template_uses_an_attribute_its_dataclass_lacks(path: Path) -> None:
    context = cx.CONTEXTS[path.name]
    check = AttributeCheck({})
    scope = {f.name: _hints(context)[f.name] for f in dataclasses.fields(context)}
    check.visit(environment(path.parent.name).parse(path.read_text(encoding="utf-8")), scope)
    assert check.problems == []


def test_the_attribute_check_finds_a_misspelt_attribute() -> None:
    env = environment("nb")
    scope = {f.name: _hints(cx.MeetingProtocolContext)[f.name]
             for f in dataclasses.fields(cx.MeetingProtocolContext)}
    check = AttributeCheck({})
    check.visit(env.parse("{{ m.body }}{% for d in m.deputies %}{{ d.depty }}{% endfor %}"
                          "{% set h = m.agenda %}{{ m.dato }}"), scope)
    assert check.problems == ["DeputyLine has no attribute «depty» (line 1)",
                              "MeetingView has no attribute «dato» (line 1)"]


# --- rendering every template from example values --------------------------------------------

COUNCIL = "Bystyret 2019-08-29"
POSTPONED = "Bystyret 2019-06-13"


def examples(case_19_8286: Any) -> list[tuple[cx.Context, list[str]]]:
    """Each context at least once, with values from the real case 19/8286 where the template
    reads the record and invented ones elsewhere, and words of its values the output must
    show."""
    registry, case = case_19_8286
    decided, postponed = find_item(case, COUNCIL), find_item(case, POSTPONED)
    assert decided.outcome is not None and postponed.outcome is not None
    resubmitted = CaseResubmitted(
        date="2019-10-01", round=2, prepared_by="Kari Eksempel", stage=0,
        recommendation=[ParagraphData(id="rec2#1", text="Nytt forslag til vedtak.")],
        text="Saken er utredet på nytt.")
    withdrawn = CaseWithdrawn(date="2019-10-02", by="Rådmannen", text="Saken trekkes.")
    comparison = compare(case)
    meeting = cx.MeetingView(
        body="Bystyret", date="29.08.2019", approved=True, absent=["Anne Forfall"],
        deputies=[cx.DeputyLine(deputy="Vera Vara", member="Anne Forfall", from_sak="86/19")],
        item_notes=[cx.ItemNote(sak="87/19", kind="inhabil", person="Ivar Inhabil", member=""),
                    cx.ItemNote(sak="87/19", kind="deputy", person="Harald Vara",
                                member="Ivar Inhabil")],
        agenda=[cx.AgendaLine(sak="87/19", title="Internasjonal strategi", handled=True),
                cx.AgendaLine(sak="88/19", title="Utsatt sak", handled=False)],
        corrections=[cx.CorrectionLine(sak="87/19", what="votering 3", reason="Feil tall",
                                       after_approval=True)],
        approval=ApprovalNote("05.09.2019", "Godkjent i møtet 19.09.2019."))
    protocols: list[tuple[cx.Context, list[str]]] = [
        (cx.ProtocolContext(p=build_protocol(registry, case, item)), [item.sak])
        for item in case.items]
    return [
        *protocols,
        (cx.DecisionContext(outcome=decided.outcome, paragraphs="Vedtakets tekst.",
                            recommendation="Ubrukt."),
         ["Vedtakets tekst.", decided.outcome.remarks[0].text[:40]]),
        (cx.DecisionContext(outcome=postponed.outcome, paragraphs="Ubrukt.",
                            recommendation="Innstillingen som følger saken."),
         [postponed.outcome.postponement or "?"]),
        (cx.SaksframleggContext(
            case=case, municipality="Trondheim kommune", prepared_by="Ola Saksbehandler",
            prepared_date="14.03.2019", resubmitted=None, recommendation="Forslag til vedtak.",
            statements=[cx.Statement(body="Eldrerådet", first="Rådet støtter forslaget.",
                                     rest="- ett punkt")]),
         [case.title[:30], "Ola Saksbehandler", "14.03.2019", "Forslag til vedtak.",
          "Eldrerådet", "Rådet støtter forslaget.", "ett punkt"]),
        (cx.SaksframleggContext(
            case=case, municipality=None, prepared_by="Kari Eksempel",
            prepared_date="01.10.2019", resubmitted=resubmitted,
            recommendation="Nytt forslag til vedtak."),
         ["Kari Eksempel", "01.10.2019", "Saken er utredet på nytt.",
          "Nytt forslag til vedtak."]),
        (cx.DossierTitleContext(case=case, ps="0087/19"), ["0087/19"]),
        (cx.DossierTitleContext(case=case, ps=None), [case.arkivsak]),
        (cx.DossierContext(case=case, ps="0087/19", withdrawn=withdrawn,
                           withdrawn_date="02.10.2019",
                           documents=[cx.DossierDocument("protocol", "Bystyret", "29.08.2019",
                                                         "Første dokument"),
                                      cx.DossierDocument("saksframlegg", "", "20.09.2019",
                                                         "Andre dokument", resubmitted=True)]),
         ["0087/19", "02.10.2019", "Rådmannen", "Saken trekkes.", "Bystyret 29.08.2019",
          "Første dokument", "20.09.2019", "Andre dokument", "<toc "]),
        (cx.DossierContext(case=case, ps=None, withdrawn=None, withdrawn_date="",
                           documents=[cx.DossierDocument("saksframlegg", "", "",
                                                         "Eneste dokument")]),
         [case.arkivsak, "Eneste dokument"]),
        (cx.ProtocolContext(p=dataclasses.replace(
            build_protocol(registry, case, decided), approval=ApprovalNote("05.09.2019"))),
         ["05.09.2019"]),
        (cx.MeetingProtocolContext(m=meeting, items=["## Saksprotokoll for 87/19"]),
         ["29.08.2019", "Anne Forfall", "Vera Vara", "86/19", "Ivar Inhabil", "Harald Vara",
          "Internasjonal strategi", "Utsatt sak", "Saksprotokoll for 87/19", "Feil tall",
          "05.09.2019", "Godkjent i møtet 19.09.2019."]),
        (cx.DiffContext(comparison=comparison,
                        blocks=[(c, f"tekst {c.id}") for c in comparison.paragraphs],
                        markdown=False),
         [comparison.title[:30], *[f"tekst {c.id}" for c in comparison.paragraphs]]),
        (cx.DiffContext(comparison=comparison, blocks=[], markdown=True), ["# "]),
    ]


@pytest.mark.parametrize("path", RENDERED, ids=_id)
def test_every_template_renders_from_its_dataclass(path: Path, case_19_8286: Any) -> None:
    template = environment(path.parent.name).get_template(path.name)
    assert Path(template.filename or "") == path  # this very file, not a fallback
    shown = [(context, words) for context, words in examples(case_19_8286)
             if path.name == context.TEMPLATE]
    assert shown, f"no example of {cx.CONTEXTS[path.name].__name__}"
    for context, words in shown:
        text = template.render(context.variables())
        missing = [w for w in words if w not in text]
        assert missing == [], f"{type(context).__name__}: {missing} not in\n{text}"
