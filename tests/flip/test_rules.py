import pytest

from nlpkit.errors import ArtifactError
from nlpkit.flip.result import Edit, apply_edits, detokenize
from nlpkit.flip.rules import AntonymTable, antonym_edits, fix_articles, needs_an, negation_edits, same_word_family


def test_negation_edits_insert_after_auxiliaries_and_delete_negators():
    edits = negation_edits("the food was great".split())
    assert [(e.position, e.old, e.new) for e in edits] == [(3, (), ("not",))]
    edits = negation_edits("we did n't like it".split())
    assert (2, ("n't",), ()) in [(e.position, e.old, e.new) for e in edits]
    assert all(e.new != ("not",) for e in edits if e.position == 2)      # already negated: no second "not"


def test_apply_edits_handles_insertions_deletions_and_spans_together():
    tokens = "it was over priced and not good".split()
    edits = [Edit(2, ("over", "priced"), ("cheap",), "phrase"), Edit(5, ("not",), (), "negation"),
             Edit(2, (), ("really",), "negation")]
    assert apply_edits(tokens, edits[:2]) == "it was cheap and good".split()
    assert apply_edits(tokens, [edits[0]]) == "it was cheap and not good".split()
    assert edits[0].overlaps(edits[2]) and not edits[0].overlaps(edits[1])


@pytest.mark.parametrize("word, an", [("apple", True), ("hour", True), ("disgusting", False), ("unique", False),
                                      ("awful", True), ("one", False)])
def test_articles_agree_with_the_next_word(word, an):
    assert needs_an(word) is an


def test_fix_articles_only_touches_articles_before_edited_words():
    assert fix_articles("an disgusting meal and a apple".split(), {1}) == "a disgusting meal and a apple".split()


@pytest.mark.parametrize("a, b, same", [("great", "greatest", True), ("love", "loved", True), ("colour", "color", True),
                                        ("good", "bad", False), ("love", "hate", False), ("tasty", "tasteless", True)])
def test_same_word_family_catches_inflections_and_spelling_variants(a, b, same):
    assert same_word_family(a, b) is same


def test_antonym_table_round_trip_and_edits(tmp_path):
    table = AntonymTable({"good": ["bad", "evil"], "love": ["hate"]})
    again = AntonymTable.load(table.save(tmp_path / "a.json"))
    edits = antonym_edits("i love good food".split(), again, [False, True, True, True])
    assert [(e.position, e.new) for e in edits] == [(1, ("hate",)), (2, ("bad",)), (2, ("evil",))]
    with pytest.raises(ArtifactError):
        AntonymTable.load(tmp_path / "missing.json")


def test_detokenize_joins_clitics_and_punctuation():
    assert detokenize("we did n't like it , sadly .".split()) == "we didn't like it, sadly."


def test_never_can_be_deleted_or_become_always():
    edits = negation_edits("they are never on time".split())
    changes = {(e.position, e.old, e.new) for e in edits}
    assert (2, ("never",), ()) in changes and (2, ("never",), ("always",)) in changes
    assert all(e.kind == "negation" for e in edits)
