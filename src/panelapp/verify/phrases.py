"""The figures a sentence quotes, and what each says: a share, a count, a change, a period.

Officers write figures the way a committee reads them: "25% (105) of the
425 children", "134 of 425", "a 20% reduction", "23% lower than for
2020", "two thirds", "the top twenty", "2,050 episodes". These patterns
find each figure and what it is (a value, the count behind a share, the
base, the figure for the previous period, a change) without guessing which
KPI it belongs to; :mod:`panelapp.verify.linking` does that from the words.

Not figures: dates ("18 November 2021", "2021"), ages ("17 year olds",
"aged 15"), time limits ("within 72 hours"), numbered paragraphs and
references ("item 4", "Appendix 1"), times, money, postcodes and
telephone numbers. A year is kept as a mention of a period instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["percent", "count", "hours", "relative", "points", "fraction", "top"]
"""What a quoted figure is: a percentage, a count, a duration, a relative change
('a 20% reduction'), a change in percentage points, a fraction in words, a top N."""

Role = Literal["value", "numerator", "denominator", "previous", "matching"]
"""Which of a figure's numbers it is: the value itself, the count behind a share,
the share's base, the value of the previous period, or how many of the top
children have the property a top-N KPI counts ('all 20 of them')."""

Qualifier = Literal["", "over", "at_least", "under", "nearly", "about"]
"""'more than 40%', 'at least', 'fewer than', 'nearly half', 'around 2,000'."""

Direction = Literal["", "up", "down"]


@dataclass(frozen=True)
class Quote:
    """One figure as the report prints it, and what the words around it make of it."""

    text: str
    """The figure as printed: '31%', '425', '2,050', 'two thirds', 'twenty'."""
    start: int
    end: int
    number: float
    """The figure's number: 31.0 for '31%', 425.0, 66.67 for 'two thirds', 20.0 for 'twenty'."""
    decimals: int
    """Decimals printed: the precision a figure is compared at."""
    kind: Kind
    role: Role = "value"
    direction: Direction = ""
    """For a change: which way the words say it went."""
    qualifier: Qualifier = ""
    phrase: str = ""
    """The figure with the words that make it a change: 'a 20% reduction', '23% lower'."""
    periods: tuple[str, ...] = ()
    """Periods the words right after the figure name ('2020', 'last year'), else the
    last one named in the clause before it ('In 2021, 425 children …')."""

    @property
    def shown(self) -> str:
        """The figure for a table: 'top twenty' for a top N, else the figure as printed."""
        return f"top {self.text}" if self.kind == "top" else self.text


@dataclass(frozen=True)
class Statement:
    """Figures of one sentence that speak of one thing: '31% (134) of the 425 children …'."""

    sentence: str
    quotes: tuple[Quote, ...]
    words: str
    """The text that says what the figures are about, for linking."""
    before: str = ""
    """Words between the previous statement's figures and these: a second opinion."""


_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = re.compile(
    r"(?<![\w£$€#/:.,\-–])"
    rf"(?P<num>{_NUM})"
    r"(?P<unit>\s?%|\s?per\s?cent\b|\s?percent\b|\s?percentage[\s-]points?\b"
    r"|\s?(?:pp|pts?|points?)\b)?"
    r"(?![\w%]|[.,:/]\d|\s?[\-–]\s?\d)",
    re.IGNORECASE,
)
_WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                 "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}  # fmt: skip
_FRACTION = re.compile(
    r"\b(?P<num>a|an|one|two|three|four|seven|nine)[\s-]+(?P<den>"
    + "|".join(_DENOMINATORS)
    + r")\b|\b(?P<half>half)\b(?=\s+(?:of|were|are|was|had|have)\b)",
    re.IGNORECASE,
)
_IN_EVERY = re.compile(
    r"\b(?P<num>one|two|three|four|nine|\d{1,2})\s+in\s+(?:every\s+)?"
    r"(?P<den>two|three|four|five|ten|\d{1,3})\b(?!\s*(?:%|per))",
    re.IGNORECASE,
)
_TOP = re.compile(
    r"\btop\s+(?P<n>\d{1,3}|" + "|".join(k for k in _WORD_NUMBERS if len(k) > 2) + r")\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<![\d,.£$€])((?:19|20)\d\d)(?:\s?[/\-–]\s?(\d{2}|\d{4}))?(?![\d%])")
