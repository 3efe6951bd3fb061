"""One configurable preprocessing pipeline, used by every command.

    normalise (Unicode, case, numbers/URLs) -> tokenise (regex | spaCy) ->
    filter (length, stop words) -> lemmatise (spaCy lookup tables)
    -> [fit] phrases (gensim Phrases) -> [fit] vocabulary pruning

The first steps are a pure function of the text (``tokenize``). Phrases and pruning are
learned from the whole corpus by ``fit`` (attributes ``phrases_`` and ``vocabulary_``) and
applied by ``transform``; ``__call__`` does both. Presets hold the defaults each
capability wants; ``trace`` shows what each step did to a text.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from ..base import check_kind
from ..errors import InvalidParameterError, MissingDependencyError, described, did_you_mean

WORDS_PATTERN = (
    r"<(?:unk|num|url)>"  # placeholders: WikiText's unknown word, our own number/URL tokens
    r"|(?:https?://|www\.)\S+?(?=[.,;:!?)\]}\"'’]*(?:\s|$))"  # URLs, without the punctuation after them
    r"|[\w.+-]+@\w+(?:\.\w+)+"  # e-mail addresses
    r"|\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|s|am|pm|%)?\b"  # numbers, times, dates, ordinals
    r"|(?i:['’](?:s|re|ve|ll|d|m)\b)"  # clitics already split off, as in "it 's" (PTB-tokenised corpora)
    r"|\w+(?:[-'’]\w+)*"  # words, with inner hyphens and apostrophes
)
TOKEN_RE = re.compile(WORDS_PATTERN + r"|[^\w\s]")  # ... and punctuation, one character a token
WORD_TOKEN_RE = re.compile(WORDS_PATTERN)  # without punctuation: findall skips it, for pipelines that drop it
URL_RE = re.compile(r"^(?:https?://|www\.|[\w.+-]+@)")
NUMBER_RE = re.compile(r"^\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|s|am|pm|%)?$")
CLITIC_RE = re.compile(r"(?i)^(.+?)(n't|'s|'re|'ve|'ll|'d|'m)$")
SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n\s*\n")
ABBREVIATIONS = {"mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "jr.", "sr.", "vs.", "etc.", "e.g.", "i.e.", "u.s.", "no.", "inc.", "co."}
NEGATORS = frozenset({"not", "no", "never", "n't", "nor", "none", "nothing", "nobody", "neither", "nowhere", "cannot", "without"})
NUM_TOKEN, URL_TOKEN, UNKNOWN_TOKEN = "<num>", "<url>", "<unk>"
PHRASE_SEPARATOR = "\x1f"  # whitespace to str.split, so never inside a token
PLACEHOLDERS = frozenset({NUM_TOKEN, URL_TOKEN, UNKNOWN_TOKEN})


@dataclass(frozen=True)
class Pipeline:
    """Settings of the preprocessing pipeline (scikit-learn style: stored, not validated, here).

    Parameters
    ----------
    lowercase, normalize: case folding; Unicode normal form ("NFKC", "NFC" or None).
    tokenizer: "regex" (fast default) or "spacy" (spaCy's blank English tokenizer).
    split_clitics: "don't" -> "do n't", "it's" -> "it 's" (the Penn Treebank convention
        that GloVe and the MR/Yelp corpora use).
    keep_punct: keep punctuation tokens.
    numbers, urls: "keep", "drop" or "token" (replace by ``<num>`` / ``<url>``).
    stopwords: None, "spacy" (spaCy's English list) or a path to a file of one word per line.
    extra_stopwords: a path to a file of more stop words, added to ``stopwords``.
    keep_negations: never drop negators ("not", "no", "never", "n't") as stop words.
    lemmatize: map words to lemmas with spaCy's English lookup table.
    min_len, max_len: token length bounds (characters).
    phrases: 1 none, 2 bigrams, 3 trigrams (gensim Phrases, learned in ``fit``).
    phrase_min_count, phrase_threshold: gensim Phrases settings.
    min_count: drop words seen fewer times in the corpus (learned in ``fit``).
    min_df, max_df: drop words in fewer than ``min_df`` documents or in more than a
        ``max_df`` share of them (learned in ``fit``).
    """

    lowercase: bool = True
    normalize: str | None = "NFKC"
    tokenizer: str = "regex"
    split_clitics: bool = True
    keep_punct: bool = False
    numbers: str = "keep"
    urls: str = "token"
    stopwords: str | None = None
    extra_stopwords: str | None = None
    keep_negations: bool = True
    lemmatize: bool = False
    min_len: int = 1
    max_len: int = 40
    phrases: int = 1
    phrase_min_count: int = 5
    phrase_threshold: float = 10.0
    min_count: int = 1
    min_df: int = 1
    max_df: float = 1.0

    # ---- construction -------------------------------------------------------------
    @classmethod
    def preset(cls, name: str, **overrides) -> Pipeline:
        """The defaults of one capability: "topics", "vectors", "sentiment" or "plain"."""
        if name not in PRESETS:
            raise InvalidParameterError(
                f"unknown pipeline preset {name!r}{did_you_mean(name, PRESETS)}",
                hint=f"presets are {', '.join(PRESETS)}",
            )
        return replace(PRESETS[name], **{k: v for k, v in overrides.items() if v is not None})

    def __repr__(self) -> str:
        """Only the settings that differ from the defaults, as scikit-learn shows an estimator."""
        changed = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self)
                            if getattr(self, f.name) != f.default)
        return f"Pipeline({changed})"

    def get_params(self, deep: bool = True) -> dict:
        """The settings as a dict (``deep`` is accepted for scikit-learn's ``clone``)."""
        return asdict(self)

    def with_params(self, **params) -> Pipeline:
        unknown = set(params) - {f.name for f in fields(self)}
        if unknown:
            raise InvalidParameterError(f"unknown pipeline setting(s): {', '.join(sorted(unknown))}")
        return replace(self, **params)

    def validate(self) -> Pipeline:
        for setting in fields(self):
            check_kind(setting.name, getattr(self, setting.name), setting.type, setting.default)
        checks = [
            (self.tokenizer in ("regex", "spacy"), "tokenizer must be 'regex' or 'spacy'"),
            (self.numbers in ("keep", "drop", "token"), "numbers must be keep, drop or token"),
            (self.urls in ("keep", "drop", "token"), "urls must be keep, drop or token"),
            (self.normalize in (None, "NFKC", "NFC", "NFKD", "NFD"), "normalize must be NFKC, NFC, NFKD, NFD or None"),
            (1 <= self.min_len <= self.max_len, "token length bounds need 1 <= min_len <= max_len"),
            (self.phrases in (1, 2, 3), "phrases must be 1 (none), 2 (bigrams) or 3 (trigrams)"),
            (self.min_count >= 1 and self.min_df >= 1, "min_count and min_df must be at least 1"),
            (0 < self.max_df <= 1, "max_df is a share of documents, in (0, 1]"),
        ]
        for ok, message in checks:
            if not ok:
                raise InvalidParameterError(message)
        return self

    @property
    def learns(self) -> bool:
        """Whether ``fit`` learns anything (phrases or pruning) from the corpus."""
        return self.phrases > 1 or self.min_count > 1 or self.min_df > 1 or self.max_df < 1

    # ---- the text-level steps ----------------------------------------------------------
    def tokenize(self, text: str) -> list[str]:
        """Normalise, tokenise, filter and lemmatise one text (no corpus-level steps)."""
        if not isinstance(text, str):
            raise InvalidParameterError(f"tokenize takes one text, a string, not {described(text)}",
                                        hint='e.g. pipeline.tokenize("the food was great")')
        return _compiled(self)(text)

    def written_tokens(self, text: str, tokens: list[str] | None = None) -> list[str] | None:
        """``tokenize(text)`` (or ``tokens``, if already at hand) as the text wrote them: case,
        numbers and URLs kept, token for token. None where the two do not align one for one
        (e.g. a pipeline that drops numbers or lemmatises)."""
        tokens = self.tokenize(text) if tokens is None else tokens
        written = replace(self, lowercase=False, numbers="keep", urls="keep").tokenize(text)
        if len(written) != len(tokens):
            return None
        fold = str.lower if self.lowercase else str
        if all(t == fold(w) or t in (NUM_TOKEN, URL_TOKEN) for w, t in zip(written, tokens)):
            return written
        return None

    def compile(self) -> Callable[[str], list[str]]:
        """``tokenize`` as a plain function, for loops over many texts (skips the per-call lookup)."""
        return _compiled(self)

    def sentences(self, text: str) -> list[str]:
        """Split a text into sentences (a rule-based splitter that knows common abbreviations)."""
        return split_sentences(text)

    def trace(self, text: str) -> dict[str, list[str] | str]:
        """What each step made of ``text``, for debugging settings."""
        stages: dict[str, list[str] | str] = {"input": text}
        normalised = _normalise(text, self.normalize, self.lowercase)
        stages["normalised"] = normalised
        raw = _tokenizer(self.tokenizer)(normalised)
        stages["tokens"] = raw
        stages["filtered"] = self._filter(raw)
        return stages

    def _filter(self, tokens: list[str]) -> list[str]:
        return _make_filter(self)(tokens)


PRESETS: dict[str, Pipeline] = {
    "plain": Pipeline(),
    "topics": Pipeline(numbers="drop", urls="drop", stopwords="spacy", keep_negations=False, lemmatize=True,
                       min_len=3, min_count=2, max_df=0.5, min_df=2),
    "vectors": Pipeline(numbers="token", urls="token"),
    "sentiment": Pipeline(keep_punct=True, numbers="token", urls="token"),
}


# ---- helpers, cached per settings ---------------------------------------------------
@functools.lru_cache(maxsize=32)
def _compiled(pipeline: Pipeline) -> Callable[[str], list[str]]:
    pipeline.validate()
    tokenize = _tokenizer(pipeline.tokenizer, pipeline.keep_punct)
    keep = _make_filter(pipeline)
    normalize, lowercase = pipeline.normalize, pipeline.lowercase

    def run(text: str) -> list[str]:
        return keep(tokenize(_normalise(text, normalize, lowercase)))

    return run


def _normalise(text: str, form: str | None, lowercase: bool) -> str:
    if form and not text.isascii():
        text = unicodedata.normalize(form, text)
    return text.lower() if lowercase else text


def _tokenizer(name: str, keep_punct: bool = True) -> Callable[[str], list[str]]:
    if name == "spacy":
        return _spacy_tokenize
    return TOKEN_RE.findall if keep_punct else WORD_TOKEN_RE.findall


def _spacy_tokenize(text: str) -> list[str]:
    return [t.text for t in _spacy_tokenizer()(text) if not t.is_space]


@functools.lru_cache(maxsize=1)
def _spacy_tokenizer():
    try:
        import spacy
    except ImportError:  # pragma: no cover - spacy is a dependency
        raise MissingDependencyError("the spacy tokenizer needs spaCy", hint="pip install spacy") from None
    return spacy.blank("en").tokenizer


def _make_filter(p: Pipeline) -> Callable[[list[str]], list[str]]:
    stop = stopword_set(p.stopwords, p.extra_stopwords)
    if p.keep_negations:
        stop = stop - NEGATORS
    lemmas = lemma_table() if p.lemmatize else {}
    min_len, max_len = p.min_len, p.max_len
    keep_punct, numbers, urls, split, lowercase = p.keep_punct, p.numbers, p.urls, p.split_clitics, p.lowercase
    plain_words = not stop and not lemmas and min_len == 1

    def keep_word(tok: str, append: Callable[[str], None]) -> None:
        if (tok if lowercase else tok.lower()) in stop:
            return  # the word as written: a stop word whose lemma is not one ("does" -> "doe") goes too
        if lemmas:
            tok = lemmas.get(tok, tok)
            if (tok if lowercase else tok.lower()) in stop:
                return
        if min_len <= len(tok) <= max_len:
            append(tok)

    def keep(tokens: list[str]) -> list[str]:
        if plain_words and all(map(str.isalpha, tokens)) and max(map(len, tokens), default=0) <= max_len:
            return tokens  # only plain words and nothing to filter them by: two passes in C instead of a loop
        out: list[str] = []
        append = out.append
        for tok in tokens:
            if tok.isalpha():  # the common case, a plain word: only the word-level checks apply
                if plain_words and len(tok) <= max_len:
                    append(tok)
                else:
                    keep_word(tok, append)
                continue
            if split and ("'" in tok or "’" in tok):
                parts = _split_clitic(tok.replace("’", "'"))
            else:
                parts = (tok,)
            for tok in parts:
                first = tok[0]
                if tok in PLACEHOLDERS:
                    append(tok)
                    continue
                if not (first.isalnum() or first == "_" or (first == "'" and len(tok) > 1)):
                    if len(tok) > 1 and URL_RE.match(tok):
                        if urls != "drop":
                            append(URL_TOKEN if urls == "token" else tok)
                    elif keep_punct:
                        append(tok)
                    continue
                if first.isdigit() and NUMBER_RE.match(tok):
                    if numbers == "drop":
                        continue
                    if numbers == "token":
                        append(NUM_TOKEN)
                        continue
                elif ("." in tok or "@" in tok or ":" in tok) and URL_RE.match(tok):
                    if urls != "drop":
                        append(URL_TOKEN if urls == "token" else tok)
                    continue
                keep_word(tok, append)
        return out

    return keep


def _split_clitic(token: str) -> tuple[str, ...]:
    match = CLITIC_RE.match(token)
    if not match:
        return (token,)
    stem, clitic = match.groups()
    if clitic.lower() == "n't" and stem.lower() in ("ca", "wo", "sha"):
        return (stem, clitic)
    return (stem, clitic) if stem else (clitic,)


def split_sentences(text: str) -> list[str]:
    """Rule-based sentence splitting: ends at . ! ? before a capital or digit, and at blank lines."""
    pieces: list[str] = []
    carry = ""
    for piece in SENTENCE_END_RE.split(text):
        piece = piece.strip()
        if not piece:
            continue
        candidate = f"{carry} {piece}" if carry else piece
        last = candidate.rsplit(None, 1)[-1].lower()
        if last in ABBREVIATIONS or re.fullmatch(r"[a-z]\.", last):
            carry = candidate
            continue
        pieces.append(candidate)
        carry = ""
    if carry:
        pieces.append(carry)
    return pieces


@functools.lru_cache(maxsize=8)
def stopword_set(source: str | None, extra: str | None = None) -> frozenset[str]:
    words: set[str] = set()
    if source == "spacy":
        words |= spacy_stopwords()
    elif source and not Path(source).exists() and Path(source).name == source and not Path(source).suffix:
        raise InvalidParameterError(f"stopwords {source!r}: neither a list nlpkit knows nor a file"
                                    f"{did_you_mean(source, ['spacy'])}",
                                    hint="give 'spacy' (spaCy's English list) or a file of stop words, one a line")
    elif source:
        words |= _read_wordlist(source)
    if extra:
        words |= _read_wordlist(extra)
    return frozenset(words)


def _read_wordlist(path: str) -> set[str]:
    from .._io import open_text

    with open_text(Path(path), missing_hint="give 'spacy' (spaCy's English list) or a file of stop words, "
                                            "one a line") as fh:
        return {line.strip().lower() for line in fh if line.strip() and not line.startswith("#")}


@functools.lru_cache(maxsize=1)
def spacy_stopwords() -> frozenset[str]:
    """spaCy's English stop words, read from its source file so spaCy itself is not imported."""
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        raise MissingDependencyError("spaCy's stop word list needs spaCy", hint="pip install spacy")
    path = Path(spec.submodule_search_locations[0]) / "lang" / "en" / "stop_words.py"
    namespace: dict = {}
    exec(compile(path.read_text(), str(path), "exec"), namespace)
    words = namespace["STOP_WORDS"]
    return frozenset(words | {w.replace("'", "’") for w in words})


@functools.lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """spaCy's English lemma lookup table (from spacy-lookups-data, read without spaCy)."""
    spec = importlib.util.find_spec("spacy_lookups_data")
    if spec is None or not spec.submodule_search_locations:
        raise MissingDependencyError("lemmatisation needs spacy-lookups-data", hint="pip install spacy-lookups-data")
    path = Path(spec.submodule_search_locations[0]) / "data" / "en_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        table = json.load(fh)
    return {k: v.lower() for k, v in table.items() if k.islower() and not _misleading_lemma(k, v.lower())}


# Without a part of speech the lookup table cannot tell "number" (noun) from the comparative of
# "numb", or "broker" from "broke"; comparatives matter little to any capability, so -er forms keep
# their own spelling. Latin plurals that English uses as mass nouns stay too.
KEEP_AS_IS = frozenset({"data", "media", "criteria", "laden", "news", "means", "series", "species", "politics",
                        "wales", "united"})  # names the table reads as verbs and plurals: "wale", "unite"


def _misleading_lemma(word: str, lemma: str) -> bool:
    return word in KEEP_AS_IS or word in (lemma + "er", lemma + "r")


# ---- corpus-level steps (learned by fit) -----------------------------------------------
class Vocabulary:
    """Word and document counts of a tokenised corpus, and the pruning they allow."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.doc_freq: Counter[str] = Counter()
        self.documents = 0

    def add(self, tokens: list[str]) -> None:
        self.counts.update(tokens)
        self.doc_freq.update(set(tokens))
        self.documents += 1

    def kept(self, min_count: int, min_df: int, max_df: float) -> frozenset[str]:
        ceiling = max_df * self.documents
        return frozenset(
            w for w, c in self.counts.items()
            if c >= min_count and min_df <= self.doc_freq[w] <= ceiling
        )


def merge_phrases(tokens: list[str], phrasegrams: frozenset[str]) -> list[str]:
    """Join adjacent tokens into ``a_b`` wherever ``a_b`` is a learned phrase (left to right)."""
    out: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        if i + 1 < n and f"{tokens[i]}_{tokens[i + 1]}" in phrasegrams:
            out.append(f"{tokens[i]}_{tokens[i + 1]}")
            i += 2
        else:
            out.append(tokens[i])
            i += 1
    return out


class FittedPipeline:
    """A Pipeline plus what it learned from one corpus: ``phrases_`` and ``vocabulary_``."""

    def __init__(self, pipeline: Pipeline):
        self.pipeline = pipeline
        self.phrases_: list = []
        self.vocabulary_: frozenset[str] | None = None

    def __repr__(self) -> str:
        learned = [f"{sum(map(len, self.phrases_)):,} phrases"] if self.phrases_ else []
        learned += [f"vocabulary of {len(self.vocabulary_):,} words"] if self.vocabulary_ is not None else []
        return f"FittedPipeline({self.pipeline!r})" + (f"  # learned: {', '.join(learned)}" if learned else "")

    def fit(self, token_stream: Callable[[], Iterable[list[str]]]) -> FittedPipeline:
        """Learn phrases and the pruned vocabulary; ``token_stream()`` restarts the corpus."""
        p = self.pipeline
        if p.phrases > 1:
            from gensim.models.phrases import Phrases

            for _ in range(p.phrases - 1):
                # gensim splits a phrase at its delimiter, so "new_york" + "city" needs one no token holds
                model = Phrases(self._phrased(token_stream()), min_count=p.phrase_min_count,
                                threshold=p.phrase_threshold, delimiter=PHRASE_SEPARATOR)
                self.phrases_.append(frozenset(g.replace(PHRASE_SEPARATOR, "_") for g in model.export_phrases()))
        if p.min_count > 1 or p.min_df > 1 or p.max_df < 1:
            vocab = Vocabulary()
            for tokens in self._phrased(token_stream()):
                vocab.add(tokens)
            self.vocabulary_ = vocab.kept(p.min_count, p.min_df, p.max_df)
        return self

    def _phrased(self, stream: Iterable[list[str]]) -> Iterator[list[str]]:
        for tokens in stream:
            for phrasegrams in self.phrases_:
                tokens = merge_phrases(tokens, phrasegrams)
            yield tokens

    def to_dict(self) -> dict:
        return {"pipeline": self.pipeline.get_params(), "phrases": [sorted(p) for p in self.phrases_],
                "vocabulary": None if self.vocabulary_ is None else sorted(self.vocabulary_)}

    @classmethod
    def from_dict(cls, data: dict) -> FittedPipeline:
        fitted = cls(Pipeline(**data["pipeline"]))
        fitted.phrases_ = [frozenset(p) for p in data["phrases"]]
        fitted.vocabulary_ = None if data["vocabulary"] is None else frozenset(data["vocabulary"])
        return fitted

    def transform(self, tokens: list[str]) -> list[str]:
        for phrasegrams in self.phrases_:
            tokens = merge_phrases(tokens, phrasegrams)
        if self.vocabulary_ is not None:
            vocab = self.vocabulary_
            tokens = [t for t in tokens if t in vocab]
        return tokens

    def __call__(self, text: str) -> list[str]:
        return self.transform(self.pipeline.tokenize(text))
