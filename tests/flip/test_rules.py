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
                                      ("awful", True), ("one", False), ("uninspired", True),
                                      ("unimaginative", True), ("university", False), ("uniform", False)])
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
    assert detokenize("I DID N'T CARE , it 'S FINE".split()) == "I DIDN'T CARE, it'S FINE"     # shouted text too


def test_never_can_be_deleted_or_become_always():
    edits = negation_edits("they are never on time".split())
    changes = {(e.position, e.old, e.new) for e in edits}
    assert (2, ("never",), ()) in changes and (2, ("never",), ("always",)) in changes
    assert all(e.kind == "negation" for e in edits)


@pytest.mark.parametrize("text, old, new", [("they are always late", ("always",), ("never",)),
                                            ("it was nothing special", ("nothing",), ("something",)),
                                            ("no one answered", ("no", "one"), ("everyone",)),
                                            ("they no longer carry it", ("no", "longer"), ("still",)),
                                            ("nobody came", ("nobody",), ("everybody",))])
def test_polarity_words_swap_for_their_opposites(text, old, new):
    tokens = text.split()
    swaps = [e for e in negation_edits(tokens) if e.old == old and e.new]
    assert [(e.old, e.new) for e in swaps] == [(old, new)]
    assert apply_edits(tokens, swaps)[tokens.index(old[0])] == new[0]


@pytest.mark.parametrize("text, tags, rewrite", [
    ("the fridge does n't work", "OTHER NOUN VERB OTHER VERB", "the fridge works"),
    ("i did n't care for it", "OTHER VERB OTHER VERB OTHER OTHER", "i cared for it"),
    ("we did not see her", "OTHER VERB OTHER VERB OTHER", "we saw her"),
    ("do n't go there", "VERB OTHER VERB ADV", "go there"),
])
def test_a_negated_do_support_verb_takes_the_tense(text, tags, rewrite):
    tokens = text.split()
    merged = [e for e in negation_edits(tokens, tags.split()) if len(e.old) == 3]
    assert len(merged) == 1 and apply_edits(tokens, merged) == rewrite.split()


def test_do_support_is_kept_where_no_base_verb_follows():
    # "even" is a verb lemma too ("to even out"), so the tagger decides; without tags nothing is merged
    tokens = "they did n't even try".split()
    assert all(len(e.old) < 3 for e in negation_edits(tokens, "OTHER VERB OTHER ADV VERB".split()))
    assert all(len(e.old) < 3 for e in negation_edits("i do n't care".split()))
    assert all(len(e.old) < 3 for e in negation_edits("he did n't liked".split(), "OTHER VERB OTHER VERB".split()))


@pytest.mark.parametrize("text, turned", [
    ("they did n't have any water", "they had some water"),
    ("i wo n't be staying here ever again", "i will be staying here again"),
    ("it was not good at all", "it was good"),
    ("nothing here is any good", "something here is good"),
    ("i have never had any", "i have had some"),
    ("i would n't give it any stars", "i would give it some stars"),
    ("i could n't talk to anyone", "i could talk to everyone"),
    ("would n't recommend it to anyone ever", "would recommend it to anyone"),
    ("nothing bad ; but nothing exciting either", "nothing bad ; but something exciting too"),
    ("i do n't know why they do n't do dressing either", "i do n't know why they do dressing too"),
    ("you ca n't deny either the loss or the power", "you can deny either the loss or the power")])
def test_a_negation_turns_the_negative_polarity_item_it_licenses(text, turned):
    # "they had any water" reads wrong: the item turns with its negation, or the negation stays
    tokens = text.split()
    tags = ["VERB" if t in ("did", "have", "do") else "OTHER" for t in tokens]
    rewrites = {" ".join(apply_edits(tokens, [e])) for e in negation_edits(tokens, tags)}
    assert turned in rewrites


def test_a_negation_never_goes_leaving_the_item_it_licensed():
    for text, wrong in [("they did n't have any water", {"they had any water", "they did have any water"}),
                        ("i wo n't be staying here ever again", {"i will be staying here ever again"}),
                        ("it was not good at all", {"it was good at all"})]:
        tokens = text.split()
        tags = ["VERB" if t in ("did", "have") else "OTHER" for t in tokens]
        assert not wrong & {" ".join(apply_edits(tokens, [e])) for e in negation_edits(tokens, tags)}


@pytest.mark.parametrize("text", ["i would not recommend this movie to anyone", "i wo n't recommend it to anybody",
                                  "i ca n't recommend this place to anyone"])
def test_under_a_modal_to_anyone_is_free_choice_and_the_negation_can_go(text):
    tokens = text.split()
    rewrites = {" ".join(apply_edits(tokens, [e])) for e in negation_edits(tokens)}
    assert text.replace(" not", "").replace("wo n't", "will").replace("ca n't", "can") in rewrites


