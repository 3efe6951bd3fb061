"""What a person opens instead of reading numbers: a self-contained HTML page and a PNG figure.

The HTML page needs no network: CSS, SVG and a few lines of JavaScript are inline. It holds
an inter-topic distance map (Jensen-Shannon distances between topic-word distributions,
laid out in 2-D by classical MDS, circle area = the topic's share of the corpus), the word
bars of every topic and the documents most typical of it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from itertools import islice
from pathlib import Path

import numpy as np

from .._io import atomic_write, check_suffix
from ..errors import InvalidParameterError
from .quality import classical_mds

SNIPPET_CHARS = 280
MAP_SIZE = 460
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
           "#bab0ac", "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf")


def typical_snippets(model, documents: Sequence[str] | None, n: int = 3) -> list[list[dict]]:
    """For each topic, its ``n`` most typical documents: id, weight and a text snippet."""
    typical = model.typical_documents(n)
    wanted = {i for rows in typical for i, _ in rows}
    texts = _texts_at(model, documents, wanted)
    return [[{"id": model.doc_ids_[i] if i < len(model.doc_ids_) else str(i), "weight": round(w, 3),
              "snippet": _snippet(texts.get(i, ""))} for i, w in rows] for rows in typical]


def _texts_at(model, documents: Sequence[str] | None, wanted: set[int]) -> dict[int, str]:
    if documents is not None:
        if len(documents) != len(model.doc_topics_):    # snippets would be another document's, or empty
            raise InvalidParameterError(f"{len(documents)} documents for a model fitted on {len(model.doc_topics_)}",
                                        hint="pass the texts of the documents the model was fitted on, in order")
        return {i: documents[i] for i in wanted}
    corpus = getattr(model, "_corpus", None)
    if corpus is None:
        return {}
    last = max(wanted, default=-1)
    return {i: doc.text for i, doc in enumerate(islice(corpus.documents(), last + 1)) if i in wanted}


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET_CHARS else text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"


def topic_map(model) -> np.ndarray:
    """2-D coordinates of the topics, scaled into [-1, 1]."""
    coords = classical_mds(model.topic_distances())
    span = np.abs(coords).max()
    return coords / span if span > 0 else coords


def html_report(model, documents: Sequence[str] | None = None, title: str | None = None, n_docs: int = 3) -> str:
    """The whole page as one string."""
    title = title or f"{model.k} topics"
    coords = topic_map(model)
    snippets = typical_snippets(model, documents, n_docs)
    metrics = " · ".join(f"{name} {value:.3f}" for name, value in model.metrics_.items() if isinstance(value, float))
    cards = "\n".join(_topic_card(model, topic, snippets[topic.id]) for topic in model.topics_)
    return PAGE.format(
        title=html.escape(title), css=CSS, script=SCRIPT,
        summary=html.escape(f"engine {model.engine} · k {model.k} · {len(model.doc_topics_):,} documents · "
                            f"{len(model.dictionary_):,} words" + (f" · {metrics}" if metrics else "")),
        map_svg=_map_svg(model, coords), cards=cards,
    )


def check_figure_paths(report: str | Path | None = None, plot: str | Path | None = None) -> None:
    """Refuse a report not named .html or a plot not named .png: the file would hold another format than its
    name says (``write_plot("plot.svg")`` wrote PNG bytes)."""
    if report is not None:
        check_suffix(report, (".html", ".htm"), "the report is an HTML page; name it .html",
                     hint="--report topics.html (for a PNG figure, --plot topics.png)")
    if plot is not None:
        check_suffix(plot, (".png",), "the figure is a PNG image; name it .png",
                     hint="--plot topics.png (for an HTML page, --report topics.html)")


def write_report(model, path: str | Path, documents: Sequence[str] | None = None, title: str | None = None) -> Path:
    """Write the HTML report atomically."""
    check_figure_paths(report=path)
    path = Path(path)
    page = html_report(model, documents, title)
    with atomic_write(path) as fh:
        fh.write(page)
    return path


def _colour(topic: int) -> str:
    return PALETTE[topic % len(PALETTE)]


def _map_svg(model, coords: np.ndarray) -> str:
    half, margin = MAP_SIZE / 2, 48
    shares = np.array([t.share for t in model.topics_])
    radii = 8 + 40 * np.sqrt(shares / max(shares.max(), 1e-12))
    circles = []
    for topic, (x, y), r in sorted(zip(model.topics_, coords, radii), key=lambda item: -item[2]):
        cx, cy = half + x * (half - margin), half - y * (half - margin)
        tip = html.escape(f"topic {topic.id}: {' '.join(topic.words[:6])} ({topic.share:.1%})")
        circles.append(
            f'<g class="dot" data-topic="{topic.id}"><title>{tip}</title>'
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="{_colour(topic.id)}" fill-opacity="0.55" '
            f'stroke="{_colour(topic.id)}"/>'
            f'<text x="{cx:.1f}" y="{cy + 4:.1f}" text-anchor="middle">{topic.id}</text></g>')
    axes = (f'<line x1="{margin / 2}" y1="{half}" x2="{MAP_SIZE - margin / 2}" y2="{half}" class="axis"/>'
            f'<line x1="{half}" y1="{margin / 2}" x2="{half}" y2="{MAP_SIZE - margin / 2}" class="axis"/>')
    return (f'<svg viewBox="0 0 {MAP_SIZE} {MAP_SIZE}" width="{MAP_SIZE}" height="{MAP_SIZE}" role="img" '
            f'aria-label="inter-topic distance map">{axes}{"".join(circles)}'
            f'<text x="8" y="{MAP_SIZE - 8}" class="note">MDS of Jensen-Shannon distances · area = share</text></svg>')


def _topic_card(model, topic, documents: list[dict]) -> str:
    peak = max(topic.weights) or 1.0
    bars = "".join(
        f'<div class="bar"><span class="word">{html.escape(word)}</span>'
        f'<span class="track"><span class="fill" style="width:{100 * weight / peak:.1f}%;'
        f'background:{_colour(topic.id)}"></span></span><span class="num">{weight:.3f}</span></div>'
        for word, weight in zip(topic.words, topic.weights))
    scores = " · ".join(f"{name} {value:.3f}" for name, value in topic.coherence.items() if value is not None)
    docs = "".join(f'<li><b>{html.escape(d["id"])}</b> <span class="num">{d["weight"]:.0%}</span> '
                   f'{html.escape(d["snippet"])}</li>' for d in documents)
    return (f'<section class="card" id="topic-{topic.id}" data-topic="{topic.id}">'
            f'<h2><span class="swatch" style="background:{_colour(topic.id)}"></span>Topic {topic.id}: '
            f'{html.escape(topic.label)}</h2>'
            f'<p class="meta">share {topic.share:.1%}{" · " + scores if scores else ""}</p>'
            f'<div class="bars">{bars}</div><h3>Most typical documents</h3><ol class="docs">{docs}</ol></section>')


def write_plot(model, path: str | Path) -> Path:
    """A static PNG: each topic's top words as bars (matplotlib, Agg backend)."""
    check_figure_paths(plot=path)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    columns = min(5, model.k)
    rows = -(-model.k // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(3.2 * columns, 2.6 * rows), squeeze=False)
    for ax in axes.flat[model.k:]:
        ax.axis("off")
    for topic, ax in zip(model.topics_, axes.flat):
        words, weights = topic.words[::-1], topic.weights[::-1]
        ax.barh(range(len(words)), weights, color=_colour(topic.id))
        ax.set_yticks(range(len(words)), words, fontsize=8)
        ax.set_title(f"{topic.id}: {topic.label} ({topic.share:.0%})", fontsize=9)
        ax.tick_params(axis="x", labelsize=7)
    fig.tight_layout()
    path = Path(path)
    with atomic_write(path, "wb") as fh:
        fig.savefig(fh, format="png", dpi=110)
    plt.close(fig)
    return path


CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#222;background:#fafafa}
header{padding:16px 24px;background:#fff;border-bottom:1px solid #ddd}
h1{margin:0 0 4px;font-size:22px} .summary{color:#555;margin:0}
main{display:grid;grid-template-columns:500px 1fr;gap:24px;padding:24px}
.map{position:sticky;top:12px;align-self:start;background:#fff;border:1px solid #ddd;border-radius:8px;padding:12px}
.map h2{font-size:16px;margin:0 0 8px} .map p{color:#666;font-size:12px;margin:6px 0 0}
svg text{font-size:12px;fill:#222;pointer-events:none} svg .note{font-size:10px;fill:#888}
svg .axis{stroke:#ddd} .dot{cursor:pointer} .dot.active circle{stroke-width:4;fill-opacity:.85}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:16px}
.card{background:#fff;border:1px solid #ddd;border-radius:8px;padding:12px 14px}
.card.active{outline:3px solid #333}
.card h2{font-size:15px;margin:0 0 2px} .card h3{font-size:12px;margin:10px 0 4px;color:#555}
.meta{color:#666;font-size:12px;margin:0 0 8px}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
.bar{display:grid;grid-template-columns:110px 1fr 48px;align-items:center;gap:6px;font-size:13px}
.word{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.track{background:#eee;height:12px;border-radius:3px;overflow:hidden} .fill{display:block;height:100%}
.num{color:#777;font-size:11px;text-align:right;font-variant-numeric:tabular-nums}
.docs{margin:0;padding-left:18px;font-size:12px;color:#333} .docs li{margin-bottom:4px}
"""

SCRIPT = """
document.querySelectorAll('.dot').forEach(function (dot) {
  dot.addEventListener('click', function () {
    var id = dot.getAttribute('data-topic');
    document.querySelectorAll('.active').forEach(function (el) { el.classList.remove('active'); });
    dot.classList.add('active');
    var card = document.getElementById('topic-' + id);
    card.classList.add('active');
    card.scrollIntoView({behavior: 'smooth', block: 'center'});
  });
});
"""

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{css}</style></head>
<body><header><h1>{title}</h1><p class="summary">{summary}</p></header>
<main><div class="map"><h2>Inter-topic distance map</h2>{map_svg}
<p>Close circles are topics with similar words. Click a circle to jump to its topic.</p></div>
<div class="cards">
{cards}
</div></main><script>{script}</script></body></html>
"""

