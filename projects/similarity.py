"""Text similarity for the overlap check: pg_trgm's similarity() re-implemented in Python (so SQLite ranks as
PostgreSQL does), and the terms two texts share, found by a looser comparison of words (the reason shown with a
match). No queries.
"""

import re
from functools import lru_cache

# pg_trgm's words: runs of letters and digits (umlauts and ß included in a UTF-8 database with a non-C ctype).
WORD = re.compile(r"[^\W_]+")
# A term of the reason: a word, hyphenated compounds kept whole ("Start-Ups", "Start-up-Netzwerk").
TERM = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
FOLDING = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "-": ""})
GERMAN_STOP_WORDS = (
    "aber alle als am an auch auf aus bei bis bzw da das dass dem den der des die durch ein eine einem einen einer "
    "eines es für gegen hat im in ins ist mit nach neben nicht noch oder ohne sich sind so sowie über um und uns "
    "unter vom von vor wie wird werden zu zum zur z b u a"
)
STOP_WORDS = frozenset(word.translate(FOLDING) for word in GERMAN_STOP_WORDS.split(" "))
MIN_STEM = 5  # "Mittelstand" ~ "Mittelständlern": a shared beginning of at least this many letters…
MAX_ENDING = 3  # …that leaves at most this many letters of the shorter word over (an inflection, "-ern", "-es")
MIN_COMPOUND_PART = 6  # "Netzwerk" in "Unternehmensnetzwerken": German compounds contain their parts
# "Start-up" ~ "Start-Ups" (0.73); not "wirtschaftlichen" ~ "wissenschaftlichen" (0.56).
WORD_SIMILARITY = 0.6


# pg_trgm's similarity() --------------------------------------------------------------------------------------------


def trigrams(text: str) -> set[str]:
    """pg_trgm's trigram set: lower-case words, each padded with two blanks in front and one behind."""
    grams: set[str] = set()
    for word in WORD.findall(text.lower()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def similarity_of_trigrams(first: set[str], second: set[str]) -> float:
    """Shared trigrams over all trigrams of both, as pg_trgm counts them."""
    if not first or not second:
        return 0.0
    shared = len(first & second)
    return shared / (len(first) + len(second) - shared)


def trigram_similarity(first: str, second: str) -> float:
    return similarity_of_trigrams(trigrams(first), trigrams(second))


# The reason: shared terms ------------------------------------------------------------------------------------------


def shared_terms(query: str, candidate: str) -> tuple[str, ...]:
    """The candidate's terms that match a term of the query, in the candidate's order and spelling; of several
    forms of one word ("Internationale", "internationalen") only the first."""
    query_keys = [keys for keys in map(term_keys, TERM.findall(query)) if keys]
    found: dict[str, str] = {}
    for term in TERM.findall(candidate):
        keys = term_keys(term)
        if not keys or any(same_word(keys[0], seen) for seen in found):
            continue
        if any(terms_match(keys, other) for other in query_keys):
            found[keys[0]] = term
    return tuple(found.values())


@lru_cache(maxsize=4096)
def term_keys(term: str) -> tuple[str, ...]:
    """The folded term ("Start-Ups" → "startups") and its hyphenated parts, without stop words; empty for one."""
    parts = [fold(part) for part in term.split("-")]
    whole = "".join(parts)
    if whole in STOP_WORDS:
        return ()
    return (whole, *[part for part in parts if part != whole and part not in STOP_WORDS])


def fold(word: str) -> str:
    return word.lower().translate(FOLDING)


def terms_match(first_keys: tuple[str, ...], second_keys: tuple[str, ...]) -> bool:
    return any(words_match(first, second) for first in first_keys for second in second_keys)


@lru_cache(maxsize=16384)
def words_match(first: str, second: str) -> bool:
    """The same word, one a part of the other's compound, or spelled alike (word trigram similarity)."""
    if same_word(first, second):
        return True
    shorter, longer = sorted((first, second), key=len)
    if len(shorter) >= MIN_COMPOUND_PART and shorter in longer:
        return True
    return trigram_similarity(first, second) >= WORD_SIMILARITY


def same_word(first: str, second: str) -> bool:
    """Equal folded words, or forms of one stem: a long enough shared beginning and at most an ending left over."""
    shorter, longer = sorted((first, second), key=len)
    stem = len(common_prefix(shorter, longer))
    return shorter == longer or (stem >= MIN_STEM and stem >= len(shorter) - MAX_ENDING)


def common_prefix(first: str, second: str) -> str:
    length = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        length += 1
    return first[:length]
