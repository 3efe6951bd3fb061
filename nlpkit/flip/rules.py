"""Edits that need no gradient: negation in and out, WordNet antonyms, a/an agreement, and the
test that stops a word being replaced by a spelling variant or inflection of itself."""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Sequence
from pathlib import Path

from .._io import atomic_write, read_json_artifact
from ..errors import InvalidParameterError
from .pos import DETERMINERS, DO_SUPPORT, is_base_verb, negated_do
from .result import Edit

NEGATORS = frozenset({"not", "n't", "never", "no"})
# words after which "not" reads naturally: "was great" -> "was not great"
NEGATABLE = frozenset({"is", "was", "are", "were", "am", "be", "been", "'s", "'re", "'m", "will", "would", "can",
                       "could", "should", "do", "does", "did", "has", "have", "had", "'ve", "might", "must"})
# an auxiliary before one of the forms that can follow it ("will be", "has n't been", "will definitely be",
# "could have") holds the verb group's negation
GROUP_AUXILIARIES = NEGATABLE | frozenset({"may", "'ll", "'d", "shall", "wo", "ca"})
NON_FINITE_AUXILIARIES = frozenset({"be", "been", "have", "'ve", "do"})
# after an auxiliary, the subject of a question or an inverted clause: no "not" goes between ("will not i")
SUBJECT_PRONOUNS = frozenset("i you he she it we they".split())
FINITE_BE = frozenset({"is", "was", "are", "were", "am"})
# auxiliaries that are also main verbs ("we had a great time", "they do a great job")
MAIN_VERB_AUXILIARIES = frozenset(DO_SUPPORT) | {"has", "have", "had"}
_CLITIC_STEMS = {"wo": "will", "ca": "can", "sha": "shall", "ai": "is"}
_AN_EXCEPTIONS_CONSONANT = ("uni", "use", "usu", "uti", "eu", "one", "once", "ufo", "u.")
# "un-" before a word in "i" is a negative prefix, not the "yoo" of "unique": "an uninspired", "an unimaginative"
_AN_EXCEPTIONS_VOWEL = ("hour", "honest", "honor", "honour", "heir", "unin", "unim", "unid")
_FORMAT = "nlpkit-antonyms/1"


# what a negator may become: an adverb that affirms where the negator denied ("would not recommend" ->
# "would definitely recommend", "will never come back" -> "will definitely come back"); other adverbs on
# the negator's ray read as nonsense there ("would wonderfully recommend", "will vividly come back"), and
# so do degree adverbs before most verbs ("will highly come back")
AFFIRMING_ADVERBS = frozenset("definitely certainly surely absolutely gladly happily always truly "
                              "wholeheartedly".split())
# a negator after one of these sits in an adverb slot ("would not recommend" -> "would definitely recommend");
# "do"/"did" are left out: "do not spend" -> "do perfectly spend" needs "do" gone as well
ADVERB_SLOT_AUXILIARIES = frozenset("would will could can should might must may 'll 'd is was are were be "
                                    "been am 's 're 'm have has had".split())
# ... and what turns its verb around (into "never", "not" or "do not": ``_negated_adverb``): after an auxiliary,
# any of them ("will definitely come back" -> "will never come back", "would gladly return" -> "would never
# return"; "always" has its own swap), with none, only those of certainty ("i highly recommend them" -> "i do not
# recommend them", but "i absolutely love their pizza" must not become "i never love their pizza", nor "we
# happily paid" "we never paid")
NEVER_FOR = AFFIRMING_ADVERBS - {"always"} | {"highly"}
NEVER_WITHOUT_AUXILIARY = frozenset({"highly", "definitely", "certainly"})
WORTH_DEGREES = frozenset("well quite really totally so very".split())   # "well not worth it" reads wrong
CERTAINTY_ADVERBS = frozenset("definitely certainly surely absolutely clearly obviously probably".split())

