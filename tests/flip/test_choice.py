"""How the flipper chooses candidates: opinion words for opinion words, strength, what is left over."""

import numpy as np
import pytest

from nlpkit.flip import SentimentFlipper
from nlpkit.flip.polarity import PolarityTable

from .conftest import NEGATIVE, POS_TAGS, POSITIVE


@pytest.fixture(scope="module")
def lexicon_flipper(tiny_cnn, tiny_corpus, tiny_flipper):
    """The tiny flipper with an opinion lexicon that lists only some of the polar words."""
    from nlpkit.flip.pos import PosTable

    docs, labels = zip(*tiny_corpus)
    polarity = PolarityTable(min_count=1).fit(docs, labels).add_lexicon(POSITIVE[:2], NEGATIVE[:2])
    return SentimentFlipper(tiny_cnn, polarity=polarity, pos=PosTable(POS_TAGS), tagger="table", margin=0.1,
                            min_count=1, antonyms=tiny_flipper.antonyms_).fit(tiny_corpus)


def test_an_opinion_word_is_replaced_only_by_opinion_words(lexicon_flipper):
    flipper = lexicon_flipper
    flipper._space()
    vector, gradient = flipper._vector("great"), -flipper._vector("awful") + flipper._vector("great")
    found = flipper._candidates(vector, gradient, "ADJ", -1, ["great"], opinion_only=True)
    assert found and {c.word for c in found} <= set(NEGATIVE[:2])
    anything = flipper._candidates(vector, gradient, "ADJ", -1, ["great"])
    assert {c.word for c in anything} - set(NEGATIVE[:2])        # without the rule other negative words come too


def test_nouns_and_verbs_are_edited_only_when_they_carry_opinion(lexicon_flipper):
    lexicon = lexicon_flipper.polarity_.lexicon_
    carries = lexicon_flipper._carries_opinion
    assert carries("great", "NOUN", 0.0, lexicon)                  # the lexicon vouches for it
    assert not carries("friendly", "NOUN", 10.0, lexicon)          # a noun needs the lexicon
    # a verb outside the lexicon needs strong corpus polarity, seen often enough: the verbs that narrate
    # a bad visit ("asked", "paid") lean negative too, and "i loved for a box" reads as nonsense
    assert carries("friendly", "VERB", 3.5, lexicon)
    assert not carries("friendly", "VERB", 2.5, lexicon)
    assert not carries("unseen", "VERB", 3.5, lexicon)
    assert carries("friendly", "ADJ", 0.6, lexicon)                # adjectives and adverbs need neither


def test_a_weakly_polar_opinion_word_is_still_edited(tiny_cnn, tiny_corpus, lexicon_flipper):
    # movie reviews tell plots ("she hated him"), so "hated" is only mildly negative there; the lexicon
    # vouches for it, and the leftover count treats it as the old sentiment, so it must be editable
    import copy

    from nlpkit.flip.pos import PosTable

    polarity = copy.deepcopy(lexicon_flipper.polarity_)
    polarity.log_odds_.update(great=0.2, friendly=0.2)       # "great" is in the lexicon, "friendly" is not
    flipper = SentimentFlipper(tiny_cnn, polarity=polarity, pos=PosTable(POS_TAGS), tagger="table", margin=0.1,
                               min_count=1, antonyms=lexicon_flipper.antonyms_).fit(tiny_corpus)
    flipper._space()
    edited = {}
    for word in ("great", "friendly"):
        tokens = ["the", "food", "was", word]
        gradient = np.tile(flipper._vector(word) - flipper._vector("awful"), (len(tokens), 1))
        edits = flipper._ray_edits(tokens, ["OTHER", "NOUN", "VERB", "ADJ"], [False, False, False, True], gradient,
                                   np.array([0.1, 0.1, 0.1, 1.0]), -1)
        edited[word] = {e.old for e in edits}
    assert edited == {"great": {("great",)}, "friendly": set()}
    polarity.log_odds_["great"] = -0.2                        # the corpus contradicts the lexicon: not edited
    assert not flipper._carries_source_sentiment("great", "ADJ", -0.2, polarity.lexicon_, -1)
    # a lexicon word of the target's own sign is no word of the source's sentiment, however the corpus leans
    assert not flipper._carries_source_sentiment("great", "ADJ", 0.2, polarity.lexicon_, +1)
    # a weakly polar lexicon noun or verb is what a story is about ("a crime thriller", "the jokes fall flat"),
    # unless the verb names a feeling ("hated")
    assert not flipper._carries_source_sentiment("great", "NOUN", 0.2, polarity.lexicon_, -1)
    assert not flipper._carries_source_sentiment("great", "VERB", 0.2, polarity.lexicon_, -1)
    flipper.pos_ = PosTable(POS_TAGS, feeling_verbs=["great"])
    assert flipper._carries_source_sentiment("great", "VERB", 0.2, polarity.lexicon_, -1)
    assert not flipper._carries_source_sentiment("great", "NOUN", 0.2, polarity.lexicon_, -1)
    # a noun needs more than the polarity threshold: critics name the "plot" (-0.63) mostly to complain
    assert flipper._carries_source_sentiment("great", "ADJ", 0.7, polarity.lexicon_, -1)
    assert not flipper._carries_source_sentiment("great", "NOUN", 0.7, polarity.lexicon_, -1)
    assert flipper._carries_source_sentiment("great", "NOUN", 1.2, polarity.lexicon_, -1)


