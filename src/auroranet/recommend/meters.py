"""The ten 3X10D life-situation meters: keys, Finnish API names, descriptions of each meter's NEED
in fi, sv and en, and the rule that turns a person's meter values (0..10) into weighted needs.

The need descriptions are written in the vocabulary that service descriptions use (vuokra-asunto,
asumistuki, toimeentulotuki …), because they are embedded and compared with service texts: they are the
zero-shot prior of the relevance model and cover services unlike any expert-labelled one.
"""

from __future__ import annotations

from auroranet.errors import InputError
from auroranet.vocab import METER_INDEX, METER_KEYS, METER_NAMES

__all__ = ["METER_INDEX", "METER_KEYS", "FINNISH_NAMES", "needs_from_scores", "validate_meters"]

FINNISH_NAMES: dict[str, str] = {k: METER_NAMES[k]["fi"] for k in METER_KEYS}
KEY_BY_FINNISH_NAME: dict[str, str] = {v: k for k, v in FINNISH_NAMES.items()}

NEED_THRESHOLD = 7.0  # values below this are needs
FALLBACK_NEEDS = 2  # when every value is high, the lowest meters still give a (weak) direction
FALLBACK_WEIGHT = 0.05
# Among equally high meters the fallback direction is developing yourself and friends (hobbies, courses,
# meeting people), not the first keys alphabetically (family, finance: child protection and foster care
# for a person doing well on every meter).
FALLBACK_FIRST: tuple[str, ...] = ("improvement_of_strengths", "friends", "life_satisfaction")