# the words that stand only under a negation in their clause (negative-polarity items), each as it reads
# once its negation is gone: "did n't have any" -> "had some",
# "wo n't be back ever again" -> "will be back again", "nothing exciting either" -> "something exciting too"
NPI_TURNED = {("any",): ("some",), ("anything",): ("something",), ("anyone",): ("everyone",),
              ("anybody",): ("everybody",), ("anywhere",): ("everywhere",), ("anymore",): (), ("ever",): (),
              ("either",): ("too",), ("yet",): ("already",), ("at", "all"): (), ("any", "longer"): ()}
NEGATIVE_POLARITY_ITEMS = frozenset(item[0] for item in NPI_TURNED if len(item) == 1)
COMPARATIVE_DEGREE = frozenset("good better worse different more less longer".split())  # "is n't any better"
CLAUSE_ENDS = frozenset(", . ! ? ; : -- ... but".split())
# after a modal of will or wish, "to anyone" is free choice, not a negative-polarity item:
# "would n't recommend it to anyone" -> "would recommend it to anyone" reads right
_FREE_CHOICE_MODALS = frozenset({"would", "'d", "will", "wo", "can", "ca"})
_FREE_CHOICE_RECIPIENTS = frozenset({"anyone", "anybody"})
# words and phrases whose negation is another word ("they are never on time" -> "always on time",
# "nothing special" -> "something special", "no one answered" -> "everyone answered")
POLARITY_SWAPS = {("never",): ("always",), ("always",): ("never",), ("nothing",): ("something",),
                  ("nobody",): ("everybody",), ("no", "one"): ("everyone",),
                  ("no", "longer"): ("still",)}


def negation_edits(tokens: Sequence[str], tags: Sequence[str] | None = None) -> list[Edit]:
    """Delete each negator, swap the words of ``POLARITY_SWAPS`` for their opposites, and insert "not"
    after each auxiliary that is not already negated.  With the tokens' universal tags, a negated
    do-support verb loses the auxiliary too ("did n't care" -> "cared", not "did care").
    A negative-polarity item that the negation licenses turns with it ("did n't have any" -> "had some",
    "wo n't be back ever again" -> "will be back again", "not ... at all" loses "at all")."""
    if tags is not None and len(tags) != len(tokens):
        raise InvalidParameterError(f"{len(tags)} tags for {len(tokens)} tokens", hint="give one tag per token")
    edits = [] if tags is None else _do_support_edits(tokens, tags)
    do_supported = frozenset(e.position + 1 for e in edits)
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else ""
        turned = []
        if token == "n't" and before in _CLITIC_STEMS:      # "wo n't" -> "will", not "wo"
            turned.append(Edit(i - 1, (before, token), (_CLITIC_STEMS[before],), "negation"))
        elif token in NEGATORS and token != "no" and not negation_stays(tokens, i, tags, do_supported):
            turned.append(Edit(i, (token,), (), "negation"))
        turned += [Edit(i, old, new, "negation") for old, new in POLARITY_SWAPS.items()
                   if tuple(tokens[i:i + len(old)]) == old
                   and not (old == ("never",) and _never_stays_never(tokens, i))]
        npis = npis_after(tokens, i, tags) if token in NEGATORS | {"nothing", "nobody"} else []
        edits += [with_npis_turned(tokens, edit, npis, tags) if npis else edit for edit in turned]
        negated = _negated_adverb(tokens, tags, i)
        if negated:
            edits.append(Edit(i, (token,), negated, "negation"))
        edits += _not_inserted(tokens, tags, i)
    return list(dict.fromkeys(edits))      # one edit reached two ways ("is definitely worth") counts once