def test_a_feeling_verb_is_replaced_by_a_feeling_verb_even_a_weakly_polar_one(tiny_cnn, tiny_corpus, lexicon_flipper):
    # "i loved every minute of it" became "i traumatized every minute": "hated" is barely negative in
    # movie reviews (-0.08), so only rare lexicon verbs of any kind were left as candidates
    import copy

    from nlpkit.flip.pos import PosTable

    polarity = copy.deepcopy(lexicon_flipper.polarity_)
    polarity.lexicon_.update({w: -1 for w in NEGATIVE})
    polarity.log_odds_["terrible"] = -0.2                     # weakly polar, of the lexicon's sign
    polarity.log_odds_["rude"] = 0.2                          # the corpus contradicts the lexicon
    tags = {**POS_TAGS, **{w: ("VERB",) for w in NEGATIVE}}
    flipper = SentimentFlipper(tiny_cnn, polarity=polarity, pos=PosTable(tags, feeling_verbs=["bland", "terrible", "rude"]),
                               tagger="table", margin=0.1, min_count=1, antonyms=lexicon_flipper.antonyms_).fit(tiny_corpus)
    flipper._space()
    vector, gradient = flipper._vector("great"), flipper._vector("great") - np.mean(
        [flipper._vector(w) for w in NEGATIVE], axis=0)
    feeling = {c.word for c in flipper._candidates(vector, gradient, "VERB", -1, ["great"], feeling="")}
    assert feeling == {"bland", "terrible"}
    # a verb whose subject feels ("loved") is replaced by one whose subject feels ("hated"), not by one
    # whose subject causes the feeling ("i sickened it")
    flipper.pos_ = PosTable(tags, feeling_verbs=["bland", "terrible", "rude"],
                            feeling_kinds={"bland": "causes", "terrible": "feels", "rude": "feels"})
    flipper._reset_space()
    assert {c.word for c in flipper._candidates(vector, gradient, "VERB", -1, ["great"], feeling="feels")} == {
        "terrible"}
    assert {c.word for c in flipper._candidates(vector, gradient, "VERB", -1, ["great"], feeling="causes")} == {
        "bland"}
    other = {c.word for c in flipper._candidates(vector, gradient, "VERB", -1, ["great"])}
    assert "terrible" not in other and other - {"bland"}       # any strongly polar verb, none weakly polar
    flipper.pos_ = PosTable({**tags, "great": ("VERB",)}, feeling_verbs=["bland", "terrible", "rude", "great"],
                            feeling_kinds={"great": "feels", "terrible": "feels", "bland": "causes"})
    flipper._reset_space()
    tokens = ["i", "great", "the", "food"]
    edits = flipper._ray_edits(tokens, ["OTHER", "VERB", "OTHER", "NOUN"], [False, True, False, False],
                               np.tile(gradient, (4, 1)), np.array([0.1, 1.0, 0.1, 0.1]), -1)
    assert edits and {e.new[0] for e in edits} == {"terrible"}


