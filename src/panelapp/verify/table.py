"""`panelapp verify` as a table in the terminal: each quoted figure, its verdict, the data's.

Apart from :mod:`panelapp.verify.checking` so that ``--json`` never waits
for rich, as `check` keeps its tables in :mod:`panelapp.report`.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from panelapp.metrics import format as fmt
from panelapp.verify.checking import Checked, ReportCheck, summary
from panelapp.verify.phrases import Quote

VERDICTS = {
    "agrees": ("✓ agrees", "green"),
    "disagrees": ("✗ disagrees", "bold red"),
    "cannot_tell": ("? cannot tell", "yellow"),
}
"""Each verdict in words with a sign, so it reads in greyscale and without colour."""

_MIN_STATEMENT = 24
"""The statement column never narrower than this, however narrow the terminal."""


def print_check(check: ReportCheck, console: Console) -> None:
    """The table by page and paragraph, what the report leaves out, then the one-line summary."""
    item = check.item
    console.rule(
        Text(f"{check.report.name} — {item.number}. {item.title}, {check.figures.period.name}")
    )
    if check.statements:
        console.print(statement_table(check.statements, console.width))
    else:
        console.print("The report quotes no figures.")
    if check.unmentioned:
        left = "; ".join(
            f"{t.title} ({fmt.figure(t.current, t.unit, 0)})" for t in check.unmentioned
        )
        console.print(Text(f"Not in the report: {left}.", style="dim"))
    console.print(Text(summary(check), style="bold"))


def statement_table(rows: tuple[Checked, ...], width: int) -> Table:
    """One row per quoted figure: where, the sentence cut to fit around it, the verdicts.

    Under each sentence, dimmed, what the figure was taken to be and, for a
    disagreement, the likely slip; for a figure that cannot be told, why.
    """
    cells = [
        (where(row), row.quote.shown, *VERDICTS[row.judgement.verdict], row.judgement.shown)
        for row in rows
    ]
    widest = [max(len(str(c[i])) for c in cells) for i in (0, 1, 2, 4)]
    widest = [
        max(w, len(h)) for w, h in zip(widest, ("Where", "Figure", "Verdict", "Data"), strict=True)
    ]
    room = max(_MIN_STATEMENT, width - sum(widest) - 3 * 5 - 1)
    table = Table(expand=False)
    table.add_column("Where", no_wrap=True)
    table.add_column("Statement", max_width=room)
    table.add_column("Figure", no_wrap=True)
    table.add_column("Verdict", no_wrap=True)
    table.add_column("Data", no_wrap=True)
    for row, (place, figure, words, style, data) in zip(rows, cells, strict=True):
        statement = excerpt(row.sentence, row.quote, room)
        statement.append("\n")
        statement.append(about(row), style="dim")
        table.add_row(place, statement, Text(figure), Text(words, style=style), Text(data))
    return table


def where(row: Checked) -> str:
    """'¶ 10', or 'p. 2 ¶ 3' in a PDF."""
    page = row.paragraph.page
    return f"p. {page} ¶ {row.paragraph.number}" if page else f"¶ {row.paragraph.number}"


def about(row: Checked) -> str:
    """What the figure was taken to be, and for a disagreement the likely slip."""
    judgement, target = row.judgement, row.target
    if target is None or judgement.verdict == "cannot_tell":
        return judgement.reason
    if judgement.verdict == "disagrees" and judgement.slip:
        return f"{target.title}: {judgement.slip}"
    return target.title


def excerpt(sentence: str, quote: Quote, width: int) -> Text:
    """The sentence cut at words to fit ``width`` around the figure, the figure in bold."""
    left, right = 0, len(sentence)
    if right > width:
        left = max(0, min(quote.start - width // 3, len(sentence) - width + 2))
        if left:
            space = sentence.find(" ", left, quote.start)
            left = space + 1 if space >= 0 else left
        right = min(len(sentence), left + width - 2)
        if right < len(sentence):
            space = sentence.rfind(" ", quote.end, right)
            right = space if space >= 0 else right
    head = "…" if left else ""
    text = Text(head + sentence[left:right] + ("…" if right < len(sentence) else ""))
    shift = len(head) - left
    text.stylize("bold", max(0, quote.start + shift), max(0, quote.end + shift))
    return text