def _not_inserted(tokens: Sequence[str], tags: Sequence[str] | None, i: int) -> list[Edit]:
    """The "not" that token ``i`` takes, if any.  It follows the first auxiliary of a verb group ("will not be
    back", never "will be not back"), past adverbs of certainty, and "have" or "do" only as auxiliaries: before
    a verb, past adverbs ("has all the appeal" -> "has not all the appeal", "we had very slow service" -> "we
    had not very slow service").  A bare "worth" takes it before, in place of its degree ("well worth")."""
    token, before = tokens[i], tokens[i - 1] if i else ""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    main_verb = token in MAIN_VERB_AUXILIARIES and (tags is not None and _next_tag_past_adverbs(tags, i) != "VERB"
                                                    or nxt in FINITE_BE)      # "the pizza we had was cold"
    slot = _past_certainty(tokens, i + 1)
    if token in NEGATABLE and slot < len(tokens) and tokens[slot] not in NEGATORS and not main_verb \
            and nxt not in SUBJECT_PRONOUNS and not _after_auxiliary(tokens, tags, i) \
            and not _negated_group(tokens, tags, i):      # "never been not disappointed"
        return [Edit(slot, (), ("not",), "negation")]
    negated_before = before in NEGATORS or (i > 1 and tokens[i - 2] in NEGATORS)      # "is not really worth"
    if token == "worth" and before in WORTH_DEGREES and not negated_before:   # "well worth" -> "not worth"
        return [Edit(i - 1, (before,), ("not",), "negation")]
    if token == "worth" and not negated_before and before not in NEGATABLE:
        return [Edit(i, (), ("not",), "negation")]      # "definitely worth a trip"
    return []


def _negated_group(tokens: Sequence[str], tags: Sequence[str] | None, i: int) -> bool:
    """Whether a negator stands before the auxiliary at ``i`` in its verb group, past adverbs, auxiliaries and
    an inverted subject ("never been disappointed", "never will i be back", "there was nothing ... was"), not
    in an earlier clause ("was not rude and was very helpful" may still become "... and was not very helpful")."""
    j = i - 1
    while j >= 0 and (tokens[j] in GROUP_AUXILIARIES | CERTAINTY_ADVERBS | SUBJECT_PRONOUNS
                      or (tags is not None and tags[j] == "ADV" and tokens[j] not in NEGATORS)):
        j -= 1
    return j >= 0 and tokens[j] in NEGATORS | {"nothing", "nobody", "none", "nor"}


def _past_certainty(tokens: Sequence[str], j: int) -> int:
    """Where "not" goes from ``j`` on: after adverbs of certainty ("is definitely not worth it", not "is not
    definitely worth it", which doubts the certainty instead of the worth)."""
    while j < len(tokens) and tokens[j] in CERTAINTY_ADVERBS:
        j += 1
    return j


def _never_stays_never(tokens: Sequence[str], i: int) -> bool:
    """Whether "never" at ``i`` cannot become "always": it is about one time, not all of them ("never
    ... again", "never felt pain like that before"), or "even" or "to" follows ("always even came
    back", "left , always to return")."""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    once_only = {"again", "before"} & set(_rest_of_clause(tokens, i))
    return after in ("even", "to") or _opens_inversion(tokens, i) or bool(once_only)


def _opens_inversion(tokens: Sequence[str], i: int) -> bool:
    """Whether "never" at ``i`` opens its clause with the auxiliary before the subject ("never will i be
    back", "never again will i"): without it, or with "always", the clause reads as a question."""
    before = tokens[i - 1] if i > 0 else ""
    after, subject = (tokens[i + 1:i + 3] + ["", ""])[:2]
    # "never will i", "never was the food so bad", "never has the service been slower"; not "never had a meal"
    inverted = after in GROUP_AUXILIARIES and (
        subject in SUBJECT_PRONOUNS or (subject in DETERMINERS and (after not in MAIN_VERB_AUXILIARIES
                                                                    or "been" in _rest_of_clause(tokens, i))))
    return before in CLAUSE_ENDS | {""} and (inverted or after == "again")


def _rest_of_clause(tokens: Sequence[str], i: int) -> Sequence[str]:
    end = next((j for j in range(i + 1, len(tokens)) if tokens[j] in CLAUSE_ENDS), len(tokens))
    return tokens[i + 1:end]