def test_unsure_classifiers_leave_the_reading_to_the_opinion_words(lexicon_flipper):
    # both movie-review classifiers give "i love this film" about 0.5, and "opposite" then went the wrong way
    unsure, second = np.array([0.52, 0.48]), np.array([0.51, 0.49])          # classes (neg, pos)
    read = lexicon_flipper.reading
    assert read(unsure, second) == "neg"
    assert read(unsure, second, "the food was great".split()) == "pos"
    assert read(unsure, second, "the food was not great".split()) == "neg"   # a negator turns it
    assert read(unsure, second, "the food was not very good and great".split()) == "pos"   # out of its scope
    assert read(unsure, second, "the food was fine".split()) == "neg"        # no opinion word: the classifiers
    assert read(np.array([0.7, 0.3]), second, "the food was great".split()) == "neg"   # sure enough: they decide
    assert lexicon_flipper.resolve_target("opposite", unsure, second, "the food was great".split()) == "neg"
    # a negation ends with its clause, and "no wonder" negates nothing
    assert read(unsure, second, "no , great food".split()) == "pos"
    assert read(unsure, second, "no wonder it is great".split()) == "pos"
    assert read(unsure, second, "no great food".split()) == "neg"
    from nlpkit.errors import InvalidParameterError

    with pytest.raises(InvalidParameterError, match="tokens must be a list of tokens, not a string"):
        read(unsure, second, "the food was great")          # would be read letter by letter


def test_flip_reads_unsure_sentences_through_the_opinion_words(tiny_cnn, tiny_corpus, lexicon_flipper, monkeypatch):
    # a lexicon that calls "great" negative and "awful" positive, and classifiers treated as unsure whatever
    # they say: the opinion words then set "opposite" and the source label, and can stop "already" but not
    # cause it (in a long snippet they are a poor reader)
    import copy

    import nlpkit.flip.flipper as flipper_module

    polarity = copy.deepcopy(lexicon_flipper.polarity_)
    polarity.lexicon_ = {"great": -1, "awful": 1}
    flipper = SentimentFlipper(tiny_cnn, polarity=polarity, pos=lexicon_flipper.pos_, tagger="table", margin=0.1,
                               min_count=1, antonyms=lexicon_flipper.antonyms_).fit(tiny_corpus)
    assert flipper.flip("the food was great").target == "neg"          # the classifiers alone read it positive
    monkeypatch.setattr(flipper_module, "UNSURE_BAND", 1.0)
    result = flipper.flip("the food was great")
    assert result.source_label == "neg" and result.target == "pos" and result.status != "already"
    assert flipper.flip("the food was great", to="positive").status != "already"   # the words disagree
    result = flipper.flip("the food was awful", to="positive")          # the words agree, the classifiers not
    assert result.source_label == "pos" and result.status != "already"


def test_strength_is_the_clipped_log_odds_toward_the_target(lexicon_flipper):
    awful = lexicon_flipper._strength(["awful"], -1)
    assert 0 < awful <= 1 and lexicon_flipper._strength(["great"], -1) == 0.0
    assert lexicon_flipper._strength([], -1) == 0.0
    assert lexicon_flipper._strength(["the", "awful"], -1) == awful        # the strongest word counts


def test_leftover_counts_unnegated_words_of_the_old_sentiment(lexicon_flipper):
    leftover = lexicon_flipper._leftover_counter(-1)          # target negative: positive words are left over
    assert leftover("the food was great".split()) == 1
    assert leftover("the food was not great".split()) == 0
    assert leftover("the food was awful".split()) == 0


