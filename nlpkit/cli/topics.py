"""``nlpkit topics``: LDA topics of a corpus, their quality, a K sweep, stability, reports, saved models."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app
from ._options import (ExtraStopwords, Format, Json, LabelField, Lemmatize, MinCount, Phrases, Source, Stopwords,
                       TextField, Tokenizer, Unit, pipeline_overrides, refuse_unused_options)
from ._render import message, print_json, progress_bars, stdout, table

KOption = Annotated[str, typer.Option("--k", "-k", help="Topics: a number (20), a sweep START:END[:STEP] (5:40:5, "
                                                        "the end included) or a list (5,10,20).")]
Engine = Annotated[str, typer.Option("--engine", help="tomotopy (collapsed Gibbs sampling, the default: more "
                                                      "coherent and faster on the benchmark) or gensim (online "
                                                      "variational Bayes).")]
Workers = Annotated[int, typer.Option("--workers", help="Threads (tomotopy) or processes (gensim LdaMulticore); "
                                                        "0 (the default) = every core for tomotopy, one process "
                                                        "for gensim. tomotopy repeats a --seed exactly for the "
                                                        "same worker count; gensim only with 1.")]
TopicSeed = Annotated[int, typer.Option("--seed", help="Random seed: the same seed and --workers give exactly the "
                                                       "same topics (gensim: with --workers 1 only).")]
Measures = Annotated[str, typer.Option("--coherence", help="Coherence measures to compute: c_npmi, c_v (slow on "
                                                           "big corpora), both comma-separated, or none.")]


@app.command("topics")
def topics(
    ctx: typer.Context,
    source: Source = None,
    k: KOption = "20",
    engine: Engine = "tomotopy",
    seed: TopicSeed = 0,
    workers: Workers = 0,
    iterations: Annotated[Optional[int], typer.Option("--iterations", help="Gibbs sweeps (tomotopy, default 300) "
                          "or inference iterations per document (gensim, default 200).", show_default=False)] = None,
    passes: Annotated[Optional[int], typer.Option("--passes", help="Passes over the corpus (gensim, default 20).",
                                                  show_default=False)] = None,
    alpha: Annotated[Optional[str], typer.Option("--alpha", help="Document-topic prior: a number; gensim also takes "
                     "auto (learned, the default), symmetric, asymmetric. tomotopy learns an asymmetric alpha "
                     "from this start (default 0.1).", show_default=False)] = None,
    eta: Annotated[Optional[str], typer.Option("--eta", help="Topic-word prior: a number (tomotopy default 0.01); "
                                                            "gensim also takes auto (the default).",
                                               show_default=False)] = None,
    top_n: Annotated[int, typer.Option("--top-n", help="Words shown per topic.")] = 10,
    passage_length: Annotated[Optional[int], typer.Option("--passage-length", help="Train on passages of about "
                              "this many kept tokens cut from longer documents (default: 100 with tomotopy, which "
                              "gives more coherent topics; whole documents with gensim); 0 trains on whole "
                              "documents. Each document's mixture is the token-weighted mean of "
                              "its passages'.", show_default=False)] = None,
    coherence_measures: Measures = "c_npmi,c_v",
    stability_runs: Annotated[Optional[int], typer.Option("--stability", help="Also train with N seeds (seed, "
                              "seed+1, ...) and show how well each topic recurs.", show_default=False)] = None,
    model_dir: Annotated[Optional[Path], typer.Option("--model", help="Do not train: infer the topic mixtures of "
                         "CORPUS with a model saved by --save; options that only training uses are refused.",
                         show_default=False)] = None,
    save: Annotated[Optional[Path], typer.Option("--save", help="Save the model folder (atomically).",
                                                 show_default=False)] = None,
    doc_topics: Annotated[Optional[Path], typer.Option("--doc-topics", help="Write each document's topic mixture "
                          "(CSV: id, label, dominant topic, one column per topic).", show_default=False)] = None,
    report: Annotated[Optional[Path], typer.Option("--report", help="Write a self-contained HTML report "
                                                   "(distance map, word bars, typical documents).",
                                                   show_default=False)] = None,
    plot: Annotated[Optional[Path], typer.Option("--plot", help="Write a PNG of every topic's word bars.",
                                                 show_default=False)] = None,
    csv_out: Annotated[bool, typer.Option("--csv", help="Print the topics as CSV on stdout.")] = False,
    json: Json = False,
    format: Format = "auto",
    text_field: TextField = None,
    label_field: LabelField = None,
    unit: Unit = None,
    stopwords: Stopwords = None,
    extra_stopwords: ExtraStopwords = None,
    lemmatize: Lemmatize = None,
    phrases: Phrases = None,
    min_count: MinCount = None,
    tokenizer: Tokenizer = None,
) -> None:
    """Find the topics of a corpus with LDA, and measure how good they are.

    Preprocessing is the "topics" preset (spaCy stop words, lemmas, words in at least 2
    documents and at most half of them). Each topic is shown with its top words and weights,
    its share of the corpus and its coherence (c_npmi in [-1, 1] and c_v in [0, 1], gensim's
    CoherenceModel over the training texts; higher is better); the summary adds topic
    diversity and, for labelled corpora, the NMI of each document's dominant topic with its
    label. The convergence curve (log-likelihood per word, or the variational bound per
    pass) is shown while training; a ConvergenceWarning says when it has not settled.

    Engines: tomotopy (the default) samples with collapsed Gibbs in C++; on the Brown
    benchmark it gives more coherent topics than gensim's variational LDA in less time
    (benchmarks/results/topics.md). It trains on passages of about 100 kept tokens cut
    from longer documents, which made topics more coherent on both benchmark corpora;
    --passage-length 0 trains on whole documents. Reproducibility: tomotopy trains on every core by
    default, each thread sampling a fixed slice of the vocabulary with its own seeded
    generator, so the same --seed with the same --workers gives exactly the same topics,
    from the CLI and from the Python API alike (a different worker count gives different,
    equally good topics; --workers 1 gives the same topics on any machine with the same
    CPU features, as tomotopy's SIMD code can differ between CPUs). gensim runs one process
    by default; with more, LdaMulticore changes the result from run to run and a
    NonDeterminismWarning says so. The workers used are recorded in run.json.

    --k 5:40:5 trains one model per K, prints K against c_npmi, c_v and diversity, and keeps
    the K with the highest c_npmi (the measure closest to human judgement).

    Examples:
      nlpkit topics                                   # the embedded default corpus (Lee news)
      nlpkit topics brown --k 20 --report brown.html --plot brown.png
      nlpkit topics brown --k 5:40:5 --coherence c_npmi
      nlpkit topics brown --k 20 --stability 3
      nlpkit topics posts.csv --text-field body --k 30 --save posts-lda --doc-topics mixtures.csv
      nlpkit topics new-posts.csv --text-field body --model posts-lda --doc-topics new-mixtures.csv
      nlpkit topics lee --engine gensim --passes 30 --json
    """
    from .._io import check_output_files, check_output_folder
    from ..corpus import Pipeline, read_corpus
    from ..errors import InvalidParameterError
    from ..runs import RunRecord
    from ..topics.report import check_figure_paths

    measures = _measures(coherence_measures)
    overrides = pipeline_overrides(stopwords=stopwords, extra_stopwords=extra_stopwords, lemmatize=lemmatize,
                                   phrases=phrases, min_count=min_count, tokenizer=tokenizer)
    if model_dir is not None:
        refuse_unused_options(ctx, TRAINING_ONLY, "with --model: a saved model is not retrained, and new text is "
                              "cut and tokenised the way its training corpus was",
                              hint="drop those options, or train a new model without --model")
    if json and csv_out:
        raise InvalidParameterError("--json and --csv print the topics two ways; choose one",
                                    hint="--json for the whole result, --csv for one row per topic")
    # refuse a bad output path before training, not after
    check_output_files((report, plot, doc_topics), inputs=(source, stopwords, extra_stopwords))
    check_figure_paths(report, plot)
    if save is not None:
        check_output_folder(save)
    with progress_bars():
        if model_dir is not None:
            _infer(source, model_dir, format, text_field, label_field, unit, doc_topics, json, csv_out)
            return
        corpus = read_corpus(source, pipeline=Pipeline.preset("topics", **overrides), format=format, unit=unit,
                             text_field=text_field, label_field=label_field)
        params = dict(engine=engine, workers=workers or None, iterations=iterations, passes=passes, alpha=alpha,
                      eta=eta, top_n=top_n, passage_length=passage_length)
        record = RunRecord("topics", params={"k": k, "seed": seed, **params, "coherence": measures},
                           corpus={"name": corpus.name, "fingerprint": corpus.fingerprint}, seed=seed)
        model, sweep, stable = _train(corpus, k, seed, params, measures, stability_runs)
        missing = [m for m in measures if m not in model.metrics_]
        if missing or "diversity" not in model.metrics_:
            model.coherence(missing)
        _write_outputs(model, save, doc_topics, report, plot, record, corpus.name)
    _render(model, sweep, stable, corpus.name, json, csv_out)


def _measures(text: str) -> tuple[str, ...]:
    from ..errors import InvalidParameterError
    from ..topics.quality import COHERENCE_MEASURES

    if text.strip().lower() == "none":
        return ()
    measures = tuple(m.strip() for m in text.split(",") if m.strip())
    unknown = [m for m in measures if m not in COHERENCE_MEASURES]
    if unknown:
        raise InvalidParameterError(f"--coherence {text}: unknown measure {unknown[0]!r}",
                                    hint="pass c_npmi, c_v, c_npmi,c_v or none")
    return measures


def _train(corpus, k_text, seed, params, measures, stability_runs):
    from ..topics import TopicModel, parse_k_range, stability, sweep_k

    ks = parse_k_range(k_text)
    sweep = stable = None
    if len(ks) > 1:
        sweep = sweep_k(corpus, ks, measures=measures, seed=seed, **params)
        model = sweep.best_model
    elif stability_runs is not None:
        stable = stability(corpus, stability_runs, k=ks[0], seed=seed, **params)
        model = stable.model
    else:
        model = TopicModel(k=ks[0], seed=seed, **params).fit(corpus)
    if sweep is not None and stability_runs is not None:
        stable = stability(corpus, stability_runs, k=sweep.best_k, seed=seed, **params)
    return model, sweep, stable


def _write_outputs(model, save, doc_topics, report, plot, record, corpus_name) -> None:
    from ..topics.report import write_plot, write_report

    if doc_topics is not None:
        _write_doc_topics(doc_topics, model.doc_ids_, model.labels_, model.doc_topics_)
        message(f"wrote {doc_topics}")
    if report is not None:
        write_report(model, report, title=f"{model.k} topics of {corpus_name}")
        message(f"wrote {report}")
    if plot is not None:
        write_plot(model, plot)
        message(f"wrote {plot}")
    if save is not None:
        record.corpus["documents"] = len(model.doc_ids_)
        model.save(save, run=record)
        message(f"saved the model to {save}")


def _write_doc_topics(path: Path, ids, labels, mixtures) -> None:
    from .._io import atomic_write

    with atomic_write(path) as fh:
        _doc_topics_csv(fh, ids, labels, mixtures)


def _doc_topics_csv(fh, ids, labels, mixtures) -> None:
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(["id", "label", "dominant"] + [f"topic_{t}" for t in range(mixtures.shape[1])])
    for i, row in enumerate(mixtures):
        label = labels[i] if labels else None
        writer.writerow([ids[i], "" if label is None else label, int(row.argmax())] + [f"{v:.4f}" for v in row])


def _render(model, sweep, stable, corpus_name, as_json, as_csv) -> None:
    stability_of = dict(enumerate(stable.per_topic)) if stable else {}
    if as_json:
        data = {"corpus": corpus_name, "k": model.k, "engine": model.engine, "seed": model.seed,
                "workers": model.workers_, "converged": model.converged_, "metrics": model.metrics_,
                "history": model.history_, "topics": [_topic_dict(t, stability_of) for t in model.topics_]}
        if sweep is not None:
            data["sweep"] = sweep.to_dict()
        if stable is not None:
            data["stability"] = stable.to_dict()
        print_json(data)
        return
    if as_csv:
        sys.stdout.write(_topics_csv(model, stability_of))
        return
    out = stdout()
    if sweep is not None:
        columns = ["K"] + [c for c in ("c_npmi", "c_v", "diversity", "nmi") if c in sweep.rows[0]] + ["seconds"]
        out.print(table(f"K sweep on {corpus_name} (best K = {sweep.best_k}, by highest {sweep.criterion})", columns,
                        [[row["k"]] + [row[c] for c in columns[1:-1]] + [row["seconds"]] for row in sweep.rows]))
    measure_names = [m for m in ("c_npmi", "c_v") if m in model.metrics_]
    columns = ["#", "label", "top words (weight)", "share"] + measure_names + (["stability"] if stable else [])
    rows = []
    for topic in model.topics_:
        words = " ".join(f"{w} ({p:.3f})" for w, p in zip(topic.words, topic.weights))
        rows.append([topic.id, topic.label, words, f"{topic.share:.1%}"] + [topic.coherence.get(m) for m in
                                                                                  measure_names]
                    + ([f"{stability_of[topic.id]:.0%}"] if stable else []))
    out.print(table(f"{model.k} topics of {corpus_name} ({model.engine}, seed {model.seed}, "
                    f"{model.workers_} worker{'s' if model.workers_ > 1 else ''})", columns, rows))
    summary = {**model.metrics_}
    if stable is not None:
        summary["stability (mean over topics)"] = stable.mean
    last = model.history_[-1] if model.history_ else None
    if last is not None:
        what = "log-likelihood per word" if model.engine == "tomotopy" else "per-word bound"
        summary[f"{what} (step {last[0]})"] = round(last[1], 4)
    summary["converged"] = "yes" if model.converged_ else "no"
    out.print(table("Quality", ["measure", "value"], [[name, value] for name, value in summary.items()]))


def _topic_dict(topic, stability_of) -> dict:
    data = topic.to_dict()
    if topic.id in stability_of:
        data["stability"] = stability_of[topic.id]
    return data


def _topics_csv(model, stability_of) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    measure_names = [m for m in ("c_npmi", "c_v") if m in model.metrics_]
    writer.writerow(["topic", "label", "share", *measure_names, *(["stability"] if stability_of else []),
                     "words", "weights"])
    for topic in model.topics_:
        writer.writerow([topic.id, topic.label, f"{topic.share:.4f}",
                         *(topic.coherence.get(m) for m in measure_names),
                         *([stability_of[topic.id]] if stability_of else []),
                         " ".join(topic.words), " ".join(f"{w:.5f}" for w in topic.weights)])
    return buffer.getvalue()


# With --model nothing is trained and new text is tokenised as the saved model's was, so these would be ignored.
TRAINING_ONLY = ("k", "engine", "seed", "workers", "iterations", "passes", "alpha", "eta", "top_n", "passage_length",
                 "coherence_measures", "stability_runs", "save", "report", "plot", "stopwords", "extra_stopwords",
                 "lemmatize", "phrases", "min_count", "tokenizer")


def _infer(source, model_dir, fmt, text_field, label_field, unit, doc_topics, as_json, as_csv) -> None:
    from ..corpus import read_corpus
    from ..topics import TopicModel

    model = TopicModel.load(model_dir)
    corpus = read_corpus(source, format=fmt, unit=unit, text_field=text_field, label_field=label_field)
    documents = list(corpus.documents())
    if not documents:
        from ..errors import EmptyCorpusError

        raise EmptyCorpusError(f"{corpus.name}: the corpus has no documents")
    mixtures = model.transform(corpus)
    ids = [doc.id for doc in documents]
    labels = [doc.label for doc in documents]
    if doc_topics is not None:
        _write_doc_topics(doc_topics, ids, labels if any(l is not None for l in labels) else None, mixtures)
        message(f"wrote {doc_topics}")
    rows = [{"id": i, "label": l, "dominant": int(m.argmax()), "weight": round(float(m.max()), 4),
             "topic_label": model.topics_[int(m.argmax())].label, "mixture": [round(float(v), 4) for v in m]}
            for i, l, m in zip(ids, labels, mixtures)]
    if as_json:
        print_json({"model": str(model_dir), "corpus": corpus.name, "documents": rows})
        return
    if as_csv:
        _doc_topics_csv(sys.stdout, ids, labels, mixtures)
        return
    shares = mixtures.mean(axis=0)
    out = stdout()
    out.print(table(f"Topics of {corpus.name} (model {model_dir})", ["#", "label", "share"],
                    [[t.id, t.label, f"{shares[t.id]:.1%}"] for t in model.topics_]))
    shown = rows[:20]
    out.print(table(f"Dominant topic of the first {len(shown)} of {len(rows)} documents",
                    ["id", "topic", "weight", "topic words"],
                    [[r["id"], r["dominant"], f"{r['weight']:.0%}", r["topic_label"]] for r in shown]))