def negation_stays(tokens: Sequence[str], i: int, tags: Sequence[str] | None = None,
                   do_supported: frozenset[int] = frozenset()) -> bool:
    """Whether "not"/"n't" at ``i`` must stay where deleting (or replacing) it alone would leave a broken
    clause: after do-support where the do-support edit takes the tense onto the verb instead
    (``do_supported``: "did n't like" -> "liked", not "did like") or "even" follows ("did n't even
    apologize" became "did even apologize"); before "even" with no auxiliary to carry it ("walk by
    not even saying" -> "walk by even saying", but "i could even eat"); and before a degree "that"
    ("the food is that authentic"; with ``tags``, only where an adjective or adverb follows it: "the
    problem is not that the food is bad" can lose its "not").  "never" stays before "to" and where it opens
    an inverted clause ("never will i be back" -> "will i be back" asks a question)."""
    before = tokens[i - 1] if i > 0 else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    if tokens[i] == "never":    # "never will i be back", "never again in this dump", "left , never to return"
        return after == "to" or _opens_inversion(tokens, i)
    if tokens[i] not in ("not", "n't"):
        return False
    if before in DO_SUPPORT and (i in do_supported or after == "even"):
        return True
    if after == "even":
        return before not in NEGATABLE
    degree = tags is None or (i + 2 < len(tags) and tags[i + 2] in ("ADJ", "ADV"))
    return after == "that" and degree


def _negated_adverb(tokens: Sequence[str], tags: Sequence[str] | None, i: int) -> tuple[str, ...] | None:
    """What the affirming adverb at ``i`` becomes to negate its verb, or None: "never" ("will definitely come
    back" -> "will never come back"), but "not" for "highly" ("would highly recommend" -> "would not
    recommend"; "never recommend" reads oddly) and for a participle with no subject before it ("highly
    recommended .", "came highly recommended"), and
    "do not" before a bare base verb ("i highly recommend them" -> "i do not recommend them")."""
    if not _becomes_never(tokens, tags, i):
        return None
    before, verb = tokens[i - 1] if i else "", tokens[i + 1]
    if before in ADVERB_SLOT_AUXILIARIES:
        return ("not",) if tokens[i] == "highly" else ("never",)
    subject = before in SUBJECT_PRONOUNS or (i > 0 and tags[i - 1] == "NOUN" and not ends_clause(tokens, i + 1))
    if verb.endswith("ed") and not subject:      # "came highly recommended", not "i not enjoyed it"
        return ("not",)
    return ("do", "not") if is_base_verb(verb) else ("never",)


def _becomes_never(tokens: Sequence[str], tags: Sequence[str] | None, i: int) -> bool:
    """Whether the affirming adverb at ``i`` can turn its verb's sense around: a verb follows, and an
    auxiliary stands before it, or the adverb is one of certainty in a clause of its own: not after a
    determiner ("a highly rated spot" -> "a never rated spot") nor before an auxiliary or a negator ("they
    definitely do n't care")."""
    if tags is None or i + 1 >= len(tags) or tags[i + 1] != "VERB":
        return False
    before = tokens[i - 1] if i else ""
    if tokens[i] in NEVER_FOR and before in ADVERB_SLOT_AUXILIARIES:
        return True
    after = tokens[i + 2] if i + 2 < len(tokens) else ""
    return (tokens[i] in NEVER_WITHOUT_AUXILIARY and before not in DETERMINERS and tokens[i + 1] not in NEGATABLE
            and after not in NEGATORS)


def _next_tag_past_adverbs(tags: Sequence[str], i: int) -> str | None:
    j = i + 1
    while j < len(tags) and tags[j] == "ADV":
        j += 1
    return tags[j] if j < len(tags) else None


def _after_auxiliary(tokens: Sequence[str], tags: Sequence[str] | None, i: int) -> bool:
    """Whether token ``i`` is a form that follows an auxiliary ("be", "been", "have", "do") and one stands
    before it, past adverbs and negators ("will definitely be", "has n't been"): the negation goes there."""
    if tokens[i] not in NON_FINITE_AUXILIARIES:
        return False
    j = i - 1
    while j >= 0 and (tokens[j] in NEGATORS | CERTAINTY_ADVERBS or (tags is not None and tags[j] == "ADV")):
        j -= 1
    return j >= 0 and tokens[j] in GROUP_AUXILIARIES