def test_leftover_counts_negated_words_of_the_target_sentiment(lexicon_flipper):
    # a negated target word keeps the old sentiment: "not awful" is no complaint, "not great" is one
    toward_negative, toward_positive = lexicon_flipper._leftover_counter(-1), lexicon_flipper._leftover_counter(1)
    assert toward_negative("the food was not awful".split()) == 1
    assert toward_negative("the food was awful".split()) == 0
    assert toward_positive("the food was not great".split()) == 1
    assert toward_positive("the food was not great but the tasty pizza".split()) == 1
    assert toward_positive("the food was great".split()) == 0


def test_a_replacement_keeps_the_verb_form_or_adjective_degree(lexicon_flipper):
    flipper = lexicon_flipper
    flipper._space()
    forms = flipper.space_forms_["VERB"][np.isin(flipper.space_words_, ["tasty", "awful"])]
    assert set(forms) == {"base"}
    assert flipper._form("liked", "VERB") == "ed" and flipper._form("worst", "ADJ") == "superlative"
    # a noun keeps its number: "a complete disaster" -> "an extraordinary recommendations" no longer
    assert flipper._form("food", "NOUN") == "singular" and flipper._form("foods", "NOUN") == "plural"
    assert flipper._form("really", "ADV") is None
    assert set(flipper.space_forms_["NOUN"][np.isin(flipper.space_words_, ["food", "staff"])]) == {"singular"}
    vector, gradient = flipper._vector("great"), -flipper._vector("awful") + flipper._vector("great")
    assert flipper._candidates(vector, gradient, "ADJ", -1, ["great"], form="plain")
    # no superlative in the tiny vocabulary
    assert flipper._candidates(vector, gradient, "ADJ", -1, ["great"], form="superlative") == []


def stub_ray_search(flipper, monkeypatch, words) -> list:
    """Make the flipper's ray search find ``words`` (nearest first); returns the list that records what
    it was asked for: (tag, sign, excluded words) per call."""
    from nlpkit.flip.rays import RayCandidate

    flipper._space()
    seen = []

    def candidates(vector, gradient_row, word_tag, sign, exclude, **_):
        seen.append((word_tag, sign, tuple(exclude)))
        return [RayCandidate(i, word, 0.1 * (i + 1), 1.0) for i, word in enumerate(words)]

    monkeypatch.setattr(flipper, "_candidates", candidates)
    return seen


def test_a_negator_can_become_an_adverb_of_the_target_polarity(lexicon_flipper, monkeypatch):
    flipper = lexicon_flipper
    seen = stub_ray_search(flipper, monkeypatch, ["really"])
    tokens = "the food was not bland".split()
    gradient = np.ones((len(tokens), 6))
    edits = flipper._negator_edits(tokens, None, gradient, np.ones(len(tokens)), 1)
    assert [(e.position, e.old, e.new, e.kind) for e in edits] == [(3, ("not",), ("really",), "ray")]
    assert seen == [("ADV", 1, ("not",))]
    assert flipper._negator_edits("the food was bland".split(), None, gradient, np.ones(5), 1) == []
    # only in an adverb slot, after an auxiliary or modal: not first, not after do-support
    for text in ("not sure what it was", "never was the food bland", "do not eat the food"):
        assert flipper._negator_edits(text.split(), None, gradient, np.ones(5), 1) == []


def test_a_negative_polarity_item_is_never_a_candidate(tiny_cnn, tiny_corpus, lexicon_flipper):
    # "would not recommend" -> "would anymore recommend": "anymore", "ever" and "yet" need the negation
    # they would replace, however positive the corpus finds them
    from nlpkit.flip.pos import PosTable

    from .conftest import _vectors

    kv = _vectors()
    kv.add_vectors(["anymore", "splendid"], np.tile(kv["lovely"], (2, 1)))
    corpus = tiny_corpus + [(["the", "food", "was", word], "pos") for word in ("anymore", "splendid")] * 5
    tags = {**POS_TAGS, "anymore": ("ADV",), "splendid": ("ADV",)}
    flipper = SentimentFlipper(tiny_cnn, kv, pos=PosTable(tags), tagger="table", min_count=1,
                               antonyms=lexicon_flipper.antonyms_).fit(corpus)
    flipper._space()
    assert flipper.polarity_.scores(["anymore"])[0] > 0.5
    found = flipper._candidates(kv["not"], kv["not"] - kv["lovely"], "ADV", 1, ["not"])
    assert [c.word for c in found] == ["splendid"]


