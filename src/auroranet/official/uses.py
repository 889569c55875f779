"""What each source may be used for, defined once: the purpose written into the consent record, the
data categories (which values, never the values) and the fields a fill brings. One use per source here;
the consent is asked and recorded per (source, use)."""

from __future__ import annotations

from dataclasses import dataclass

from auroranet.official.sources import SourceName


@dataclass(frozen=True)
class Use:
    source: SourceName
    key: str
    purpose: str  # the receipt's purpose (English, as the other receipts)
    source_name: str  # the register, as the receipt names it
    fields: tuple[str, ...]

    @property
    def categories(self) -> list[str]:
        return [f"official:{self.source}:{f}" for f in self.fields]


USES: dict[SourceName, Use] = {
    "population": Use("population", "assessment",
                      "Filling in your age and home municipality from the population register, to prefill your "
                      "self-assessment and its recommendations while this consent stands",
                      "Population register (Digital and Population Data Services Agency)",
                      ("age", "municipality_code")),
    "studies": Use("studies", "recommendations",
                   "Filling in your current study right from the studies register, so your recommendations can "
                   "include services for students while this consent stands",
                   "Studies register (study rights)", ("study_right", "study_level", "institution_type")),
}
FIELD_SOURCE: dict[str, SourceName] = {f: u.source for u in USES.values() for f in u.fields}

# The studies use: with a current study right (consent standing), the recommender gets this text cue
# (one extra "text" aspect beside the person's needs), in the person's language.
STUDENT_CUE: dict[str, str] = {"fi": "opiskelijoiden palvelut, opiskeluterveydenhuolto ja opintotuki",
                               "sv": "tjänster för studerande, studerandehälsovård och studiestöd",
                               "en": "services for students, student health care and student financial aid"}
