"""Part of speech for choosing replacements: a tagger for the sentence, a table for candidates.

The sentence is tagged in context by the best tagger this machine has: NLTK's averaged
perceptron (data ``averaged_perceptron_tagger_eng``), else WordNet's most common sense, else a
shipped word -> tags table (built by tagging the training corpus), else suffix rules.  A
candidate must be able to take the tag the replaced word has in context.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Sequence
from pathlib import Path

from .._io import atomic_write, read_json_artifact
from ..errors import InvalidParameterError

CONTENT = ("NOUN", "VERB", "ADJ", "ADV")
_PENN = {"NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "VB": "VERB", "VBD": "VERB", "VBG": "VERB",
         "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "RB": "ADV",
         "RBR": "ADV", "RBS": "ADV", "CD": "NUM", "MD": "AUX"}
_WORDNET = {"n": "NOUN", "v": "VERB", "a": "ADJ", "s": "ADJ", "r": "ADV"}
_SUFFIXES = (("ly", "ADV"), ("ness", "NOUN"), ("ment", "NOUN"), ("tion", "NOUN"), ("sion", "NOUN"), ("ity", "NOUN"),
             ("ous", "ADJ"), ("ful", "ADJ"), ("less", "ADJ"), ("able", "ADJ"), ("ible", "ADJ"), ("ive", "ADJ"),
             ("est", "ADJ"), ("ish", "ADJ"), ("ic", "ADJ"), ("al", "ADJ"), ("ed", "VERB"), ("ing", "VERB"),
             ("ize", "VERB"), ("ise", "VERB"), ("ate", "VERB"), ("s", "NOUN"))
_NUMBER = re.compile(r"^(<num>|\d[\d.,:/-]*|one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand)$")
_FORMAT = "nlpkit-pos-table/1"
_ADJECTIVE_CONTEXT = frozenset("""is was are were be been being seems seemed looks looked feels felt very so too
really pretty quite extremely incredibly super most more less not n't get gets got getting become becomes became""".split())
# subjects, modals and do-support a verb follows ("i love", "we really loved", "you 'll enjoy", "i do n't
# like"; "wo"/"ca" as in "wo n't", "ca n't")
_VERB_CONTEXT = frozenset("""i we you they he she will would can could should might must may 'll 'd wo ca
do does did""".split())
# do-support, with the Penn tag of the verb form it stands for when its negator goes ("did n't like" -> "liked")
DO_SUPPORT = {"do": "VB", "does": "VBZ", "did": "VBD"}
WH_WORDS = frozenset("why how what where when who whom whose which".split())
# words that grade the adjective or adverb after them ("pretty darn good", "super friendly", "way
# overpriced") but that a tagger of lower-case text calls adjectives
DEGREE_MODIFIERS = frozenset("pretty darn damn super real way".split())
# adverbs that frame a claim whose opinion another word carries: certainty and degree ("definitely coming
# back", "highly recommend", "absolutely love", "hardly any"), viewpoint ("ironically") and time ("finally arrived")
FRAMING_ADVERBS = frozenset("""definitely certainly surely absolutely truly obviously probably likely inevitably
clearly undoubtedly honestly seriously literally actually basically apparently evidently presumably supposedly
highly really totally completely simply possibly perhaps maybe hardly scarcely ironically notably surprisingly
interestingly oddly strangely admittedly frankly personally generally usually normally typically finally
eventually recently currently originally initially ultimately later earlier soon lately afterwards ago""".split())
# attitude adverbs: how the writer takes what happened ("luckily he was wearing leather pants")
ATTITUDE_ADVERBS = frozenset("""fortunately unfortunately luckily unluckily thankfully sadly regrettably
mercifully hopefully""".split())
# adjectives for how someone feels ("we were disappointed"); the flipper adds the opinion words among the
# participles of the verbs of feeling that WordNet gives the frame "something ----s somebody"
# verbs that are a verdict on their own, with no object ("this place sucks", "the pizza rocks"), by form:
# one is replaced only by another of its form, since the nearest verbs on its ray take objects ("this place
# sucks" became "this place loves", "customer service sucks" "... smiles")
VERDICT_VERB_FORMS = (frozenset("sucks rocks rules stinks blows excels shines disappoints delivers".split()),
                      frozenset("sucked rocked ruled stank stunk blew excelled shone delivered".split()),
                      frozenset("suck rock rule stink blow excel shine disappoint deliver".split()))
