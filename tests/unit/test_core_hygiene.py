"""The core never imports Textual: figures can be trusted, and `check` starts fast."""

from __future__ import annotations

import subprocess
import sys


def test_no_module_outside_ui_imports_textual() -> None:
    """Every module of the package but ``panelapp.ui``, imported in a fresh interpreter."""
    code = (
        "import importlib, pkgutil, sys\n"
        "import panelapp\n"
        "names = [m.name for m in pkgutil.walk_packages(panelapp.__path__, 'panelapp.')\n"
        "         if not m.name.startswith('panelapp.ui')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "print(len(names), 'textual' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    count, imported = out.stdout.split()
    assert int(count) >= 25
    assert imported == "False"


def test_reading_a_pack_imports_no_engine_module_and_no_pandas() -> None:
    """The pack's vocabulary is one small module config.py shares with the engine."""
    code = (
        "import sys\n"
        "import panelapp.config\n"
        "print(sorted(m for m in sys.modules if m.startswith(('panelapp.metrics', 'pandas'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
