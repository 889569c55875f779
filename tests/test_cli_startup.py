"""``aurora`` starts without the heavy parts: importing the command tree (what ``--help`` and every
command pay first) loads no database, numeric, web or settings stack; each command imports what it needs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import auroranet

HEAVY = ("sqlalchemy", "numpy", "scipy", "fastapi", "httpx", "pydantic_settings", "auroranet.runtime",
         "auroranet.config", "auroranet.db")


def _heavy_loaded_after(*modules: str) -> list[str]:
    """The HEAVY modules (and their submodules) loaded in a fresh interpreter after importing ``modules``."""
    probe = "\n".join(["import json, sys", *(f"import {m}" for m in modules),
                       f"heavy = {HEAVY!r}",
                       "print(json.dumps(sorted(m for m in sys.modules if m in heavy or m.startswith("
                       "tuple(h + '.' for h in heavy)))))"])
    env = dict(os.environ, PYTHONPATH=str(Path(auroranet.__file__).resolve().parents[1]))  # this checkout's code
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120,
                         check=True).stdout
    loaded: list[str] = json.loads(out.strip().splitlines()[-1])
    return loaded


def test_importing_the_cli_loads_none_of_the_heavy_modules() -> None:
    loaded = _heavy_loaded_after("auroranet.cli")
    assert loaded == [], f"import auroranet.cli loaded {loaded[:10]}: import them inside the commands that need them"


def test_the_probe_sees_a_command_module_that_imports_the_runtime() -> None:
    loaded = _heavy_loaded_after("auroranet.cli", "auroranet.wallet.incidents")
    assert "auroranet.runtime" in loaded and "sqlalchemy" in loaded