def test_no_before_a_noun_can_become_an_adjective_of_the_target_polarity(lexicon_flipper, monkeypatch):
    flipper = lexicon_flipper
    seen = stub_ray_search(flipper, monkeypatch, ["tasty", "water"])
    tokens = "we have no water and no ice".split()
    tags = ["OTHER", "VERB", "OTHER", "NOUN", "OTHER", "OTHER", "NOUN"]
    edits = flipper._no_edits(tokens, tags, np.ones((len(tokens), 6)), np.ones(len(tokens)), 1)
    # "water" is already in the sentence, so only "tasty" is proposed, once per "no"
    assert [(e.position, e.old, e.new, e.kind) for e in edits] == [(2, ("no",), ("tasty",), "ray"),
                                                                   (5, ("no",), ("tasty",), "ray")]
    assert seen == [("ADJ", 1, ("no",))] * 2
    # set phrases, pronouns, stop words, "little to no", a clause that needs the negation ("at all"),
    # the sentence's end and words that are not nouns or adjectives keep their "no"
    for text, tag in (("no one came", "NOUN"), ("no way !", "NOUN"), ("she says no i am", "NOUN"),
                      ("oh no what a mess", "NOUN"), ("little to no water", "NOUN"),
                      ("no water at all", "NOUN"), ("i said no", None), ("no really", "ADV")):
        words = text.split()
        tags = ["OTHER"] * len(words)
        if tag:
            tags[words.index("no") + 1] = tag
        assert flipper._no_edits(words, tags, np.ones((len(words), 6)), np.ones(len(words)), 1) == [], text


def test_the_search_is_offered_the_negation_edits(tiny_cnn, tiny_corpus, monkeypatch):
    """The "no" edits and the do-support merge reach the beam search's pool (with the tags they need)."""
    import nlpkit.flip.flipper as flipper_module
    from nlpkit.flip.pos import PosTable

    from .conftest import POS_TAGS

    docs, labels = zip(*tiny_corpus)
    flipper = SentimentFlipper(tiny_cnn, polarity=PolarityTable(min_count=1).fit(docs, labels), tagger="table",
                               pos=PosTable({**POS_TAGS, "did": ("VERB",), "like": ("VERB",), "no": ("OTHER",)}),
                               margin=0.1, min_count=1).fit(tiny_corpus)
    pools = []
    monkeypatch.setattr(flipper_module, "beam_search", lambda tokens, pool, *a, **k: pools.append(pool))
    flipper.flip("the staff did n't like the food and there was no pizza".split())
    edits = {(e.old, e.kind) for pool in pools for e in pool}
    assert (("did", "n't", "like"), "negation") in edits and (("no",), "ray") in edits


def test_an_adjective_is_never_inserted_before_a_pronoun(lexicon_flipper, monkeypatch):
    flipper = lexicon_flipper
    asked = []
    monkeypatch.setattr(flipper, "_words_from_ray", lambda i, tokens, *args, **kw: asked.append(tokens[i]) or [])
    tokens = "the food was there and that i saw the show".split()
    tags = ["OTHER", "NOUN", "VERB", "ADV", "OTHER", "OTHER", "NOUN", "VERB", "OTHER", "NOUN"]  # a tagger's "i"
    flipper._insert_edits(tokens, tags, np.ones((len(tokens), 6)), np.ones(len(tokens)), -1)
    assert asked == ["food", "show"]          # "show" is a stop word to spaCy, but a noun worth qualifying