def test_a_negation_is_free_past_its_clause_and_a_shared_auxiliary_keeps_its_verbs():
    tokens = "i did n't care , any time".split()
    assert ("did", "n't", "care") in {e.old for e in negation_edits(tokens, "OTHER VERB OTHER VERB OTHER OTHER OTHER".split())}
    shared = "she did n't greet me or acknowledge me".split()
    tags = "OTHER VERB OTHER VERB OTHER OTHER VERB OTHER".split()
    assert all(len(e.old) < 3 for e in negation_edits(shared, tags))        # "greeted me or acknowledge"
    left = "i did n't like it and left".split()
    merged = [e for e in negation_edits(left, "OTHER VERB OTHER VERB OTHER OTHER VERB".split()) if len(e.old) == 3]
    assert apply_edits(left, merged) == "i liked it and left".split()       # "left" is no base form


def test_negation_edits_need_one_tag_per_token():
    from nlpkit.errors import InvalidParameterError

    with pytest.raises(InvalidParameterError, match="2 tags for 4 tokens"):
        negation_edits("i did n't care".split(), ["OTHER", "VERB"])


@pytest.mark.parametrize("text, tags, kept", [
    # after do-support only the do-support edit removes the negator: "did even apologize" otherwise
    ("the woman did n't even apologize", "OTHER NOUN VERB OTHER ADV VERB", 3),
    ("i do n't think so", "OTHER VERB OTHER VERB ADV", 2),
    # before "even" with no auxiliary to carry it, and before a degree "that"
    ("they walk by not even saying hello", "OTHER VERB OTHER OTHER ADV VERB NOUN", 3),
    ("the food is not that authentic", "OTHER NOUN VERB OTHER OTHER ADJ", 3),
])
def test_a_negator_that_deleting_alone_would_leave_ungrammatical_stays(text, tags, kept):
    tokens = text.split()
    plain = [e for e in negation_edits(tokens, tags.split()) if e.old == (tokens[kept],) and e.new == ()]
    assert plain == []


@pytest.mark.parametrize("text, tags, rewrite", [
    # an adverb between: no do-support edit, so the negator itself goes (emphatic "did" reads right)
    ("i did n't really like the food", "OTHER VERB OTHER ADV VERB OTHER NOUN", "i did really like the food"),
    ("they never even apologized", "OTHER ADV ADV VERB", "they even apologized"),   # "never" is not "not"
    ("the problem is not that the food is bad", "OTHER NOUN VERB OTHER OTHER OTHER NOUN VERB ADJ",
     "the problem is that the food is bad"),                                      # a clause, not a degree
])
def test_a_negator_goes_where_nothing_else_would_carry_the_clause(text, tags, rewrite):
    tokens = text.split()
    plain = [e for e in negation_edits(tokens, tags.split()) if e.new == () and len(e.old) == 1]
    assert rewrite.split() in [apply_edits(tokens, [e]) for e in plain]


def test_a_negator_before_even_can_go_after_an_auxiliary():
    tokens = "i could n't even eat".split()
    assert Edit(2, ("n't",), (), "negation") in negation_edits(tokens, "OTHER VERB OTHER ADV VERB".split())
    assert Edit(2, ("not",), (), "negation") in negation_edits("it is not good".split())
    # without tags there is no do-support edit, so the negator itself can go, but not before "even"
    assert Edit(2, ("n't",), (), "negation") in negation_edits("we did n't like it".split())
    assert Edit(2, ("n't",), (), "negation") not in negation_edits("we did n't even like it".split())


def test_an_affirming_adverb_before_a_verb_turns_it_around():
    # "will definitely come back" -> "will never come back"; "i highly recommend them" read "i never recommend
    # them" until the negation took the form a person would write: "i do not recommend them"
    def turned(text, tags):
        return [" ".join(apply_edits(text.split(), [e])) for e in negation_edits(text.split(), tags.split())
                if e.old and e.old[0] in ("definitely", "highly")]

    assert turned("we will definitely come back", "OTHER OTHER ADV VERB ADV") == ["we will never come back"]
    assert turned("i highly recommend them", "OTHER ADV VERB OTHER") == ["i do not recommend them"]
    assert turned("i would highly recommend them", "OTHER VERB ADV VERB OTHER") == ["i would not recommend them"]
    assert turned("highly recommended .", "ADV VERB OTHER") == ["not recommended ."]
    assert turned("definitely coming back", "ADV VERB ADV") == ["never coming back"]
    assert turned("it is definitely worth it", "OTHER VERB ADV ADJ OTHER") == []      # no verb follows
    assert not [e for e in negation_edits("they cheerfully recommend it".split(), "OTHER ADV VERB OTHER".split())
                if e.old == ("cheerfully",)]                                          # a manner adverb stays
    assert turned("we will definitely come back", "OTHER OTHER OTHER OTHER OTHER") == []   # needs a verb's tag