EXPERIENCER_ADJECTIVES = frozenset("""happy glad sad unhappy upset angry mad thrilled amazed satisfied dissatisfied
unsatisfied frustrated confused pleased displeased disappointed impressed unimpressed delighted excited bored
annoyed irritated disgusted horrified shocked surprised grateful thankful relieved interested uninterested worried
scared terrified embarrassed amused entertained fascinated intrigued puzzled baffled offended insulted overwhelmed
underwhelmed stunned saddened depressed heartbroken elated ecstatic proud ashamed""".split())
# the particles of phrasal verbs ("stay away", "will be back", "right away"), and what "right" grades there
PARTICLES = frozenset("away back out off up down over around along home together apart aside ahead forward".split())
RIGHT_BEFORE = PARTICLES | frozenset({"now", "there", "here", "after", "before", "behind", "next"})
# determiners that make a noun definite (a superlative needs one: "the best", "our worst")
DEFINITE = frozenset("the my our your their his her its".split())
DETERMINERS = DEFINITE | frozenset("a an this that these those some any every".split())


def coarse(penn_tag: str) -> str:
    return _PENN.get(penn_tag, "OTHER")


def suffix_tag(word: str) -> str:
    """A guess from the ending alone: the last resort."""
    if _NUMBER.match(word):
        return "NUM"
    if not word[:1].isalpha():
        return "OTHER"
    for suffix, tag in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return tag
    return "NOUN"


# past tenses and participles that do not end in -ed ("it took me an hour" must not become "it love me");
# forms that double as the base (put, cut, read, let) are left out, as are ones that are mostly other words
# in reviews (left, bit, shot, rose)
IRREGULAR_PAST = frozenset("""
    ate eaten became began begun bitten blew blown bought brought built burnt caught chose chosen came
    dealt did done drew drawn drank drunk drove driven fed felt fell fallen fought found flew flown forgot
    forgotten forgave forgiven froze frozen gave given went gone got gotten grew grown heard held hid hidden
    kept knew known laid led lent lost made meant met paid ran rang rode ridden risen said sat saw seen
    sought sold sent shook shaken shone showed shown sang sung sank slept slid spoke spoken spent spun
    stood stole stolen stuck stung struck swore sworn swept swam swum took taken taught tore torn told thought
    threw thrown understood woke woken wore worn won wrote written""".split())


def verb_form(word: str) -> str:
    """The inflection a verb shows: "ing", "ed" (past or participle, regular or not: liked, took),
    "s" or "base"."""
    if word in IRREGULAR_PAST:
        return "ed"
    if word.endswith("ing") and len(word) > 4:
        return "ing"
    if word.endswith("ed") and len(word) > 3:
        return "ed"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return "s"
    return "base"


def negated_do(tokens: Sequence[str], j: int) -> bool:
    """Whether token ``j`` is the negator of do-support: "did n't", "does not"."""
    return j >= 1 and tokens[j] in ("n't", "not") and tokens[j - 1] in DO_SUPPORT


def is_base_verb(word: str) -> bool:
    """Whether ``word`` is a verb's base form to lemminflect ("like", "work"; not "liked", "the")."""
    from lemminflect import getAllLemmas

    return word in getAllLemmas(word, upos="VERB").get("VERB", ())


# nouns in -s that are not plurals of a word ("news" is not the plural of "new")
SINGULAR_IN_S = frozenset("""news series species physics mathematics politics economics ethics athletics
gymnastics chaos bias canvas atlas lens shambles whereabouts means measles diabetes herpes rabies""".split())


def noun_number(word: str) -> str:
    """"plural" or "singular", by the ending: "the movie was a complete disaster" must not become
    "... an extraordinary recommendations". A noun in -s is plural unless it ends in -ss, -us or -is
    ("mess", "genius", "analysis") or is in ``SINGULAR_IN_S``; irregular plurals ("people") count as
    singular. (Asking for a known singular was tried: the candidate vocabulary lacks many, such as
    "inconsistency", and "the many inconsistencies" became "the many versatility".)"""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")) or word in SINGULAR_IN_S:
        return "singular"
    return "plural"


