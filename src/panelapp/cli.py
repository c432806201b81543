"""The command line: open the meeting, check a pack, export minutes, write the sample.

Only opening the app imports Textual; ``check``, ``export`` and ``sample``
stay in the pure core so they start fast and run anywhere. Every problem a
user can cause ends as one line on stderr and exit status 2, never a
traceback.

The module itself imports next to nothing (config and paths are imported
where they are used), so opening the app can start computing the figures
in a process of their own (:mod:`panelapp.metrics.ahead`) before anything
else is loaded.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from panelapp import __version__
from panelapp.errors import UserError

if TYPE_CHECKING:
    from panelapp.config import Pack
    from panelapp.ui.app import PanelApp

UNUSABLE = 2
"""Exit status for input that cannot be used: bad config, missing or unreadable file."""


APP_SEATS = ("present", "clerk", "viewer")
"""The commands that open a seat of the meeting (``panelapp`` alone is the solo seat). They run
as the solo seat does, without the signal handlers that let a command remove its temporary
files: a seat writes only to the journal, where every write is a whole transaction."""


class UsageError(Exception):
    """A problem with the command line itself, reported like any other input problem."""


COMPUTING = ("check", "export", "verify")
"""The commands that may compute a pack's figures in their own process and then end."""


def entry(argv: Sequence[str] | None = None) -> int:
    """The ``panelapp`` script (and ``python -m panelapp``): :func:`main` in a process of its
    own, so a command that computes figures first sets how its memory is kept
    (:mod:`panelapp.memory`; the app's figures process sets it for itself). Not done by
    :func:`main`, which tests and other callers run inside processes that are not theirs."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMPUTING:
        from panelapp.memory import keep_large_arrays

        keep_large_arrays()
    return main(args)


def main(argv: Sequence[str] | None = None) -> int:
    """The command line, run in the caller's process."""
    args = list(sys.argv[1:] if argv is None else argv)
    commands: dict[str, Callable[[list[str]], int]] = {
        "check": run_check,
        "export": run_export,
        "sample": run_sample,
        "verify": run_verify,
        "serve": run_serve,
        "templates": run_templates,
        "actions": run_actions,
        "next": run_next,
    }
    try:
        if args and args[0] in commands:
            with _ended_cleanly():
                return commands[args[0]](args[1:])
        if args and args[0] in APP_SEATS:
            return run_app(args[1:], seat=args[0])
        return run_app(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader left (`panelapp check | head`): what it wanted was written.
        _quiet_stdout()
        return 0
    except UserError as exc:
        return _fail(exc.message)
    except UsageError as exc:
        return _fail(str(exc))
    except OSError as exc:
        if exc.filename is None:
            return _fail(_unexpected(exc))
        return _fail(
            f"{exc.filename}: cannot be used ({exc.strerror or exc}). "
            "Check the path, and the permissions of the file and the folders it is in."
        )
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        return _fail(_unexpected(exc))


def _fail(message: str) -> int:
    print(f"panelapp: {message}", file=sys.stderr)
    return UNUSABLE


def _unexpected(error: BaseException) -> str:
    from panelapp.crash import unexpected

    return unexpected(error)


def _quiet_stdout() -> None:
    """Point stdout at nothing, so flushing it on the way out cannot fail again."""

    try:
        target = sys.stdout.fileno()
    except (OSError, ValueError):
        return  # no file behind stdout (a test captures it): nothing left to flush there
    os.dup2(os.open(os.devnull, os.O_WRONLY), target)


@contextlib.contextmanager
def _ended_cleanly() -> Iterator[None]:
    """A command stopped by `kill` or a closed terminal ends like Ctrl+C: clean-up runs.

    Python's default is to die on the spot, which would leave a temporary
    file of private minutes beside the draft being written.
    """
    import signal

    def stop(number: int, frame: object) -> None:
        raise SystemExit(128 + number)

    stopping = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    try:
        before = {number: signal.signal(number, stop) for number in stopping}
    except ValueError:  # not the main thread (a test calling main): nothing to change
        yield
        return
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


class _Parser(argparse.ArgumentParser):
    """argparse that reports mistakes as a one-line UsageError, like every other input."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _parser(command: str, description: str) -> _Parser:
    prog = "panelapp" if command == "app" else f"panelapp {command}"
    parser = _Parser(prog=prog, description=description)
    parser.add_argument("--version", action="version", version=f"panelapp {__version__}")
    return parser


def _add_pack(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "pack",
        nargs="?",
        type=Path,
        help="a config.toml or a folder holding one "
        "(default: ./config.toml, else the bundled sample)",
    )
    parser.add_argument(
        "--example",
        choices=EXAMPLE_PACKS,
        help="open an example pack shipped with panelapp instead: missing (children "
        "missing, the default sample) or placements (placement stability)",
    )


EXAMPLE_PACKS = ("missing", "placements")
"""The example packs ``--example`` opens and ``panelapp sample --pack`` writes."""


def _pack(args: argparse.Namespace) -> Pack:
    from panelapp import paths
    from panelapp.config import load_pack

    example = getattr(args, "example", None)
    if example is not None:
        if args.pack is not None:
            raise UsageError(f"give a pack or --example {example}, not both")
        return load_pack(paths.packaged_example(example))
    return load_pack(args.pack if args.pack is not None else paths.default_pack())


SEAT_HELP = {
    "solo": "Open a meeting in one terminal: present the KPIs, capture the minutes, export "
    "the draft (one officer, or a rehearsal).\n"
    "Commands: present, clerk, serve, check, export, verify, templates, sample, actions, "
    "next (each has --help).",
    "present": "The room's screen, for the projector: the deck only (no capture, no speaker "
    "notes, no data-quality details). Drives the slides and public mode; every other seat "
    "follows it through the meeting's journal.",
    "clerk": "The clerk's desk: the capture line, entries, attendance register and minutes, "
    "with a live mirror of the room's screen, its speaker notes and the next slide. Follows "
    "the room; F2 lets it drive the room instead.",
    "viewer": "The room's screen as one browser sees it (run by 'panelapp serve').",
}
"""What ``--help`` says each way of opening the meeting is for."""


def app_parser(seat: str = "solo") -> _Parser:
    """Options for opening the meeting in a seat; shared with the tests' app factory."""
    from panelapp import paths

    parser = _parser("app" if seat == "solo" else seat, SEAT_HELP[seat])
    _add_pack(parser)
    if seat in ("solo", "present"):
        parser.add_argument(
            "--public", action="store_true", help="start in public mode (small counts suppressed)"
        )
    parser.add_argument(
        "--journal",
        type=Path,
        help="the meeting's journal, where the room's place and every captured entry are "
        "saved (default: config.journal.sqlite beside config.toml; for the bundled sample, "
        f"{paths.user_data_dir() / ('sample' + paths.JOURNAL_SUFFIX)})",
    )
    if seat in ("solo", "present"):
        parser.add_argument(
            "--no-cache", action="store_true", help="recompute figures instead of using the cache"
        )
    return parser


def run_app(argv: list[str], seat: str = "solo") -> int:
    """Open a seat of the meeting; the only path that imports the UI."""

    if not sys.stdin.isatty() and not os.environ.get("TEXTUAL_DRIVER"):
        # A web driver (textual-serve, which runs the browser's viewer) feeds keys through
        # a pipe and says so in TEXTUAL_DRIVER; anything else without a terminal would
        # wait for keys forever.
        _pack(app_parser(seat).parse_args(argv))  # mistakes in the options or pack first
        raise UsageError(
            "the meeting opens in a terminal, and standard input is not one. "
            "Run panelapp in a terminal window; 'panelapp check' and "
            "'panelapp export' work without one."
        )
    with _keys_kept_for_the_app():
        app = open_app(argv, seat=seat)
        try:
            app.run()
        finally:
            app.stop_loading()  # also when the app could not run: no child left computing
    return int(app.return_code or 0)


@contextlib.contextmanager
def _keys_kept_for_the_app() -> Iterator[None]:
    """Keys pressed while the app starts are not echoed, and none left over reach the shell.

    The terminal echoes what is typed until the app takes it over, a second
    later, and that echo stays on the shell's screen after the app ends;
    keys still waiting when it ends would be read by the shell as a command.
    So echo is off from the start, and on the way out the terminal is put
    back as it was with anything still waiting discarded.
    """
    try:
        import termios

        fd = sys.stdin.fileno()
        before = termios.tcgetattr(fd) if sys.stdin.isatty() else None
    except (ImportError, OSError, ValueError):  # no termios (Windows), or no real stdin
        before = None
    if before is None:
        yield
        return
    quiet = list(before)
    quiet[3] &= ~termios.ECHO
    termios.tcsetattr(fd, termios.TCSANOW, quiet)
    try:
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSAFLUSH, before)


