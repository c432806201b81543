"""`panelapp next`: the next meeting's pack, started from this one's.

A committee meets on a cycle: the same members and officers, the same
agenda skeleton and KPIs, the period moved on by its own length (2021 ->
2022, a quarter -> the next), and the previous minutes to approve. So the
next pack is this config.toml with a few values changed and every comment
kept (:mod:`panelapp.toml_edit`):

* ``[meeting] date`` the new date, ``previous`` pointing back here, and the
  apologies and substitutes expected cleared (nobody has sent any yet);
* each item's period, and its previous period when it names one, moved on
  by the period's own length (:func:`panelapp.config.default_next`), with
  their labels ('January – December 2021' -> 'January – December 2022');
* every path under an item's ``data``, and its ``report_file``, rewritten to
  reach the same files from the new folder (the new period's data replaces
  them when it comes);
* the previous-minutes item's purpose naming this meeting's date.

The pack's templates folder is copied (links kept as links, so a template
still reaches nothing outside its folder). The new folder must not exist:
nothing is ever written over. The new config.toml is read back, and must
say what was meant, before the command says it is done.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from panelapp import atomic, paths
from panelapp.config import Pack, Period, load_pack, period_label, previous_of
from panelapp.errors import UserError
from panelapp.metrics.format import long_day
from panelapp.minutes.previous import previous_minutes_item
from panelapp.toml_edit import KEEP, Added, Place, edit

MONTHS = tuple(calendar.month_name)[1:]
"""January … December, as labels spell them."""

_TOKEN = re.compile(
    r"\b(?P<month>" + "|".join(MONTHS) + "|" + "|".join(m[:3] for m in MONTHS) + r")\b"
    r"(?:\s+(?P<month_year>\d{4})\b)?"
    r"|\b(?P<year>\d{4})(?P<fiscal>/\d{2})?\b"
)
"""What a shift moves in a label: a month (with its year), or a year ('2021', '2021/22')."""

_DATED = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:" + "|".join(MONTHS) + r"),?\s+\d{4}\b", re.IGNORECASE
)
"""A day written out ('18 November 2021'), as a previous-minutes purpose line names it."""

PREVIOUS_COMMENT = "The previous meeting: its minutes are approved here, its actions followed up."
"""The comment above the ``previous`` key a new pack gets."""


class NextError(UserError):
    """The next pack cannot be started, with the folder or file and what to do."""


def _month_end(day: dt.date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; a month's last day stays its month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, last if _month_end(day) else min(day.day, last))


@dataclass(frozen=True)
class Shift:
    """How far a pack's periods move on: whole months, or days for any other range."""

    months: int = 0
    days: int = 0

    @classmethod
    def of(cls, period: Period) -> Shift:
        """The period's own length (:func:`panelapp.config.default_next`'s rule)."""
        start, end = period.start, period.end
        if start.day == 1 and _month_end(end):
            return cls(months=(end.year - start.year) * 12 + end.month - start.month + 1)
        return cls(days=(end - start).days + 1)

    def moved(self, period: Period) -> Period:
        """``period`` moved on, with its label."""
        if self.months:
            start = _add_months(period.start, self.months)
            end = _add_months(period.end, self.months)
        else:
            start = period.start + dt.timedelta(days=self.days)
            end = period.end + dt.timedelta(days=self.days)
        return Period(start, end, self._label(period.label, start, end))

    def _label(self, label: str, start: dt.date, end: dt.date) -> str:
        """'January – December 2022' from '… 2021': month names and years moved on. A label
        saying what a shift cannot move (a quarter's number, a day) gets panelapp's own words."""
        if not label:
            return ""
        if self.months and _movable(label, self.months):
            return _moved_label(label, self.months)
        return period_label(start, end)


def _movable(label: str, months: int) -> bool:
    """Whether every figure in ``label`` is a year a shift of ``months`` can move: '2021' on its
    own moved by a quarter could be either year, and 'Q1' or a day is not a month name."""
    years_alone = [m for m in _TOKEN.finditer(label) if m["year"]]
    if months % 12 and years_alone:
        return False
    return not re.search(r"\d", _TOKEN.sub("", label))


def _moved_label(label: str, months: int) -> str:
    """``label`` with each month name and year moved on by ``months``."""

    def moved(match: re.Match[str]) -> str:
        if match["year"]:
            start = int(match["year"]) + months // 12
            return f"{start}/{(start + 1) % 100:02d}" if match["fiscal"] else str(start)
        name = match["month"]
        number = next(i for i, m in enumerate(MONTHS) if m.startswith(name))
        year = int(match["month_year"] or 0)
        index = year * 12 + number + months
        word = MONTHS[index % 12] if len(name) > 3 else MONTHS[index % 12][:3]
        return f"{word} {index // 12}" if match["month_year"] else word

    return _TOKEN.sub(moved, label)


