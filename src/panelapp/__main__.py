"""``python -m panelapp``: the ``panelapp`` command, for when its script is not on PATH."""

import sys

from panelapp.cli import entry

if __name__ == "__main__":
    sys.exit(entry())