def open_app(argv: list[str], seat: str = "solo") -> PanelApp:
    """The app as the ``panelapp`` command starts it, ready to run (the benchmarks time this).

    The figures' process is forked first of all: it imports the engine
    while the options and the config are read here, then computes while
    the UI imports. The app stops it when it ends (:meth:`PanelApp.stop_loading`);
    so does any problem before the app exists.
    """
    from panelapp.metrics.ahead import FiguresAhead

    computes = seat in ("solo", "present")
    # Only the seats that make figures fork a process for them.
    figures = FiguresAhead() if computes else None
    try:
        args = app_parser(seat).parse_args(argv)
        pack = _pack(args)
        use_cache = not getattr(args, "no_cache", False)
        if figures is not None:
            figures.compute(pack, use_cache=use_cache)
        from panelapp.ui.app import make_app
        from panelapp.ui.seats import SEATS

        return make_app(
            pack,
            seat=SEATS[seat],
            public=getattr(args, "public", False),
            journal=args.journal,
            use_cache=use_cache,
            loader=figures,
        )
    except BaseException:
        if figures is not None:
            figures.close()
        raise


def run_serve(argv: list[str]) -> int:
    """The room's screen in web browsers: public, read-only, following the room."""
    from panelapp import paths

    parser = _parser(
        "serve",
        "Serve the room's screen to web browsers, for members on a video call and the public "
        "gallery: always public mode, read-only, following the room's screen. Each browser "
        "gets its own viewer, which reads the figures the room's screen computed "
        "(start 'panelapp present' first). Stop with Ctrl+C.",
    )
    _add_pack(parser)
    parser.add_argument(
        "--journal",
        type=Path,
        help="the meeting's journal (default: config.journal.sqlite beside config.toml)",
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default: %(default)s, this computer only; "
        "0.0.0.0 lets anyone who can reach this computer watch)",
    )
    parser.add_argument("--port", type=int, default=8000, help="default: %(default)s")
    parser.add_argument(
        "--max-viewers",
        type=int,
        default=25,
        help="browsers watching at once; the next is told the page is full (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    if args.max_viewers < 1:
        raise UsageError("--max-viewers: give 1 or more")
    if not 0 < args.port < 65536:
        raise UsageError("--port: give a port from 1 to 65535")
    pack = _pack(args)
    journal = args.journal if args.journal is not None else paths.journal_for(pack.path)
    from panelapp.ui.serve import serve

    return serve(pack, journal, host=args.host, port=args.port, max_viewers=args.max_viewers)


def run_check(argv: list[str]) -> int:
    """Validate a pack and print every figure; exit 1 when the data has findings."""
    parser = _parser(
        "check",
        "Check a meeting pack: data-quality findings and every KPI and theme highlight. "
        "Exit status 0 clean, 1 data-quality findings, 2 unusable input.",
    )
    _add_pack(parser)
    parser.add_argument(
        "--data", type=Path, help="use this episode file for every item with figures"
    )
    parser.add_argument(
        "--period",
        help="use this period, YYYY-MM-DD..YYYY-MM-DD "
        "(the previous period follows by the default rule)",
    )
    parser.add_argument("--public", action="store_true", help="apply disclosure control")
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object instead of tables"
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="recompute instead of reading the figures cache"
    )
    args = parser.parse_args(argv)

    from panelapp import check
    from panelapp.config import parse_period, with_overrides
    from panelapp.metrics.engine import present
    from panelapp.metrics.store import raw_figures, swallowed_rows
    from panelapp.metrics.withheld import read_back

    pack = _pack(args)
    if args.data is not None and not args.data.is_file():
        raise UsageError(f"--data {args.data}: the file does not exist")
    try:
        period = parse_period(args.period) if args.period else None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    pack = with_overrides(pack, data=args.data, period=period)
    raw = raw_figures(pack, use_cache=not args.no_cache)
    if not args.public:  # the findings' values, which the cache does not keep, for the analyst
        raw = [read_back(pack, figures) for figures in raw]
    results = [present(figures, pack, public=args.public) for figures in raw]
    try:
        if args.json:
            print(check.to_json(results))
        else:
            from panelapp.report import PipedConsole, print_report

            console = PipedConsole()
            lost = frozenset(f.item.number for f in raw if swallowed_rows(f))
            print_report(pack, results, console, lost)
            if args.public and check.exit_status(raw) == check.FINDINGS:
                console.print(
                    "The data has data-quality findings; public output does not list them. "
                    "Run check without --public to see them."
                )
    except BrokenPipeError:
        _quiet_stdout()  # `check | head`: the status still says what the data holds
    # Public output hides the findings, not the fact that the data has some.
    return check.exit_status(raw)


