import numpy as np

from nlpkit.flip.linear import NgramLogistic
from nlpkit.sentiment.ngrams import ngrams_of


def test_the_numpy_scorer_gives_scikit_learns_decision_function(tiny_corpus):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    docs, labels = [list(t) for t, _ in tiny_corpus], [label for _, label in tiny_corpus]
    model = NgramLogistic(min_df=1).fit(docs, labels)
    vectorizer = TfidfVectorizer(analyzer=lambda tokens: ngrams_of(tokens, 1, 2), min_df=1, sublinear_tf=True,
                                 max_features=200_000)
    reference = LogisticRegression(C=4.0, max_iter=1000).fit(vectorizer.fit_transform(docs), labels)
    # rows of different lengths, a repeated n-gram, a row with no known n-gram and one empty row
    rows = [["the", "food", "was", "great"], ["zzz", "qqq"], ["the", "staff", "is", "very", "rude", "rude", "."], [],
            ["not", "great"]]
    expected = reference.decision_function(vectorizer.transform(rows))
    assert np.allclose(model.decision(rows), expected, atol=1e-6)
    assert np.allclose(model.predict_proba(rows)[:, 1], reference.predict_proba(vectorizer.transform(rows))[:, 1],
                       atol=1e-6)