# ---------------------------------------------------------------------------
# The new config.toml


@dataclass(frozen=True)
class Started:
    """What ``panelapp next`` made, for the message it prints."""

    config: Path
    pack: Pack
    previous: str
    """The ``previous`` value written: the path back to this pack."""
    templates: Path | None
    """The copied templates folder, when the pack has one."""
    still_named: tuple[str, ...]
    """Keys whose words still name the old period ('items[4].documents[2]'), to check by hand."""


def next_config(pack: Pack, day: dt.date, folder: Path) -> str:
    """This pack's config.toml as the next meeting's, to be written in ``folder``."""
    text = pack.path.read_text(encoding="utf-8")
    approving = previous_minutes_item(pack)
    back = _path_back(pack, folder)
    shifts = {
        n: Shift.of(item.period) for n, item in enumerate(pack.items) if item.period is not None
    }

    def change(place: Place, name: str, value: Any) -> Any:
        table, index = place
        if table == "meeting":
            return _meeting(name, value, day, back)
        if not table.startswith("items") or index < 0:
            return KEEP
        item = pack.items[index]
        shift = shifts.get(index)
        if table == "items":
            if name == "purpose" and approving is not None and item.number == approving.number:
                return _DATED.sub(long_day(pack.meeting.date), value)
            if name == "report_file":
                return _reached(pack, folder, value)
            if name == "data" and isinstance(value, dict):
                return _data_reached(pack, folder, value)
            if name in ("period", "previous_period") and isinstance(value, dict) and shift:
                return _period_table(shift.moved(_period_of(value)))
            return KEEP
        if table == "items.data":
            return _data_reached(pack, folder, {name: value})[name]
        if table in ("items.period", "items.previous_period") and shift is not None:
            period = item.period if table == "items.period" else item.previous_period
            if period is not None and name in ("start", "end", "label"):
                return getattr(shift.moved(period), name)
        return KEEP

    added = (Added(("meeting", -1), "previous", back, PREVIOUS_COMMENT, after="date"),)
    return edit(text, change, added)


def _meeting(name: str, value: Any, day: dt.date, back: str) -> Any:
    if name == "date":
        return day
    if name == "previous":
        return back
    if name in ("apologies", "substitutes"):
        return []
    return KEEP


def _path_back(pack: Pack, folder: Path) -> str:
    """This pack as the new one's ``previous``: its folder, or its file when not config.toml."""
    target = pack.folder if pack.path.name == "config.toml" else pack.path
    return Path(os.path.relpath(target.resolve(), folder.resolve())).as_posix()


def _reached(pack: Pack, folder: Path, value: Any) -> Any:
    """A path of this pack's (a file it names, relative to it) as the new pack reaches the
    same file; anything else (an absolute path, words that name no file) as it is."""
    if not isinstance(value, str) or not value or Path(value).is_absolute():
        return value
    target = pack.folder / value
    if not target.exists():
        return value
    return Path(os.path.relpath(target.resolve(), folder.resolve())).as_posix()


def _data_reached(pack: Pack, folder: Path, data: dict[str, Any]) -> dict[str, Any]:
    """Every path under an item's ``data`` (a file or a list of them), reached from ``folder``."""
    moved: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, list):
            moved[key] = [_reached(pack, folder, v) for v in value]
        else:
            moved[key] = _reached(pack, folder, value)
    return moved


def _period_of(raw: dict[str, Any]) -> Period:
    return Period(raw["start"], raw["end"], str(raw.get("label", "")))


def _period_table(period: Period) -> dict[str, Any]:
    table: dict[str, Any] = {"start": period.start, "end": period.end}
    if period.label:
        table["label"] = period.label
    return table


# ---------------------------------------------------------------------------
# The new folder


def start_next(pack: Pack, day: dt.date, folder: Path) -> Started:
    """Write the next meeting's pack into ``folder``, which must not exist yet.

    The new config.toml is read back and must say what was meant; if it
    does not, the folder is removed and nothing is left half made.
    """
    if day <= pack.meeting.date:
        raise NextError(
            pack.path,
            "meeting.date",
            f"the next meeting ({day.isoformat()}) must come after this one "
            f"({pack.meeting.date.isoformat()})",
            "Give the next meeting's date with --date.",
        )
    if folder.exists():
        raise NextError(
            folder,
            "",
            "already exists and was left as it is",
            "Give a new folder with --to, or move that one aside.",
        )
    text = next_config(pack, day, folder)
    try:
        folder.mkdir(parents=True)
    except FileExistsError:
        raise NextError(folder, "", "already exists and was left as it is") from None
    try:
        config = folder / "config.toml"
        atomic.write(config, text.encode("utf-8"), overwrite=False)
        copied = _copy_templates(pack, folder)
        made = load_pack(config)
        _check_moved(pack, made, day)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Started(config, made, _path_back(pack, folder), copied, _still_named(pack, made))