IRREGULAR_DEGREES = {"best": "superlative", "worst": "superlative", "least": "superlative", "most": "superlative",
                     "better": "comparative", "worse": "comparative", "less": "comparative", "more": "comparative"}


def adjective_degree(word: str, known: Container[str] = frozenset()) -> str:
    """"superlative", "comparative" or "plain": "worst" cannot replace "great" ("the food was worst").

    Regular superlatives count only when their stem is a ``known`` word (biggest -> big,
    happiest -> happy), so "honest" stays plain; regular comparatives (-er) are too
    ambiguous (never, water) and count as plain.
    """
    if word in IRREGULAR_DEGREES:
        return IRREGULAR_DEGREES[word]
    if word.endswith("est") and len(word) > 5:
        stem = word[:-3]
        if any(base in known for base in (stem, stem + "e", stem[:-1], stem[:-1] + "y")):
            return "superlative"
    return "plain"


def nltk_data_dirs() -> list[Path]:
    """Where NLTK looks for data, found without importing nltk (whose import costs seconds)."""
    env = [Path(p) for p in os.environ.get("NLTK_DATA", "").split(os.pathsep) if p]
    home = [Path.home() / "nltk_data"]
    system = [Path(sys.prefix) / "nltk_data", Path(sys.prefix) / "share" / "nltk_data",
              Path(sys.prefix) / "lib" / "nltk_data", Path("/usr/share/nltk_data"), Path("/usr/local/share/nltk_data"),
              Path("/usr/lib/nltk_data"), Path("/usr/local/lib/nltk_data")]
    return [p for p in env + home + system if p.is_dir()]


class PerceptronTagger:
    """NLTK's averaged-perceptron English tagger, read from its JSON data and applied exactly as
    ``nltk.tag.perceptron`` does (same features, tag dictionary and tie-break)."""

    START, END = ["-START-", "-START2-"], ["-END-", "-END2-"]
    NAME = "averaged_perceptron_tagger_eng"

    def __init__(self, folder: Path):
        prefix = folder / self.NAME
        self.weights = json.loads(Path(f"{prefix}.weights.json").read_text(encoding="utf-8"))
        self.tagdict = json.loads(Path(f"{prefix}.tagdict.json").read_text(encoding="utf-8"))
        self.classes = sorted(json.loads(Path(f"{prefix}.classes.json").read_text(encoding="utf-8")))

    @classmethod
    def find(cls) -> PerceptronTagger | None:
        for root in nltk_data_dirs():
            folder = root / "taggers" / cls.NAME
            if (folder / f"{cls.NAME}.weights.json").is_file():
                try:
                    return cls(folder)
                except (OSError, ValueError):
                    return None
        return None

    @staticmethod
    def _normalize(word: str) -> str:
        if "-" in word and word[0] != "-":
            return "!HYPHEN"
        if word.isdigit() and len(word) == 4:
            return "!YEAR"
        if word and word[0].isdigit():
            return "!DIGITS"
        return word.lower()

    def tag(self, tokens: Sequence[str]) -> list[tuple[str, str]]:
        prev, prev2 = self.START
        context = self.START + [self._normalize(w) for w in tokens] + self.END
        out = []
        for i, word in enumerate(tokens):
            tag = self.tagdict.get(word) or self._predict(self._features(i + 2, word, context, prev, prev2))
            out.append((word, tag))
            prev2, prev = prev, tag
        return out

    @staticmethod
    def _features(i: int, word: str, context: list[str], prev: str, prev2: str) -> Counter:
        return Counter(["bias", f"i suffix {word[-3:]}", f"i pref1 {word[0] if word else ''}", f"i-1 tag {prev}",
                        f"i-2 tag {prev2}", f"i tag+i-2 tag {prev} {prev2}", f"i word {context[i]}",
                        f"i-1 tag+i word {prev} {context[i]}", f"i-1 word {context[i - 1]}",
                        f"i-1 suffix {context[i - 1][-3:]}", f"i-2 word {context[i - 2]}",
                        f"i+1 word {context[i + 1]}", f"i+1 suffix {context[i + 1][-3:]}",
                        f"i+2 word {context[i + 2]}"])

    def _predict(self, features: Counter) -> str:
        scores: dict[str, float] = defaultdict(float)
        for feature, value in features.items():
            for label, weight in self.weights.get(feature, {}).items():
                scores[label] += value * weight
        return max(self.classes, key=lambda label: (scores[label], label))