# What a person with a low value on the meter needs, in the words services use.
NEED_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "health": {
        "fi": "Terveyspalvelut ja sairaanhoito. Terveysasema, lääkärin vastaanotto, hammashoito ja "
        "sairaanhoitajan neuvonta. Mielenterveyspalvelut, psykiatrinen hoito, terapia ja päihdepalvelut. "
        "Kuntoutus, fysioterapia, terveystarkastukset, rokotukset ja ehkäisevä terveydenhuolto. "
        "Pitkäaikaissairaiden hoito, lääkkeet ja terveysneuvonta.",
        "sv": "Hälso- och sjukvård. Hälsostation, läkarmottagning, tandvård och rådgivning av "
        "sjukskötare. Mentalvårdstjänster, psykiatrisk vård, terapi och missbrukarvård. Rehabilitering, "
        "fysioterapi, hälsokontroller, vaccinationer och förebyggande hälsovård. Vård av långtidssjuka.",
        "en": "Health and medical care. Health centre, doctor's appointment, dental care and nurse "
        "advice. Mental health services, psychiatric care, therapy and substance abuse services. "
        "Rehabilitation, physiotherapy, health check-ups, vaccinations and preventive health care.",
    },
    "resilience": {
        "fi": "Tukea elämän vaikeissa tilanteissa ja kriiseissä. Kriisiapu, kriisipuhelin, "
        "keskusteluapu ja sosiaalityö. Apua väkivallan, lähisuhdeväkivallan, päihteiden tai "
        "riippuvuuksien kanssa. Turvakoti, sosiaalipäivystys, rikosuhrien tuki, vertaistuki ja "
        "ohjaus arjen hallintaan, kun omat voimat eivät riitä.",
        "sv": "Stöd i svåra livssituationer och kriser. Krishjälp, kristelefon, samtalsstöd och "
        "socialt arbete. Hjälp vid våld, våld i nära relationer, missbruk eller beroende. Skyddshem, "
        "socialjour, stöd för brottsoffer, kamratstöd och handledning i vardagen.",
        "en": "Support in difficult life situations and crises. Crisis help, crisis helpline, someone "
        "to talk to and social work. Help with violence, domestic violence, substance abuse or "
        "addiction. Shelter, emergency social services, support for victims of crime and peer support.",
    },
    "housing": {
        "fi": "Asuminen ja asunnon hankkiminen. Vuokra-asunto, kaupungin vuokra-asunnot, "
        "opiskelija-asunto, nuorten asunnot ja asunnon haku. Asumistuki, asumisneuvonta, vuokravelat "
        "ja häätö. Asunnottomuus, tuettu asuminen, palveluasuminen ja asunnon korjaus- ja "
        "muutostyöt. Muutto ja muuttoilmoitus.",
        "sv": "Boende och att skaffa bostad. Hyresbostad, stadens hyresbostäder, studentbostad, "
        "ungdomsbostäder och bostadsansökan. Bostadsbidrag, boenderådgivning, hyresskulder och "
        "vräkning. Bostadslöshet, stödboende, serviceboende och reparation av bostaden. Flyttning.",
        "en": "Housing and finding a home. Rental flat, municipal rental housing, student housing, "
        "youth housing and applying for a flat. Housing allowance, housing advice, rent arrears and "
        "eviction. Homelessness, supported housing, service housing and home repairs. Moving house.",
    },
    "working_studying": {
        "fi": "Opiskelu, koulutus ja työ. Opiskelupaikka, ammatillinen koulutus, lukio, "
        "aikuiskoulutus ja opintojen ohjaus. Työnhaku, työpaikat, TE-palvelut, työllisyyspalvelut, "
        "työkokeilu, kesätyö ja oppisopimus. Nuorten työpajat, opintojen keskeyttämisen ehkäisy, "
        "urasuunnittelu ja tuki työttömälle työnhakijalle.",
        "sv": "Studier, utbildning och arbete. Studieplats, yrkesutbildning, gymnasium, "
        "vuxenutbildning och studiehandledning. Jobbsökning, lediga jobb, TE-tjänster, "
        "sysselsättningstjänster, arbetsprövning, sommarjobb och läroavtal. Verkstäder för unga och "
        "karriärplanering.",
        "en": "Studying, education and work. Study place, vocational education, upper secondary "
        "school, adult education and study guidance. Job seeking, vacancies, employment services, "
        "work trials, summer jobs and apprenticeships. Youth workshops, preventing dropping out of "
        "education, career planning and support for unemployed job seekers.",
    },
    "family": {
        "fi": "Perhe ja läheiset. Lapsiperheiden palvelut, neuvola, perheneuvola, "
        "kasvatus- ja perheneuvonta, varhaiskasvatus ja päivähoito. Lastensuojelu, perhetyö, "
        "kotipalvelu lapsiperheille, eroauttaminen, huoltajuus ja elatus. Omaishoito ja tuki "
        "läheisestä huolehtivalle, pari- ja perheterapia.",
        "sv": "Familj och närstående. Tjänster för barnfamiljer, rådgivning, familjerådgivning, "
        "uppfostrings- och familjerådgivning, småbarnspedagogik och dagvård. Barnskydd, familjearbete, "
        "hemservice för barnfamiljer, hjälp vid skilsmässa, vårdnad och underhåll. Närståendevård.",
        "en": "Family and close ones. Services for families with children, child health clinic, "
        "family counselling, early childhood education and day care. Child welfare, family work, "
        "home help for families, help with divorce, custody and child maintenance. Informal care and "
        "support for carers, couples and family therapy.",
    },
    "friends": {
        "fi": "Ystävät, yhteisöt ja yksinäisyys. Ystävätoiminta, vertaisryhmät, kohtaamispaikat, "
        "nuorisotalot ja nuorisotyö. Harrastusryhmät, järjestöjen ja seurakuntien toiminta, "
        "vapaaehtoistoiminta ja yhteisöllinen toiminta. Tukea yksinäisyyteen ja sosiaalisiin "
        "suhteisiin, uusien ihmisten tapaamiseen.",
        "sv": "Vänner, gemenskap och ensamhet. Vänverksamhet, kamratgrupper, mötesplatser, "
        "ungdomsgårdar och ungdomsarbete. Hobbygrupper, föreningars och församlingars verksamhet, "
        "frivilligverksamhet. Stöd vid ensamhet och i sociala relationer.",
        "en": "Friends, community and loneliness. Befriending, peer groups, meeting places, youth "
        "centres and youth work. Hobby groups, activities of associations and parishes, volunteering "
        "and community activities. Support for loneliness and social relationships.",
    },
    "finance": {
        "fi": "Raha-asiat ja toimeentulo. Toimeentulotuki, Kelan etuudet, työttömyysturva, "
        "opintotuki, asumistuki ja lapsilisä. Talous- ja velkaneuvonta, velkajärjestely, "
        "maksuhäiriöt ja ulosotto. Sosiaalinen luototus, verotus, eläke ja apu laskujen "
        "maksamiseen, kun rahat eivät riitä.",
        "sv": "Ekonomi och utkomst. Utkomststöd, FPA:s förmåner, arbetslöshetsskydd, studiestöd, "
        "bostadsbidrag och barnbidrag. Ekonomi- och skuldrådgivning, skuldsanering, "
        "betalningsanmärkningar och utsökning. Social kreditgivning, beskattning och pension.",
        "en": "Money and livelihood. Social assistance, Kela benefits, unemployment benefit, student "
        "financial aid, housing allowance and child benefit. Financial and debt counselling, debt "
        "restructuring, payment defaults and enforcement. Social credit, taxation and pensions.",
    },
    "improvement_of_strengths": {
        "fi": "Itsensä kehittäminen, harrastukset ja vapaa-aika. Liikunta, urheilu, uimahallit ja "
        "kuntosalit. Kirjastot, kulttuuri, museot, musiikki, taide ja käsityöt. Kansalaisopisto, "
        "työväenopisto, kurssit, avoin opetus ja taiteen perusopetus. Nuorten harrastustoiminta ja "
        "vahvuuksien löytäminen.",
        "sv": "Att utveckla sig själv, fritidsintressen och fritid. Motion, idrott, simhallar och "
        "gym. Bibliotek, kultur, museer, musik, konst och hantverk. Medborgarinstitut, arbetarinstitut, "
        "kurser, öppen undervisning och grundläggande konstundervisning.",
        "en": "Developing yourself, hobbies and leisure. Exercise, sports, swimming halls and gyms. "
        "Libraries, culture, museums, music, art and crafts. Adult education centre, courses, open "
        "university studies and basic art education. Hobbies for young people and finding your "
        "strengths.",
    },
    "self_esteem": {
        "fi": "Itsetunto ja oma hyvinvointi. Keskusteluapu, nuorten tuki, opiskeluhuolto, "
        "koulukuraattori ja koulupsykologi. Mielenterveyden tuki, vertaistuki ja ohjaus omien "
        "vahvuuksien tunnistamiseen. Tukea kiusaamiseen, syrjintään, yksinäisyyteen ja "
        "elämänhallintaan.",
        "sv": "Självkänsla och eget välbefinnande. Samtalsstöd, stöd för unga, elevhälsa, "
        "skolkurator och skolpsykolog. Stöd för psykisk hälsa, kamratstöd och handledning i att "
        "känna igen sina styrkor. Stöd vid mobbning, diskriminering och ensamhet.",
        "en": "Self-esteem and your own wellbeing. Someone to talk to, support for young people, "
        "student welfare, school social worker and school psychologist. Mental health support, peer "
        "support and guidance in recognising your strengths. Support with bullying, discrimination "
        "and loneliness.",
    },
    "life_satisfaction": {
        "fi": "Elämä kokonaisuutena ja hyvinvointi. Ohjaus ja neuvonta elämäntilanteen "
        "selvittämiseen, sosiaaliohjaus, hyvinvointia tukevat palvelut, matalan kynnyksen "
        "palvelupisteet ja nuorten ohjaamo. Arjen tuki, kotipalvelu, liikunta- ja kulttuuripalvelut "
        "ja mielekäs tekeminen.",
        "sv": "Livet som helhet och välbefinnande. Handledning och rådgivning om livssituationen, "
        "social handledning, tjänster som stöder välbefinnande, lågtröskelservicepunkter och "
        "Navigatorn för unga. Stöd i vardagen, hemservice, motion och kultur.",
        "en": "Life as a whole and wellbeing. Guidance and advice on your life situation, social "
        "guidance, services that support wellbeing, low-threshold service points and the youth "
        "one-stop guidance centre. Support in everyday life, home help, sports and culture.",
    },
}


