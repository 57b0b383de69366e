"""Procedure rules that a workflow's reglement sets: the majority a vote needs. Pure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.domain import voting
from engine.domain.errors import RuleViolation

if TYPE_CHECKING:
    from engine.domain.lifecycle import Rules


def count_vote(rules: Rules, *, votes_for: voting.Tally | None,
               votes_against: voting.Tally | None, unanimous: bool, stated: str | None,
               present_total: int | None) -> voting.Count:
    """A vote on a proposal or the recommendation, decided by the majority the workflow's
    reglement asks for: the one rule for a vote when it is held and when it is corrected."""
    if rules.majority == "qualified":
        return count_qualified(votes_for=votes_for, votes_against=votes_against,
                               unanimous=unanimous, stated=stated, present_total=present_total,
                               share=rules.qualified_share)
    return voting.count(votes_for=votes_for, votes_against=votes_against, unanimous=unanimous,
                        stated=stated, present_total=present_total)


def alternative_counts(votes_for: voting.Tally | None, votes_against: voting.Tally | None,
                       unanimous: bool, present_total: int | None,
                       ) -> tuple[int | None, int | None]:
    """Votes for the winner and for the loser of an alternative vote, where known (an
    alternative vote is always decided by simple majority)."""
    if unanimous:
        return present_total, 0
    return voting.sides(votes_for, votes_against, present_total)


def count_qualified(*, votes_for: voting.Tally | None, votes_against: voting.Tally | None,
                    unanimous: bool, stated: str | None, present_total: int | None,
                    share: tuple[int, int]) -> voting.Count:
    """Decide a vote that needs at least `share` (say 2/3) of the votes cast.

    A missing side is the rest of the members present, as for a simple majority. There is no
    casting vote: a tie falls. Without numbers on both sides the stated result is taken.
    """
    if unanimous:
        return voting.count(votes_for=votes_for, votes_against=votes_against, unanimous=True,
                            stated=stated, present_total=present_total)
    n_for, n_against = voting.sides(votes_for, votes_against, present_total)
    if n_for is None or n_against is None or n_for < 0 or n_against < 0:
        if stated is None:
            raise RuleViolation("Voteringen sier ikke hvordan den gikk: oppgi for og against "
                                "eller result.", rule="vote-outcome")
        return voting.Count(stated, n_for, n_against)
    if present_total is not None and n_for + n_against > present_total:
        raise RuleViolation(f"{n_for + n_against} stemmer avgitt, men bare {present_total} "
                            "medlemmer er til stede.", rule="tally-exceeds-present")
    numerator, denominator = share
    cast = n_for + n_against
    derived = (voting.VEDTATT if cast and n_for * denominator >= numerator * cast
               else voting.FALT)
    if stated is not None and stated != derived:
        raise RuleViolation(
            f"Oppgitt resultat «{stated}» stemmer ikke med tallene ({n_for} for, {n_against} "
            f"mot; kravet er {numerator}/{denominator} av de avgitte stemmene).",
            rule="result-contradicts")
    return voting.Count(derived, n_for, n_against)
