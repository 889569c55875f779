"""The official code lists shipped with the package (CC BY 4.0; sources and versions in SOURCES.md).

They stand in for the ``ref_*`` tables until ``aurora reference import`` or ``aurora reference sync``
stores newer ones (``catalogue.reference.load`` lays the stored rows over them)."""

from __future__ import annotations

from pathlib import Path

CODES_DIR = Path(__file__).parent
SOURCES = CODES_DIR / "SOURCES.md"
ATTRIBUTION = ("Code lists: Statistics Finland and the Digital and Population Data Services Agency "
               "(Finnish Digital Agency), koodistot.suomi.fi, CC BY 4.0")
