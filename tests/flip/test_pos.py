import pytest

from nlpkit.flip import pos
from nlpkit.flip.pos import PerceptronTagger, PosTable, Tagger, suffix_tag


@pytest.mark.parametrize("word, tag", [("quickly", "ADV"), ("happiness", "NOUN"), ("wonderful", "ADJ"),
                                       ("<num>", "NUM"), ("42", "NUM"), (",", "OTHER"), ("walked", "VERB")])
def test_pos_suffix_rules(word, tag):
    assert suffix_tag(word) == tag


def test_pos_table_from_tagged_keeps_frequent_tags_and_round_trips(tmp_path):
    pairs = [("run", "VERB")] * 6 + [("run", "NOUN")] * 4 + [("rare", "ADJ")] + [("great", "ADJ")] * 5
    table = PosTable.from_tagged(pairs, min_count=2, min_share=0.3)
    assert table.tags_of("run") == ("VERB", "NOUN") and table.tags_of("great") == ("ADJ",)
    assert table.tags_of("rare") == ("NOUN",)            # too rare for the table: suffix rules decide
    assert PosTable.load(table.save(tmp_path / "t.json")).tags == table.tags


def test_pos_tagger_table_backend_works_without_nltk_data():
    tagger = Tagger(PosTable({"food": ("NOUN",), "great": ("ADJ",), "was": ("VERB",)}), backend="table")
    assert tagger.tag("the food was great !".split()) == ["NOUN", "NOUN", "VERB", "ADJ", "OTHER"]


def test_pos_table_backend_reads_a_verb_after_a_subject_or_modal():
    table = PosTable({"love": ("NOUN", "VERB"), "story": ("NOUN",), "really": ("ADV",), "this": ("OTHER",)})
    tagger = Tagger(table, backend="table")
    assert tagger.tag("i love this film".split())[1] == "VERB"
    assert tagger.tag("we really love this".split())[2] == "VERB"
    assert tagger.tag("you 'll love it".split())[2] == "VERB"
    assert tagger.tag("a love story".split())[1] == "NOUN"
    assert tagger.tag("i story".split())[1] == "NOUN"                  # only a word that can be a verb
    assert tagger.tag("i do n't love it".split())[3] == "VERB"
    adjective = Tagger(PosTable({"boring": ("ADJ", "VERB"), "found": ("VERB",)}), backend="table")
    assert adjective.tag("i found you boring".split())[3] == "ADJ"     # only a noun turns


def test_a_base_verb_follows_a_negated_do_whatever_the_tagger_guessed():
    # the table calls "like" a preposition (movie reviews say "like a"), as NLTK's perceptron does after "did n't"
    tagger = Tagger(PosTable({"like": ("OTHER",), "even": ("ADV",), "the": ("OTHER",), "food": ("NOUN",)}),
                    backend="table")
    assert tagger.tag("i did n't like the food".split())[3] == "VERB"
    assert tagger.tag("she does not like it".split())[3] == "VERB"
    assert tagger.tag("i did n't even like it".split())[4] == "VERB"       # an adverb between
    assert tagger.tag("they did n't even try".split())[3] != "VERB"         # the adverb stays one
    assert tagger.tag("i like the food".split())[1] != "VERB"               # no do-support: the tagger's say
    assert tagger.tag("did n't the food".split())[2] != "VERB"              # not a verb's base form
    # in a question the subject follows: "staff" stays a noun ("why staffed help us ?" otherwise)
    question = Tagger(PosTable({"staff": ("NOUN",), "help": ("VERB",)}), backend="table")
    assert question.tag("why did n't staff help us ?".split())[3] == "NOUN"
    assert question.tag("why did n't staff help us".split())[3] == "NOUN"
    assert question.tag("did n't staff help us ?".split())[2] == "NOUN"
    assert question.tag("the manager did n't staff the bar".split())[4] == "VERB"
    # the suffix rules call "even" a noun, so they are left as they are ("they evened try" otherwise)
    assert Tagger(PosTable(), backend="suffix").tag("they did n't even try".split())[3] == "NOUN"


