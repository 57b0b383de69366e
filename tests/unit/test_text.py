"""Property tests of the pure text operations: paragraph ids survive every operation."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.domain import text as tx
from engine.domain.text import Paragraph

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå", min_size=1, max_size=8)
WORDS = st.lists(WORD, min_size=1, max_size=12)
SENTENCE = WORDS.map(" ".join)


def recommendation(texts: list[str]) -> tx.Text:
    return tuple(Paragraph(f"rec#{i}", t) for i, t in enumerate(texts, 1))


# One operation: (kind, a seed to choose a position, a text).
OPERATION = st.tuples(st.sampled_from(["add", "insert", "replace", "strike"]),
                      st.integers(min_value=0, max_value=1000), SENTENCE)


@settings(max_examples=300)
@given(st.lists(SENTENCE, min_size=1, max_size=6), st.lists(OPERATION, max_size=25))
def test_ids_survive_any_sequence_of_operations(start: list[str], ops: list) -> None:
    text = recommendation(start)
    alive = [p.id for p in text]  # the model: ids in order
    expected_text = {p.id: p.text for p in text}
    born = 0
    for kind, seed, words in ops:
        if kind in ("add", "insert"):
            born += 1
            new = (Paragraph(f"p:x{born}#1", words),)
            if kind == "add" or not text:
                text = tx.insert(text, new)
                alive.append(new[0].id)
            else:
                at = seed % len(text) + 1
                text = tx.insert(text, new, before=text[at - 1].id)
                alive.insert(at - 1, new[0].id)
            expected_text[new[0].id] = words
        elif not text:
            continue
        elif kind == "replace":
            pid = text[seed % len(text)].id
            text = tx.replace(text, pid, words)
            expected_text[pid] = words
        else:
            pid = text[seed % len(text)].id
            text = tx.strike(text, [pid])
            alive.remove(pid)
        # The ids present are exactly those added and not struck, in order, each once.
        assert tx.ids(text) == alive
        assert len(set(tx.ids(text))) == len(text)
        # A replaced paragraph keeps its id and carries the new words.
        assert all(p.text == expected_text[p.id] for p in text)
        # Numbering is always 1..n.
        assert [tx.position(text, p.id) for p in text] == list(range(1, len(text) + 1))
        assert all(tx.id_at(text, n) == text[n - 1].id for n in range(1, len(text) + 1))
        assert tx.id_at(text, 0) is None and tx.id_at(text, len(text) + 1) is None


@given(st.lists(SENTENCE, min_size=0, max_size=6), st.lists(SENTENCE, min_size=1, max_size=4),
       st.integers(min_value=1, max_value=10))
def test_striking_what_was_added_gives_back_the_original(start: list[str], added: list[str],
                                                         at: int) -> None:
    original = recommendation(start)
    new = tuple(Paragraph(f"p:a#{i}", t) for i, t in enumerate(added, 1))
    for amended in (original + new, tx.insert(original, new, at=at)):
        assert tx.strike(amended, [p.id for p in new]) == original


@given(st.lists(SENTENCE, min_size=1, max_size=6), st.lists(SENTENCE, min_size=1, max_size=3),
       st.integers(min_value=1, max_value=7))
def test_insert_at_makes_the_first_new_paragraph_number_n(start: list[str], added: list[str],
                                                          at: int) -> None:
    text = recommendation(start)
    new = tuple(Paragraph(f"p:a#{i}", t) for i, t in enumerate(added, 1))
    result = tx.insert(text, new, at=at)
    expected_at = min(at, len(text) + 1)
    assert tx.position(result, "p:a#1") == expected_at
    assert [p for p in result if not p.id.startswith("p:")] == list(text)


def test_insert_before_a_struck_anchor_falls_back_to_the_number() -> None:
    text = recommendation(["a", "b", "c"])
    new = (Paragraph("p:n#1", "ny"),)
    result = tx.insert(tx.strike(text, ["rec#2"]), new, before="rec#2", at=2)
    assert [p.text for p in result] == ["a", "ny", "c"]


def _without_first_run(words: list[str], run: list[str]) -> list[str]:
    for i in range(len(words) - len(run) + 1):
        if words[i:i + len(run)] == run:
            return words[:i] + words[i + len(run):]
    raise AssertionError("the run is not there")


@settings(max_examples=300)
@given(WORDS, st.data())
def test_amend_with_empty_new_removes_the_words_cleanly(words: list[str],
                                                        data: st.DataObject) -> None:
    start = data.draw(st.integers(min_value=0, max_value=len(words) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(words)))
    punct = data.draw(st.sampled_from(["", ".", ","]))
    old = words[start:end]
    result = tx.amend_words(" ".join(words) + punct, " ".join(old), "")
    # The first occurrence of the struck words (as whole words) is gone, and only it.
    assert result == " ".join(_without_first_run(words, old)) + punct
    assert "  " not in result


def test_amend_matches_whole_words_only() -> None:
    paragraph = "Planen gjelder fortsatt for 2024."
    assert tx.amend_words(paragraph, "for", "fra") == "Planen gjelder fortsatt fra 2024."
    assert not tx.has_words("Planen gjelder fortsatt.", "for")
    assert tx.has_words("Tiltak (fartsdemping) i gata.", "(fartsdemping)")


def test_amend_replaces_words_inside_one_paragraph_only() -> None:
    text = recommendation(["Planen gjelder for 2024.", "Planen gjelder for 2024."])
    amended = tx.amend(text, "rec#2", "2024", "2024 og 2025")
    assert [p.text for p in amended] == ["Planen gjelder for 2024.",
                                         "Planen gjelder for 2024 og 2025."]
    assert tx.ids(amended) == tx.ids(text)


def test_amend_strikes_words_and_tidies_spaces() -> None:
    assert tx.amend_words("Bydelen skal snarest mulig lage en plan.", "snarest mulig", "") == (
        "Bydelen skal lage en plan.")
    assert tx.amend_words("Tiltakene, som før, gjelder.", ", som før", "") == (
        "Tiltakene, gjelder.")
    assert tx.amend_words("Planen, vedtatt i fjor.", ", vedtatt i fjor", "") == "Planen."


def test_amend_with_words_not_there_changes_nothing() -> None:
    assert tx.amend_words("a b c", "x", "y") == "a b c"


@settings(max_examples=300)
@given(SENTENCE, SENTENCE)
def test_word_diff_rebuilds_both_sides(old: str, new: str) -> None:
    diff = tx.word_diff(old, new)
    assert all(op in "=-+" for op, _ in diff)
    assert all(words for _, words in diff)
    assert " ".join(w for op, w in diff if op in "=-") == " ".join(old.split())
    assert " ".join(w for op, w in diff if op in "=+") == " ".join(new.split())


def test_word_diff_of_equal_texts_is_one_equal_run() -> None:
    assert tx.word_diff("a b c", "a  b\nc") == [("=", "a b c")]


def test_split_lines_and_render_plain_keep_list_items_with_their_paragraph() -> None:
    paragraph = "Tiltak:\n- fartsdumper\n- bedre\n  belysning\n"
    assert tx.split_lines(paragraph) == (["Tiltak:"], ["fartsdumper", "bedre belysning"])
    assert tx.render_plain([paragraph, "Slutt."]) == (
        "Tiltak:\n\n- fartsdumper\n- bedre belysning\n\nSlutt.")


def test_as_paragraphs_accepts_one_string_or_a_list() -> None:
    assert tx.as_paragraphs("En.\n") == ["En."]
    assert tx.as_paragraphs(["En. ", "  To.\n"]) == ["En.", "To."]


def test_lines_of_a_point_stay_apart_and_a_wrapped_item_is_joined() -> None:
    paragraph = ("Kommunestyret ber om å:\na) utrede\n  b) vurdere\nSlutt.\n- et punkt\n"
                 "  som fortsetter\n- et til\nEtter listen.")
    assert tx.lines(paragraph) == [
        ("line", "Kommunestyret ber om å:"), ("line", "a) utrede"), ("line", "b) vurdere"),
        ("line", "Slutt."), ("item", "et punkt som fortsetter"), ("item", "et til"),
        ("line", "Etter listen.")]
    assert tx.render_plain([paragraph]) == (
        "Kommunestyret ber om å:\na) utrede\nb) vurdere\nSlutt.\n\n- et punkt som fortsetter\n"
        "- et til\n\nEtter listen.")


def test_a_sub_point_after_a_list_item_is_its_own_line() -> None:
    assert tx.lines("- tiltak\n  a) først\n  b) så") == [
        ("item", "tiltak"), ("line", "a) først"), ("line", "b) så")]
