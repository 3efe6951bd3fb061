import numpy as np
import pytest

from nlpkit.errors import InputError, InvalidParameterError, OutOfVocabularyError
from nlpkit.flip import FlipResult, SentimentFlipper

from .conftest import NEGATIVE, POSITIVE


def test_flipper_turns_a_positive_sentence_negative_with_a_real_negative_word(tiny_flipper):
    result = tiny_flipper.flip("the pizza is very tasty .", to="negative")
    assert isinstance(result, FlipResult) and result.status == "flipped"
    assert result.p_after >= 0.6 > 0.5 > result.p_before
    assert result.second_after >= 0.6
    assert len(result.edits) == 1
    edit = result.edits[0]
    assert edit.kind == "ray" and edit.old == ("tasty",) and edit.new[0] in NEGATIVE
    assert edit.distance is not None and edit.t > 0
    assert edit.new[0] in [c.word for c in edit.candidates]


def test_flipper_candidates_carry_the_target_polarity_and_exclude_the_word(tiny_flipper):
    result = tiny_flipper.flip("the staff was rude", to="positive")
    assert result.status == "flipped"
    for edit in result.edits:
        for candidate in edit.candidates:
            assert candidate.word in POSITIVE and candidate.word != "rude"


def test_flipper_opposite_reads_the_classifier(tiny_flipper):
    result = tiny_flipper.flip("the food was awful")
    assert result.target == "pos" and result.source_label == "neg"


def test_opposite_is_what_both_steering_classifiers_read_together(tiny_flipper):
    # classes are (neg, pos) for both; the CNN leans positive, the second classifier is sure it is negative
    cnn, second = np.array([0.48, 0.52]), np.array([0.84, 0.16])
    assert tiny_flipper.reading(cnn) == "pos" and tiny_flipper.resolve_target("opposite", cnn) == "neg"
    assert tiny_flipper.reading(cnn, second) == "neg"
    assert tiny_flipper.resolve_target("opposite", cnn, second) == "pos"
    assert tiny_flipper.resolve_target("opposite", np.array([0.1, 0.9]), np.array([0.6, 0.4])) == "neg"


def test_flipper_leaves_a_sentence_of_the_target_sentiment_alone(tiny_flipper):
    result = tiny_flipper.flip("the food was great", to="positive")
    assert result.status == "already" and result.rewrite == "the food was great" and result.edits == []
    assert "already" in result.message()


def test_flipper_edits_a_sentence_only_the_cnn_reads_as_the_target(tiny_cnn, tiny_corpus, tiny_flipper):
    from nlpkit.flip.linear import NgramLogistic

    docs, labels = zip(*tiny_corpus)
    contrary = NgramLogistic(min_df=1).fit(docs, ["neg" if label == "pos" else "pos" for label in labels])
    flipper = SentimentFlipper(tiny_cnn, second=contrary, polarity=tiny_flipper.polarity_, pos=tiny_flipper.pos_,
                               tagger="table", min_count=1, antonyms=tiny_flipper.antonyms_, margin=0.1)
    flipper.fit(tiny_corpus)
    for method in ("ray", "rules"):
        flipper.method = method
        result = flipper.flip("the food was great", to="positive")
        assert result.p_before >= 0.5 > result.second_before
        assert result.status != "already"
        # whatever comes back, the CNN still reads the target it read before
        assert result.p_after >= 0.5
        if result.status == "budget" and not result.edits:
            assert result.rewrite == "the food was great" and "left unchanged" in result.message()


def test_flipper_reports_a_budget_it_cannot_meet(tiny_cnn, tiny_corpus, tiny_flipper):
    strict = SentimentFlipper(tiny_cnn, polarity=tiny_flipper.polarity_, pos=tiny_flipper.pos_, tagger="table", min_count=1,
                              antonyms=tiny_flipper.antonyms_, method="rules", max_edits=1, margin=0.49)
    strict.fit(tiny_corpus)
    result = strict.flip("the pizza is very tasty .", to="negative")
    assert result.status == "budget" and "best attempt" in result.message()