def test_not_goes_after_the_first_auxiliary_of_a_verb_group():
    # "we will be back" became "we will be not back", "we 've been watching" "we 've been not watching"
    def inserted(text):
        return [e.position for e in negation_edits(text.split()) if e.new == ("not",) and not e.old]

    assert inserted("we will be back") == [2]             # "we will not be back"
    assert inserted("we have been watching for decades") == [2]
    assert inserted("we 've been watching for decades") == [2]
    assert inserted("the food was great") == [3]


def test_not_follows_have_and_do_only_as_auxiliaries():
    # "has all the scenic appeal of a cesspool" became "has not all the scenic appeal ..."
    def inserted(text, tags):
        return [e.position for e in negation_edits(text.split(), tags.split()) if e.new == ("not",) and not e.old]

    assert inserted("it has all the appeal", "OTHER VERB OTHER OTHER NOUN") == []
    assert inserted("they do a great job", "OTHER VERB OTHER ADJ NOUN") == []
    assert inserted("they have done it", "OTHER VERB VERB OTHER") == [2]
    assert inserted("we have always liked it", "OTHER VERB ADV VERB OTHER") == [2]



def test_not_goes_after_an_auxiliary_past_adverbs_and_never_after_a_main_verb():
    def inserted(text, tags):
        return [e.position for e in negation_edits(text.split(), tuple(tags.split()))
                if e.new == ("not",) and not e.old]

    assert inserted("we will definitely be back", "OTHER AUX ADV VERB ADV") == [3]   # "will definitely not be back"
    assert inserted("it has n't been good", "OTHER VERB ADV VERB ADJ") == []
    # a main verb in a relative clause keeps its clause's "was not": "the pizza we had not was cold" is no English
    assert inserted("the pizza we had was cold", "OTHER NOUN OTHER VERB VERB ADJ") == [5]


def test_never_without_an_auxiliary_only_for_adverbs_of_certainty():
    def nevers(text, tags):
        return [e.old for e in negation_edits(text.split(), tuple(tags.split())) if e.new in (("never",), ("do", "not"))]

    assert nevers("i highly recommend them", "OTHER ADV VERB OTHER") == [("highly",)]     # tags as a tuple too
    assert nevers("i absolutely love their pizza", "OTHER ADV VERB OTHER NOUN") == []
    assert nevers("we happily paid", "OTHER ADV VERB") == []
    assert nevers("we will gladly return", "OTHER AUX ADV VERB") == [("gladly",)]


def test_have_before_adverbs_and_an_adjective_is_a_main_verb_and_never_needs_its_own_clause():
    def edits(text, tags):
        return [(e.position, e.old, e.new) for e in negation_edits(text.split(), tuple(tags.split()))
                if e.new in (("not",), ("never",))]

    assert edits("we had very slow service", "OTHER VERB ADV ADJ NOUN") == []      # "we had not very slow service"
    assert edits("a highly rated spot", "OTHER ADV VERB NOUN") == []               # "a never rated spot"
    assert edits("they definitely do n't care", "OTHER ADV VERB ADV VERB") == []   # "they never do n't care"
    assert edits("it should 've been better", "OTHER AUX VERB VERB ADJ") == [(2, (), ("not",))]


@pytest.mark.parametrize("text, wrong, right", [
    ("never again will i go there", {"always again will i go there", "again will i go there"}, None),
    ("never will i be back", {"will i be back", "always will i be back"}, None),
    ("i will never set foot there again", {"i will always set foot there again"}, "i will set foot there again"),
    ("i never felt pain like that before", {"i always felt pain like that before"}, "i felt pain like that before"),
    ("and left , never to return", {"and left , always to return", "and left , to return"}, None),
    ("she never even came back", {"she always even came back"}, None),
    ("is it any good ?", {"is not it any good ?"}, None),
    ("they are never on time", set(), "they are always on time")])
def test_never_turns_only_where_it_reads(text, wrong, right):
    tokens = text.split()
    rewrites = {" ".join(apply_edits(tokens, [e])) for e in negation_edits(tokens)}
    assert not wrong & rewrites
    assert right is None or right in rewrites