_RELATIVE_PERIOD = re.compile(
    r"\b(?:last|previous|preceding|prior)\s+(?:year|period|quarter|month)\b"
    r"|\bthe\s+(?:year|quarter|period)\s+before\b|\bthis\s+(?:year|period|quarter)\b",
    re.IGNORECASE,
)

_AGE_AFTER = re.compile(
    r"^\s*(?:-\s*)?(?:years?|yrs?)(?:[\s-]*olds?\b|\s+of\s+age\b|\s+and\s+"
    r"(?:over|above|older|under|below|younger)\b)",
    re.IGNORECASE,
)
_AGE_BEFORE = re.compile(
    r"\b(?:aged?|ages)\s+(?:(?:between|from|under|over|of)\s+)?$", re.IGNORECASE
)
_UNIT_AFTER = re.compile(
    r"^\s*(?P<unit>hours?|hrs?|days?|weeks?|months?|years?|minutes?|mins?|million|billion"
    r"|thousand|bn|[ap]\.?m\b\.?|o'clock)",
    re.IGNORECASE,
)
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s+$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b", re.IGNORECASE)
_REFERENCE_BEFORE = re.compile(
    r"\b(?:items?|paragraphs?|paras?|sections?|appendix|appendices|annex|pages?|p|pp|tables?"
    r"|figures?|fig|charts?|recommendations?|no|nos|number|ward|room|version|phase|stage|step"
    r"|question|tier|year|level|chapter|part|clause|article|line|row|column|minute|agenda)"
    r"[.:]?\s+$",
    re.IGNORECASE,
)
_LIST_MARKER = re.compile(r"^\s*(?:[-•*–]\s*)?$")
_WITHIN_BEFORE = re.compile(r"\b(?:within|after|up\s+to|every|each)\s+$", re.IGNORECASE)