@functools.lru_cache(maxsize=1)
def _perceptron() -> PerceptronTagger | None:
    return PerceptronTagger.find()


@functools.lru_cache(maxsize=1)
def _wordnet():
    try:
        from nltk.corpus import wordnet

        wordnet.ensure_loaded()
        return wordnet
    except (LookupError, OSError, ImportError, AttributeError):
        return None


def wordnet_parts_of_speech(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """word -> the coarse tags WordNet knows it in (most senses first), for the words WordNet knows;
    {} without WordNet data. Built once with the table, so flipping never loads WordNet itself
    (5 s and 275 MB on first use)."""
    wordnet = _wordnet()
    if wordnet is None:
        return {}
    found = {}
    for word in words:
        if word.isalpha() and not _NUMBER.match(word):
            tags = _wordnet_tags(wordnet, word)
            if tags:
                found[word] = tags
    return found


def wordnet_feeling_verbs(words: Iterable[str]) -> frozenset[str]:
    """The words whose commonest verb sense WordNet files under feelings (verb.emotion: "hated",
    "liked", "enjoy", "despise"; not "fall" or "plot"); empty without WordNet data."""
    wordnet = _wordnet()
    if wordnet is None:
        return frozenset()
    return frozenset(w for w in words if w.isalpha() and (senses := wordnet.synsets(w, "v"))
                     and senses[0].lexname() == "verb.emotion")


# WordNet's verb frames: 8 "Somebody ----s something", 9 "Somebody ----s somebody" (the subject
# feels), 10 "Something ----s somebody" (the subject causes the feeling)
_FRAMES_FEELS, _FRAME_CAUSES = frozenset({8, 9}), 10


def wordnet_feeling_kinds(words: Iterable[str]) -> dict[str, str]:
    """For the feeling verbs (``wordnet_feeling_verbs``): "feels" where the subject feels the
    feeling ("love", "hate", "enjoy", "like"), "causes" where it causes it ("bore", "depress",
    "delight", "sicken", "mortify"), by the frames of the word's verb.emotion senses; a verb
    that takes neither frame ("despair", "hope": "Somebody ----s") has no kind. "i loved it" may
    become "i hated it", never "i sickened it" or "i mortified it"; {} without WordNet data."""
    wordnet = _wordnet()
    if wordnet is None:
        return {}
    kinds = {}
    for word in sorted(wordnet_feeling_verbs(words)):
        base = wordnet.morphy(word, "v") or word
        frames = set()
        for sense in wordnet.synsets(word, "v"):
            if sense.lexname() == "verb.emotion":
                lemma = next((l for l in sense.lemmas() if l.name() == base), sense.lemmas()[0])
                frames |= set(lemma.frame_ids()) | set(sense.frame_ids())
        if _FRAME_CAUSES in frames:
            kinds[word] = "causes"
        elif frames & _FRAMES_FEELS:
            kinds[word] = "feels"
    return kinds


def _wordnet_tags(wordnet, word: str) -> tuple[str, ...]:
    """The coarse tags of a word's WordNet senses, the one with most senses first."""
    return tuple(t for t, _ in Counter(_WORDNET.get(s.pos(), "OTHER") for s in wordnet.synsets(word)).most_common())


class PosTable:
    """word -> the coarse tags it takes (share >= ``min_share`` of its tagged occurrences).

    It also carries what flipping needs from WordNet, looked up once when the table is built, so
    flipping never loads WordNet: each word's parts of speech (``dictionary``), the verbs that
    name feelings (``feeling_verbs``) and whether their subject feels or causes the feeling
    (``feeling_kinds``)."""

    def __init__(self, tags: dict[str, tuple[str, ...]] | None = None,
                 dictionary: dict[str, tuple[str, ...]] | None = None, feeling_verbs: Iterable[str] = (),
                 feeling_kinds: dict[str, str] | None = None):
        self.tags = dict(tags or {})
        self.dictionary = dict(dictionary or {})     # WordNet's parts of speech, see wordnet_parts_of_speech
        self.feeling_verbs = frozenset(feeling_verbs)
        self.feeling_kinds = {w: k for w, k in (feeling_kinds or {}).items() if w in self.feeling_verbs}

    def __repr__(self) -> str:
        return (f"PosTable(words={len(self.tags):,}, dictionary={len(self.dictionary):,}, "
                f"feeling_verbs={len(self.feeling_verbs):,})")

    @classmethod
    def from_tagged(cls, tagged: Iterable[tuple[str, str]], min_count: int = 2, min_share: float = 0.15,
                    dictionary: dict[str, tuple[str, ...]] | None = None,
                    feeling_verbs: Iterable[str] = (), feeling_kinds: dict[str, str] | None = None) -> PosTable:
        """Build from (word, coarse tag) pairs, e.g. a tagged corpus."""
        counts: dict[str, Counter] = defaultdict(Counter)
        for word, tag in tagged:
            counts[word][tag] += 1
        table = {}
        for word, tags in counts.items():
            total = sum(tags.values())
            if total >= min_count:
                table[word] = tuple(t for t, c in tags.most_common() if c / total >= min_share)
        # the dictionary is kept for words too rare for the table and words WordNet never calls nouns
        # (the perceptron calls unknown words nouns; see ``corrected_tag``). Kept whole, it made worse
        # candidates: "like" after "looked" became an adjective ("the meats looked amazing fresh")
        kept = {w: t for w, t in (dictionary or {}).items() if w not in table or "NOUN" not in t}
        return cls(table, kept, feeling_verbs, feeling_kinds)

    def tags_of(self, word: str) -> tuple[str, ...]:
        """The tags the corpus showed ``word`` in; for a word too rare for the table, a suffix rule's."""
        return self.tags.get(word) or (suffix_tag(word),)

    def candidate_tags(self, word: str) -> tuple[str, ...]:
        """Like ``tags_of``, but a word too rare for the table asks the dictionary before the suffix
        rules, which call "simpler" a noun ("the problem with this film" -> "the simpler with ...")."""
        return self.tags.get(word) or self.dictionary.get(word) or (suffix_tag(word),)

    def primary_tag(self, word: str) -> str:
        """The part of speech a candidate replacement must mostly have to stand in for a word of that
        tag: its commonest in the corpus, as ``corrected_tag`` corrects it. The perceptron misreads
        lower-case reviews: it calls "ugly" an adverb more often than an adjective in Yelp, so "we
        were pleasantly surprised" became "we were ugly surprised"."""
        return self.corrected_tag(word, self.candidate_tags(word)[0])

    def corrected_tag(self, word: str, tag: str) -> str:
        """``tag``, unless the dictionary knows ``word`` (it holds the words too rare for the corpus
        table and those WordNet never calls nouns) and never gives it that part of speech: then ADJ
        where the dictionary allows one (a word the perceptron never saw is a noun to it, and in a noun
        slot it is mostly an adjective: "this masterful , flawless film"), else its commonest. An
        adjective becomes only an adverb ("overly"): WordNet lists few participles as adjectives, and
        "overcooked food" is one."""
        known = self.dictionary.get(word)
        if not known or tag in known or tag not in CONTENT:
            return tag
        if tag == "ADJ":
            return "ADV" if "ADV" in known else tag
        return "ADJ" if "ADJ" in known else known[0]

    def can_be_adjective(self, word: str) -> bool:
        """Whether the corpus uses ``word`` as an adjective, or the dictionary knows it only as one: the
        perceptron calls "ugly" an adverb all through the movie reviews, while WordNet's adjectives
        "very" and "just" are adverbs after a copula and "wearing" and "washed" verbs ("he was wearing
        leather pants" became "he was excellent leather pants")."""
        return "ADJ" in self.tags_of(word) or self.dictionary.get(word) == ("ADJ",)

    def only_verb(self, word: str) -> bool:
        """Whether the corpus used ``word`` as a verb and never as a noun."""
        seen = self.tags.get(word)
        return bool(seen) and seen[0] == "VERB" and "NOUN" not in seen

    def save(self, path: Path | str) -> Path:
        with atomic_write(path) as f:
            json.dump({"format": _FORMAT, "tags": {w: ",".join(t) for w, t in self.tags.items()},
                       "dictionary": {w: ",".join(t) for w, t in self.dictionary.items()},
                       "feeling_verbs": sorted(self.feeling_verbs),
                       "feeling_kinds": dict(sorted(self.feeling_kinds.items()))}, f,
                      ensure_ascii=False, separators=(",", ":"))
        return Path(path)

    @classmethod
    def load(cls, path: Path | str) -> PosTable:
        """A table saved before session 13 has no dictionary, before session 14 no feeling verbs,
        and before session 15 no feeling kinds; it loads, and knows less."""
        data = read_json_artifact(path, _FORMAT, "part-of-speech table")
        split = lambda mapping: {w: tuple(t.split(",")) for w, t in mapping.items()}  # noqa: E731
        return cls(split(data["tags"]), split(data.get("dictionary", {})), data.get("feeling_verbs", ()),
                   data.get("feeling_kinds", {}))


TAGGER_BACKENDS = ("auto", "perceptron", "wordnet", "table", "suffix")


def check_backend(backend: str) -> None:
    if backend not in TAGGER_BACKENDS:
        raise InvalidParameterError(f"tagger {backend!r}: not one of {', '.join(TAGGER_BACKENDS)}",
                                    hint="auto picks NLTK's perceptron where its data is installed")


class Tagger:
    """Coarse tags (NOUN VERB ADJ ADV PROPN NUM AUX OTHER) of a token list, in context.

    ``backend``: "auto" (the best available), "perceptron", "wordnet", "table" or "suffix".
    """

    def __init__(self, table: PosTable | None = None, backend: str = "auto"):
        self.table = table or PosTable()
        self.backend = self._choose(backend)

    def __repr__(self) -> str:
        return f"Tagger(backend={self.backend!r})"

    def _choose(self, backend: str) -> str:
        check_backend(backend)
        if backend != "auto":
            return backend
        if _perceptron() is not None:
            return "perceptron"
        if _wordnet() is not None:
            return "wordnet"
        return "table" if self.table.tags else "suffix"

    def tag(self, tokens: Sequence[str]) -> list[str]:
        if not tokens:
            return []
        tags = self._tags(tokens)
        # the suffix rules call "even" a noun: they cannot tell the adverb between ("did n't even try")
        return tags if self.backend == "suffix" else self._verbs_after_negated_do(tokens, tags)

    def _tags(self, tokens: Sequence[str]) -> list[str]:
        if self.backend == "perceptron" and _perceptron() is not None:
            # the perceptron learned "I" from its tag dictionary only: a lower-case "i" is a noun to it,
            # and so is the verb after it ("i hate to see" -> "i fun to see")
            tags = [coarse(t) for _, t in _perceptron().tag(["I" if t == "i" else t for t in tokens])]
            tags = self._adjectives_in_context(tokens, self._tags_by_dictionary(tokens, tags))
            return self._modifiers(tokens, tags)
        if self.backend == "wordnet" and _wordnet() is not None:
            return [self._wordnet_tag(t) for t in tokens]
        if self.backend in ("table", "wordnet", "perceptron"):
            return self._table_tags(tokens)
        return [suffix_tag(t) for t in tokens]

    def _table_tags(self, tokens: Sequence[str]) -> list[str]:
        """Each word's most frequent tag, corrected by ``_verbs_in_context`` and ``_adjectives_in_context``."""
        tags = [self.table.tags_of(t)[0] if t[:1].isalpha() else suffix_tag(t) for t in tokens]
        return self._adjectives_in_context(tokens, self._verbs_in_context(tokens, tags))

    def _verbs_in_context(self, tokens: Sequence[str], tags: list[str]) -> list[str]:
        """After a subject pronoun, a modal or do-support, an adverb or two (or "not") allowed between,
        a word tagged NOUN that can be a verb is one: movie reviews use "love" mostly as a noun ("a
        love story"), and without a tagger in context "i love this film" kept its "love" as a noun,
        which the flip leaves alone. Only nouns turn: "i found you boring" keeps its adjective."""
        out = list(tags)
        for i in range(1, len(tokens)):
            j = i - 1
            while j > 0 and j >= i - 2 and (out[j] == "ADV" or tokens[j] in ("not", "n't")):
                j -= 1
            if (tokens[j] in _VERB_CONTEXT and out[i] == "NOUN" and tokens[i].isalpha()
                    and "VERB" in self.table.tags_of(tokens[i])):
                out[i] = "VERB"
        return out

    @staticmethod
    def _verbs_after_negated_do(tokens: Sequence[str], tags: list[str]) -> list[str]:
        """After do-support and its negator ("did n't", "does not"; an adverb allowed between: "did
        n't even like") stands a base verb, where a tagger guessed a noun, adjective or other word (an
        adverb stays one: "did n't even try"): NLTK's perceptron and the table call "like" there a
        preposition, so "i did n't like the food" could not become "i liked the food" and became "i
        did n't like the warm food". Not in a question, where the subject follows ("why did n't
        staff help us ?" would become "why staffed help us ?")."""
        out = list(tags)
        if tokens[-1] == "?":
            return out
        for i in range(2, len(tokens)):
            j = i - 1 if out[i - 1] != "ADV" or tokens[i - 1] in ("n't", "not") else i - 2
            if (negated_do(tokens, j) and (j < 2 or tokens[j - 2] not in WH_WORDS)
                    and out[i] in ("NOUN", "ADJ", "OTHER") and tokens[i].isalpha() and is_base_verb(tokens[i])):
                out[i] = "VERB"
        return out

    def _adjectives_in_context(self, tokens: Sequence[str], tags: list[str]) -> list[str]:
        """After a copula or an intensifier, a word that can be an adjective (in the corpus or the
        dictionary) is one ("the acting is superb", "so very salty", "things started to get ugly"),
        whatever a tagger guessed."""
        out = list(tags)
        for i in range(1, len(tokens)):
            if tokens[i - 1] in _ADJECTIVE_CONTEXT and tokens[i][:1].isalpha() and self.table.can_be_adjective(tokens[i]):
                out[i] = "ADJ"
        return out

    def _modifiers(self, tokens: Sequence[str], tags: list[str]) -> list[str]:
        """A degree word before an adjective or adverb is an adverb ("pretty darn good"), where the
        perceptron called it an adjective and the flip made "this is ridiculous darn bad pizza"; an
        "adverb" before a noun is an adjective where the corpus mostly uses it as one (a fragment's
        "worst customer service" is RBS to the perceptron, and became "super customer service")."""
        out = list(tags)
        for i in range(len(tokens) - 2, -1, -1):
            if (tokens[i] in DEGREE_MODIFIERS and out[i + 1] in ("ADJ", "ADV")
                    and not (i and tokens[i - 1] in DETERMINERS)):       # "the way nice people are treated"
                out[i] = "ADV"
            elif out[i] == "ADV" and out[i + 1] == "NOUN" and self.table.tags_of(tokens[i])[0] == "ADJ":
                out[i] = "ADJ"
        return out

    def _tags_by_dictionary(self, tokens: Sequence[str], tags: list[str]) -> list[str]:
        """Where the table's dictionary (WordNet) never gives a word the perceptron's tag, its own is taken
        (``PosTable.corrected_tag``): the perceptron calls most words it did not see in training nouns
        ("the terrific and ...", "humourless and dull"), and "wonderful" in "what wonderful food" a verb
        (it became "what hate food"). An adverb never becomes an adjective, and a "verb" right after a
        noun, where a verb can stand, stays one: WordNet misses adverb uses of adjectives, and "i
        ordered my tires online" (a verb to the perceptron) became "... my tires wonderful". After a
        noun, a word the corpus only ever used as a verb is one ("this place smelt like ..." became
        "this place gem like ..."); not after a preposition ("i 'm in love")."""
        out = list(tags)
        for i, (word, tag) in enumerate(zip(tokens, tags)):
            after_noun = i > 0 and tags[i - 1] in ("NOUN", "PROPN")
            if tag not in CONTENT or (tag == "VERB" and after_noun) or not word.isalpha():
                continue
            corrected = self.table.corrected_tag(word.lower(), tag)
            out[i] = tag if tag == "ADV" and corrected == "ADJ" else corrected
            if out[i] == "NOUN" and after_noun and self.table.only_verb(word.lower()):
                out[i] = "VERB"
        return out

    def _wordnet_tag(self, word: str) -> str:
        if not word[:1].isalpha():
            return suffix_tag(word)
        if word in self.table.tags:
            return self.table.tags[word][0]
        return (_wordnet_tags(_wordnet(), word) or ("OTHER",))[0]
