"""The built-in demo catalogue (invented content, PTV v11 format), its small code-list subset and demo
expert labels. Loading it spans domains, so it is a use case: ``usecases.demo.ensure_demo``."""

from __future__ import annotations

from pathlib import Path

DEMO_DIR = Path(__file__).parent
DEMO_SERVICES = DEMO_DIR / "services.json"
DEMO_REFERENCE = DEMO_DIR / "reference"
DEMO_LABELS = DEMO_DIR / "demo_labels.jsonl"
