"""The comparison with the previous period: arrow, amount, words, and what it was.

Coloured by the KPI's polarity (better green, worse red), but the arrow's
shape and the words 'down 20% on 2020, better' carry the meaning on their
own, for colour-blind viewers and greyscale projectors.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from panelapp.metrics.results import KpiResult
from panelapp.ui import text
from panelapp.ui.text import Style


class Comparison(Static):
    """Two lines: '▼ −106  down 20% on 2020, better' and 'from 531 in 2020'."""

    def show(self, kpi: KpiResult, style: Style) -> None:
        """Attributes down: the slide hands over the KPI it is showing."""
        # One batch: restyling costs a pass over the stylesheet, so once, not twice.
        self.update_classes(text.tone_classes(kpi))
        line = Text()
        if kpi.change:
            line.append(f"{text.arrow(kpi)} ", style="bold")
            line.append(f"{text.change_amount(kpi, style)}  ", style="bold")
        line.append(text.change_words(kpi))
        was = text.previous(kpi, style)
        if was:
            line.append(f"\nfrom {was}", style="not bold")
        self.update(line)