def test_flipper_hybrid_takes_the_rays_rewrite_and_falls_back_on_the_rules(tiny_flipper, monkeypatch):
    def flip(method, text, to):
        tiny_flipper.method = method
        return tiny_flipper.flip(text, to=to)

    from nlpkit.flip import flipper as flipper_module

    searches = []

    def counted_search(*args, **kwargs):          # the real search, counted
        searches.append(args[1])
        return real_search(*args, **kwargs)

    real_search = flipper_module.beam_search
    monkeypatch.setattr(flipper_module, "beam_search", counted_search)
    cases = [("the pizza is very tasty .", "negative"), ("the food was great", "negative"),
             ("the food was awful", "positive")]
    for text, to in cases:
        ray = flip("ray", text, to)
        searches.clear()
        hybrid = flip("hybrid", text, to)
        # the rays reached the target, so the rules were not even searched
        assert ray.flipped and hybrid.rewrite == ray.rewrite and len(searches) == 1, text
    # with no ray candidates the rays cannot turn "great" (a negation is offered to both searches,
    # so it is taken away too): the rules' antonym is the rewrite
    monkeypatch.setattr(tiny_flipper, "_ray_edits", lambda *args: [])
    monkeypatch.setattr("nlpkit.flip.flipper.negation_edits", lambda *args: [])
    ray, rules, hybrid = (flip(method, "the food was great", "negative") for method in ("ray", "rules", "hybrid"))
    tiny_flipper.method = "ray"
    assert not ray.flipped and rules.flipped and "awful" in rules.rewrite
    assert hybrid.rewrite == rules.rewrite


def test_flipper_negation_is_an_edit(tiny_flipper):
    result = tiny_flipper.flip("the food was not great", to="positive")
    assert result.status == "flipped"
    assert any(e.kind == "negation" for e in result.edits) or result.edits[0].new[0] in POSITIVE


def test_flipper_bad_inputs(tiny_flipper):
    with pytest.raises(InputError, match="empty"):
        tiny_flipper.flip("   ")
    with pytest.raises(OutOfVocabularyError, match="no word"):
        tiny_flipper.flip("zzyzx qqqq")
    with pytest.raises(InvalidParameterError, match="sideways"):
        tiny_flipper.flip("the food was great", to="sideways")
    with pytest.raises(InvalidParameterError, match="method"):
        SentimentFlipper(tiny_flipper.classifier, method="magic").flip("the food was great")


def test_flipper_reads_one_string_as_one_text_and_refuses_a_non_classifier(tiny_flipper):
    # flip_many("good") flipped each character; SentimentFlipper("not a model") failed with an AttributeError
    assert [r.text for r in tiny_flipper.flip_many("the food was great")] == ["the food was great"]
    with pytest.raises(InvalidParameterError, match="a str is not a sentiment classifier"):
        SentimentFlipper("not a model").flip("the food was great")
    with pytest.raises(InvalidParameterError, match="expected a text or a list of texts, got 5"):
        tiny_flipper.flip_many(5)


def test_flipper_keeps_the_case_of_a_token_list(tiny_flipper):
    # a token list came back case-folded: "The Staff was RUDE" -> "the staff was ..."
    result = tiny_flipper.flip(["The", "Staff", "was", "RUDE"], to="positive")
    assert result.edits and result.text == "The Staff was RUDE"
    assert result.rewrite.startswith("The Staff was ") and result.rewrite != result.text
    assert result.tokens == ["the", "staff", "was", "rude"]


def test_flipper_result_serialises_and_reads_well(tiny_flipper):
    result = tiny_flipper.flip("the staff was rude", to="positive")
    data = result.to_dict()
    edit = result.edits[0]
    assert data["rewrite"] == result.rewrite and data["edits"][0]["new"] == " ".join(edit.new)
    assert edit.describe() in repr(result) and "<div>" in result._repr_html_()


def test_flipper_is_deterministic(tiny_flipper):
    a = tiny_flipper.flip("the service was bland", to="positive")
    b = tiny_flipper.flip("the service was bland", to="positive")
    assert a.rewrite == b.rewrite and np.isclose(a.p_after, b.p_after)


