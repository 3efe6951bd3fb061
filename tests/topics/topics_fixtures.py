"""Builders of tiny synthetic corpora with known themes, so topic tests run in a second or two."""

from __future__ import annotations

import random

THEMES = {
    "space": "planet orbit rocket astronaut galaxy telescope comet asteroid moon launch satellite nebula".split(),
    "cooking": "recipe oven flour butter sugar dough kitchen bake pastry whisk onion garlic".split(),
    "football": "goal striker referee stadium penalty league keeper match coach midfield tackle offside".split(),
}


def theme_documents(docs_per_theme: int = 12, words_per_doc: int = 24, seed: int = 0) -> list[tuple[str, str]]:
    """(theme, text) pairs: each text draws its words from one theme's vocabulary."""
    rng = random.Random(seed)
    documents = []
    for i in range(docs_per_theme):
        for theme, vocabulary in THEMES.items():
            documents.append((theme, " ".join(rng.choice(vocabulary) for _ in range(words_per_doc))))
    return documents


def write_themes_csv(path):
    """A CSV (columns text, label) of 36 documents over three themes."""
    path.write_text("text,label\n" + "".join(f"{text},{theme}\n" for theme, text in theme_documents()))
    return path
