"""Write the README's screenshots: the KPI screen, the overview and a theme, at 120x40.

Run from the repository root:

    python scripts/screenshots.py

Uses Textual's own SVG screenshot of the real app (through the same
factory as the command line), with the clock frozen so the timers read 0:00.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from panelapp.config import load_pack
from panelapp.ui.app import make_app

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "images"
SIZE = (120, 40)
SHOTS = {
    "kpi.svg": ["6"],
    "overview.svg": ["4", "o"],
    "themes.svg": ["t", "right_square_bracket", "right_square_bracket", "s"],
}
"""File name -> the keys a presenter would press to get there."""


async def shoot(name: str, keys: list[str]) -> Path:
    app = make_app(load_pack(ROOT / "config.toml"), clock=lambda: 0.0)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause(0.5)
        return Path(app.save_screenshot(filename=name, path=str(OUT)))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, keys in SHOTS.items():
        print(asyncio.run(shoot(name, keys)))


if __name__ == "__main__":
    main()