def _copy_templates(pack: Pack, folder: Path) -> Path | None:
    if pack.templates is None:
        return None
    source = pack.folder / pack.templates
    target = folder / pack.templates
    shutil.copytree(source, target, symlinks=True)
    return target


def _check_moved(pack: Pack, made: Pack, day: dt.date) -> None:
    """The new pack says what was meant: its date, the way back, each period moved on."""
    problems = []
    if made.meeting.date != day:
        problems.append("meeting.date")
    back = made.meeting.previous
    if back is None or (made.folder / back).resolve() not in (pack.folder.resolve(), pack.path):
        problems.append("meeting.previous")
    for n, (old, new) in enumerate(zip(pack.items, made.items, strict=True), start=1):
        if old.period is None:
            continue
        expected = Shift.of(old.period).moved(old.period)
        if new.period is None or (new.period.start, new.period.end) != (
            expected.start,
            expected.end,
        ):
            problems.append(f"items[{n}].period")
    if problems:
        raise NextError(
            made.path,
            problems[0],
            "could not be moved on in the config.toml's own wording",
            f"Set {', '.join(problems)} by hand in {pack.path.name} (a plain key = value line "
            "under its table), then try again.",
        )


def _still_named(pack: Pack, made: Pack) -> tuple[str, ...]:
    """Keys of the new pack whose words name the old period, for the clerk to check by hand."""
    found = []
    for n, (old, new) in enumerate(zip(pack.items, made.items, strict=True), start=1):
        if old.period is None or new.period is None:
            continue
        words = {old.period.label} if old.period.label else set()
        if old.period.start.year == old.period.end.year != new.period.end.year:
            words.add(str(old.period.end.year))
        texts = {"purpose": new.purpose, "provides": new.provides, "report": new.report}
        texts |= {f"documents[{i}]": d for i, d in enumerate(new.documents, start=1)}
        for key, text in texts.items():
            if any(re.search(rf"(?<!\d){re.escape(w)}(?!\d)", text) for w in words if w):
                found.append(f"items[{n}].{key}")
    return tuple(found)


DESCRIPTION = """\
Start the next meeting's pack from this one: the same committee, members,
officers, agenda and KPIs; each period moved on by its own length (2021 ->
2022, a quarter -> the next) with its label; 'previous' pointing back here,
so the next meeting approves these minutes and follows up these actions; the
data paths rewritten to reach the same files (replace them when the new
period's data comes); the templates folder copied; apologies and
substitutes cleared. Comments in config.toml are kept. The new folder must
not exist. Exit status 0 written, 2 unusable input."""


def next_command(
    argv: list[str], make_parser: Callable[[str, str], argparse.ArgumentParser]
) -> int:
    """Run ``panelapp next``; the parser is the command line's own."""
    parser = make_parser("next", DESCRIPTION)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("pack", type=Path, help="this meeting's pack: a config.toml or its folder")
    parser.add_argument("--date", required=True, help="the next meeting's date, YYYY-MM-DD")
    parser.add_argument(
        "--to",
        type=Path,
        help="the new pack's folder, which must not exist "
        "(default: a folder named by the date beside this pack's folder)",
    )
    args = parser.parse_args(argv)
    try:
        day = dt.date.fromisoformat(args.date)
    except ValueError:
        parser.error(f"--date {args.date!r} should be a date, YYYY-MM-DD")
    pack = load_pack(args.pack)
    folder = args.to if args.to is not None else default_folder(pack, day)
    started = start_next(pack, day, folder)
    print(_said(pack, started))
    return 0


def default_folder(pack: Pack, day: dt.date) -> Path:
    """A folder named by the date beside this pack's folder (for the bundled sample, which lives
    inside the installed package, in the current folder)."""
    if paths.is_packaged_sample(pack.path):
        return Path.cwd() / day.isoformat()
    return pack.folder.parent / day.isoformat()


def _said(pack: Pack, started: Started) -> str:
    made = started.pack
    lines = [
        f"Wrote {started.config}: {made.meeting.committee}, {long_day(made.meeting.date)}.",
        f"  previous meeting: {started.previous} ({long_day(pack.meeting.date)})",
    ]
    for item in made.items:
        before = previous_of(item)
        if item.period is not None and before is not None:
            lines.append(f"  item {item.number}: {item.period.name}, compared with {before.name}")
        for source in item.data.episodes:
            lines.append(f"    data, as before: {source} (replace it with the new period's)")
    if started.templates is not None:
        lines.append(f"  templates copied to {started.templates}")
    if started.still_named:
        lines.append(
            "Check the words that may still name the old period: "
            + ", ".join(started.still_named)
            + "."
        )
    return "\n".join(lines)
