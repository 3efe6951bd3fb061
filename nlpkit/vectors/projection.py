"""2-D maps of chosen words and their neighbours: PCA or t-SNE, drawn as PNG or self-contained HTML."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import InvalidParameterError
from .vectors import WordVectors

PROJECTIONS = ("pca", "tsne")
FORMATS = (".png", ".html", ".svg")
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#bcbd22")


@dataclass(frozen=True)
class MapPoint:
    word: str
    x: float
    y: float
    group: str  # the chosen word this point is (or is a neighbour of)
    chosen: bool

    def to_dict(self) -> dict:
        return {"word": self.word, "x": round(self.x, 5), "y": round(self.y, 5), "group": self.group,
                "chosen": self.chosen}


# a picture of more labelled points than this per word reads as noise
MAX_NEIGHBOURS = 100


def word_map(vectors: WordVectors, words: list[str], *, neighbours: int = 8, method: str = "pca",
             seed: int = 0) -> list[MapPoint]:
    """The chosen words plus each one's nearest neighbours, projected to 2-D."""
    if method not in PROJECTIONS:
        raise InvalidParameterError(f"projection {method!r}: must be 'pca' or 'tsne'")
    if not words:
        raise InvalidParameterError("no words to map", hint="name at least one word: nlpkit vectors map king")
    if not 0 <= neighbours <= MAX_NEIGHBOURS:
        raise InvalidParameterError(f"neighbours {neighbours}: must be 0 to {MAX_NEIGHBOURS}",
                                    hint="a map of more points than that is unreadable (and t-SNE on it slow)")
    entries: dict[str, tuple[str, bool]] = {}
    for word in words:
        vectors.vector(word)  # raises OutOfVocabularyError with suggestions
        entries[word] = (word, True)
        for neighbour in (vectors.similar(word, neighbours) if neighbours else []):
            entries.setdefault(neighbour.word, (word, False))
    labels = list(entries)
    matrix = np.vstack([vectors.vector(w) for w in labels]).astype(np.float64)
    coords = _project(matrix, method, seed)
    return [MapPoint(w, float(x), float(y), *entries[w]) for w, (x, y) in zip(labels, coords)]


def _project(matrix: np.ndarray, method: str, seed: int) -> np.ndarray:
    if len(matrix) < 2:
        return np.zeros((len(matrix), 2))
    if method == "pca":
        from sklearn.decomposition import PCA

        coords = PCA(n_components=2, random_state=seed).fit_transform(matrix)
    else:
        from sklearn.manifold import TSNE

        perplexity = max(1.0, min(30.0, (len(matrix) - 1) / 3))
        coords = TSNE(n_components=2, perplexity=perplexity, init="pca", random_state=seed,
                      metric="cosine").fit_transform(matrix)
    return coords if coords.shape[1] == 2 else np.hstack([coords, np.zeros((len(coords), 1))])


def check_map_path(path: str | Path) -> Path:
    """The map's output file, refused with one clear line before any work if it cannot be written or its
    suffix names no format."""
    from .._io import check_output_file

    return _map_format(check_output_file(path))


def _map_format(path: str | Path) -> Path:
    from .._io import check_suffix

    return check_suffix(path, FORMATS, "the map is written as .png, .html or .svg",
                        hint="end the --out file name in .png, .html or .svg")


def save_map(points: list[MapPoint], path: str | Path, title: str = "") -> Path:
    """Write the map as PNG (matplotlib) or self-contained HTML/SVG, chosen by the file's suffix."""
    from .._io import atomic_write

    path = _map_format(path)      # the writability checks ran up front (check_map_path) or run in atomic_write
    if path.suffix.lower() == ".png":
        with atomic_write(path, "wb") as fh:
            _draw_png(points, fh, title)
        return path
    svg = _svg(points, title)
    text = svg if path.suffix.lower() == ".svg" else _html_page(svg, title)
    with atomic_write(path) as fh:
        fh.write(text)
    return path


def _colours(points: list[MapPoint]) -> dict[str, str]:
    groups = list(dict.fromkeys(p.group for p in points))
    return {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(groups)}


def _draw_png(points: list[MapPoint], fh, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    colours = _colours(points)
    figure = Figure(figsize=(9, 7), dpi=110)
    axes = figure.subplots()
    for p in points:
        axes.scatter(p.x, p.y, s=60 if p.chosen else 18, color=colours[p.group], zorder=2)
        axes.annotate(p.word, (p.x, p.y), xytext=(4, 3), textcoords="offset points",
                      fontsize=11 if p.chosen else 8, fontweight="bold" if p.chosen else "normal",
                      color=colours[p.group])
    axes.set_title(title)
    axes.set_xticks([])
    axes.set_yticks([])
    figure.tight_layout()
    figure.savefig(fh, format="png")


def _svg(points: list[MapPoint], title: str, width: int = 900, height: int = 700, margin: int = 60) -> str:
    colours = _colours(points)
    xs, ys = np.array([p.x for p in points]), np.array([p.y for p in points])
    span_x, span_y = (xs.max() - xs.min()) or 1.0, (ys.max() - ys.min()) or 1.0

    def place(p: MapPoint) -> tuple[float, float]:
        return (margin + (p.x - xs.min()) / span_x * (width - 2 * margin),
                height - margin - (p.y - ys.min()) / span_y * (height - 2 * margin))

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="sans-serif">',
             '<rect width="100%" height="100%" fill="white"/>',
             f'<text x="{margin}" y="30" font-size="18">{html.escape(title)}</text>']
    for p in points:
        x, y = place(p)
        colour, word = colours[p.group], html.escape(p.word)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{6 if p.chosen else 3}" fill="{colour}">'
                     f'<title>{word} (near {html.escape(p.group)})</title></circle>')
        weight = ' font-weight="bold"' if p.chosen else ""
        parts.append(f'<text x="{x + 6:.1f}" y="{y - 4:.1f}" fill="{colour}" font-size="{14 if p.chosen else 11}"'
                     f'{weight}>{word}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _html_page(svg: str, title: str) -> str:
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title></head>\n"
            f"<body style=\"margin:0\">\n{svg}\n</body></html>\n")