def test_flip_file_keeps_lines_aligned(tiny_flipper, tmp_path):
    path = tmp_path / "in.txt"
    path.write_text("the staff was rude\n\nzzyzx qqqq\nthe food was great\n")
    results = tiny_flipper.flip_file(path, "positive")
    assert [r.status for r in results] == ["flipped", "skipped", "skipped", "already"]
    assert repr(results[2]) == "FlipResult(skipped: 'zzyzx qqqq'; " + results[2].note + ")"
    # a skipped line has no probabilities, as the JSON output says (it said 0.0 beside a null second classifier)
    skipped, flipped = results[2].to_dict(), results[0].to_dict()
    assert [skipped[k] for k in ("p_before", "p_after", "second_before", "second_after")] == [None] * 4
    assert isinstance(flipped["p_before"], float) and isinstance(flipped["second_after"], float)


def test_flipper_fit_weighs_each_labelled_sentence_in_the_polarity_table(tiny_cnn, tiny_corpus, tiny_flipper):
    from nlpkit.flip.flipper import opinion_lexicon
    from nlpkit.flip.polarity import PolarityTable
    from nlpkit.flip.pos import PosTable

    from .conftest import POS_TAGS

    # an unlabelled sentence comes first: the weights must stay with their own sentences when it is dropped
    pairs = [(["the", "food", "was", "great"], None), *tiny_corpus]
    weights = [100.0] + [0.2 if label == "neg" else 1.0 for _, label in tiny_corpus]
    flipper = SentimentFlipper(tiny_cnn, pos=PosTable(POS_TAGS), tagger="table", antonyms=tiny_flipper.antonyms_)
    flipper.fit(pairs, sample_weight=weights)
    docs, labels = zip(*tiny_corpus)
    expected = PolarityTable().fit(docs, labels, sample_weight=weights[1:])
    if opinion_lexicon() is not None:
        expected.add_lexicon(*opinion_lexicon())
    assert flipper.polarity_.log_odds_ == expected.log_odds_
    with pytest.raises(InvalidParameterError, match="sample_weight"):
        flipper.fit(pairs, sample_weight=weights[1:])


def test_flipper_resources_round_trip(tiny_flipper, tmp_path):
    folder = tiny_flipper.save_resources(tmp_path / "res")
    again = SentimentFlipper.from_resources(folder, tiny_flipper.classifier, tagger="table", min_count=1, margin=0.1)
    assert again.flip("the staff was rude", to="positive").rewrite == \
        tiny_flipper.flip("the staff was rude", to="positive").rewrite
    assert tiny_flipper.save_resources(folder) == folder   # saving again over its own folder (refused before)


def test_flipper_survives_an_edit_that_leaves_no_known_word(tiny_flipper):
    result = tiny_flipper.flip(["not", "zzyzx"], to="pos")
    assert result.status in ("flipped", "budget", "already")


def test_flipper_resources_carry_a_run_record(tiny_flipper, tmp_path):
    from nlpkit.runs import RunRecord

    folder = tiny_flipper.save_resources(tmp_path / "res", run=RunRecord("test", params={"a": 1}).finish())
    assert RunRecord.load(folder).params == {"a": 1}


@pytest.mark.parametrize("words, tags, replaceable", [
    (("very", "disappointed"), ("ADV", "ADJ"), True),
    (("over", "priced"), ("OTHER", "VERB"), True),          # a degree prefix and a participle
    (("highly", "recommend"), ("ADV", "VERB"), False),      # "i bad them": a verb needs a verb
    (("great", "price"), ("ADJ", "NOUN"), False),           # "for an awful": the noun would go
    (("best", "italian"), ("ADJ", "ADJ"), False),           # "the worst market": "italian" would go
    (("just", "made"), ("ADV", "VERB"), False),             # a past tense, not a participle
    (("never", "returned"), ("ADV", "VERB"), False),
    (("under", "new"), ("OTHER", "ADJ"), False),            # "under new management"
    (("definitely", "worth"), ("ADV", "ADJ"), False),       # "worth the wait" takes an object: "slow the wait"
])
def test_only_a_modified_adjective_is_replaced_by_one_adjective(words, tags, replaceable):
    from nlpkit.flip.flipper import is_modified_adjective

    assert is_modified_adjective(words, tags) is replaceable