def validate_meters(meters: dict[str, float]) -> dict[str, float]:
    """Known keys, numeric values 0..10. Raises InputError naming the first bad meter."""
    out: dict[str, float] = {}
    for key, value in meters.items():
        if key not in METER_INDEX:
            raise InputError(f"unknown life situation meter {key!r}; known: {', '.join(METER_KEYS)}")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputError(f"life situation meter {key!r} must be a number 0..10")
        v = float(value)
        if not 0.0 <= v <= 10.0:  # also rejects NaN
            raise InputError(f"life situation meter {key!r} must be between 0 and 10, got {value!r}")
        out[key] = v
    return out


def needs_from_scores(meters: dict[str, float], *, threshold: float = NEED_THRESHOLD) -> list[tuple[str, float]]:
    """Low values become needs, strongest first; weight = (threshold − value) / threshold, in (0, 1].

    When every answered meter is at or above the threshold, the lowest ones are returned with a small
    weight, so a person who is doing well still gets a (gentle) direction and the list is never empty
    as long as at least one meter was answered. Ties are broken by meter key (in the fallback,
    ``FALLBACK_FIRST`` first).
    """
    values = validate_meters(meters)
    needs = [(k, (threshold - v) / threshold) for k, v in values.items() if v < threshold]
    if not needs and values:
        first = {k: i for i, k in enumerate(FALLBACK_FIRST)}
        lowest = sorted(values.items(), key=lambda kv: (kv[1], first.get(kv[0], len(first)), kv[0]))[:FALLBACK_NEEDS]
        needs = [(k, FALLBACK_WEIGHT * (1.0 - v / 20.0)) for k, v in lowest]
    return sorted(needs, key=lambda kw: (-kw[1], kw[0]))


def meter_description(key: str, lang: str = "fi") -> str:
    texts = NEED_DESCRIPTIONS[key]
    return texts.get(lang) or texts["fi"]
