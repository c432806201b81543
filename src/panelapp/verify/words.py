"""Words of a report and of a pack, reduced so that one thing said two ways matches.

A report says "children", a KPI's title "Children"; a report writes "RHIs"
where the pack's title spells out "Return Home Interviews". Linking a
figure to what it speaks of compares content words, so both sides go
through the same reduction: lower case, a plural made singular, small words
dropped, and capitalised runs remembered as the acronyms they make.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

STOPWORDS = frozenset({
    "a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "with", "by", "as", "at",
    "from", "into", "than", "that", "which", "who", "whom", "whose", "this", "these", "those",
    "their", "there", "its", "it", "is", "are", "was", "were", "be", "been", "being", "had",
    "has", "have", "all", "any", "per", "our", "we", "they", "them", "he", "she", "his", "her",
    "so", "such", "also",
})  # fmt: skip
"""Words that say nothing about which figure is meant."""

_IRREGULAR = {"children": "child", "women": "woman", "men": "man", "people": "person"}
_SYNONYMS = {"above": "over", "older": "over", "below": "under", "younger": "under"}
_TOKEN = re.compile(r"[A-Za-z]+|\d+(?:\.\d+)?")
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15",
    "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100",
}  # fmt: skip


def stem(word: str) -> str:
    """'Children' -> 'child', 'RHIs' -> 'rhi', 'twenty' -> '20': one form per word."""
    if len(word) > 2 and word.endswith("s") and word[:-1].isupper():
        word = word[:-1]  # 'RHIs', 'KPIs': an acronym's plural
    low = word.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if low in _NUMBER_WORDS:
        return _NUMBER_WORDS[low]
    if low in _SYNONYMS:
        return _SYNONYMS[low]
    if len(low) > 4 and low.endswith("ies"):
        return low[:-3] + "y"
    if len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return low[:-1]
    return low


@dataclass(frozen=True)
class Words:
    """A text's content words, and what its capitalised runs and capitals stand for."""

    tokens: frozenset[str]
    """Content words, stemmed."""
    capitals: frozenset[str]
    """Words written in capitals ('RHIs', 'MACE'), stemmed: each may be an acronym."""
    initials: dict[str, frozenset[str]]
    """Acronym -> the words of a capitalised run whose initials make it
    ('mace' -> multi, agency, child, exploitation)."""


def words(text: str) -> Words:
    """The content words of ``text`` and the acronyms its capitalised runs make."""
    raw = _TOKEN.findall(text)
    tokens = {stem(w) for w in raw if w.lower() not in STOPWORDS}
    capitals = {stem(w) for w in raw if len(w.rstrip("s")) >= 2 and w.rstrip("s").isupper()}
    initials: dict[str, frozenset[str]] = {}
    for run in _capitalised_runs(raw):
        for start in range(len(run)):
            for end in range(start + 2, len(run) + 1):
                part = run[start:end]
                acronym = "".join(w[0] for w in part).lower()
                initials[acronym] = frozenset(stem(w) for w in part)
    return Words(frozenset(tokens), frozenset(capitals), initials)


def _capitalised_runs(raw: Iterable[str]) -> list[list[str]]:
    runs: list[list[str]] = [[]]
    for word in raw:
        if word[:1].isupper() and word.lower() not in STOPWORDS:
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if len(run) >= 2]


def matched(name: Words, text: Words) -> frozenset[str]:
    """The words of ``name`` that ``text`` says, directly or through an acronym.

    'RHIs' in the text stands for 'Return Home Interviews' in the name; the
    name's 'MACE' is said by the text's 'Multi-Agency Child Exploitation'.
    """
    found = set(name.tokens & text.tokens)
    for acronym, spelt in name.initials.items():
        if acronym in text.capitals:
            found |= spelt & name.tokens
    for capital in name.capitals:
        if capital in text.initials:
            found.add(capital)
    return frozenset(found)