def run_export(argv: list[str]) -> int:
    """Write the minutes draft; see :mod:`panelapp.minutes.export`."""
    from panelapp.minutes.command import export_command

    return export_command(argv, _parser, _add_pack, _pack)


def run_verify(argv: list[str]) -> int:
    """Check an officers' report's figures against the pack; see :mod:`panelapp.verify`."""
    from panelapp.verify.command import verify_command

    return verify_command(argv, _parser, _add_pack, _pack)


def run_templates(argv: list[str]) -> int:
    """List the shipped minutes templates or copy them into a pack; see
    :mod:`panelapp.minutes.house`."""
    from panelapp.minutes.house import templates_command

    return templates_command(argv, _parser)


def run_actions(argv: list[str]) -> int:
    """List a committee's actions across its meetings; see
    :mod:`panelapp.minutes.actions_command`."""
    from panelapp.minutes.actions_command import actions_command

    return actions_command(argv, _parser)


def run_next(argv: list[str]) -> int:
    """Start the next meeting's pack from this one; see :mod:`panelapp.next_pack`."""
    from panelapp.next_pack import next_command

    return next_command(argv, _parser)


SAMPLE_NAME = "missing_episodes.csv"
"""The sample's file name: what ``panelapp sample`` writes, in the current folder or ``--out``'s."""