@pytest.mark.parametrize("text, negated", [
    ("the take-out is definitely worth it !", "the take-out is definitely not worth it !"),   # was "is not definitely"
    ("definitely worth a trip !", "definitely not worth a trip !"),                           # no auxiliary at all
    ("we will definitely be back", "we will definitely not be back"),
    ("it is worth it", "it is not worth it"),
    ("the scenery , well worth the money", "the scenery , not worth the money"),   # was "well not worth"
    ("it 's still quite worth seeing", "it 's still not worth seeing")])
def test_not_goes_after_an_adverb_of_certainty_and_before_a_bare_worth(text, negated):
    tokens = text.split()
    rewrites = {" ".join(apply_edits(tokens, [e])) for e in negation_edits(tokens)}
    assert negated in rewrites, rewrites
    assert not any(" not definitely" in r or "be not" in r or "well not" in r or "quite not" in r for r in rewrites), rewrites


@pytest.mark.parametrize("text, tags, turned", [
    # every item a negation licenses turns with it, not only the first ("i liked something at all")
    ("i did n't like anything at all", "OTHER VERB OTHER VERB OTHER OTHER OTHER", "i liked something"),
    ("i wo n't ever go there anymore", None, "i will go there"),
    ("nobody ever says anything", None, "everybody says something"),
    ("the food was not cheap yet delicious", "OTHER NOUN VERB OTHER ADJ OTHER ADJ",
     "the food was cheap yet delicious"),                                                    # "yet" joins here
    ("they do n't have any more fries", "OTHER VERB OTHER VERB OTHER OTHER NOUN", "they have more fries")])
def test_a_negation_turns_every_item_it_licenses(text, tags, turned):
    tokens = text.split()
    rewrites = {" ".join(apply_edits(tokens, [e])) for e in negation_edits(tokens, tags and tags.split())}
    assert turned in rewrites, rewrites


def test_negation_edits_are_never_doubled_and_never_stack_two_negators():
    for text in ["it is not really worth it", "it was n't quite worth the price", "it is definitely not worth it",
                 "never had a bad meal here .", "never been disappointed .", "never will i be back"]:
        tokens = text.split()
        rewrites = [" ".join(apply_edits(tokens, [e])) for e in negation_edits(tokens)]
        assert not any("not not" in r or "n't not" in r or "never been not" in r or "never had not" in r
                       or "be not" in r for r in rewrites), (text, rewrites)
    edits = negation_edits("the take-out is definitely worth it !".split())
    assert len(edits) == len(set(edits)) == 1                       # reached from "is" and from "worth"
    # "never" before an auxiliary is an inversion only where a subject follows it
    assert "had a bad meal here ." in {" ".join(apply_edits("never had a bad meal here .".split(), [e]))
                                        for e in negation_edits("never had a bad meal here .".split())}


@pytest.mark.parametrize("text, tags, negated", [
    ("i definitely enjoyed it .", "OTHER ADV VERB OTHER OTHER", "i never enjoyed it ."),     # was "i not enjoyed it"
    ("highly recommended .", "ADV VERB OTHER", "not recommended ."),
    ("we definitely need to come back", "OTHER ADV VERB OTHER VERB ADV", "we do not need to come back")])
def test_a_participle_takes_not_only_where_it_opens_its_clause(text, tags, negated):
    tokens = text.split()
    assert negated in {" ".join(apply_edits(tokens, [e])) for e in negation_edits(tokens, tags.split())}


@pytest.mark.parametrize("text, tags, turned, wrong", [
    ("but have n't yet complained .", None, "but have already complained .", None),    # "yet" of time turns
    ("the food was not cheap yet delicious", "OTHER NOUN VERB OTHER ADJ OTHER ADJ",
     "the food was cheap yet delicious", "the food was cheap already delicious"),       # "yet" joining stays
    ("outstanding service highly recommended .", "ADJ NOUN ADV VERB OTHER", "outstanding service not recommended .",
     "outstanding service never recommended ."),
    ("the staff definitely enjoyed it .", "OTHER NOUN ADV VERB OTHER OTHER", "the staff never enjoyed it .",
     "the staff not enjoyed it ."),
    ("never was the food so bad .", None, None, "was the food so bad ."),                 # an inversion stays
    ("the staff was not rude and was very helpful .", None,
     "the staff was not rude and was not very helpful .", None),                          # another clause's "not"
    ("do n't miss this place nor will i ever go", None, None, "do miss this place nor will i go"),
    ("i have n't been there any longer", None, "i have been there", "i have been there longer")])
def test_negation_rules_after_a_second_review(text, tags, turned, wrong):
    tokens = text.split()
    rewrites = {" ".join(apply_edits(tokens, [e])) for e in negation_edits(tokens, tags and tags.split())}
    assert turned is None or turned in rewrites, rewrites
    assert wrong not in rewrites, rewrites
