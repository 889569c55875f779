"""Which PTV service classes serve each 3X10D meter's need, and their texts for the zero-shot prior.

The need descriptions of ``meters.NEED_DESCRIPTIONS`` are a few sentences per meter. The PTV service
classes (code list ``ptv/ptvserclass2``, shipped in ``catalogue/codes/service_classes_2023.json``) have
fi/sv/en names and descriptions written in the words of the catalogue, so the prior of
``relevance.meter_vectors`` also embeds the names and descriptions of the classes mapped to each meter,
and the lexical channel (``need_lexical``) also searches for the class names ("Vuokra-asuminen",
"Asumisen tuet", "Toimeentulotuki"): short, in the catalogue's own words. (Searching for the whole
class descriptions as well scored lower: they are long and generic.)

``NEED_SERVICE_CLASSES`` is **our judgement**, written from the meaning of the meters (the explanations
of ``life_situation_meters.json``: "asumisoloihin kuuluvat kaikki asumiseen liittyvät asiat" …), not
from any expert label: it is a hand-written list, not something learnt or tuned.
"""

from __future__ import annotations

from functools import lru_cache

from auroranet.catalogue.reference_import import packaged_code_lists
from auroranet.vocab import METER_KEYS

NEED_SERVICE_CLASSES: dict[str, tuple[str, ...]] = {
    # studying, working and coping with everyday routines: guidance, education, jobs, workshops
    "working_studying": ("P6.4", "P6.5", "P6.6", "P6.7", "P6.8", "P6.9", "P6.10", "P10.1", "P10.2", "P10.4",
                         "P10.7", "P4.8", "P28.3", "P22.2"),
    # family and close people: couples, children, day care, family counselling, child welfare
    "family": ("P3.1", "P3.2", "P3.4", "P3.5", "P3.6", "P3.7", "P3.8", "P3.9", "P4.6"),
    # a trusted friend: open youth work, hobbies, peer and voluntary activities, free time
    "friends": ("P28.1", "P28.2", "P4.12", "P5.16", "P25.5", "P8.4"),
    # physical and mental condition: health care, mental health, rehabilitation, health advice
    "health": ("P5.1", "P5.5", "P5.6", "P5.7", "P5.8", "P5.9", "P5.10", "P5.11", "P5.13", "P5.17"),
    # developing one's strengths, e.g. hobbies: arts, free time, adult education, sports, libraries
    "improvement_of_strengths": ("P25.2", "P25.5", "P25.7", "P27.1", "P28.2", "P6.10", "P25.1"),
    # everything about housing: renting, owning, housing benefits, moving, housing services, repairs
    "housing": ("P1.1", "P1.2", "P1.3", "P1.4", "P1.5", "P4.1", "P2.2"),
    # coping with expenses: debt advice, social assistance, benefits, loans, enforcement, study grants
    "finance": ("P15.1", "P4.10", "P10.6", "P15.3", "P15.5", "P6.14", "P1.4", "P14.1"),
    # how one sees oneself: outreach youth work, youth guidance, inclusion, social and wellbeing advice
    "self_esteem": ("P28.4", "P28.5", "P28.6", "P4.13", "P5.17"),
    # acting in difficulties: social advice, substance and mental health services, emergencies, crime
    # victims, peer support, child welfare
    "resilience": ("P4.13", "P5.7", "P19.3", "P7.5", "P4.12", "P3.8"),
    # life as a whole: wellbeing advice, youth guidance, social advice, free time
    "life_satisfaction": ("P5.17", "P28.5", "P4.13", "P25.5"),
}

LANGS = ("fi", "sv", "en")


@lru_cache(maxsize=1)
def class_texts() -> tuple[tuple[str, ...], ...]:
    """Per meter (in ``METER_KEYS`` order), "name. description" of each mapped class in fi, sv and en;
    a code missing from the packaged list is skipped."""
    classes = packaged_code_lists().service_classes
    out = []
    for key in METER_KEYS:
        texts = []
        for code in NEED_SERVICE_CLASSES[key]:
            c = classes.get(code)
            if c is None:
                continue
            for lang in LANGS:
                name, desc = c["names"].get(lang, ""), (c.get("descriptions") or {}).get(lang, "")
                if name or desc:
                    texts.append(f"{name}. {desc}".strip())
        out.append(tuple(texts))
    return tuple(out)


@lru_cache(maxsize=1)
def class_names() -> tuple[tuple[tuple[str, str], ...], ...]:
    """Per meter (in ``METER_KEYS`` order), (language, name) of each mapped class in fi, sv and en."""
    classes = packaged_code_lists().service_classes
    return tuple(tuple((lang, name) for code in NEED_SERVICE_CLASSES[key] if code in classes
                       for lang in LANGS if (name := classes[code]["names"].get(lang, "")))
                 for key in METER_KEYS)
