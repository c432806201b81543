"""`panelapp check` as tables in the terminal, for the analyst reading it by eye.

Apart from :mod:`panelapp.check` (the JSON and exit status) so that scripts
asking for ``--json`` never wait for rich to load.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from panelapp.config import Pack
from panelapp.metrics import format as fmt
from panelapp.metrics.results import ItemFigures, ThemeResult
from panelapp.sanitise import clean


def print_report(
    pack: Pack,
    all_figures: list[ItemFigures],
    console: Console,
    lost: frozenset[str] = frozenset(),
) -> None:
    """Findings first (they are what needs doing), then every KPI and theme highlight.

    ``lost``: items whose files lost rows to a stray quote; their figures are
    not printed, since what is left would read as real falls ("0, down 100%").
    """
    decimals, symbol = pack.display.percent_decimals, pack.disclosure.symbol
    for f in all_figures:
        console.rule(
            Text.assemble(
                _text(f"{f.item.number}. {_title(f.item.title)}", "bold"),
                _text(f" — {_title(f.period.name)}"),
            )
        )
        for note in f.notes:
            console.print(Text.assemble(("Note: ", "yellow"), _text(note)))
        if f.findings:
            console.print(_findings_table(f))
        elif not f.public:
            records = "record" if f.records == 1 else "records"
            console.print(f"[green]No data-quality findings[/] in {f.records:,} {records}.")
        if f.item.number in lost:
            console.print(
                "[bold red]Figures not shown:[/] rows were lost to a stray quote mark "
                "(see the QUOTE finding); the meeting shows this item as not available."
            )
            continue
        console.print(_kpi_table(f, decimals, symbol))
        for theme in f.themes:
            console.print(_theme_table(theme, decimals, symbol))


TITLE_CHARS = 100
"""A title, label or period name is cut to this, with '…': rich lays out text in time that
grows with the square of its length, and a runaway title in a pack must not stall `check`."""

VALUE_CHARS = 80
"""A data value quoted in the findings table is cut to this, as the findings' messages do."""


def _title(text: str) -> str:
    return fmt.one_line(text, TITLE_CHARS)


def _plain(*cells: str) -> list[Text]:
    """Cells as literal text: '[c]' is the suppression symbol, not console markup."""
    return [_text(cell) for cell in cells]


def _text(words: str, style: str = "") -> Text:
    """Words from the pack or the data as they are: '[c]' is the suppression symbol and
    '[/b]' part of a title, not console markup; terminal escapes and control characters
    are taken out (:func:`panelapp.sanitise.clean`), or the terminal would act on them."""
    return Text(clean(words), style=style)


def _findings_table(f: ItemFigures) -> Table:
    table = Table(title=f"Data-quality findings ({len(f.findings)}; {f.excluded} rows left out)")
    for column in ("Rule", "File", "Row", "Column", "Value", "Finding"):
        table.add_column(column, overflow="fold")
    for d in f.findings:
        row = "" if d.row is None else str(d.row)
        value = fmt.one_line(d.value, VALUE_CHARS)
        table.add_row(*_plain(d.rule, d.source, row, d.column, value, d.message))
    return table


def _kpi_table(f: ItemFigures, decimals: int, symbol: str) -> Table:
    previous = _title(f.previous_period.name) if f.previous_period else "Previous"
    table = Table(title="KPIs", title_justify="left")
    table.add_column("KPI")
    table.add_column(_text(_title(f.period.name)), justify="right")
    table.add_column("", justify="right")
    table.add_column(_text(previous), justify="right")
    table.add_column("Change", justify="right")
    table.add_column("RAG")
    colours = {"better": "green", "worse": "red"}
    for k in f.kpis:
        if not k.available:
            table.add_row(*_plain(_title(k.title), fmt.NOT_AVAILABLE, "", "", "", k.reason))
            continue
        change = k.change
        words = fmt.change_words(change, previous, k.unit) if change else ""
        arrow = fmt.ARROWS.get(change.direction, "") if change else ""
        colour = colours.get(change.judgement, "") if change else ""
        table.add_row(
            *_plain(
                _title(k.title),
                *fmt.headline(k.current, k.unit, decimals, symbol),
                fmt.figure(k.previous, k.unit, decimals, symbol),
            ),
            _text(f"{arrow} {words}", colour),
            (k.rag or "").upper(),
        )
    return table


def _theme_table(t: ThemeResult, decimals: int, symbol: str) -> Table:
    cohort = fmt.children(t.cohort, t.cohort_suppressed, symbol)
    table = Table(title=_text(f"{_title(t.title)}: {cohort}"), title_justify="left")
    table.add_column("Highlight")
    table.add_column("Share", justify="right")
    table.add_column("Children", justify="right")
    for h in t.highlights:
        share = symbol if h.suppressed else fmt.percent(h.share, decimals)
        counts = fmt.counts(h.count, h.base, h.suppressed, symbol)
        table.add_row(*_plain(_title(h.label), share, counts))
    return table


class PipedConsole(Console):
    """A console whose reader may leave early (`panelapp check | head`).

    rich exits with status 1 when the pipe closes; this hands the
    BrokenPipeError back, so the command still exits with what the data says.
    """

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError
