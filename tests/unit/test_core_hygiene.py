"""The core never imports Textual: figures can be trusted, and `check` starts fast."""

from __future__ import annotations

import subprocess
import sys

CORE = (
    "panelapp.config",
    "panelapp.paths",
    "panelapp.cli",
    "panelapp.check",
    "panelapp.metrics.engine",
    "panelapp.metrics.store",
    "panelapp.metrics.sample",
)


def test_core_modules_do_not_import_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "print('textual' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
