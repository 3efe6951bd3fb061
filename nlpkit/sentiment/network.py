"""The torch module: Kim (2014)'s CNN for sentence classification.

word vectors (one or two channels) -> 1-d convolutions of several widths -> ReLU ->
max over time -> dropout -> a linear layer. Two channels are concatenated along the
feature axis, which is the same as giving each channel its own filters and summing them,
as Kim's multichannel model does.

``CNNEnsemble`` averages the probabilities of several such networks, each reading the
tokens through its own vectors. A token's input vector is the members' vectors
concatenated, just as two channels are, so a gradient with respect to it is the members'
gradients side by side, and a ray in that space is a ray in every member's space at once.
"""

from __future__ import annotations

import math

import torch
from torch import nn

PAD, UNK = 0, 1


class KimCNN(nn.Module):
    def __init__(self, vocab_size: int, dim: int, widths: tuple[int, ...], maps: int, n_classes: int,
                 dropout: float, static: bool, two_channel: bool):
        super().__init__()
        self.widths = tuple(widths)
        self.dim = dim
        # sparse gradients: a batch touches a few hundred rows, and a dense Adam step over the
        # whole matrix would cost more than the convolutions
        self.embedding = nn.Embedding(vocab_size, dim, padding_idx=PAD, sparse=not static)
        self.embedding.weight.requires_grad_(not static)
        self.static_embedding = nn.Embedding(vocab_size, dim, padding_idx=PAD) if two_channel else None
        if self.static_embedding is not None:
            self.static_embedding.weight.requires_grad_(False)
        self.input_dim = dim * (2 if two_channel else 1)
        self.convs = nn.ModuleList(nn.Conv1d(self.input_dim, maps, width) for width in self.widths)
        self.dropout = nn.Dropout(dropout)
        self.output = nn.Linear(maps * len(self.widths), n_classes)

    @property
    def min_length(self) -> int:
        """Sentences shorter than the widest filter are padded with zero vectors up to it."""
        return max(self.widths)

    def lookup(self, ids: torch.Tensor) -> torch.Tensor:
        """Token ids [batch, n] -> input vectors [batch, n, input_dim]."""
        vectors = self.embedding(ids)
        if self.static_embedding is not None:
            vectors = torch.cat([vectors, self.static_embedding(ids)], dim=-1)
        return vectors

    def input_matrix(self) -> torch.Tensor:
        """Every vocabulary entry's input vector [V, input_dim] (what ``lookup`` returns per id)."""
        weights = [self.embedding.weight]
        if self.static_embedding is not None:
            weights.append(self.static_embedding.weight)
        return torch.cat(weights, dim=-1)

    def forward_vectors(self, vectors: torch.Tensor, lengths: torch.Tensor | None = None) -> torch.Tensor:
        """Input vectors [batch, n, input_dim] -> logits [batch, classes].

        ``lengths`` marks how many positions of each row are real (the rest is batch
        padding); windows reaching past a sentence's own end are ignored, so a sentence
        scores the same alone and in any batch.
        """
        n = vectors.shape[1]
        if n < self.min_length:
            vectors = nn.functional.pad(vectors, (0, 0, 0, self.min_length - n))
        x = vectors.transpose(1, 2)
        pooled = []
        for width, conv in zip(self.widths, self.convs):
            activations = torch.relu(conv(x))
            if lengths is not None:
                last_start = lengths.clamp(min=self.min_length) - width
                starts = torch.arange(activations.shape[2], device=activations.device)
                valid = starts.unsqueeze(0) <= last_start.unsqueeze(1)
                activations = activations * valid.unsqueeze(1).to(activations.dtype)
            pooled.append(activations.max(dim=2).values)
        return self.output(self.dropout(torch.cat(pooled, dim=1)))

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor | None = None) -> torch.Tensor:
        return self.forward_vectors(self.lookup(ids), lengths)

    def apply_max_norm(self, limit: float) -> None:
        """Kim's constraint: rescale each output row whose L2 norm exceeds ``limit``."""
        with torch.no_grad():
            weight = self.output.weight
            norms = weight.norm(dim=1, keepdim=True).clamp(min=1e-12)
            weight.mul_((limit / norms).clamp(max=1.0))


class CNNEnsemble(nn.Module):
    """Several KimCNNs of the same shape over the same vocabulary; the output is the log of
    their mean class probabilities, so softmax (and cross-entropy) read the ensemble's mean."""

    def __init__(self, members: list[KimCNN]):
        super().__init__()
        self.members = nn.ModuleList(members)
        self.dim = members[0].dim
        self.input_dim = sum(member.input_dim for member in members)

    def lookup(self, ids: torch.Tensor) -> torch.Tensor:
        return torch.cat([member.lookup(ids) for member in self.members], dim=-1)

    def input_matrix(self) -> torch.Tensor:
        return torch.cat([member.input_matrix() for member in self.members], dim=-1)

    def forward_vectors(self, vectors: torch.Tensor, lengths: torch.Tensor | None = None) -> torch.Tensor:
        parts = torch.split(vectors, [member.input_dim for member in self.members], dim=-1)
        return _log_mean_proba([member.forward_vectors(part, lengths) for member, part in zip(self.members, parts)])

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor | None = None) -> torch.Tensor:
        # each member looks its own vectors up: no side-by-side tensor to build and split again
        return _log_mean_proba([member(ids, lengths) for member in self.members])


def _log_mean_proba(logits: list[torch.Tensor]) -> torch.Tensor:
    """log of the mean of softmax(logits) over the list, computed in log space."""
    log_proba = torch.stack([torch.log_softmax(each, dim=1) for each in logits])
    return torch.logsumexp(log_proba, dim=0) - math.log(len(logits))


def combined(networks: list[KimCNN]) -> KimCNN | CNNEnsemble:
    """What a model predicts with: the one network, or an ensemble of several (``networks_of``'s inverse)."""
    return networks[0] if len(networks) == 1 else CNNEnsemble(networks)


def networks_of(network: KimCNN | CNNEnsemble) -> list[KimCNN]:
    """The KimCNNs a model predicts with: the ensemble's members, or the one network."""
    return list(network.members) if isinstance(network, CNNEnsemble) else [network]