@pytest.mark.parametrize("with_lexicon", [True, False])
def test_only_verbs_that_carry_opinion_get_rays(lexicon_flipper, monkeypatch, with_lexicon):
    flipper = lexicon_flipper
    rays = []
    monkeypatch.setattr(flipper, "_candidates", lambda vector, gradient_row, tag, *a, **k: rays.append(tag) or [])
    tokens = ["pizza", "staff", "service", "lovely"]
    tags = ["VERB", "VERB", "NOUN", "ADJ"]
    # log-odds toward positive: all four lean negative; only "pizza" is strongly polar
    monkeypatch.setattr(flipper.polarity_, "scores", lambda words: np.array([-3.5, -2.5, -5.0, -0.6]))
    if not with_lexicon:
        monkeypatch.setattr(flipper.polarity_, "lexicon_", {})
    flipper._ray_edits(tokens, tags, [True] * 4, np.ones((4, 6)), np.array([4.0, 3.0, 2.0, 1.0]), 1)
    # a noun outside the lexicon never gets a ray, unless there is no lexicon to tell evaluative nouns
    assert rays == (["VERB", "ADJ"] if with_lexicon else ["VERB", "NOUN", "ADJ"])


def test_an_adjective_put_in_from_a_ray_is_never_a_comparative(lexicon_flipper, monkeypatch):
    # "thanks for sharing the worse graduation event": an inserted adjective is never a comparative, and a
    # superlative only after "the" or a possessive ("our worst tour guide", not "a worst meal")
    flipper = lexicon_flipper
    forms = []
    monkeypatch.setattr(flipper, "_candidates", lambda *a, **k: forms.append((a[2], k.get("form"))) or [])
    tokens = "the food had no flavor".split()
    tags = ["OTHER", "NOUN", "VERB", "OTHER", "NOUN"]
    gradient, saliencies = np.ones((len(tokens), 6)), np.ones(len(tokens))
    flipper._insert_edits(tokens, tags, gradient, saliencies, 1)
    flipper._no_edits(tokens, tags, gradient, saliencies, 1)
    assert forms == [("ADJ", ("plain", "superlative")), ("ADJ", ("plain",))]
    forms.clear()
    for determiner in ("a", "some", "every"):
        flipper._insert_edits(f"we had {determiner} meal".split(), ["OTHER", "VERB", "OTHER", "NOUN"],
                              np.ones((4, 6)), np.ones(4), 1)
    flipper._insert_edits("we had our meal".split(), ["OTHER", "VERB", "OTHER", "NOUN"], np.ones((4, 6)), np.ones(4), 1)
    assert forms == [("ADJ", ("plain",))] * 3 + [("ADJ", ("plain", "superlative"))]
    forms.clear()
    flipper._negator_edits("i would not go".split(), None, np.ones((4, 6)), np.ones(4), 1)
    assert forms == [("ADV", None)]



def test_framing_and_attitude_adverbs_replace_only_their_own_kind(tiny_cnn, tiny_corpus, lexicon_flipper):
    # "he fixed them perfectly" became "he fixed them unfortunately": an attitude or framing adverb is no
    # manner adverb, and an attitude adverb is replaced by another ("luckily" -> "unfortunately")
    from nlpkit.flip.pos import PosTable

    from .conftest import _vectors

    kv = _vectors()
    extra = ["unfortunately", "obviously", "badly", "sadly", "gladly"]
    kv.add_vectors(extra, np.tile(kv["awful"], (len(extra), 1)) + np.arange(len(extra))[:, None] * 0.01)
    corpus = tiny_corpus + [(["the", "food", "was", word], "neg" if word != "gladly" else "pos")
                            for word in extra] * 5
    tags = {**POS_TAGS, **{w: ("ADV",) for w in extra}}
    flipper = SentimentFlipper(tiny_cnn, kv, pos=PosTable(tags), tagger="table", min_count=1,
                               antonyms=lexicon_flipper.antonyms_).fit(corpus)
    flipper._space()
    ray = kv["great"], kv["great"] - kv["awful"]        # the ray runs from "great" toward "awful"
    assert {c.word for c in flipper._candidates(*ray, "ADV", -1, ["perfectly"])} == {"badly"}
    from nlpkit.flip.pos import ATTITUDE_ADVERBS

    found = flipper._candidates(*ray, "ADV", -1, ["luckily"], within=ATTITUDE_ADVERBS)
    assert {c.word for c in found} == {"unfortunately", "sadly"}


def test_an_adjective_for_how_someone_feels_is_replaced_by_another(tiny_cnn, tiny_corpus, lexicon_flipper, monkeypatch):
    # "i 'm disappointed to say" became "i 'm amazing to say": what causes a feeling is no feeling
    from nlpkit.flip.pos import PosTable

    from .conftest import _vectors

    kv = _vectors()
    extra = ["disappointed", "delighted", "amazing", "happy", "sad"]
    kv.add_vectors(extra, np.tile(kv["awful"], (len(extra), 1)) + np.arange(len(extra))[:, None] * 0.01)
    polar = {"disappointed": "neg", "delighted": "pos", "amazing": "pos", "happy": "pos", "sad": "neg"}
    corpus = tiny_corpus + [(["the", "food", "was", w], polar[w]) for w in extra] * 5
    # "delighted" is mostly a verb to the table: the list lets it take an adjective's slot all the same
    tags = {**POS_TAGS, **{w: ("ADJ",) for w in extra}, "delighted": ("VERB",)}
    flipper = SentimentFlipper(tiny_cnn, kv, pos=PosTable(tags), tagger="table", min_count=1,
                               antonyms=lexicon_flipper.antonyms_).fit(corpus)
    flipper._space()
    kind = flipper._own_kind
    within = kind("i was disappointed".split(), ["OTHER", "VERB", "ADJ"], 2)
    assert within == {"disappointed", "delighted", "happy", "sad"}
    found = flipper._candidates(kv["disappointed"], kv["disappointed"] - kv["great"], "ADJ", 1, ["disappointed"],
                                within=within)
    assert {c.word for c in found} == {"delighted", "happy"}             # not "amazing"
    assert kind("a happy hour".split(), ["OTHER", "ADJ", "NOUN"], 1) is None          # not before a noun
    assert kind("luckily he came".split(), ["ADV", "OTHER", "VERB"], 0) is not None
    # a participle of a verb of feeling that something causes counts in its -ed form only, and as an opinion word
    monkeypatch.setattr(flipper, "pos_", PosTable(tags, feeling_verbs=["wowed", "wowing", "animated"],
                                                  feeling_kinds={"wowed": "causes", "wowing": "causes",
                                                                 "animated": "causes"}))
    monkeypatch.setattr(flipper.polarity_, "lexicon_", {"wowed": 1, "wowing": 1}, raising=False)  # no NLTK data: none
    assert flipper._is_experiencer("wowed") and not flipper._is_experiencer("wowing")
    assert not flipper._is_experiencer("animated")                        # "the film is animated" -> "annoyed"


def test_a_verb_that_is_a_verdict_is_replaced_only_by_another_of_its_form(lexicon_flipper):
    # "this place sucks" became "this place loves", "customer service sucks" "... smiles": the nearest verbs on
    # the ray take objects
    kind = lexicon_flipper._own_kind
    assert kind("this place sucks !".split(), ["OTHER", "NOUN", "VERB", "OTHER"], 2) == {
        "sucks", "rocks", "rules", "stinks", "blows", "excels", "shines", "disappoints", "delivers"}
    assert "rocked" in kind("it sucked".split(), ["OTHER", "VERB"], 1)                  # past for past
    assert kind("customer service sucks .".split(), ["NOUN", "NOUN", "NOUN", "OTHER"], 2)   # a tagger's slip
    assert kind("i got sucked in .".split(), ["OTHER", "VERB", "VERB", "OTHER", "OTHER"], 2) is None  # phrasal
    assert kind("it sucks the life out".split(), ["OTHER", "VERB", "OTHER", "NOUN", "OTHER"], 1) is None
    assert kind("we were sucked .".split(), ["OTHER", "VERB", "VERB", "OTHER"], 2) is None   # after "were"