def test_the_perceptron_reads_a_verb_after_a_negated_do(nltk_env):
    from nlpkit.flip.pos import _perceptron
    from nlpkit.flip.rules import negation_edits

    assert _perceptron() is not None, "NLTK's tagger data should be in the shared data"

    tokens = "i did n't like the food".split()
    tags = Tagger(PosTable({"like": ("OTHER",)}), backend="perceptron").tag(tokens)
    assert tags[3] == "VERB"
    assert [e.new for e in negation_edits(tokens, tags) if len(e.old) == 3] == [("liked",)]


@pytest.mark.integration
@pytest.mark.slow
def test_pos_perceptron_reader_matches_nltk(nltk_env):
    import nltk.tag.perceptron

    ours = PerceptronTagger.find()
    theirs = nltk.tag.perceptron.PerceptronTagger()
    sentences = ["the food was great and the staff were very friendly .".split(),
                 "In 1999 , 3 well-known chefs opened The Place on 5th Avenue".split(),
                 "i would n't go back , it was over priced".split()]
    for tokens in sentences:
        assert ours.tag(tokens) == theirs.tag(tokens)


@pytest.mark.integration
@pytest.mark.slow
def test_pos_tagger_auto_prefers_the_perceptron_then_wordnet(nltk_env):
    pos._perceptron.cache_clear(), pos._wordnet.cache_clear()  # an earlier test may have found no data
    try:
        assert Tagger().backend == "perceptron"
        assert Tagger().tag("the food was great".split()) == ["OTHER", "NOUN", "VERB", "ADJ"]
        assert Tagger(backend="wordnet").tag(["great", "quickly", "food"]) == ["ADJ", "ADV", "NOUN"]
    finally:
        pos._perceptron.cache_clear(), pos._wordnet.cache_clear()


def test_pos_table_dictionary_corrects_nouns_and_answers_for_rare_candidates(tmp_path):
    dictionary = {"flawless": ("ADJ",), "emerges": ("VERB",), "charming": ("VERB", "ADJ"), "film": ("NOUN",),
                  "simpler": ("ADJ",), "plot": ("NOUN", "VERB")}
    table = PosTable.from_tagged([("film", "NOUN")] * 3 + [("plot", "NOUN")] * 3, dictionary=dictionary)
    assert "film" not in table.dictionary and "plot" not in table.dictionary   # the table knows them as nouns
    assert table.corrected_tag("flawless", "NOUN") == "ADJ" and table.corrected_tag("emerges", "NOUN") == "VERB"
    assert table.corrected_tag("charming", "NOUN") == "ADJ"           # an adjective where it can be one
    assert table.corrected_tag("film", "NOUN") == table.corrected_tag("zorb", "NOUN") == "NOUN"
    assert table.candidate_tags("simpler") == ("ADJ",) and table.tags_of("simpler") == ("NOUN",)
    assert table.candidate_tags("film") == ("NOUN",)
    tagger = Tagger(table, backend="table")
    assert tagger._tags_by_dictionary("this flawless film emerges".split(), ["OTHER", "NOUN", "NOUN", "NOUN"]) == [
        "OTHER", "ADJ", "NOUN", "VERB"]
    loaded = PosTable.load(table.save(tmp_path / "t.json"))
    assert (loaded.tags, loaded.dictionary) == (table.tags, table.dictionary)
    feeling = PosTable.from_tagged([("hated", "VERB")] * 2, feeling_verbs=["hated", "bored"],
                                   feeling_kinds={"hated": "feels", "bored": "causes", "film": "feels"})
    loaded = PosTable.load(feeling.save(tmp_path / "f.json"))
    assert loaded.feeling_verbs == {"hated", "bored"}
    assert loaded.feeling_kinds == {"hated": "feels", "bored": "causes"}      # kinds only of feeling verbs