def licenses_npi(tokens: Sequence[str], i: int) -> bool:
    """Whether a negative-polarity item ("any", "ever", "at all") follows token ``i`` in its clause:
    the negation at ``i`` is what lets it stand there ("had any water" reads wrong)."""
    return bool(npis_after(tokens, i))


def npis_after(tokens: Sequence[str], i: int, tags: Sequence[str] | None = None) -> list[tuple[int, int]]:
    """(position, length) of each negative-polarity item that the negation at ``i`` licenses: in its
    clause, before another negator or "nor" (which license what follows them).  Under a modal, "to
    anyone" stands without it ("would recommend it to anyone"); "either ... or" is no item, nor is "yet"
    joining two words ("not cheap yet delicious", but "have n't yet complained" has one)."""
    modal = i > 0 and tokens[i - 1] in _FREE_CHOICE_MODALS
    found, j = [], i + 1
    while j < len(tokens) and tokens[j] not in CLAUSE_ENDS and tokens[j] not in NEGATORS | {"nor"}:
        pair = tuple(tokens[j:j + 2])
        if len(pair) == 2 and pair in NPI_TURNED:
            found.append((j, 2))
            j += 2
            continue
        free_choice = modal and tokens[j] in _FREE_CHOICE_RECIPIENTS and tokens[j - 1] == "to"
        joining = tokens[j - 1] in ("and", "but") or (tags is not None and tags[j - 1] == "ADJ")
        conjunction = not ends_clause(tokens, j) and (tokens[j] == "either" or (tokens[j] == "yet" and joining))
        if tokens[j] in NEGATIVE_POLARITY_ITEMS and not free_choice and not conjunction:
            found.append((j, 1))
        j += 1
    return found


def ends_clause(tokens: Sequence[str], j: int) -> bool:
    """Whether token ``j`` is the last of its clause."""
    return j + 1 >= len(tokens) or tokens[j + 1] in CLAUSE_ENDS


def with_npis_turned(tokens: Sequence[str], edit: Edit, npis: list[tuple[int, int]],
                     tags: Sequence[str] | None = None) -> Edit:
    """``edit``, which takes a negation away, widened to turn every negative-polarity item it licensed
    into its affirmative counterpart (``NPI_TURNED``): one edit from the negator to the last item.
    "any" before an adjective grades it and goes ("is n't any good" -> "is good", not "is some good")."""
    new, at = list(edit.new), edit.position + len(edit.old)
    for j, length in npis:
        item = tuple(tokens[j:j + length])
        grading = item == ("any",) and j + 1 < len(tokens) and (
            tokens[j + 1] in COMPARATIVE_DEGREE or (tags is not None and tags[j + 1] == "ADJ"))
        new += [*tokens[at:j], *(() if grading else NPI_TURNED[item])]
        at = j + length
    return Edit(edit.position, tuple(tokens[edit.position:at]), tuple(new), "negation")


def _do_support_edits(tokens: Sequence[str], tags: Sequence[str]) -> list[Edit]:
    slots = [i for i in range(len(tokens) - 2) if negated_do(tokens, i + 1)]
    if not slots:       # lemminflect takes half a second to load: only where "do n't" or the like stands
        return []
    # "did n't care" -> "cared": the tense that do-support carried moves onto the verb
    from lemminflect import getInflection

    def base_verb(j: int) -> bool:
        return tags[j] == "VERB" and is_base_verb(tokens[j])

    edits = []
    for i in slots:
        aux, negator, verb = tokens[i:i + 3]
        # a base form only ("did n't even" stays); not when a coordinated base verb shares the auxiliary
        # ("did n't greet me or acknowledge")
        if not base_verb(i + 2) or _coordinated_base_verb(tokens, i + 3, base_verb):
            continue
        inflected = getInflection(verb, tag=DO_SUPPORT[aux])
        if inflected:
            edit, npis = Edit(i, (aux, negator, verb), (inflected[0],), "negation"), npis_after(tokens, i + 1, tags)
            edits.append(with_npis_turned(tokens, edit, npis, tags) if npis else edit)
    return edits


