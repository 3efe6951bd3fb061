import numpy as np

from nlpkit.flip.result import Edit
from nlpkit.flip.search import Scores, beam_search, render

TOKENS = "the food was great and the staff was friendly".split()
POOL = [Edit(3, ("great",), ("awful",), "ray"), Edit(8, ("friendly",), ("rude",), "ray"),
        Edit(3, ("great",), ("grey",), "ray"), Edit(8, ("friendly",), ("hostile",), "ray")]


def scorer(negative_words, weights=None, lm_penalty=None):
    """p(target) grows with the weight of negative words present; the LM dislikes some words."""
    weights = weights or {}
    lm_penalty = lm_penalty or {}

    def score(rewrites):
        p = np.array([min(0.99, 0.1 + sum(weights.get(w, 0.45) for w in r if w in negative_words)) for r in rewrites])
        lm = np.array([-sum(lm_penalty.get(w, 0.0) for w in r) for r in rewrites])
        return Scores(primary=p, secondary=p, lm_delta=lm)

    return score


def test_search_stops_at_the_fewest_edits_that_reach_the_target():
    outcome = beam_search(TOKENS, POOL, scorer({"awful", "rude"}, {"awful": 0.6}), 0.6, max_edits=3, beam=2)
    assert outcome.reached and [e.new for e in outcome.edits] == [("awful",)]


def test_search_combines_edits_when_one_is_not_enough():
    outcome = beam_search(TOKENS, POOL, scorer({"awful", "rude"}), 0.9, max_edits=3, beam=2)
    assert outcome.reached
    assert sorted(e.new for e in outcome.edits) == [("awful",), ("rude",)]


def test_search_prefers_the_more_fluent_of_equally_successful_rewrites():
    score = scorer({"rude", "hostile"}, {"rude": 0.6, "hostile": 0.6}, lm_penalty={"hostile": 3.0})
    outcome = beam_search(TOKENS, POOL, score, 0.6, max_edits=2, beam=2)
    assert [e.new for e in outcome.edits] == [("rude",)]


def test_search_returns_the_best_attempt_when_the_budget_runs_out():
    outcome = beam_search(TOKENS, POOL, scorer({"awful"}), 0.95, max_edits=2, beam=2)
    assert not outcome.reached
    assert ("awful",) in [e.new for e in outcome.edits]
    assert beam_search(TOKENS, [], scorer(set()), 0.6, 2, 2) is None


def test_search_returns_nothing_when_every_attempt_reads_further_from_the_target():
    def score(rewrites):            # the source scores 0.3; every edit lowers it
        p = np.array([0.3 - 0.1 * sum(a != b for a, b in zip(r, TOKENS)) for r in rewrites])
        return Scores(primary=p, secondary=p, lm_delta=np.zeros(len(rewrites)))

    assert beam_search(TOKENS, POOL, score, 0.9, max_edits=2, beam=2) is None


def test_search_keeps_a_closer_attempt_the_language_model_dislikes():
    # one edit allowed: only "awful" reads closer than the source (0.35 > 0.10), and the LM dislikes it;
    # the fluent edits ("grey", ...) leave p(target) at the source's 0.10
    score = scorer({"awful", "grey"}, {"awful": 0.25, "grey": 0.0}, lm_penalty={"awful": 2.0})
    source = score([TOKENS]).agreed[0]
    outcome = beam_search(TOKENS, POOL, score, 0.9, max_edits=1, beam=2)
    assert source == 0.1 and outcome is not None and [e.new for e in outcome.edits] == [("awful",)]


def test_a_best_attempt_never_loses_a_classifier_that_read_the_target():
    def score(rewrites):        # the CNN reads the source as the target; "awful" raises the other and drops it
        awful = np.array(["awful" in r for r in rewrites])
        return Scores(primary=np.where(awful, 0.4, 0.7), secondary=np.where(awful, 0.6, 0.2),
                      lm_delta=np.zeros(len(rewrites)))

    assert beam_search(TOKENS, POOL[:1], score, 0.9, max_edits=1, beam=2) is None


