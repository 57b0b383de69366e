"""The step commands: one per step of the scenario format, on the open item."""

from __future__ import annotations

from typing import Any

import click

from cli.options import Context, _completer, engine_errors, pass_ctx, step, target, text_of


@click.command()
@click.argument("text")
@target
@pass_ctx
@engine_errors
def note(ctx: Context, text: str, meeting: str | None, arkivsak: str | None) -> None:
    """Før en linje i protokollens Behandling («-»: les teksten fra standard inn).

    \b
    Eksempel:
      saksflyt note "Rådmannen orienterte om saken."
    """
    step(ctx, "note", {"text": text_of([text], None)}, meeting, arkivsak)


@click.command()
@click.argument("person", shell_complete=_completer("people"))
@target
@pass_ctx
@engine_errors
def rapporteur(ctx: Context, person: str, meeting: str | None, arkivsak: str | None) -> None:
    """Før saksordføreren for saken.

    \b
    Eksempel:
      saksflyt rapporteur "Tom Christian Lindvåg"
    """
    step(ctx, "rapporteur", {"person": person}, meeting, arkivsak)


@click.command()
@click.option("--person", required=True, shell_complete=_completer("people"), help="Medlemmet.")
@click.option("--ruling", type=click.Choice(["habil", "inhabil"]), required=True,
              help="Utvalgets avgjørelse; inhabil fratrer saken.")
@click.option("--text", help="Protokollens tekst om vurderingen.")
@click.option("--basis", metavar='"første ledd bokstav a"',
              help="Hjemmelen for inhabiliteten i forvaltningsloven § 6.")
@target
@pass_ctx
@engine_errors
def impartiality(ctx: Context, person: str, ruling: str, text: str | None, basis: str | None,
                 meeting: str | None, arkivsak: str | None) -> None:
    """Før utvalgets avgjørelse om et medlems habilitet.

    \b
    Eksempel:
      saksflyt impartiality --person "Roar Aas" --ruling inhabil --basis "første ledd bokstav b"
    """
    step(ctx, "impartiality", {"person": person, "ruling": ruling, "text": text,
                               "basis": basis}, meeting, arkivsak)


@click.command()
@click.option("--id", "id_", metavar="ID", help="Forslagets id (ellers lages en kort id).")
@click.option("--by", shell_complete=_completer("people"), help="Forslagsstiller.")
@click.option("--with", "with_", multiple=True, shell_complete=_completer("people"),
              metavar="NAVN", help="Et medlem til som fremmer forslaget (gjentas for flere).")
@click.option("--parties", metavar="H,FrP,Ap", help="Partiene som fremmer forslaget sammen.")
@click.option("--members", is_flag=True, help="Utvalgets medlemmer fremmer forslaget sammen.")
@click.option("--take-note", metavar="TEKST",
              help="Forslag om å ta saken til orientering, med denne teksten.")
@click.option("--kind", required=True, help="forslag, tilleggsforslag, endringsforslag, ...")
@click.option("--on-behalf-of", metavar="Ap,MDG", help="Partiene forslaget fremmes på vegne av.")
@click.option("--label", help="Hvordan voteringen omtaler forslaget.")
@click.option("--revises", help="Id-en til et tidligere forslag som dette tar opp igjen.")
@click.option("--add", multiple=True, help="Nytt avsnitt (gjentas for flere; «-»: standard inn).")
@click.option("--add-file", metavar="FIL", help="Nye avsnitt fra fil (blank linje skiller).")
@click.option("--at", type=int, help="Sett inn så det første nye avsnittet blir nummer N.")
@click.option("--replace", type=int, metavar="N", help="Avsnitt N får ny tekst (--text).")
@click.option("--text", multiple=True, help="Forslagets tekst (gjentas for flere avsnitt).")
@click.option("--text-file", metavar="FIL", help="Forslagets tekst fra fil («-»: standard inn).")
@click.option("--amend", type=int, metavar="N", help="Endre ord i avsnitt N (--old, --new).")
@click.option("--old", help="Ordene som endres.")
@click.option("--new", help="De nye ordene (tomt: stryk).")
@click.option("--strike", metavar="3,4", help="Avsnittene som strykes.")
@target
@pass_ctx
@engine_errors
def propose(ctx: Context, id_: str | None, add: tuple[str, ...], add_file: str | None,
            text: tuple[str, ...], text_file: str | None, meeting: str | None,
            arkivsak: str | None, **options: Any) -> None:
    """Før et forslag. Uten --id får forslaget en kort id, som skrives ut.

    \b
    Eksempel:
      saksflyt propose --id salomonsen --by "Silje Salomonsen" --kind tilleggsforslag \\
        --add "Bystyret ber rådmannen ..."
      saksflyt propose --by "Ola Lund Renolen" --kind strykningsforslag --strike 3
      saksflyt propose --parties "H,FrP,Ap" --kind fellesforslag --add "..."
    """
    from engine.app.live import propose_values

    values = propose_values(id=id_, add=text_of(add, add_file), text=text_of(text, text_file),
                            **options)
    step(ctx, "propose", values, meeting, arkivsak)


