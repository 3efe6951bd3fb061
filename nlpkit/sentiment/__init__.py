"""Sentence sentiment: a Kim (2014) CNN over word vectors, with the input gradient flip-sentiment steers by.

The only nlpkit package that imports torch.
"""

from .evaluate import cross_validate, evaluate
from .model import SentimentCNN, default_model_dir
from .ngrams import NgramSentiment

__all__ = ["NgramSentiment", "SentimentCNN", "cross_validate", "default_model_dir", "evaluate"]
