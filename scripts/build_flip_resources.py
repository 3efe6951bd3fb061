"""Rebuild the resources `nlpkit flip-sentiment` ships in nlpkit/data/flip/.

They are learned from the same data as the default sentiment CNN (MR sentence polarity +
the movie_reviews corpus split into sentences, tokenised with the "sentiment" preset), plus the
Hu & Liu opinion lexicon and WordNet antonyms:

    NLTK_DATA=../shared/data/nltk_data .venv/bin/python scripts/build_flip_resources.py

Writes (atomically) second_classifier/ (TF-IDF 1-2-gram logistic regression), polarity.json
(naive-Bayes log-odds + lexicon + polar phrases), kneser_ney/ (trigram LM), pos_table.json
(word -> coarse tags, from NLTK's perceptron tagger over the corpus), antonyms.json (WordNet),
and MODEL_CARD.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NLTK_DATA", str(ROOT.parent / "shared" / "data" / "nltk_data"))

CARD = """# flip-sentiment resources (nlpkit/data/flip)

Built by `scripts/build_flip_resources.py` on {date} from {sentences:,} labelled sentences
(MR sentence polarity, {mr:,}; movie_reviews split into sentences, {movies:,}), tokenised with
the `sentiment` preset (the default sentiment CNN learns from the MR snippets alone; the
resources gain vocabulary and LM text from the reviews).

| file | what | size |
|---|---|---|
| second_classifier/ | TF-IDF 1-2-gram logistic regression (C={C}, {features:,} features): the second steering classifier; training accuracy {train_acc:.3f} | {size_second} |
| polarity.json | naive-Bayes log-odds of {words:,} words and {phrases:,} polar bigrams (a movie_reviews sentence, which only inherits its review's label, counts {weight} of an MR snippet), merged with the Hu & Liu opinion lexicon ({lexicon:,} words) | {size_polarity} |
| kneser_ney/ | interpolated Kneser-Ney trigram LM ({vocab:,} words, {trigrams:,} trigrams) | {size_lm} |
| pos_table.json | word -> coarse parts of speech, from NLTK's averaged-perceptron tagger over the corpus ({pos_words:,} words), corrected by and with WordNet's parts of speech ({pos_dictionary:,} words), and the {feeling_verbs:,} words whose commonest WordNet verb sense names a feeling ({feels:,} whose subject feels it, {causes:,} whose subject causes it) | {size_pos} |
| antonyms.json | WordNet 3.0 antonym pairs of single words ({antonyms:,} words) | {size_antonyms} |

Licences: MR and movie_reviews (Pang & Lee) and the opinion lexicon (Hu & Liu) are research
data distributed with NLTK; WordNet is under the WordNet licence (permissive). Intended use:
steering and scoring rewrites of English review sentences; outside movie/product reviews the
polarity table and LM know less and flips get fewer and clumsier.
"""


def _size(path: Path) -> str:
    total = sum(p.stat().st_size for p in path.rglob("*")) if path.is_dir() else path.stat().st_size
    return f"{total / 1e6:.1f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "nlpkit" / "data" / "flip")
    parser.add_argument("--max-features", type=int, default=60000)
    args = parser.parse_args()

    from nltk.corpus import opinion_lexicon

    from nlpkit._io import atomic_write
    from nlpkit.corpus import read_corpus
    from nlpkit.flip import SentimentFlipper
    from nlpkit.flip.linear import NgramLogistic
    from nlpkit.flip.lm import KneserNeyLM
    from nlpkit.flip.polarity import PolarityTable
    from nlpkit.flip.rules import AntonymTable
    from nlpkit.runs import RunRecord
    from nlpkit.sentiment.data import INHERITED_LABEL_WEIGHT, inherited_label_weights, labelled_examples

    started = time.time()
    mr = labelled_examples(read_corpus("mr", pipeline="sentiment"), split=False)
    movies = labelled_examples(read_corpus("movie_reviews", pipeline="sentiment"), split=True)
    pairs = mr + movies
    docs, labels = [t for t, _ in pairs], [l for _, l in pairs]
    weights = inherited_label_weights(len(mr), len(movies))
    print(f"{len(pairs):,} sentences ({len(mr):,} MR, {len(movies):,} movie_reviews)", flush=True)
    polarity = PolarityTable().fit(docs, labels, sample_weight=weights)
    polarity.add_lexicon(opinion_lexicon.positive(), opinion_lexicon.negative())
    second = NgramLogistic(max_features=args.max_features).fit(docs, labels)
    lm = KneserNeyLM(min_count=2).fit(docs)
    print(f"classifier, polarity, LM in {time.time() - started:.0f} s", flush=True)
    flipper = SentimentFlipper(second=second, polarity=polarity, lm=lm, antonyms=AntonymTable.from_wordnet())
    flipper.fit(pairs)
    run = RunRecord("scripts/build_flip_resources.py", params={"max_features": args.max_features,
                                                               "inherited_label_weight": INHERITED_LABEL_WEIGHT},
                    corpus={"mr": len(mr), "movie_reviews_sentences": len(movies)},
                    metrics={"polarity_words": len(polarity.log_odds_), "lm_trigrams": len(lm.tri_keys_)},
                    started=started)  # so run.json times the whole build, not just the save
    flipper.save_resources(args.out, run=run.finish())
    accuracy = float((second.predict_proba(docs).argmax(1) == [second.classes_.index(l) for l in labels]).mean())
    card = CARD.format(date=time.strftime("%Y-%m-%d"), sentences=len(pairs), mr=len(mr), movies=len(movies),
                       C=second.C, features=len(second.vocabulary_), train_acc=accuracy,
                       words=len(polarity.log_odds_), weight=INHERITED_LABEL_WEIGHT, phrases=len(polarity.phrases_),
                       lexicon=len(polarity.lexicon_),
                       vocab=len(lm.words_), trigrams=len(lm.tri_keys_), pos_words=len(flipper.pos_.tags),
                       pos_dictionary=len(flipper.pos_.dictionary),
                       feeling_verbs=len(flipper.pos_.feeling_verbs),
                       feels=sum(k == "feels" for k in flipper.pos_.feeling_kinds.values()),
                       causes=sum(k == "causes" for k in flipper.pos_.feeling_kinds.values()),
                       antonyms=len(flipper.antonyms_.antonyms),
                       size_second=_size(args.out / "second_classifier"), size_polarity=_size(args.out / "polarity.json"),
                       size_lm=_size(args.out / "kneser_ney"), size_pos=_size(args.out / "pos_table.json"),
                       size_antonyms=_size(args.out / "antonyms.json"))
    with atomic_write(args.out / "MODEL_CARD.md") as f:
        f.write(card)
    print(card)
    print(f"done in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
