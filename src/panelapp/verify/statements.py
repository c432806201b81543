"""A paragraph's figure statements: its sentences, their clauses, and the figures that go together.

"31% (134) of the 425 children were in care of the local authority, which
was 23% lower than for 2020" is one statement of four figures about one
KPI; "55% were male and 45% were female" is two statements about two
highlights. A statement is the unit that is linked to a figure of the pack.
"""

from __future__ import annotations

import re

from panelapp.verify.phrases import Quote, Statement, quotes_in

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9\"“‘(£])")
_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|etc|no|nos|cf|approx|fig|para|c|vs|ie|eg)\.$", re.I)
_LIST_NUMBER = re.compile(r"\s*(?:[-•*–]\s*)?\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]", re.I)
_CLAUSE = re.compile(r"\s*;\s*")


def sentences(paragraph: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; 'e.g.' and decimals do not end a sentence."""
    parts: list[tuple[int, str]] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        candidate = paragraph[start : match.start() + 1]
        if _ABBREVIATIONS.search(candidate.rstrip('"”’)')) or _LIST_NUMBER.fullmatch(candidate):
            continue
        parts.append((start, paragraph[start : match.end()].strip()))
        start = match.end()
    if paragraph[start:].strip():
        parts.append((start, paragraph[start:].strip()))
    return parts


def statements(paragraph: str) -> list[Statement]:
    """Every figure statement of a paragraph, in reading order."""
    found: list[Statement] = []
    for offset, sentence in sentences(paragraph):
        quotes = quotes_in(sentence, paragraph_start=offset == 0)
        if not quotes:
            continue
        for clause_start, clause_end in _clauses(sentence):
            inside = [q for q in quotes if clause_start <= q.start < clause_end]
            found.extend(_grouped(sentence, inside, clause_start, clause_end))
    return found


def _clauses(sentence: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _CLAUSE.finditer(sentence):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(sentence)))
    return spans


def _grouped(sentence: str, quotes: list[Quote], start: int, end: int) -> list[Statement]:
    """The clause's figures, those that go together in one statement each."""
    groups: list[list[Quote]] = []
    for quote in quotes:
        if groups and _joins(sentence, groups[-1], quote):
            groups[-1].append(quote)
        else:
            groups.append([quote])
    out = []
    for i, group in enumerate(groups):
        begin = start if i == 0 else group[0].start
        finish = groups[i + 1][0].start if i + 1 < len(groups) else end
        before = sentence[groups[i - 1][-1].end : group[0].start] if i else ""
        out.append(
            Statement(
                sentence=sentence,
                quotes=tuple(group),
                words=sentence[begin:finish],
                before=before,
            )
        )
    return out


def _joins(sentence: str, group: list[Quote], quote: Quote) -> bool:
    """Whether ``quote`` says more about the figure ``group`` is about."""
    last = group[-1]
    if quote.role in ("numerator", "denominator"):
        return True
    if quote.kind in ("relative", "points"):
        # ', which was 23% lower than for 2020': a change of the figure just given.
        return not any(q.kind in ("relative", "points") for q in group) and any(
            q.kind not in ("relative", "points", "top") for q in group
        )
    if quote.role == "previous":
        return not any(q.role == "previous" for q in group)
    if last.role == "previous" and re.search(r"\bto\s+$", sentence[last.end : quote.start]):
        return True  # 'from 90% to 93%'
    if all(q.kind == "top" for q in group) and quote.kind in ("percent", "fraction"):
        return True  # 'the top twenty … accounted for 41%'
    if quote.kind == "top" and not any(q.kind == "top" for q in group):
        return any(q.kind in ("percent", "fraction") for q in group)  # '41% … the top 20'
    if last.kind == "count" and quote.kind == "percent":
        return bool(re.fullmatch(r"\s*\(\s*", sentence[last.end : quote.start]))  # '105 (25%)'
    return False
