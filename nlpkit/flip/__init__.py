"""Rewrite a sentence toward a target sentiment through gradient rays to real words.

``SentimentFlipper(classifier).flip("the food was great", to="negative")`` -> ``FlipResult``.
"""

from .flipper import SentimentFlipper, default_resource_dir
from .result import Edit, FlipResult


def flip_sentiment(text, to: str = "opposite", **params) -> FlipResult:
    """Flip one text with the shipped default model and resources."""
    return SentimentFlipper(**params).flip(text, to)


__all__ = ["Edit", "FlipResult", "SentimentFlipper", "default_resource_dir", "flip_sentiment"]
