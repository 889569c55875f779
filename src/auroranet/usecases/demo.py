"""Loading the demo: code lists, services and demo labels, when the store is empty and no import was
ever made (so an operator's deliberately emptied catalogue is never refilled)."""

from __future__ import annotations

import logging

from auroranet.catalogue import reference, service
from auroranet.catalogue.demo import DEMO_LABELS, DEMO_REFERENCE, DEMO_SERVICES
from auroranet.catalogue.flows import import_files
from auroranet.catalogue.reference_import import import_reference_dir
from auroranet.db.core import Database
from auroranet.recommend.labels import import_labels_jsonl

log = logging.getLogger(__name__)


def ensure_demo(db: Database) -> str | None:
    """Load the demo when the store is empty. Returns a summary, or None when nothing was loaded."""
    with db.session() as s:
        if service.count_services(s) or service.any_import_made(s):
            return None
        ref_loaded = reference.is_loaded(s)
    if not ref_loaded:
        import_reference_dir(db, DEMO_REFERENCE)
    result = import_files(db, [DEMO_SERVICES], kind="demo")
    import_labels_jsonl(db, DEMO_LABELS, source="demo")
    log.info("demo catalogue loaded", extra={"services": result.counts.new})
    return result.counts.summary()