_QUALIFIERS: dict[str, Qualifier] = {
    "more than": "over", "over": "over", "above": "over", "in excess of": "over",
    "exceeding": "over", "just over": "over", "at least": "at_least", "less than": "under",
    "fewer than": "under", "under": "under", "below": "under", "just under": "nearly",
    "nearly": "nearly", "almost": "nearly", "approaching": "nearly", "around": "about",
    "about": "about", "approximately": "about", "roughly": "about", "some": "about",
    "circa": "about", "c.": "about",
}  # fmt: skip
_QUALIFIER_BEFORE = re.compile(
    r"\b("
    + "|".join(sorted((re.escape(q) for q in _QUALIFIERS), key=len, reverse=True))
    + r")\s+(?:a\s+|an\s+)?$",
    re.IGNORECASE,
)
_DOWN = (
    "lower|fewer|less|smaller|down|reduction|decrease|fall|drop|decline|cut|fell|dropped"
    "|decreased|reduced|declined|went down"
)
_UP = "higher|more|greater|larger|bigger|up|increase|rise|growth|rose|increased|grew|went up"
_CHANGE_AFTER = re.compile(
    rf"^\s*(?P<word>{_DOWN}|{_UP}|improvement|deterioration|change)\b", re.IGNORECASE
)
_CHANGE_BEFORE = re.compile(
    rf"\b(?P<word>{_DOWN}|{_UP}|change)\s+(?:by\s+|of\s+)?"
    r"(?:around\s+|about\s+|nearly\s+|almost\s+|some\s+|over\s+|more\s+than\s+|less\s+than\s+)?$",
    re.IGNORECASE,
)
_PREVIOUS_BEFORE = re.compile(
    r"\b(?:compared\s+(?:with|to)|against|(?<!more\s)(?<!less\s)(?<!fewer\s)(?<!rather\s)than"
    r"|(?:up|down|fell|rose|increased|decreased|dropped"
    r"|improved|moved)?\s*from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_TO_BEFORE = re.compile(r"\bto\s+$", re.IGNORECASE)
_OF_BEFORE = re.compile(r"\b(?:out\s+)?of\s+(?:the\s+|all\s+|these\s+|those\s+)?$", re.IGNORECASE)
_PAREN_AFTER_PERCENT = re.compile(r"(?:%|per\s?cent|percent)\s*\(\s*$", re.IGNORECASE)


def quotes_in(sentence: str, *, paragraph_start: bool = False) -> list[Quote]:
    """Every figure ``sentence`` quotes, in order, each with its kind, role and period words.

    ``paragraph_start``: the sentence opens its paragraph, where '1.' is a
    list number, not a figure.
    """
    found: list[Quote] = []
    taken: list[tuple[int, int]] = []
    for match in _TOP.finditer(sentence):
        n = match.group("n")
        number = float(n) if n.isdigit() else float(_WORD_NUMBERS[n.lower()])
        start, end = match.span("n")
        found.append(Quote(n, start, end, number, 0, "top", phrase=match.group(0)))
        taken.append(match.span())
    for match in _FRACTION.finditer(sentence):
        if match.group("half"):
            number = 50.0
        else:
            top = _WORD_NUMBERS[match.group("num").lower()]
            number = 100.0 * top / _DENOMINATORS[match.group("den").lower()]
        found.append(Quote(match.group(0), *match.span(), number, 0, "fraction"))
        taken.append(match.span())
    for match in _IN_EVERY.finditer(sentence):
        top, bottom = (_word_number(match.group(g)) for g in ("num", "den"))
        if 0 < top < bottom <= 100 and not _overlaps(match.span(), taken):
            found.append(Quote(match.group(0), *match.span(), 100.0 * top / bottom, 0, "fraction"))
            taken.append(match.span())
    for match in _NUMBER.finditer(sentence):
        if _overlaps(match.span(), taken):
            continue
        quote = _number_quote(sentence, match, paragraph_start)
        if quote is not None:
            found.append(quote)
    found.sort(key=lambda q: q.start)
    return _with_roles(sentence, found)


def _word_number(text: str) -> int:
    return int(text) if text.isdigit() else _WORD_NUMBERS[text.lower()]


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _number_quote(sentence: str, match: re.Match[str], paragraph_start: bool) -> Quote | None:
    """A number as a figure, or None when it is a date, an age, a reference or the like."""
    digits, unit = match.group("num"), (match.group("unit") or "").strip().lower()
    before, after = sentence[: match.start()], sentence[match.end() :]
    if not unit:
        if _YEAR.fullmatch(digits) or _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
            return None
        if _AGE_AFTER.match(after) or _AGE_BEFORE.search(before):
            return None
        if _REFERENCE_BEFORE.search(before):
            return None
        if paragraph_start and _LIST_MARKER.match(before) and re.match(r"[.)](?:\s|$)", after):
            return None
        if digits.startswith("0") and len(digits) > 1 and "." not in digits:
            return None
        if re.match(r"\s+\d", after) or re.search(r"\d\s+$", before):
            return None  # a telephone number, a postcode, a reference: digits in a row
    number = float(digits.replace(",", ""))
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    kind: Kind = "count"
    if unit.startswith(("%", "per", "percent")) and "point" not in unit:
        kind = "percent"
    elif unit:
        kind = "points"
    else:
        unit_after = _UNIT_AFTER.match(after)
        if unit_after:
            if not unit_after.group("unit").lower().startswith(("hour", "hr")):
                return None
            if _WITHIN_BEFORE.search(before):
                return None
            kind = "hours"
    return Quote(match.group(0).strip(), match.start(), match.end(), number, decimals, kind)


def _with_roles(sentence: str, quotes: list[Quote]) -> list[Quote]:
    """Each quote with what the words around it make of it."""
    out: list[Quote] = []
    for i, quote in enumerate(quotes):
        before = sentence[: quote.start]
        after = sentence[quote.end :]
        following = sentence[quote.end : quotes[i + 1].start] if i + 1 < len(quotes) else after
        following = following.split(";", 1)[0]
        since = quotes[i - 1].end if i else 0
        preceding = before[max(since, before.rfind(";") + 1) :]
        changes: dict[str, object] = {"periods": _periods(following) or _periods(preceding)[-1:]}
        qualifier = _QUALIFIER_BEFORE.search(before)
        if qualifier and quote.kind != "top":
            changes["qualifier"] = _QUALIFIERS[qualifier.group(1).lower()]
        if quote.kind in ("percent", "points"):
            changed = _change(sentence, quote, before, after)
            if changed is not None:
                kind, direction, phrase = changed
                changes.update(kind=kind, direction=direction, phrase=phrase)
        if quote.kind in ("percent", "count", "fraction", "hours") and "kind" not in changes:
            previous = out[-1] if out else None
            changes["role"] = _role(sentence, quote, previous, before, after)
        out.append(_replace(quote, **changes))
    return out


def _change(
    sentence: str, quote: Quote, before: str, after: str
) -> tuple[Kind, Direction, str] | None:
    """('relative' or 'points', direction, phrase) when the words make the figure a change."""
    kind: Kind = "points" if quote.kind == "points" else "relative"
    word_after = _CHANGE_AFTER.match(after)
    if word_after:
        phrase_end = quote.end + word_after.end()
        start = quote.start
        article = re.search(r"\b(?:a|an)\s+$", before)
        if article:
            start = article.start()
        return kind, _direction(word_after.group("word")), sentence[start:phrase_end].strip()
    word_before = _CHANGE_BEFORE.search(before)
    if word_before and not _PREVIOUS_BEFORE.search(before):
        phrase = sentence[word_before.start() : quote.end].strip()
        return kind, _direction(word_before.group("word")), phrase
    if quote.kind == "points":
        return kind, "", ""
    return None


def _direction(word: str) -> Direction:
    word = word.lower()
    if re.fullmatch(_DOWN, word):
        return "down"
    if re.fullmatch(_UP, word):
        return "up"
    return ""


def _role(sentence: str, quote: Quote, previous: Quote | None, before: str, after: str) -> Role:
    """Value, the count behind a share, its base, or the previous period's value."""
    if _PREVIOUS_BEFORE.search(before):
        return "previous"
    if quote.kind != "count":
        return "value"
    if re.match(r"\s+of\s+(?:them|these|those)\b", after, re.IGNORECASE):
        return "matching"
    if previous is not None and previous.kind in ("percent", "count", "fraction"):
        between = sentence[previous.end : quote.start]
        if _PAREN_AFTER_PERCENT.search(sentence[: quote.start]) and previous.kind != "count":
            return "numerator"
        if _OF_BEFORE.search(before) and len(between) <= 40:
            return "denominator"
    if re.match(r"\s*(?:out\s+)?of\s+(?:the\s+|all\s+)?" + rf"(?:{_NUM})\b", after):
        return "numerator"
    if re.match(r"\s*\(\s*(?:" + _NUM + r")\s*(?:%|per\s?cent)", after, re.IGNORECASE):
        return "numerator"
    return "value"


def _periods(text: str) -> tuple[str, ...]:
    """The periods ``text`` names, in order: years, 'last year', '2021/22'."""
    found = [(m.start(), m.group(0)) for m in _YEAR.finditer(text)]
    found += [(m.start(), m.group(0)) for m in _RELATIVE_PERIOD.finditer(text)]
    return tuple(text for _, text in sorted(found))


def _replace(quote: Quote, **changes: object) -> Quote:
    from dataclasses import replace

    return replace(quote, **changes)  # type: ignore[arg-type]
