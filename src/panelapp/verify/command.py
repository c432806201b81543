"""`panelapp verify`: the officers' report checked against the pack, from the command line.

Gathers the inputs (the report, the pack, which item), calls the pure
check and prints the table or the JSON. Exit status 0 when every figure
found agrees, 1 when any disagrees, 2 for input that cannot be used.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from panelapp.config import Item, Pack
from panelapp.verify.document import ReportError

DESCRIPTION = """\
Check an officers' report before the meeting: every figure it quotes (counts,
percentages, 'x of y', 'n% lower', 'a 20% reduction', 'two thirds', 'the top
twenty') is linked by its words to a KPI, theme highlight or breakdown cell of
the pack, and said to agree with the data, to disagree (with the data's figure
and the likely slip), or to be impossible to tell (and why). Figures of the
pack the report never quotes are listed. The report is never changed.

REPORT is a .docx, .pdf, .md, .txt or .html file. Exit status 0 every figure
found agrees, 1 any disagrees, 2 unusable input. The output is private: it
may quote counts below the disclosure threshold."""

PRIVATE = (
    "--public: verification output is private (it may quote counts below the "
    "disclosure threshold), so there is no public version; run it without --public"
)
"""Why ``--public`` is refused."""


def verify_command(
    argv: list[str],
    make_parser: Callable[[str, str], argparse.ArgumentParser],
    add_pack: Callable[[argparse.ArgumentParser], None],
    load_pack: Callable[[argparse.Namespace], Pack],
) -> int:
    """Run ``panelapp verify``; the parser and pack loading are the command line's own."""
    parser = make_parser("verify", DESCRIPTION)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("report", type=Path, help="the report: .docx, .pdf, .md, .txt or .html")
    add_pack(parser)
    parser.add_argument(
        "--item",
        help="the agenda item the report is for, e.g. 4 (needed when several have figures)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object, for scripts")
    parser.add_argument("--public", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--no-cache", action="store_true", help="recompute figures instead of using the cache"
    )
    args = parser.parse_args(argv)
    if args.public:
        print(f"panelapp: {PRIVATE}", file=sys.stderr)
        return 2

    from panelapp.metrics.store import item_figures
    from panelapp.verify.checking import check_report, to_json
    from panelapp.verify.document import read_report

    pack = load_pack(args)
    item = report_item(pack, args.item, args.report)
    paragraphs = read_report(args.report)  # before the figures: a bad file fails fast
    figures = item_figures(pack, item, use_cache=not args.no_cache)
    check = check_report(paragraphs, figures, args.report)
    if args.json:
        print(to_json(check))
    else:
        from rich.console import Console

        from panelapp.verify.table import print_check

        print_check(check, Console())
    return check.exit_status


def report_item(pack: Pack, number: str | None, report: Path) -> Item:
    """The agenda item a report is checked against: as asked, as the pack says, or the only one."""
    with_figures = [item for item in pack.items if item.has_figures]
    if number is not None:
        try:
            item = pack.item(number)
        except KeyError:
            numbers = ", ".join(i.number for i in pack.items)
            raise ReportError(
                pack.path, "--item", f"there is no agenda item {number}", f"Items: {numbers}."
            ) from None
        if not item.has_figures:
            numbers = ", ".join(i.number for i in with_figures) or "none"
            raise ReportError(
                pack.path,
                "--item",
                f"agenda item {number} has no figures to check a report against",
                f"Items with figures: {numbers}.",
            )
        return item
    named = [
        item
        for item in with_figures
        if item.report_file is not None
        and (pack.folder / item.report_file).resolve() == report.resolve()
    ]
    if len(named) == 1:
        return named[0]
    if len(with_figures) == 1:
        return with_figures[0]
    if not with_figures:
        raise ReportError(pack.path, "", "no agenda item has figures to check a report against")
    numbers = " and ".join(i.number for i in with_figures)
    raise ReportError(
        pack.path,
        "",
        f"items {numbers} have figures",
        "Say which the report is for with --item N, or name it with report_file in the item.",
    )