def test_pos_table_saved_before_the_dictionary_loads_without_one(tmp_path):
    import json

    path = tmp_path / "old.json"
    path.write_text(json.dumps({"format": "nlpkit-pos-table/1", "tags": {"food": "NOUN"}}))
    table = PosTable.load(path)
    assert table.tags == {"food": ("NOUN",)} and table.dictionary == {} and table.corrected_tag("food", "VERB") == "VERB"
    assert table.feeling_verbs == frozenset() and table.feeling_kinds == {}


@pytest.mark.integration
@pytest.mark.slow
def test_pos_perceptron_nouns_that_wordnet_never_calls_nouns_take_its_tag(nltk_env):
    import nltk.tag.perceptron

    from nlpkit.flip.flipper import build_pos_table

    pos._perceptron.cache_clear(), pos._wordnet.cache_clear()
    try:
        tokens = "with this masterful , flawless film , wang emerges".split()
        raw = [pos.coarse(t) for _, t in nltk.tag.perceptron.PerceptronTagger().tag(tokens)]
        assert [raw[i] for i in (2, 4, 8)] == ["NOUN", "NOUN", "NOUN"]   # what the bare perceptron says
        table = build_pos_table([tokens, "i do n't like this place .".split(), "the service was very slow".split()] * 2)
        tags = Tagger(table).tag(tokens)
        assert [tags[i] for i in (2, 4, 8)] == ["ADJ", "ADJ", "VERB"]
        assert tags[5] == tags[7] == "NOUN"           # a real noun, and a name WordNet does not know, stay
        assert Tagger(table).tag("the plot was a bore".split())[-1] == "NOUN"  # WordNet knows "bore" as a noun too
        # closed-class words keep the perceptron's tags, in the table it builds too
        assert table.tags_of("like") == ("VERB",) and table.tags_of("very") == ("ADV",)
        assert table.candidate_tags("masterful") == ("ADJ",)
        assert PosTable().dictionary == {} and pos.wordnet_parts_of_speech(["42", "one", "n't"]) == {}
        # verbs that name feelings, by their commonest WordNet verb sense: a weakly polar lexicon verb
        # is edited only when it is one ("the jokes fall flat" must not become "the jokes boost flat")
        # ("fail" names a feeling only in its third verb sense; "bore" in its first)
        assert pos.wordnet_feeling_verbs(["hated", "liked", "enjoy", "bore", "fall", "fail", "plot", "film", "42"]) == {
            "hated", "liked", "enjoy", "bore"}
        assert table.feeling_verbs == {"like"}          # of the sentences the table was built from
        # whether the subject feels the feeling or causes it, by the frames of the verb.emotion senses
        assert pos.wordnet_feeling_kinds(["loved", "hated", "liked", "enjoy", "despise", "bored", "sicken",
                                          "delighted", "mortified", "fall", "plot"]) == {
            "loved": "feels", "hated": "feels", "liked": "feels", "enjoy": "feels", "despise": "feels",
            "bored": "causes", "sicken": "causes", "delighted": "causes", "mortified": "causes"}
        assert table.feeling_kinds == {"like": "feels"}
        # opinion-lexicon words are candidates whether or not the corpus has them: the table must know
        # them ("refine" took the suffix rules' noun: "what a waste of time" -> "what a refine of time")
        assert table.candidate_tags("refine") == ("NOUN",) and "loathe" not in table.feeling_verbs
        with_lexicon = build_pos_table([tokens] * 2, extra_words=["refine", "loathe"])
        assert with_lexicon.candidate_tags("refine") == ("VERB",)
        assert with_lexicon.feeling_kinds == {"loathe": "feels"}
    finally:
        pos._perceptron.cache_clear(), pos._wordnet.cache_clear()


@pytest.mark.parametrize("word, number", [("disaster", "singular"), ("recommendations", "plural"), ("gems", "plural"),
                                          ("mess", "singular"), ("genius", "singular"), ("analysis", "singular"),
                                          ("chorus", "singular"), ("news", "singular"), ("chaos", "singular")])