@click.command()
@click.argument("proposal", shell_complete=_completer("proposals"))
@target
@pass_ctx
@engine_errors
def withdraw(ctx: Context, proposal: str, meeting: str | None, arkivsak: str | None) -> None:
    """Før at forslagsstilleren trekker et forslag (før det er votert over).

    \b
    Eksempel:
      saksflyt withdraw salomonsen
    """
    step(ctx, "withdraw", {"id": proposal}, meeting, arkivsak)


@click.command()
@click.option("--on", shell_complete=_completer("proposals"),
              help="Forslagets id, eller «innstillingen»; a,b: flere forslag samlet.")
@click.option("--between", metavar="A,B", help="Alternativ votering mellom to eller flere (ids).")
@click.option("--side", multiple=True, metavar='ID="9Ap, 2Sp"',
              help="Stemmene for ett alternativ (ved --between mellom flere enn to; gjentas).")
@click.option("--voted-for", multiple=True, metavar="NAVN",
              help="Navnevotering: et medlem som stemte for (gjentas).")
@click.option("--voted-against", multiple=True, metavar="NAVN",
              help="Navnevotering: et medlem som stemte mot (gjentas).")
@click.option("--winner", help="Alternativet som vant (ved --between).")
@click.option("--parts", metavar="3", help="Bare disse avsnittene av innstillingen.")
@click.option("--except", "except_", metavar="3", help="Innstillingen unntatt disse avsnittene.")
@click.option("--unanimous", is_flag=True, help="Enstemmig.")
@click.option("--against", metavar='"3V, 2KrF"', help="Stemmene imot (ved --between: taperens).")
@click.option("--for", "for_", metavar='"3V, 2KrF"', help="Stemmene for.")
@click.option("--result", type=click.Choice(["vedtatt", "falt"]),
              help="Utfallet der tallene ikke avgjør (dobbeltstemme, utvalg uten seter).")
@target
@pass_ctx
@engine_errors
def vote(ctx: Context, meeting: str | None, arkivsak: str | None, **options: Any) -> None:
    """Før en votering.

    \b
    Eksempel:
      saksflyt vote --on innstillingen --except 3 --unanimous
      saksflyt vote --between innstillingen,renolen-stryk --parts 3 --winner innstillingen \\
        --against "1Ap, 5MDG, 4SV, 2R"
      saksflyt vote --on salomonsen --against "3V, 2KrF"
    """
    from engine.app.live import vote_values

    step(ctx, "vote", vote_values(**options), meeting, arkivsak)


@click.command()
@click.option("--remark", required=True, shell_complete=_completer("proposals"),
              help="Merknadens id.")
@click.option("--parties", required=True, metavar="Ap,H", help="Partiene som slutter seg til.")
@target
@pass_ctx
@engine_errors
def join(ctx: Context, remark: str, parties: str, meeting: str | None,
         arkivsak: str | None) -> None:
    """Før at partier slutter seg til en merknad.

    \b
    Eksempel:
      saksflyt join --remark salomonsen-merknad --parties Ap,H,FrP
    """
    from engine.app.live import split_list

    step(ctx, "join", {"remark": remark, "parties": split_list(parties)}, meeting, arkivsak)


@click.command(name="take-note")
@click.argument("text")
@target
@pass_ctx
@engine_errors
def take_note(ctx: Context, text: str, meeting: str | None, arkivsak: str | None) -> None:
    """Før at utvalget tar saken til orientering; TEXT er vedtaket («-»: standard inn).

    \b
    Eksempel:
      saksflyt take-note "Ungdommens bystyre tar saken til orientering."
    """
    step(ctx, "take_note", {"text": text_of([text], None)}, meeting, arkivsak)


@click.command()
@click.option("--to", metavar="ÅÅÅÅ-MM-DD", help="Møtet saken flyttes til.")
@click.option("--text", required=True, help="Protokollens tekst om utsettelsen.")
@target
@pass_ctx
@engine_errors
def postpone(ctx: Context, to: str | None, text: str, meeting: str | None,
             arkivsak: str | None) -> None:
    """Før at saken utsettes uten votering over et forslag.

    \b
    Eksempel:
      saksflyt postpone --to 2019-08-29 --text "Saken ble utsatt til bystyrets møte 29.08.2019."
    """
    step(ctx, "postpone", {"to": to, "text": text}, meeting, arkivsak)


@click.command()
@click.argument("tally", metavar='"PARTI-TALL"')
@target
@pass_ctx
@engine_errors
def present(ctx: Context, tally: str, meeting: str | None, arkivsak: str | None) -> None:
    """Før hvor mange som er til stede per parti for voteringene som følger.

    \b
    Eksempel:
      saksflyt present "27Ap, 14H"
    """
    from engine.domain.voting import parse_seats

    step(ctx, "present", {"present": parse_seats(tally)}, meeting, arkivsak)