def test_the_rewrite_keeps_the_texts_own_case_and_numbers(tiny_flipper):
    result = tiny_flipper.flip("The Pizza is very TASTY 4 you .", to="negative")
    assert result.tokens[:2] == ["the", "pizza"] and "<num>" in result.tokens      # the classifier's view
    assert result.status == "flipped" and result.edits[0].old == ("tasty",)
    # the text as written around the edit (its space before "."), the new word shouted like the old one
    assert result.rewrite == f"The Pizza is very {result.edits[0].new[0].upper()} 4 you ."
    assert "<num>" in result.rewrite_tokens                                        # what judges and evals read


def test_restore_surface_maps_kept_tokens_back_and_capitalises_a_new_first_word():
    from nlpkit.flip.result import Edit, restore_surface

    tokens, surface = ["great", "food", "at", "a", "diner", "<num>"], ["Great", "food", "at", "a", "Diner", "45"]
    edits = [Edit(0, ("great",), ("awful",), "ray"), Edit(4, ("diner",), ("eatery",), "ray")]
    rewrite = ["awful", "food", "at", "an", "eatery", "<num>"]          # "a" fixed to "an" before the edit
    # a replacement takes the case of the word it replaces ("Diner" -> "Eatery")
    assert restore_surface(tokens, surface, edits, rewrite) == ["Awful", "food", "at", "an", "Eatery", "45"]
    deleted = [Edit(1, ("food",), (), "negation")]
    assert restore_surface(tokens, surface, deleted, ["great", "at", "a", "diner", "<num>"]) == \
        ["Great", "at", "a", "Diner", "45"]


def test_written_rewrite_keeps_the_text_as_written_around_the_edits():
    from nlpkit.flip.result import Edit, apply_edits, written_rewrite

    text = "Great food!!! Loved it :)   We'll  be back."
    tokens = "great food ! ! ! loved it : ) we 'll be back .".split()
    surface = "Great food ! ! ! Loved it : ) We 'll be back .".split()
    edits = [Edit(0, ("great",), ("bad",), "ray"), Edit(5, ("loved",), ("hated",), "ray"),
             Edit(11, (), ("never",), "negation")]
    rewrite = "bad food ! ! ! hated it : ) we 'll never be back .".split()
    assert written_rewrite(text, tokens, surface, edits, rewrite) == "Bad food!!! Hated it :)   We'll  never be back."
    # tokenised text stays tokenised; a deleted negator takes its space with it
    text = "the food was great , i did n't mind ."
    tokens = text.split()
    assert written_rewrite(text, tokens, tokens, [Edit(7, ("n't",), (), "negation")],
                           "the food was great , i did mind .".split()) == "the food was great , i did mind ."
    # the text's own margins stay, whatever is edited at either end; a new first word takes the capital
    words = "food was great .".split()
    assert written_rewrite("  food was great .  ", words, words, [Edit(0, (), ("bad",), "insert")],
                           ["bad", *words]) == "  bad food was great .  "
    assert written_rewrite("it was great  ", ["it", "was", "great"], ["it", "was", "great"],
                           [Edit(2, ("great",), (), "negation")], ["it", "was"]) == "it was  "
    assert written_rewrite("Never again !!", ["never", "again", "!!"], ["Never", "again", "!!"],
                           [Edit(0, ("never",), (), "negation")], ["again", "!!"]) == "Again !!"
    # an edit that carries words over (a negation widened to its polarity item) keeps them as written:
    # "I likedhis service." and "We willbe visiting nyc again." came out before
    text = "I didn't like his service at all."
    tokens, surface = "i did n't like his service at all .".split(), "I did n't like his service at all .".split()
    edit = Edit(1, tuple(tokens[1:8]), ("liked", "his", "service"), "negation")
    assert written_rewrite(text, tokens, surface, [edit], apply_edits(tokens, [edit])) == "I liked his service."
    text = "We won't be visiting NYC ever again."
    tokens, surface = "we wo n't be visiting nyc ever again .".split(), "We wo n't be visiting NYC ever again .".split()
    edit = Edit(1, tuple(tokens[1:7]), ("will", "be", "visiting", "nyc"), "negation")
    assert written_rewrite(text, tokens, surface, [edit], apply_edits(tokens, [edit])) == \
        "We will be visiting NYC again."
    text = "They didn't have any water."     # "some" stands where "any" did, not where "n't" did
    tokens, surface = "they did n't have any water .".split(), "They did n't have any water .".split()
    edit = Edit(1, tuple(tokens[1:5]), ("had", "some"), "negation")
    assert written_rewrite(text, tokens, surface, [edit], apply_edits(tokens, [edit])) == "They had some water."
    text = "There weren't any seats left."   # a one-word replacement never stands where an attached "n't" did
    tokens, surface = "there were n't any seats left .".split(), "There were n't any seats left .".split()
    edit = Edit(2, ("n't", "any"), ("some",), "negation")
    assert written_rewrite(text, tokens, surface, [edit], apply_edits(tokens, [edit])) == "There were some seats left."
    # where a normalising step changed the text, the tokens cannot be placed: None (the caller joins them)
    assert written_rewrite("I didn\u2019t mind", ["i", "did", "n't", "mind"], ["I", "did", "n't", "mind"],
                           [Edit(2, ("n't",), (), "negation")], ["i", "did", "mind"]) is None


