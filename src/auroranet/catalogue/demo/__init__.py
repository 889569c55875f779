"""The built-in demo catalogue (invented content, PTV v11 format) and its small code-list subset."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DEMO_DIR = Path(__file__).parent
DEMO_SERVICES = DEMO_DIR / "services.json"
DEMO_REFERENCE = DEMO_DIR / "reference"
DEMO_LABELS = DEMO_DIR / "demo_labels.jsonl"


def ensure_demo(runtime: Any) -> str | None:
    """Load the demo when the store is empty and no import was ever made. Returns a summary or None."""
    from auroranet.catalogue import reference, service
    from auroranet.catalogue.flows import import_files
    from auroranet.catalogue.reference_import import import_reference_dir

    with runtime.db.session() as s:
        if service.count_services(s) or service.any_import_made(s):
            return None
        ref_loaded = reference.is_loaded(s)
    if not ref_loaded:
        import_reference_dir(runtime.db, DEMO_REFERENCE)
    result = import_files(runtime.db, [DEMO_SERVICES], kind="demo")
    try:
        from auroranet.recommend.labels import import_labels_jsonl

        import_labels_jsonl(runtime.db, DEMO_LABELS, source="demo")
    except ModuleNotFoundError:
        pass
    log.info("demo catalogue loaded", extra={"services": result.counts.new})
    return result.counts.summary()