def test_noun_number_reads_the_plural_from_the_ending(word, number):
    from nlpkit.flip.pos import noun_number

    assert noun_number(word) == number


@pytest.mark.parametrize("word, form", [("liked", "ed"), ("loving", "ing"), ("hates", "s"), ("love", "base"),
                                        ("pass", "base"), ("saw", "ed"), ("sees", "s"), ("took", "ed"), ("lost", "ed"),
                                        ("gone", "ed")])
def test_verb_form_reads_the_inflection_from_the_ending_or_an_irregular_past(word, form):
    from nlpkit.flip.pos import verb_form

    assert verb_form(word) == form


def test_a_word_that_can_be_an_adjective_is_one_after_an_intensifier_whatever_the_tagger_said():
    tagger = Tagger(PosTable({"salty": ("NOUN", "ADJ"), "pizza": ("NOUN",)}), backend="table")
    tokens = "everything was so very salty".split()
    assert tagger._adjectives_in_context(tokens, ["NOUN", "VERB", "ADV", "ADV", "NOUN"])[-1] == "ADJ"
    assert tagger._adjectives_in_context("a very pizza".split(), ["OTHER", "ADV", "NOUN"])[-1] == "NOUN"
    assert tagger.tag(tokens)[-1] == "ADJ"


def test_adjective_degree_keeps_superlatives_apart_from_plain_adjectives():
    from nlpkit.flip.pos import adjective_degree

    known = {"big", "happy", "nice", "great"}
    assert adjective_degree("worst") == adjective_degree("best") == "superlative"
    assert adjective_degree("worse") == "comparative"
    assert adjective_degree("biggest", known) == adjective_degree("happiest", known) == "superlative"
    assert adjective_degree("nicest", known) == adjective_degree("greatest", known) == "superlative"
    assert adjective_degree("honest", known) == adjective_degree("great", known) == "plain"


def test_a_candidate_takes_the_corpus_tag_the_dictionary_allows():
    # the perceptron calls "ugly" an adverb more often than an adjective in lower-case Yelp reviews
    table = PosTable({"ugly": ("ADV", "ADJ"), "fast": ("ADV", "ADJ"), "great": ("ADJ",), "worth": ("OTHER", "ADJ")},
                     dictionary={"ugly": ("ADJ",), "fast": ("ADJ", "ADV"), "prettily": ("ADV",)})
    assert table.primary_tag("ugly") == "ADJ"
    assert table.primary_tag("fast") == "ADV"           # the dictionary allows it: the corpus decides
    assert table.primary_tag("great") == "ADJ"          # the dictionary does not know it
    assert table.primary_tag("worth") == "OTHER"        # the dictionary has no closed-class tags
    assert table.primary_tag("prettily") == "ADV"       # too rare for the table


def test_degree_words_grade_and_adverbs_before_nouns_are_adjectives():
    tagger = Tagger(PosTable({"worst": ("ADJ",), "quickly": ("ADV",)}), backend="table")
    tokens = "this is pretty darn good pizza".split()
    assert tagger._modifiers(tokens, "OTHER VERB ADJ ADJ ADJ NOUN".split())[2:4] == ["ADV", "ADV"]
    assert tagger._modifiers("a pretty garden".split(), "OTHER ADJ NOUN".split())[1] == "ADJ"
    assert tagger._modifiers("the way nice people are".split(), "OTHER NOUN ADJ NOUN VERB".split())[1] == "NOUN"
    assert tagger._modifiers("worst customer service".split(), "ADV NOUN NOUN".split())[0] == "ADJ"
    assert tagger._modifiers("quickly service".split(), "ADV NOUN".split())[0] == "ADV"