def run_sample(argv: list[str]) -> int:
    """Write the bundled sample's episode file, deterministically, never over a file unasked;
    or, with --pack, a whole example pack."""
    parser = _parser(
        "sample",
        "Write the sample episode file (deterministic, seeded), or with --pack a whole "
        "example pack into a folder. An existing file is never replaced unless --force is given.",
    )
    parser.add_argument(
        "--pack",
        choices=EXAMPLE_PACKS,
        help="write the whole example pack (config.toml and its data) into the folder --out "
        "names (default: a folder of the pack's name): missing or placements",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(SAMPLE_NAME),
        help=f"the file to write, or a folder to write {SAMPLE_NAME} in "
        "(default: %(default)s in the current folder)",
    )
    parser.add_argument("--seed", type=int, default=2021, help="random seed (default: %(default)s)")
    parser.add_argument("--force", action="store_true", help="replace the file if it exists")
    args = parser.parse_args(argv)
    if args.pack is not None:
        return _sample_pack(args.pack, args)
    from panelapp.sample_episodes import write_sample

    out: Path = args.out / SAMPLE_NAME if args.out.is_dir() else args.out
    try:
        rows = write_sample(out, seed=args.seed, overwrite=args.force)
    except FileExistsError:
        raise UsageError(
            f"{out} already exists and was left as it is; add --force to replace it, "
            "or give another file with --out"
        ) from None
    print(f"Wrote {rows:,} episodes to {out}")
    return 0


def _sample_pack(name: str, args: argparse.Namespace) -> int:
    """``panelapp sample --pack NAME``: the whole example pack, into ``--out`` (a folder; a
    folder named after the pack when --out is not given)."""
    from panelapp.sample_packs import write_pack

    folder: Path = Path(name) if args.out == Path(SAMPLE_NAME) else args.out
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--out {folder}: give a folder to write the {name} pack in")
    if args.seed != 2021:
        raise UsageError(
            "--seed: an example pack is written from its own seed, so its figures are the "
            "ones its config.toml describes; leave --seed out"
        )
    try:
        made = write_pack(name, folder, overwrite=args.force)
    except FileExistsError as exc:
        raise UsageError(
            f"{exc.args[0]} already exists and was left as it is; add --force to replace the "
            "pack's files, or give another folder with --out"
        ) from None
    for file in made:
        counted = f" ({file.records:,} records)" if file.records is not None else ""
        print(f"Wrote {file.path}{counted}")
    print(f"Open it with: panelapp {folder}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(entry())