def test_a_sentence_left_unchanged_comes_back_exactly_as_written(tiny_flipper):
    text = "the  pizza is very tasty , we did n't mind ."
    result = tiny_flipper.flip(text, to="positive")
    assert not result.edits and result.rewrite == text


def test_flipper_steers_by_an_ensemble_of_cnns(tiny_corpus, tiny_flipper):
    """With SentimentCNN(n_networks=2) a word's vector is both networks' side by side: the rays
    run in that space, and the candidates are still real words of the target sentiment."""
    from nlpkit.sentiment import SentimentCNN

    from .conftest import _vectors

    ensemble = SentimentCNN(widths=(1, 2), maps=16, epochs=15, vectors=_vectors(), extra_words=0, dev_fraction=0.1,
                            patience=30, seed=0, batch_size=16, lr=0.01, n_networks=2).fit(tiny_corpus)
    flipper = SentimentFlipper(ensemble, polarity=tiny_flipper.polarity, pos=tiny_flipper.pos, tagger="table",
                               margin=0.1, min_count=1, antonyms=tiny_flipper.antonyms).fit(tiny_corpus)
    result = flipper.flip("the pizza is very tasty .", to="negative")
    assert result.status == "flipped" and result.p_after >= 0.6 > result.p_before
    assert [edit.new[0] in NEGATIVE for edit in result.edits if edit.kind == "ray"] == [True]
    assert ensemble.input_vectors()[1].shape[1] == 2 * 6


@pytest.mark.parametrize("params, fragment", [({"min_count": 0}, "min_count 0"), ({"min_count": -5}, "min_count -5"),
                                              ({"max_edits": 0}, "max_edits 0"), ({"margin": 0.5}, "margin 0.5"),
                                              # 0 read as "no limit", -1 as a NaN floor; a bad tagger as itself
                                              ({"max_perplexity_ratio": 0}, "max_perplexity_ratio 0"),
                                              ({"max_perplexity_ratio": -1}, "max_perplexity_ratio -1"),
                                              ({"tagger": "bogus"}, "tagger 'bogus'")])
def test_flipper_refuses_parameters_out_of_range(tiny_flipper, params, fragment):
    from nlpkit.errors import InvalidParameterError

    flipper = SentimentFlipper(tiny_flipper.classifier, polarity=tiny_flipper.polarity, pos=tiny_flipper.pos,
                               antonyms=tiny_flipper.antonyms, **{"tagger": "table", **params})
    with pytest.raises(InvalidParameterError, match=fragment):
        flipper.flip("the pizza is very tasty .", to="negative")


