"""Topic modelling: LDA over the shared corpus layer, with its quality measured and shown."""

from .model import DEFAULT_ENGINE, Topic, TopicModel
from .quality import coherence, diversity, label_nmi, topic_overlap
from .selection import KSweep, Stability, parse_k_range, stability, sweep_k

__all__ = ["DEFAULT_ENGINE", "KSweep", "Stability", "Topic", "TopicModel", "coherence", "diversity", "label_nmi",
           "parse_k_range", "stability", "sweep_k", "topic_overlap"]