def test_after_a_noun_a_word_the_corpus_only_used_as_a_verb_is_one():
    tagger = Tagger(PosTable({"smelt": ("VERB",), "love": ("VERB", "ADJ")}), backend="table")
    tokens = "this place smelt like old urine".split()
    assert tagger._tags_by_dictionary(tokens, "OTHER NOUN NOUN OTHER ADJ NOUN".split())[2] == "VERB"
    # after a preposition a noun however rare: "i 'm in love" must not become "i 'm in hate"
    assert tagger._tags_by_dictionary("i 'm in love".split(), "OTHER VERB OTHER NOUN".split())[3] == "NOUN"


def test_the_perceptron_reads_a_lower_case_i_as_the_pronoun(nltk_env):
    from nlpkit.flip.pos import _perceptron

    assert _perceptron() is not None, "NLTK's tagger data should be in the shared data"
    bare = [pos.coarse(t) for _, t in _perceptron().tag("i hate to see it".split())]
    assert bare[1] == "NOUN" and bare[0] != "OTHER"                     # what the bare perceptron says
    tags = Tagger(PosTable(), backend="perceptron").tag("i hate to see it".split())
    assert tags[:2] == ["OTHER", "VERB"]


def test_a_tag_the_dictionary_never_gives_a_word_is_corrected_but_a_participle_stays_an_adjective():
    table = PosTable({}, dictionary={"wonderful": ("ADJ",), "ugly": ("ADJ",), "overcooked": ("VERB",),
                                     "overly": ("ADV",), "bc": ("ADV",)})
    assert table.corrected_tag("wonderful", "VERB") == "ADJ"       # "what wonderful food" -> "what hate food"
    assert table.corrected_tag("ugly", "ADV") == "ADJ"             # "started to get ugly" -> "get perfectly"
    assert table.corrected_tag("overcooked", "ADJ") == "ADJ"       # "overcooked food": WordNet has the verb only
    assert table.corrected_tag("overly", "ADJ") == "ADV"
    assert table.corrected_tag("bc", "VERB") == "ADV"
    assert table.corrected_tag("ugly", "OTHER") == "OTHER"         # closed classes are the tagger's
    tagger = Tagger(table, backend="table")
    tags = tagger._tags_by_dictionary("what wonderful food".split(), ["OTHER", "VERB", "NOUN"])
    assert tags == ["OTHER", "ADJ", "NOUN"]
    assert tagger._tags_by_dictionary("rude or wonderful .".split(), ["ADJ", "OTHER", "VERB", "OTHER"])[2] == "ADJ"
    # in a sentence an adverb stays one: WordNet misses adverb uses ("i ordered my tires online")
    # nor does a "verb" right after a noun ("i ordered my tires online": VBP to the perceptron)
    online = Tagger(PosTable({}, dictionary={"online": ("ADJ",)}), backend="table")
    assert online._tags_by_dictionary("ordered it online".split(), ["VERB", "OTHER", "ADV"])[2] == "ADV"
    assert online._tags_by_dictionary("my tires online ,".split(), ["OTHER", "NOUN", "VERB", "OTHER"])[2] == "VERB"
    # after a linking verb a word that can be an adjective is one ("things started to get ugly"), by the
    # corpus or by the dictionary where it never calls the word an adverb (the shipped table has "ugly"
    # as an adverb only; WordNet's adjective "very" is an adverb after a copula)
    linking = Tagger(PosTable({"ugly": ("ADV",), "very": ("ADV",), "wearing": ("VERB",)},
                              dictionary={"ugly": ("ADJ",), "very": ("ADJ", "ADV"), "wearing": ("ADJ", "VERB")}),
                     backend="table")
    assert linking._adjectives_in_context("to get ugly".split(), ["OTHER", "VERB", "ADV"])[2] == "ADJ"
    assert linking._adjectives_in_context("was very slow".split(), ["VERB", "ADV", "ADJ"])[1] == "ADV"
    assert linking._adjectives_in_context("was wearing pants".split(), ["VERB", "VERB", "NOUN"])[1] == "VERB"