def test_flipper_follows_scikit_learns_parameter_contract(tiny_flipper, tiny_corpus):
    """clone gives an unfitted copy with the same parameters; set_params rebuilds the candidate space."""
    from sklearn.base import clone

    from nlpkit.errors import NotFittedError

    copy = clone(tiny_flipper).fit(tiny_corpus)   # its classifier is cloned too, unfitted: refused by name
    with pytest.raises(NotFittedError, match="the flipper's classifier is not fitted"):
        copy.flip("the food was great", to="negative")
    copy.set_params(classifier=tiny_flipper.classifier)
    assert copy.get_params().keys() == tiny_flipper.get_params().keys() and copy.margin == tiny_flipper.margin
    copy.flip("the food was great", to="negative")
    before = len(copy.space_words_)
    copy.set_params(vocab_size=10)
    copy.flip("the food was great", to="negative")
    assert len(copy.space_words_) < before


def test_flipper_refuses_several_sentences_given_as_one_token_list(tiny_flipper):
    from nlpkit.errors import InvalidParameterError

    with pytest.raises(InvalidParameterError, match="hold spaces") as refused:
        tiny_flipper.flip(["the food was great", "the staff was rude"], to="negative")
    assert "flip_many" in refused.value.hint
    shouted = tiny_flipper.flip(["The", "Food", "was", "GREAT"], to="negative")
    assert shouted.rewrite_tokens == tiny_flipper.flip("the food was great", to="negative").rewrite_tokens


def test_degree_words_adjectives_with_objects_and_set_phrases_after_no_are_not_edited(tiny_flipper):
    editable = tiny_flipper._editable
    tokens = "this is pretty darn good pizza".split()
    assert editable(tokens, "OTHER VERB ADV ADV ADJ NOUN".split()) == [False, False, False, False, True, True]
    assert editable("a pretty garden".split(), "OTHER ADJ NOUN".split())[1]        # the adjective is a word
    assert not editable("it is definitely worth it".split(), "OTHER VERB ADV ADJ OTHER".split())[3]
    tokens = "the program is no longer an option".split()
    assert not editable(tokens, "OTHER NOUN VERB OTHER ADV OTHER NOUN".split())[4]   # "no definitely"
    assert editable("it is longer than the film".split(), "OTHER VERB ADV OTHER OTHER NOUN".split())[2]


def test_framing_adverbs_particles_and_verbs_graded_by_highly_are_not_edited(tiny_flipper):
    # "definitely coming back" became "unfortunately coming back", "stay away" "stay perfectly", "right away"
    # "incorrectly away" and "highly recommend" "highly hate"
    editable = tiny_flipper._editable
    assert editable("definitely coming back quickly".split(), "ADV VERB ADV ADV".split()) == [False, True, False, True]
    assert not editable("ready soon".split(), "ADJ ADV".split())[1]          # time: "_num_ hours later" -> "fast"
    assert editable("they stay away".split(), "OTHER VERB ADV".split())[1:] == [True, False]
    assert editable("seated right away".split(), "VERB ADV ADV".split()) == [True, False, False]
    assert editable("the right choice".split(), "OTHER ADJ NOUN".split())[1]
    assert editable("i highly recommend it".split(), "OTHER ADV VERB OTHER".split()) == [False, False, False, False]
    assert editable("i strongly recommend it".split(), "OTHER ADV VERB OTHER".split())[1:3] == [True, True]


def test_changed_words_follow_the_sentence_order():
    from nlpkit.flip.result import Edit, FlipResult

    result = FlipResult(text="a dull lifeless film", tokens="a dull lifeless film".split(),
                        rewrite_tokens="a terrific lustrous film".split(), target="pos", source_label="neg",
                        status="flipped", method="ray",
                        edits=[Edit(2, ("lifeless",), ("lustrous",), "ray"), Edit(1, ("dull",), ("terrific",), "ray")])
    assert result.changed_words == ["dull → terrific", "lifeless → lustrous"]