def _coordinated_base_verb(tokens: Sequence[str], start: int, base_verb) -> bool:
    """Whether "and"/"or"/"nor" + a base verb follows ``start`` before the clause ends: that verb
    shares the auxiliary, and would be left uninflected ("she greeted me or acknowledge me")."""
    for j in range(start, len(tokens) - 1):
        if tokens[j] in CLAUSE_ENDS - {","}:
            return False
        if tokens[j] in ("and", "or", "nor") and base_verb(j + 1):
            return True
    return False


def needs_an(word: str) -> bool:
    w = word.lower()
    if w.startswith(_AN_EXCEPTIONS_VOWEL):
        return True
    if w.startswith(_AN_EXCEPTIONS_CONSONANT):
        return False
    return w[:1] in "aeiou"


def fix_articles(tokens: list[str], touched: set[int]) -> list[str]:
    """Make "a"/"an" agree with the word after it, where that word was just edited."""
    out = list(tokens)
    for i in range(len(out) - 1):
        if out[i] in ("a", "an") and (i + 1) in touched and out[i + 1][:1].isalpha():
            out[i] = "an" if needs_an(out[i + 1]) else "a"
    return out


_SUFFIXES = ("fulness", "lessly", "ness", "ingly", "edly", "fully", "ments", "ment", "ings", "less", "ful", "ing",
             "ers", "est", "ies", "ied", "ely", "ly", "ed", "er", "es", "en", "y", "e", "s")


@functools.lru_cache(maxsize=65536)
def light_stem(word: str) -> str:
    """Strip inflectional and common derivational endings (loved/loving/lovely -> lov)."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]            # stopped -> stopp -> stop
    return word


def same_word_family(a: str, b: str) -> bool:
    """True when ``b`` is ``a`` itself, an inflection or derivation of it, or a spelling variant."""
    if a == b:
        return True
    if light_stem(a) == light_stem(b):
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 4 and longer.startswith(shorter[:max(4, len(shorter) - 1)]):
        return True
    matcher = difflib.SequenceMatcher(None, a, b)   # the two quick upper bounds spare most ratio() calls
    return matcher.real_quick_ratio() >= 0.8 and matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8


class AntonymTable:
    """word -> antonyms (from WordNet's antonym relation, shipped so no WordNet data is needed)."""

    def __init__(self, antonyms: dict[str, list[str]] | None = None):
        self.antonyms = dict(antonyms or {})

    def __repr__(self) -> str:
        return f"AntonymTable(words={len(self.antonyms):,})"

    @classmethod
    def from_wordnet(cls) -> AntonymTable:
        from nltk.corpus import wordnet

        table: dict[str, set[str]] = {}
        for synset in wordnet.all_synsets():
            for lemma in synset.lemmas():
                for antonym in lemma.antonyms():
                    a, b = lemma.name().lower(), antonym.name().lower()
                    if "_" not in a and "_" not in b:
                        table.setdefault(a, set()).add(b)
        return cls({w: sorted(v) for w, v in table.items()})

    def of(self, word: str) -> list[str]:
        return self.antonyms.get(word, [])

    def save(self, path: Path | str) -> Path:
        with atomic_write(path) as f:
            json.dump({"format": _FORMAT, "antonyms": self.antonyms}, f, separators=(",", ":"))
        return Path(path)

    @classmethod
    def load(cls, path: Path | str) -> AntonymTable:
        data = read_json_artifact(path, _FORMAT, "antonym table")
        return cls(data["antonyms"])


def antonym_edits(tokens: Sequence[str], antonyms: AntonymTable, editable: Sequence[bool]) -> list[Edit]:
    return [Edit(i, (tok,), (ant,), "antonym") for i, tok in enumerate(tokens) if editable[i]
            for ant in antonyms.of(tok)[:3]]