def test_a_best_attempt_must_read_closer_to_both_classifiers_together():
    """Toward positive, "it 's ok ." once became "it 's not ok .": the weaker classifier rose (0.17 -> 0.24),
    the CNN fell further (0.49 -> 0.27). A sum that falls is no step toward the target."""
    def score(rewrites, cnn_after=0.27):
        awful = np.array(["awful" in r for r in rewrites])
        return Scores(primary=np.where(awful, cnn_after, 0.49), secondary=np.where(awful, 0.24, 0.17),
                      lm_delta=np.zeros(len(rewrites)))

    assert beam_search(TOKENS, POOL[:1], score, 0.9, max_edits=1, beam=2) is None
    closer = beam_search(TOKENS, POOL[:1], lambda r: score(r, cnn_after=0.45), 0.9, max_edits=1, beam=2)
    assert closer is not None and not closer.reached      # the sum rises (0.66 -> 0.69): a best attempt


def test_render_fixes_the_article_before_an_edited_word():
    tokens = "an amazing meal".split()
    assert render(tokens, [Edit(1, ("amazing",), ("disgusting",), "ray")]) == "a disgusting meal".split()
    assert render("a great meal".split(), [Edit(1, ("great",), ("awful",), "ray")]) == "an awful meal".split()


def test_search_prefers_the_stronger_of_equally_fluent_winners():
    pool = [Edit(3, ("great",), ("bad",), "ray", strength=0.6), Edit(3, ("great",), ("awful",), "ray", strength=1.0)]
    score = scorer({"bad", "awful"}, {"bad": 0.6, "awful": 0.6})
    outcome = beam_search(TOKENS, pool, score, 0.6, max_edits=2, beam=2)
    assert [e.new for e in outcome.edits] == [("awful",)]


def old_sentiment_left(rewrite):
    return sum(w in ("great", "friendly") for w in rewrite)


def test_search_takes_one_more_edit_to_remove_a_word_of_the_old_sentiment():
    score = scorer({"awful", "rude"}, {"awful": 0.6, "rude": 0.6})
    plain = beam_search(TOKENS, POOL, score, 0.6, max_edits=3, beam=2)
    assert len(plain.edits) == 1
    outcome = beam_search(TOKENS, POOL, score, 0.6, max_edits=3, beam=2, leftover=old_sentiment_left)
    assert outcome.reached and sorted(e.new for e in outcome.edits) == [("awful",), ("rude",)]


def test_search_keeps_the_first_winner_when_the_extra_edit_removes_nothing():
    pool = POOL[:1] + [Edit(0, ("the",), ("a",), "ray")]
    score = scorer({"awful"}, {"awful": 0.6})
    outcome = beam_search(TOKENS, pool, score, 0.6, max_edits=3, beam=2, leftover=old_sentiment_left)
    assert outcome.reached and [e.new for e in outcome.edits] == [("awful",)]


def test_two_edits_never_bring_in_the_same_word():
    from nlpkit.flip.search import compatible

    tokens = "great authentic food".split()
    a, b = Edit(0, ("great",), ("horrible",), "ray"), Edit(1, ("authentic",), ("horrible",), "ray")
    assert not compatible(a, b)
    assert compatible(a, Edit(1, ("authentic",), ("bland",), "ray"))
    outcome = beam_search(tokens, [a, b], scorer({"horrible"}, {"horrible": 0.3}), 0.9, max_edits=2, beam=2)
    assert render(tokens, outcome.edits).count("horrible") == 1


def test_a_negation_edit_bringing_in_a_negator_never_goes_with_one_close_to_it():
    # "we will definitely be back": "definitely" -> "never" with "not" after "be" read "will never be not back"
    from nlpkit.flip.search import compatible

    never, insert = Edit(2, ("definitely",), ("never",), "negation"), Edit(4, (), ("not",), "negation")
    assert not compatible(never, insert) and not compatible(insert, never)
    assert compatible(never, Edit(9, (), ("not",), "negation"))        # another clause, further on
    # two negators deleted close together do go together: "not fresh , not hot" -> "fresh , hot"
    assert compatible(Edit(3, ("not",), (), "negation"), Edit(6, ("not",), (), "negation"))


def test_a_rewrite_inserts_at_most_one_adjective():
    # "the waiter said ... the shrimp" had become "the wonderful waiter said ... the delicious shrimp"
    from nlpkit.flip.search import compatible

    tokens = "the waiter brought the shrimp".split()
    waiter, shrimp = Edit(1, (), ("wonderful",), "insert"), Edit(4, (), ("delicious",), "insert")
    assert not compatible(waiter, shrimp)
    assert compatible(waiter, Edit(4, ("shrimp",), ("steak",), "ray"))
    outcome = beam_search(tokens, [waiter, shrimp], scorer({"wonderful", "delicious"},
                                                           {"wonderful": 0.4, "delicious": 0.4}), 0.9, max_edits=2, beam=2)
    assert len(outcome.edits) == 1
