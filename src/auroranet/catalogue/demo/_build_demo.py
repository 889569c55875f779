"""Generator for the auroranet built-in demo catalogue.

All service, channel and organisation content in this file is invented for
demonstration purposes.  Organisation names of cities and wellbeing services
counties are real public bodies, but every service text, address number,
phone number, e-mail address and URL is fictional (URLs use the
``demo-aurora.fi`` domain).

Run ``python _build_demo.py`` in this folder to regenerate ``services.json``,
``demo_labels.jsonl``, ``demo_life_events.json`` and the ``reference/`` code
list subset.  The script validates its own output at the end.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
REF = HERE / "reference"

LANGS = ("fi", "sv", "en")
METERS = (
    "health", "resilience", "housing", "working_studying", "family", "friends",
    "finance", "improvement_of_strengths", "self_esteem", "life_satisfaction",
)
DEMO_LIFE_EVENTS = {
    "dropout_risk": "Young person at risk of dropping out",
    "student_moving": "Student moving to a new city",
    "job_seeker": "Job seeker / continuous learning",
}


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------

def uid(key: str) -> str:
    """Stable, valid UUIDv4-shaped id derived from a key."""
    b = hashlib.sha1(("auroranet-demo:" + key).encode()).digest()[:16]
    return str(uuid.UUID(bytes=b, version=4))


def stamp(key: str, year: int = 2024) -> str:
    h = int(hashlib.md5(key.encode()).hexdigest(), 16)
    month = 1 + h % 12
    day = 1 + (h >> 4) % 28
    hh, mm, ss = (h >> 9) % 24, (h >> 14) % 60, (h >> 20) % 60
    micro = (h >> 26) % 1000000
    return f"{year}-{month:02d}-{day:02d}T{hh:02d}:{mm:02d}:{ss:02d}.{micro:06d}"


def lv(triple, order=("sv", "en", "fi")):
    """[{value, language}] list from a (fi, sv, en) triple."""
    d = dict(zip(LANGS, triple))
    return [{"value": d[lang], "language": lang} for lang in order]


# --------------------------------------------------------------------------
# municipalities (fi, sv, en)
# --------------------------------------------------------------------------

MUNICIPALITIES = {
    "049": ("Espoo", "Esbo", "Espoo"),
    "091": ("Helsinki", "Helsingfors", "Helsinki"),
    "092": ("Vantaa", "Vanda", "Vantaa"),
    "179": ("Jyväskylä", "Jyväskylä", "Jyväskylä"),
    "297": ("Kuopio", "Kuopio", "Kuopio"),
    "398": ("Lahti", "Lahtis", "Lahti"),
    "491": ("Mikkeli", "S:t Michel", "Mikkeli"),
    "564": ("Oulu", "Uleåborg", "Oulu"),
    "837": ("Tampere", "Tammerfors", "Tampere"),
    "853": ("Turku", "Åbo", "Turku"),
}

# region (maakunta), hospital district, wellbeing services county
MUNI_REGION = {
    "049": "01", "091": "01", "092": "01", "179": "13", "297": "11",
    "398": "07", "491": "10", "564": "17", "837": "06", "853": "02",
}
MUNI_HOSPITAL = {
    "049": "25", "091": "25", "092": "25", "179": "14", "297": "13",
    "398": "07", "491": "10", "564": "18", "837": "06", "853": "03",
}
MUNI_WELLBEING = {
    "049": "03", "091": "90", "092": "04", "179": "15", "297": "13",
    "398": "09", "491": "12", "564": "19", "837": "08", "853": "05",
}
REGIONS = {
    "01": ("Uusimaa", "Nyland", "Uusimaa"),
    "02": ("Varsinais-Suomi", "Egentliga Finland", "Southwest Finland"),
    "06": ("Pirkanmaa", "Birkaland", "Pirkanmaa"),
    "07": ("Päijät-Häme", "Päijänne-Tavastland", "Päijät-Häme"),
    "10": ("Etelä-Savo", "Södra Savolax", "South Savo"),
    "11": ("Pohjois-Savo", "Norra Savolax", "North Savo"),
    "13": ("Keski-Suomi", "Mellersta Finland", "Central Finland"),
    "17": ("Pohjois-Pohjanmaa", "Norra Österbotten", "North Ostrobothnia"),
}
HOSPITAL_DISTRICTS = {
    "03": ("Varsinais-Suomen SHP", "Egentliga Finlands SVD", "Southwest Finland HD"),
    "06": ("Pirkanmaan SHP", "Birkalands SVD", "Pirkanmaa HD"),
    "07": ("Päijät-Hämeen SHP", "Päijänne-Tavastlands SVD", "Päijät-Häme HD"),
    "10": ("Etelä-Savon SHP", "Södra Savolax SVD", "South Savo HD"),
    "13": ("Pohjois-Savon SHP", "Norra Savolax SVD", "North Savo HD"),
    "14": ("Keski-Suomen SHP", "Mellersta Finlands SVD", "Central Finland HD"),
    "18": ("Pohjois-Pohjanmaan SHP", "Norra Österbottens SVD", "North Ostrobothnia HD"),
    "25": ("Helsingin ja Uudenmaan SHP", "Helsingfors och Nylands SVD", "Helsinki and Uusimaa HD"),
}
WELLBEING_COUNTIES = {
    "03": ("Länsi-Uudenmaan hyvinvointialue", "Västra Nylands välfärdsområde",
           "Western Uusimaa wellbeing services county"),
    "04": ("Vantaan ja Keravan hyvinvointialue", "Vanda och Kervo välfärdsområde",
           "Vantaa and Kerava wellbeing services county"),
    "05": ("Varsinais-Suomen hyvinvointialue", "Egentliga Finlands välfärdsområde",
           "Southwest Finland wellbeing services county"),
    "08": ("Pirkanmaan hyvinvointialue", "Birkalands välfärdsområde",
           "Pirkanmaa wellbeing services county"),
    "09": ("Päijät-Hämeen hyvinvointialue", "Päijänne-Tavastlands välfärdsområde",
           "Päijät-Häme wellbeing services county"),
    "12": ("Etelä-Savon hyvinvointialue", "Södra Savolax välfärdsområde",
           "South Savo wellbeing services county"),
    "13": ("Pohjois-Savon hyvinvointialue", "Norra Savolax välfärdsområde",
           "North Savo wellbeing services county"),
    "15": ("Keski-Suomen hyvinvointialue", "Mellersta Finlands välfärdsområde",
           "Central Finland wellbeing services county"),
    "19": ("Pohjois-Pohjanmaan hyvinvointialue", "Norra Österbottens välfärdsområde",
           "North Ostrobothnia wellbeing services county"),
    "90": ("Helsingin kaupunki", "Helsingfors stad", "City of Helsinki"),
}

# --------------------------------------------------------------------------
# service classes used by the demo (code -> (fi, sv, en)); parents first
# --------------------------------------------------------------------------

SERVICE_CLASSES = {
    "P1": ("Asuminen", "Boende", "Housing"),
    "P1.1": ("Vuokra-asuminen", "Hyresboende", "Rental housing"),
    "P1.4": ("Asumisen tuet", "Stöd för boende", "Housing benefits"),
    "P1.5": ("Muutto ja väestötiedot", "Flytt och befolkningsuppgifter",
             "Moving within Finland and population data"),
    "P3": ("Perheiden palvelut", "Tjänster för familjer", "Services for families"),
    "P3.1": ("Parisuhde", "Parförhållande", "Relationships"),
    "P3.6": ("Lapsiperheiden sosiaalipalvelut", "Socialtjänster för barnfamiljer",
             "Social services for families with children"),
    "P3.7": ("Kasvatus- ja perheneuvonta", "Uppfostrings- och familjerådgivning",
             "Family and parenting counselling"),
    "P4": ("Sosiaalipalvelut", "Socialtjänster", "Social services"),
    "P4.1": ("Asumispalvelut", "Boendetjänster", "Housing services"),
    "P4.2": ("Ikääntyneiden palvelut", "Tjänster för äldre", "Services for older people"),
    "P4.3": ("Kotihoito ja kotipalvelut", "Hemvård och hemservice", "Home care and home help"),
    "P4.8": ("Työllistymisen tukeminen", "Stöd för sysselsättning", "Support for finding work"),
    "P4.10": ("Toimeentulotuki", "Utkomststöd", "Social assistance"),
    "P4.12": ("Vertais- ja vapaaehtoistoiminta", "Kamratstöd och frivilligverksamhet",
              "Peer support and volunteering"),
    "P4.13": ("Sosiaalipalvelujen neuvonta", "Rådgivning inom socialtjänster",
              "Social services guidance"),
    "P5": ("Terveydenhuolto", "Hälso- och sjukvård", "Health care"),
    "P5.1": ("Perusterveydenhuolto", "Primärvård", "Primary health care"),
    "P5.7": ("Mielenterveys- ja päihdepalvelut", "Mentalvårds- och missbrukartjänster",
             "Mental health and substance abuse services"),
    "P5.9": ("Opiskeluterveydenhuolto", "Studerandehälsovård", "Student health care"),
    "P5.11": ("Omahoito", "Egenvård", "Self-care"),
    "P5.13": ("Kuntoutus", "Rehabilitering", "Rehabilitation"),
    "P5.14": ("Kotisairaanhoito ja omaishoito", "Hemsjukvård och närståendevård",
              "Home nursing and informal care"),
    "P5.17": ("Hyvinvoinnin neuvonta", "Rådgivning om välbefinnande",
              "Health and wellbeing advice"),
    "P6": ("Koulutus", "Utbildning", "Education"),
    "P6.2": ("Perusopetus", "Grundläggande utbildning", "Basic education"),
    "P6.4": ("Opinto-ohjaus", "Studiehandledning", "Study guidance"),
    "P6.5": ("Koulutukseen hakeutuminen", "Att söka till utbildning", "Applying for education"),
    "P6.6": ("Ammatillinen koulutus", "Yrkesutbildning", "Vocational education"),
    "P6.8": ("Lukiokoulutus", "Gymnasieutbildning", "Upper secondary school"),
    "P6.10": ("Aikuiskoulutus", "Vuxenutbildning", "Adult education"),
    "P6.14": ("Opintojen tuki", "Studiestöd", "Support for studies"),
    "P10": ("Työ ja työttömyys", "Arbete och arbetslöshet", "Work and unemployment"),
    "P10.1": ("Työnhaku", "Arbetssökande", "Job seeking"),
    "P10.2": ("Urasuunnittelu", "Karriärplanering", "Career planning"),
    "P10.6": ("Työttömän etuudet", "Förmåner för arbetslösa", "Unemployment benefits"),
    "P10.7": ("Tuettu työllistyminen", "Stödd sysselsättning", "Subsidised employment"),
    "P11": ("Elinkeinot", "Näringar", "Business"),
    "P11.1": ("Yrityksen perustaminen", "Att grunda ett företag", "Starting a business"),
    "P12": ("Työnantajan palvelut", "Tjänster för arbetsgivare", "Services for employers"),
    "P12.1": ("Palvelut työnantajille", "Tjänster för arbetsgivare", "Employer services"),
    "P13": ("Eläkkeet", "Pensioner", "Pensions"),
    "P13.1": ("Kansaneläke", "Folkpension", "National pension"),
    "P15": ("Yksityinen talous", "Privatekonomi", "Personal finance"),
    "P15.1": ("Talous- ja velkaneuvonta", "Ekonomi- och skuldrådgivning",
              "Financial and debt advice"),
    "P16": ("Liikenne", "Trafik", "Transport"),
    "P16.5": ("Joukkoliikenne", "Kollektivtrafik", "Public transport"),
    "P19": ("Turvallisuus", "Säkerhet", "Safety"),
    "P19.3": ("Hätä- ja kriisitilanteet", "Nöd- och krissituationer",
              "Emergencies and crises"),
    "P25": ("Kulttuuri", "Kultur", "Culture"),
    "P25.1": ("Kirjastot", "Bibliotek", "Libraries"),
    "P25.5": ("Vapaa-aika", "Fritid", "Leisure"),
    "P25.7": ("Vapaa sivistystyö", "Fritt bildningsarbete", "Liberal adult education"),
    "P27": ("Liikunta ja ulkoilu", "Motion och friluftsliv", "Sport and outdoor activities"),
    "P27.1": ("Liikunta", "Motion", "Exercise"),
    "P27.2": ("Retkeily", "Vandring", "Hiking"),
    "P28": ("Nuorisopalvelut", "Ungdomstjänster", "Youth services"),
    "P28.1": ("Avoin nuorisotyö", "Öppet ungdomsarbete", "Open youth work"),
    "P28.2": ("Nuorten harrastukset", "Ungas fritidsintressen", "Hobbies for young people"),
    "P28.3": ("Nuorten työpajat", "Verkstäder för unga", "Youth workshops"),
    "P28.4": ("Etsivä nuorisotyö", "Uppsökande ungdomsarbete", "Outreach youth work"),
    "P28.5": ("Nuorten ohjaus ja neuvonta", "Vägledning för unga",
              "Guidance and counselling for young people"),
    "P28.6": ("Nuorten osallisuus", "Ungas delaktighet", "Youth participation and inclusion"),
}

SERVICE_CLASS_DESCRIPTIONS = {
    "P1": ("Asunnon hankkiminen, asumismuodot, asumisen tuet ja muuttaminen.",
           "Att skaffa bostad, boendeformer, boendestöd och flytt.",
           "Finding a home, forms of housing, housing support and moving."),
    "P3": ("Palvelut, jotka tukevat perheitä, parisuhdetta ja vanhemmuutta.",
           "Tjänster som stöder familjer, parförhållanden och föräldraskap.",
           "Services that support families, couples and parenting."),
    "P4": ("Sosiaalihuollon palvelut, etuudet ja neuvonta eri elämäntilanteissa.",
           "Socialvårdens tjänster, förmåner och rådgivning i olika livssituationer.",
           "Social welfare services, benefits and guidance in different situations."),
    "P5": ("Terveyden edistäminen, hoito ja kuntoutus.",
           "Främjande av hälsa, vård och rehabilitering.",
           "Health promotion, treatment and rehabilitation."),
    "P6": ("Koulutus perusopetuksesta aikuiskoulutukseen sekä opintojen tuki.",
           "Utbildning från grundläggande utbildning till vuxenutbildning samt studiestöd.",
           "Education from basic education to adult learning and study support."),
    "P10": ("Työnhaku, urasuunnittelu ja työttömyyden aikaiset palvelut.",
            "Arbetssökande, karriärplanering och tjänster under arbetslöshet.",
            "Job seeking, career planning and services during unemployment."),
    "P11": ("Yrityksen perustaminen ja liiketoiminnan kehittäminen.",
            "Att grunda ett företag och utveckla affärsverksamhet.",
            "Starting a business and developing it."),
    "P12": ("Palvelut työnantajille rekrytointiin ja henkilöstön tukemiseen.",
            "Tjänster för arbetsgivare för rekrytering och personalstöd.",
            "Services for employers on recruitment and staff support."),
    "P13": ("Eläkkeet ja eläkkeensaajien etuudet.",
            "Pensioner och förmåner för pensionstagare.",
            "Pensions and benefits for pensioners."),
    "P15": ("Oman talouden hallinta, velat ja lainat.",
            "Hantering av den egna ekonomin, skulder och lån.",
            "Managing personal finances, debts and loans."),
    "P16": ("Liikkuminen ja joukkoliikenne.", "Resor och kollektivtrafik.",
            "Getting around and public transport."),
    "P19": ("Turvallisuus sekä hätä- ja kriisitilanteiden apu.",
            "Säkerhet och hjälp i nöd- och krissituationer.",
            "Safety and help in emergencies and crises."),
    "P25": ("Kulttuuri-, kirjasto- ja vapaa-ajan palvelut.",
            "Kultur-, biblioteks- och fritidstjänster.",
            "Culture, library and leisure services."),
    "P27": ("Liikunta, urheilu ja ulkoilu.", "Motion, idrott och friluftsliv.",
            "Exercise, sport and outdoor recreation."),
    "P28": ("Nuorille suunnatut ohjaus-, harrastus- ja tukipalvelut.",
            "Vägledning, fritidsverksamhet och stöd för unga.",
            "Guidance, hobbies and support for young people."),
}

# target groups (code -> (fi, sv, en))
TARGET_GROUPS = {
    "KR1": ("Kansalaiset", "Medborgare", "Citizens"),
    "KR1.1": ("Ikäihmiset", "Äldre personer", "Older people"),
    "KR1.2": ("Lapset ja lapsiperheet", "Barn och barnfamiljer", "Children and families"),
    "KR1.3": ("Nuoret", "Unga", "Young people"),
    "KR1.4": ("Pitkäaikaissairaat", "Långtidssjuka", "People with long-term illnesses"),
    "KR2": ("Yritykset ja yhteisöt", "Företag och sammanslutningar",
            "Businesses and organisations"),
    "KR2.6": ("Työnantajat", "Arbetsgivare", "Employers"),
    "KR2.8": ("Yrityksen perustajat", "Företagsgrundare", "Business founders"),
    "KR3": ("Viranomaiset", "Myndigheter", "Public authorities"),
}

# Life events (PTV-style lifeEvents entries). NOTE: code numbers are
# illustrative demo values, names written for this demo.
LIFE_EVENT_TERMS = {
    "KE3": ("Opiskelu", "Studier", "Studying"),
    "KE5": ("Työttömyys", "Arbetslöshet", "Unemployment"),
    "KE6": ("Yrityksen perustaminen", "Att grunda företag", "Starting a business"),
    "KE7": ("Muutto", "Flytt", "Moving house"),
    "KE9": ("Eläkkeelle siirtyminen", "Pensionering", "Retirement"),
}

# --------------------------------------------------------------------------
# organisations: key -> (fi, sv, en, web host)
# --------------------------------------------------------------------------

ORGS = {
    "hel": ("Helsingin kaupunki", "Helsingfors stad", "City of Helsinki", "hel"),
    "tre": ("Tampereen kaupunki", "Tammerfors stad", "City of Tampere", "tampere"),
    "oulu": ("Oulun kaupunki", "Uleåborgs stad", "City of Oulu", "oulu"),
    "turku": ("Turun kaupunki", "Åbo stad", "City of Turku", "turku"),
    "mikkeli": ("Mikkelin kaupunki", "S:t Michels stad", "City of Mikkeli", "mikkeli"),
    "pirha": ("Pirkanmaan hyvinvointialue", "Birkalands välfärdsområde",
              "Pirkanmaa Wellbeing Services County", "pirkanmaa-hva"),
    "pohde": ("Pohjois-Pohjanmaan hyvinvointialue", "Norra Österbottens välfärdsområde",
              "North Ostrobothnia Wellbeing Services County", "pohjois-pohjanmaa-hva"),
    "varha": ("Varsinais-Suomen hyvinvointialue", "Egentliga Finlands välfärdsområde",
              "Southwest Finland Wellbeing Services County", "varsinais-suomi-hva"),
    "esavo": ("Etelä-Savon hyvinvointialue", "Södra Savolax välfärdsområde",
              "South Savo Wellbeing Services County", "etela-savo-hva"),
    "etuus": ("Kansallinen etuuskeskus", "Nationella förmånscentralen",
              "National Benefits Centre", "etuus"),
    "tyo": ("Työ- ja osaamispalvelukeskus", "Arbets- och kompetenstjänstcentralen",
            "Employment and Skills Service Centre", "tyopalvelut"),
    "vaesto": ("Väestö- ja osoitetietokeskus", "Befolknings- och adressdatacentralen",
               "Population and Address Data Centre", "vaestotieto"),
    "lupa": ("Maahanmuuton lupakeskus", "Tillståndscentralen för invandring",
             "Immigration Permit Centre", "lupakeskus"),
    "vero": ("Verotietokeskus", "Skattedatacentralen", "Tax Information Centre", "verotieto"),
    "velka": ("Talous- ja velkaneuvontakeskus", "Centralen för ekonomi- och skuldrådgivning",
              "Financial and Debt Advice Centre", "velkaneuvonta"),
    "mieli": ("Mielenterveysseura Valoisa ry", "Mentalvårdsföreningen Valoisa rf",
              "Valoisa Mental Health Association", "valoisa"),
    "suunta": ("Nuorisotyön liitto Suunta ry", "Ungdomsarbetets förbund Suunta rf",
               "Suunta Youth Work Association", "suunta"),
    "kotipesa": ("Opiskelija-asuntosäätiö Kotipesä sr", "Studentbostadsstiftelsen Kotipesä sr",
                 "Kotipesä Student Housing Foundation", "kotipesa"),
    "hopea": ("Ikäihmisten tuki Hopeasilta ry", "Äldrestödet Hopeasilta rf",
              "Hopeasilta Senior Support Association", "hopeasilta"),
    "startti": ("Yrittäjyysneuvonta Startti ry", "Företagsrådgivningen Startti rf",
                "Startti Entrepreneurship Advice", "startti"),
    "oivallus": ("Verkko-opisto Oivallus Oy", "Nätinstitutet Oivallus Ab",
                 "Oivallus Online College Ltd", "oivallus"),
    "opterv": ("Opiskelijoiden terveyspalvelusäätiö", "Stiftelsen för studerandes hälsovård",
               "Student Health Services Foundation", "opiskelijaterveys"),
    "perhe": ("Perheiden tukiverkko ry", "Familjestödsnätverket rf",
              "Family Support Network", "perheverkko"),
    "tasapaino": ("Terapiakeskus Tasapaino Oy", "Terapicentret Tasapaino Ab",
                  "Tasapaino Therapy Centre Ltd", "tasapaino"),
    "kotivahti": ("Turvapalvelu Kotivahti Oy", "Trygghetstjänsten Kotivahti Ab",
                  "Kotivahti Safety Services Ltd", "kotivahti"),
    "sporttis": ("Liikuntakeskus Sporttis Oy", "Motionscentret Sporttis Ab",
                 "Sporttis Fitness Centre Ltd", "sporttis"),
}


def web(org: str, path: str) -> str:
    return f"https://{ORGS[org][3]}.demo-aurora.fi/{path}"


def mail(org: str, box: str) -> str:
    return f"{box}@{ORGS[org][3]}.demo-aurora.fi"


# --------------------------------------------------------------------------
# channel specifications
# --------------------------------------------------------------------------

OFFICE = [("Monday", "Friday", "08:00:00", "16:00:00")]
OFFICE_LONG = [("Monday", "Thursday", "08:00:00", "18:00:00"),
               ("Friday", "", "08:00:00", "15:00:00")]
PHONE_HOURS = [("Monday", "Friday", "09:00:00", "15:00:00")]
EVENINGS = [("Monday", "Friday", "12:00:00", "20:00:00")]
YOUTH = [("Tuesday", "Thursday", "13:00:00", "20:00:00"),
         ("Friday", "", "14:00:00", "22:00:00")]
SPORT = [("Monday", "Friday", "06:00:00", "21:00:00"),
         ("Saturday", "Sunday", "09:00:00", "18:00:00")]
LIBRARY = [("Monday", "Thursday", "10:00:00", "20:00:00"),
           ("Friday", "", "10:00:00", "18:00:00"),
           ("Saturday", "", "10:00:00", "16:00:00")]
# per-day form, as in some real PTV records (dayTo empty)
PER_DAY = [(d, "", "08:30:00", "15:30:00")
           for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")]

XMAS = ("2024-12-24T00:00:00", "2024-12-26T23:59:59",
        ("Suljettu jouluna 24.–26.12.", "Stängt under julen 24–26.12.",
         "Closed over Christmas, 24–26 December."))
MIDSUMMER = ("2024-06-21T00:00:00", "2024-06-22T23:59:59",
             ("Suljettu juhannuksena.", "Stängt under midsommar.",
              "Closed at Midsummer."))


class Ch:
    """Channel specification inside a service definition."""

    def __init__(self, kind, **kw):
        self.kind = kind
        self.kw = kw


def E(path, **kw):
    return Ch("EChannel", path=path, **kw)


def W(path, **kw):
    return Ch("WebPage", path=path, **kw)


def P(number, hours=PHONE_HOURS, always=False, free=False, **kw):
    return Ch("Phone", number=number, hours=hours, always=always, free=free, **kw)


def L(place, street, no, postal, muni, lat, lon, hours=OFFICE, **kw):
    return Ch("ServiceLocation", place=place, street=street, no=no, postal=postal,
              muni=muni, lat=lat, lon=lon, hours=hours, **kw)


def S(key):
    """Reference to a shared channel defined in SHARED_CHANNELS."""
    return Ch("shared", key=key)


POST_OFFICE = {"091": "HELSINKI", "837": "TAMPERE", "564": "OULU", "853": "TURKU",
               "491": "MIKKELI"}
POST_OFFICE_SV = {"091": "HELSINGFORS", "837": "TAMMERFORS", "564": "ULEÅBORG",
                  "853": "ÅBO", "491": "S:T MICHEL"}


# shared channels: key -> spec dict
SHARED_CHANNELS = {
    "etuus_online": dict(
        kind="EChannel", org="etuus", url=web("etuus", "asiointi"),
        names=("Etuuskeskuksen asiointipalvelu", "Förmånscentralens e-tjänst",
               "Benefits Centre online service"),
        summary=("Hae etuuksia ja seuraa hakemuksiasi verkossa.",
                 "Ansök om förmåner och följ dina ansökningar på nätet.",
                 "Apply for benefits and track your applications online."),
        desc=("Asiointipalvelussa voit hakea etuuksia, lähettää liitteitä ja ilmoittaa muutoksista. "
              "Kirjaudu pankkitunnuksilla tai mobiilivarmenteella.",
              "I e-tjänsten kan du ansöka om förmåner, skicka bilagor och anmäla förändringar. "
              "Logga in med bankkoder eller mobilcertifikat.",
              "In the online service you can apply for benefits, send attachments and report changes. "
              "Log in with online banking codes or a mobile certificate.")),
    "etuus_phone": dict(
        kind="Phone", org="etuus", number="201234500", hours=OFFICE, free=False,
        names=("Etuuskeskuksen puhelinpalvelu", "Förmånscentralens telefontjänst",
               "Benefits Centre telephone service"),
        summary=("Neuvontaa etuuksista puhelimitse.", "Rådgivning om förmåner per telefon.",
                 "Advice on benefits by telephone."),
        desc=("Puhelinpalvelussa neuvotaan etuuksien hakemisessa ja kerrotaan hakemuksen käsittelyvaiheesta. "
              "Ruuhkaisinta on maanantaisin ja kuun alussa.",
              "I telefontjänsten får du hjälp med att ansöka om förmåner och information om hur långt "
              "behandlingen har kommit. Det är mest rusning på måndagar och i början av månaden.",
              "The telephone service helps you apply for benefits and tells you how your application is "
              "progressing. Mondays and the start of the month are the busiest times.")),
    "tyo_online": dict(
        kind="EChannel", org="tyo", url=web("tyo", "oma-asiointi"),
        names=("Työ- ja osaamispalvelujen oma asiointi", "Arbets- och kompetenstjänsternas e-tjänst",
               "Employment and Skills online service"),
        summary=("Ilmoittaudu työnhakijaksi ja hoida työnhakuasiat verkossa.",
                 "Anmäl dig som arbetssökande och sköt ärenden kring arbetssökandet på nätet.",
                 "Register as a job seeker and manage your job search online."),
        desc=("Oma asiointi -palvelussa voit ilmoittautua työnhakijaksi, päivittää osaamisprofiilisi ja "
              "hakea koulutuksia. Palvelu on avoinna ympäri vuorokauden.",
              "I e-tjänsten kan du anmäla dig som arbetssökande, uppdatera din kompetensprofil och söka "
              "utbildningar. Tjänsten är öppen dygnet runt.",
              "In the online service you can register as a job seeker, update your skills profile and apply "
              "for training. The service is open around the clock.")),
    "tyo_phone": dict(
        kind="Phone", org="tyo", number="201234600", hours=OFFICE, free=False,
        names=("Työ- ja osaamispalvelujen neuvonta", "Rådgivning för arbets- och kompetenstjänster",
               "Employment and Skills helpline"),
        summary=("Neuvontaa työnhakuun, koulutuksiin ja yrittäjyyteen.",
                 "Rådgivning om arbetssökande, utbildningar och företagande.",
                 "Advice on job seeking, training and entrepreneurship."),
        desc=("Puhelinneuvonnasta saat yleistä tietoa palveluista ja apua verkkoasiointiin. "
              "Henkilökohtaiset asiat hoidetaan oman asiantuntijan kanssa.",
              "Telefonrådgivningen ger allmän information om tjänsterna och hjälp med e-tjänsten. "
              "Personliga ärenden sköts med din egen sakkunnige.",
              "The helpline gives general information about the services and help with the online service. "
              "Personal matters are handled with your own adviser.")),
    "hel_palvelutori": dict(
        kind="ServiceLocation", org="hel", muni="091", street=("Fredrikinkatu", "Fredriksgatan", "Fredrikinkatu"),
        no="34 B", postal="00100", lat="6672105", lon="384988", hours=OFFICE_LONG, exceptions=[XMAS],
        names=("Helsingin palvelutori Kamppi", "Helsingfors servicetorg Kampen", "Helsinki service point Kamppi"),
        summary=("Kaupungin yhteinen asiointipiste keskustassa.", "Stadens gemensamma servicepunkt i centrum.",
                 "The city's joint customer service point in the centre."),
        desc=("Palvelutorilla saat neuvontaa kaupungin palveluista, apua sähköiseen asiointiin ja ohjausta "
              "oikeaan palveluun. Tiloissa on maksuton asiakaskone.",
              "På servicetorget får du rådgivning om stadens tjänster, hjälp med e-tjänster och vägledning "
              "till rätt tjänst. Det finns en kunddator som är gratis att använda.",
              "At the service point you get advice on city services, help with online services and guidance "
              "to the right service. A free customer computer is available.")),
    "tre_palvelupiste": dict(
        kind="ServiceLocation", org="tre", muni="837", street=("Frenckellinaukio", "Frenckellplatsen", "Frenckellinaukio"),
        no="2 B", postal="33100", lat="6822260", lon="327380", hours=OFFICE,
        names=("Tampereen kaupungin palvelupiste", "Tammerfors stads servicepunkt", "City of Tampere service point"),
        summary=("Neuvontaa kaupungin palveluista keskustassa.", "Rådgivning om stadens tjänster i centrum.",
                 "Advice on city services in the city centre."),
        desc=("Palvelupisteessä voit jättää hakemuksia, kysyä kaupungin palveluista ja saada apua "
              "verkkoasiointiin. Asiointi onnistuu suomeksi, ruotsiksi ja englanniksi.",
              "På servicepunkten kan du lämna in ansökningar, fråga om stadens tjänster och få hjälp med "
              "e-tjänster. Du kan uträtta ärenden på finska, svenska och engelska.",
              "At the service point you can submit applications, ask about city services and get help with "
              "online services. Service is available in Finnish, Swedish and English.")),
    "oulu_palvelupiste": dict(
        kind="ServiceLocation", org="oulu", muni="564", street=("Torikatu", "Torggatan", "Torikatu"),
        no="10", postal="90100", lat="7214380", lon="427060", hours=OFFICE, exceptions=[MIDSUMMER],
        names=("Oulun kaupungin asiointipiste", "Uleåborgs stads servicepunkt", "City of Oulu service point"),
        summary=("Kaupungin neuvonta ja asiointi keskustassa.", "Stadens rådgivning och service i centrum.",
                 "City advice and customer service in the centre."),
        desc=("Asiointipisteessä neuvotaan kaupungin palveluissa ja autetaan lomakkeiden täyttämisessä. "
              "Ajanvarauksella voit tavata myös sosiaaliohjaajan.",
              "På servicepunkten får du rådgivning om stadens tjänster och hjälp med att fylla i blanketter. "
              "Med tidsbokning kan du också träffa en socialhandledare.",
              "The service point gives advice on city services and helps with filling in forms. "
              "With an appointment you can also meet a social counsellor.")),
    "turku_palvelupiste": dict(
        kind="ServiceLocation", org="turku", muni="853", street=("Aurakatu", "Auragatan", "Aurakatu"),
        no="8", postal="20100", lat="6704010", lon="239810", hours=OFFICE,
        names=("Turun kaupungin palvelupiste", "Åbo stads servicepunkt", "City of Turku service point"),
        summary=("Kaupungin neuvontapiste keskustassa.", "Stadens rådgivningspunkt i centrum.",
                 "The city's information point in the centre."),
        desc=("Palvelupisteestä saat tietoa kaupungin palveluista ja apua asiointiin suomeksi, ruotsiksi "
              "ja englanniksi. Pisteessä voi myös tulostaa ja skannata asiakirjoja.",
              "På servicepunkten får du information om stadens tjänster och hjälp med ärenden på finska, "
              "svenska och engelska. Du kan också skriva ut och skanna dokument.",
              "The service point provides information about city services and help in Finnish, Swedish and "
              "English. You can also print and scan documents there.")),
    "opterv_booking": dict(
        kind="EChannel", org="opterv", url=web("opterv", "ajanvaraus?lang=fi"),
        names=("Opiskelijaterveyden ajanvaraus", "Tidsbokning för studerandehälsan",
               "Student health appointment booking"),
        summary=("Varaa aika opiskelijaterveydenhuoltoon verkossa.",
                 "Boka tid till studerandehälsovården på nätet.",
                 "Book a student health care appointment online."),
        desc=("Ajanvarauksessa voit varata, siirtää ja perua vastaanottoaikoja sekä täyttää "
              "terveyskyselyn. Kiireellisissä asioissa soita.",
              "I tidsbokningen kan du boka, flytta och avboka mottagningstider samt fylla i en "
              "hälsoenkät. Ring i brådskande ärenden.",
              "In the booking service you can book, move and cancel appointments and fill in a health "
              "questionnaire. Call in urgent matters.")),
}

SERVICES: list[dict] = []


def svc(**kw):
    SERVICES.append(kw)


# ==========================================================================
# NATIONWIDE SERVICES
# ==========================================================================

svc(key="n-jobseeker-registration", org="tyo", area=None, cls=["P10.1"], tg=["KR1"],
    meters=["working_studying", "finance"], le=["job_seeker"], ke=["KE5"],
    name=("Työnhakijaksi ilmoittautuminen", "Anmälan som arbetssökande", "Registering as a job seeker"),
    alt="Työnhaun aloittaminen",
    summary=("Ilmoittaudu työnhakijaksi viimeistään ensimmäisenä työttömyyspäivänä. Ilmoittautuminen on edellytys työttömyysetuudelle.",
             "Anmäl dig som arbetssökande senast den första arbetslösa dagen. Anmälan är en förutsättning för arbetslöshetsförmån.",
             "Register as a job seeker no later than on your first day of unemployment. Registration is required for unemployment benefit."),
    desc=("Kun työsi päättyy tai olet vaarassa jäädä työttömäksi, ilmoittaudu työnhakijaksi verkossa. Ilmoittautumisen jälkeen sinulle laaditaan työnhakusuunnitelma ja saat oman asiantuntijan. Voit ilmoittautua myös, jos olet töissä mutta haluat vaihtaa alaa.",
          "När ditt arbete tar slut eller du riskerar att bli arbetslös ska du anmäla dig som arbetssökande på nätet. Efter anmälan görs en plan för arbetssökandet och du får en egen sakkunnig. Du kan också anmäla dig om du har arbete men vill byta bransch.",
          "When your job ends or you are at risk of becoming unemployed, register as a job seeker online. After registering you get a job search plan and a personal adviser. You can also register if you are employed but want to change fields."),
    instr="Ilmoittaudu oma asiointi -palvelussa pankkitunnuksilla. Pidä työsuhteen tiedot ja mahdollinen irtisanomisilmoitus käden ulottuvilla. Asiantuntija ottaa sinuun yhteyttä kahden viikon kuluessa.",
    kw=["työttömyys", "työnhaku", "työnhakijaksi ilmoittautuminen", "irtisanominen", "lomautus"],
    req="Sinun on ilmoittauduttava henkilökohtaisesti verkossa tai palvelupisteessä.",
    ch=[S("tyo_online"), S("tyo_phone")])

svc(key="n-unemployment-benefit", org="etuus", area=None, cls=["P10.6"], tg=["KR1"],
    meters=["finance", "working_studying"], le=["job_seeker"], ke=["KE5"],
    name=("Työttömyysetuus", "Arbetslöshetsförmån", "Unemployment benefit"),
    alt="Peruspäiväraha ja työmarkkinatuki",
    summary=("Työttömyysetuus turvaa toimeentuloa työttömyyden aikana. Etuutta haetaan jälkikäteen neljän viikon tai kuukauden jaksoissa.",
             "Arbetslöshetsförmånen tryggar din försörjning under arbetslöshet. Förmånen söks i efterhand för perioder om fyra veckor eller en månad.",
             "Unemployment benefit secures your income while you are unemployed. It is claimed afterwards in periods of four weeks or one month."),
    desc=("Työttömyysetuutta voi saada työtön työnhakija, joka on ilmoittautunut työnhakijaksi ja hakee aktiivisesti työtä. Etuuden määrä riippuu siitä, kuulutko työttömyyskassaan. Osa-aikatyö ei estä etuuden saamista, mutta ansiot sovitellaan.",
          "Arbetslöshetsförmån kan beviljas en arbetslös arbetssökande som är anmäld som arbetssökande och aktivt söker arbete. Förmånens belopp beror på om du är medlem i en arbetslöshetskassa. Deltidsarbete hindrar inte förmånen, men inkomsterna jämkas.",
          "Unemployment benefit can be paid to an unemployed job seeker who has registered and is actively looking for work. The amount depends on whether you belong to an unemployment fund. Part-time work does not prevent you from getting the benefit, but your earnings are adjusted."),
    instr="Hae etuutta asiointipalvelussa ensimmäisen hakujakson päätyttyä. Liitä palkkatodistus viimeisimmästä työsuhteesta. Jatkohakemukset lähetetään jakson päätyttyä.",
    kw=["työttömyysturva", "päiväraha", "työmarkkinatuki", "soviteltu päiväraha"],
    req="Työnhaun on oltava voimassa.",
    ch=[S("etuus_online"), S("etuus_phone")])

svc(key="n-career-guidance", org="tyo", area=None, cls=["P10.2", "P6.4"], tg=["KR1", "KR1.3"],
    meters=["working_studying", "improvement_of_strengths", "self_esteem"], le=["job_seeker", "dropout_risk"], ke=[],
    name=("Ura- ja koulutusneuvonta", "Karriär- och utbildningsrådgivning", "Career and study guidance"),
    summary=("Maksutonta ohjausta uravalintoihin, alanvaihtoon ja koulutukseen hakeutumiseen.",
             "Avgiftsfri vägledning om yrkesval, byte av bransch och att söka till utbildning.",
             "Free guidance on career choices, changing fields and applying for education."),
    desc=("Uraneuvoja auttaa sinua tunnistamaan vahvuutesi ja selvittämään, millainen työ tai koulutus sopisi sinulle. Ohjaus toteutetaan puhelimessa, videoyhteydellä tai chatissa. Palvelu sopii myös nuorelle, joka pohtii opintojensa keskeyttämistä.",
          "En karriärrådgivare hjälper dig att känna igen dina styrkor och reda ut vilket arbete eller vilken utbildning som passar dig. Handledningen sker per telefon, via video eller i chatt. Tjänsten passar också unga som funderar på att avbryta sina studier.",
          "A career counsellor helps you recognise your strengths and work out what kind of work or training would suit you. Guidance is given by phone, video or chat. The service is also suitable for young people thinking about dropping out of their studies."),
    instr="Varaa neuvonta-aika verkossa tai soita neuvontaan. Mieti etukäteen, mitä haluaisit selvittää. Palvelu on maksuton eikä vaadi työnhakijaksi ilmoittautumista.",
    kw=["uraohjaus", "alanvaihto", "urasuunnittelu", "koulutusvalinta", "vahvuudet"],
    ch=[E("uraneuvonta", org_override="tyo"), S("tyo_phone")])

svc(key="n-address-change", org="vaesto", area=None, cls=["P1.5"], tg=["KR1"],
    meters=["housing"], le=["student_moving"], ke=["KE7"],
    name=("Muuttoilmoitus", "Flyttanmälan", "Notification of change of address"),
    summary=("Tee muuttoilmoitus viimeistään viikon kuluessa muutosta. Sama ilmoitus välittyy moneen viranomaiseen.",
             "Gör flyttanmälan senast en vecka efter flytten. Samma anmälan förmedlas till flera myndigheter.",
             "Submit your change of address within one week of moving. The same notification is passed on to several authorities."),
    desc=("Muuttoilmoituksella päivität osoitteesi väestötietoihin ja postille. Opiskelijan kannattaa tehdä ilmoitus heti, sillä kotikunta vaikuttaa esimerkiksi terveyspalveluihin ja asumistukeen. Ilmoituksen voi tehdä jopa kuukautta ennen muuttoa.",
          "Med flyttanmälan uppdaterar du din adress i befolkningsdatasystemet och hos posten. Studerande bör göra anmälan direkt, eftersom hemkommunen påverkar till exempel hälsotjänster och bostadsbidrag. Anmälan kan göras upp till en månad före flytten.",
          "The notification updates your address in the population register and with the postal service. Students should notify straight away, because your municipality of residence affects, for example, health services and housing allowance. You can notify up to one month before moving."),
    instr="Tee ilmoitus verkossa tunnistautumalla. Tarvitset uuden osoitteen ja muuttopäivän. Jos muutat toiselle paikkakunnalle opiskelemaan, valitse muuton tyypiksi vakinainen muutto.",
    kw=["muutto", "osoitteenmuutos", "kotikunta", "väestötiedot", "opiskelijan muutto"],
    ch=[E("muuttoilmoitus"), P("295000100", hours=OFFICE)])

svc(key="n-student-financial-aid", org="etuus", area=None, cls=["P6.14"], tg=["KR1", "KR1.3"],
    meters=["finance", "working_studying"], le=["student_moving"], ke=["KE3"],
    name=("Opintotuki", "Studiestöd", "Student financial aid"),
    alt="Opintoraha ja opintolaina",
    summary=("Opintotuki koostuu opintorahasta ja valtion takaamasta opintolainasta. Tukea haetaan verkossa.",
             "Studiestödet består av studiepenning och statsborgat studielån. Stödet söks på nätet.",
             "Student financial aid consists of a study grant and a government-guaranteed student loan. You apply online."),
    desc=("Opintotukea voi saada päätoimisesti lukiossa, ammatillisessa koulutuksessa tai korkeakoulussa opiskeleva. Tuen määrään vaikuttavat ikä, asumismuoto ja omat tulot. Tukea ei makseta, jos opinnot eivät etene riittävästi.",
          "Studiestöd kan beviljas den som studerar på heltid i gymnasiet, inom yrkesutbildning eller vid en högskola. Stödets belopp påverkas av ålder, boendeform och egna inkomster. Stödet betalas inte om studierna inte framskrider tillräckligt.",
          "Student financial aid is available for full-time students in upper secondary school, vocational education or higher education. The amount depends on your age, living arrangements and own income. Aid is not paid if your studies do not progress sufficiently."),
    instr="Hae opintotukea asiointipalvelussa, kun olet saanut opiskelupaikan. Ilmoita samalla uusi osoitteesi, jos muutat opintojen vuoksi. Päätös tulee yleensä kahdessa viikossa.",
    kw=["opintoraha", "opintolaina", "opiskelijan talous", "korkeakouluopiskelija"],
    req="Opintojen on oltava päätoimisia ja kestettävä vähintään kaksi kuukautta.",
    ch=[S("etuus_online"), S("etuus_phone")])

svc(key="n-housing-allowance", org="etuus", area=None, cls=["P1.4"], tg=["KR1"],
    meters=["housing", "finance"], le=["student_moving"], ke=["KE7"],
    name=("Yleinen asumistuki", "Allmänt bostadsbidrag", "General housing allowance"),
    summary=("Asumistuki auttaa pienituloisia kotitalouksia asumiskustannuksissa. Myös opiskelijat hakevat asumistukea.",
             "Bostadsbidraget hjälper hushåll med låga inkomster med boendekostnaderna. Även studerande söker bostadsbidrag.",
             "Housing allowance helps low-income households with housing costs. Students also apply for housing allowance."),
    desc=("Asumistukea myönnetään vuokra-, osakas- ja omistusasuntoon. Tuen määrä lasketaan kotitalouden kaikkien jäsenten tulojen ja asumismenojen perusteella. Muutoksista tuloissa tai vuokrassa on ilmoitettava viipymättä.",
          "Bostadsbidrag beviljas för hyres-, delägar- och ägarbostäder. Bidragets belopp räknas ut utifrån alla hushållsmedlemmars inkomster och boendeutgifter. Förändringar i inkomster eller hyra ska anmälas utan dröjsmål.",
          "Housing allowance is granted for rented, part-owned and owner-occupied homes. The amount is calculated from the income and housing costs of everyone in the household. Changes in income or rent must be reported without delay."),
    instr="Hae tukea asiointipalvelussa ja liitä vuokrasopimus. Jos asut kimppakämpässä, kukin asukas hakee tukea omana ruokakuntanaan.",
    kw=["asumistuki", "vuokra", "opiskelijan asuminen", "pienituloinen"],
    ch=[S("etuus_online"), S("etuus_phone")])

svc(key="n-social-assistance", org="etuus", area=None, cls=["P4.10"], tg=["KR1"],
    meters=["finance", "resilience"], le=[], ke=[],
    name=("Perustoimeentulotuki", "Grundläggande utkomststöd", "Basic social assistance"),
    summary=("Viimesijainen taloudellinen tuki, kun tulot ja varat eivät riitä välttämättömiin menoihin.",
             "Ett ekonomiskt stöd i sista hand när inkomster och tillgångar inte räcker till nödvändiga utgifter.",
             "Last-resort financial support when income and assets do not cover essential expenses."),
    desc=("Perustoimeentulotuella katetaan esimerkiksi ruokaa, vaatteita, lääkkeitä ja asumista. Ennen tukea on haettava muut etuudet, kuten työttömyysetuus ja asumistuki. Tarvittaessa sinut ohjataan kunnan sosiaalityöhön.",
          "Grundläggande utkomststöd täcker till exempel mat, kläder, mediciner och boende. Före stödet ska du söka andra förmåner, såsom arbetslöshetsförmån och bostadsbidrag. Vid behov hänvisas du till kommunens socialarbete.",
          "Basic social assistance covers, for example, food, clothing, medicines and housing. Before applying you must claim other benefits, such as unemployment benefit and housing allowance. If needed, you are referred to municipal social work."),
    instr="Hae tukea verkossa kuukausittain. Liitä tiliotteet kahdelta edelliseltä kuukaudelta sekä laskut, joihin haet tukea. Kiireellisessä tilanteessa ota yhteys hyvinvointialueen sosiaalipäivystykseen.",
    kw=["toimeentulotuki", "rahapula", "viimesijainen tuki", "ruoka-apu"],
    ch=[S("etuus_online"), S("etuus_phone")])

svc(key="n-debt-advice", org="velka", area=None, cls=["P15.1"], tg=["KR1"],
    meters=["finance", "resilience", "life_satisfaction"], le=[], ke=[],
    name=("Talous- ja velkaneuvonta", "Ekonomi- och skuldrådgivning", "Financial and debt advice"),
    summary=("Maksutonta ja luottamuksellista apua velkojen selvittämiseen ja oman talouden suunnitteluun.",
             "Avgiftsfri och konfidentiell hjälp med att reda ut skulder och planera den egna ekonomin.",
             "Free and confidential help with sorting out debts and planning your finances."),
    desc=("Velkaneuvoja käy kanssasi läpi tulot, menot ja velat sekä auttaa neuvottelemaan maksujärjestelyistä velkojien kanssa. Tarvittaessa neuvoja auttaa hakemaan velkajärjestelyä tai sosiaalista luottoa. Apua saa myös, jos et vielä ole maksuvaikeuksissa mutta talous huolestuttaa.",
          "Skuldrådgivaren går igenom inkomster, utgifter och skulder med dig och hjälper dig att förhandla om betalningsarrangemang med borgenärerna. Vid behov hjälper rådgivaren dig att ansöka om skuldsanering eller social kreditgivning. Du får hjälp även om du ännu inte har betalningssvårigheter men är orolig för ekonomin.",
          "A debt adviser goes through your income, expenses and debts with you and helps negotiate payment arrangements with creditors. If necessary, the adviser helps you apply for debt restructuring or social credit. You can get help even if you are not yet in payment difficulties but are worried about your finances."),
    instr="Soita neuvontanumeroon tai jätä yhteydenottopyyntö verkossa. Kokoa ennen tapaamista tiedot veloista, esimerkiksi perintäkirjeet ja luottosopimukset.",
    kw=["velat", "maksuvaikeudet", "velkajärjestely", "ulosotto", "pikavipit", "budjetti"],
    ch=[E("yhteydenotto"), P("295660123", hours=PHONE_HOURS)])

svc(key="n-crisis-phone", org="mieli", area=None, cls=["P5.7", "P19.3"], tg=["KR1"],
    meters=["resilience", "health", "self_esteem"], le=[], ke=[],
    name=("Valoisan kriisipuhelin", "Valoisas kristelefon", "Valoisa crisis helpline"),
    summary=("Ympäri vuorokauden päivystävä puhelin, johon voi soittaa nimettömänä kriisin tai ahdistuksen keskellä.",
             "En telefon med jour dygnet runt dit du kan ringa anonymt mitt i en kris eller ångest.",
             "A helpline open around the clock that you can call anonymously when in crisis or distress."),
    desc=("Kriisipuhelimessa vastaavat koulutetut ammattilaiset ja vapaaehtoiset. Voit soittaa, kun elämässä on tapahtunut jotain järkyttävää, kun tunnet olosi toivottomaksi tai kun olet huolissasi läheisestäsi. Puhelu on luottamuksellinen.",
          "I kristelefonen svarar utbildade yrkespersoner och frivilliga. Du kan ringa när något omskakande har hänt, när du känner dig hopplös eller när du är orolig för en närstående. Samtalet är konfidentiellt.",
          "Trained professionals and volunteers answer the crisis helpline. You can call when something shocking has happened, when you feel hopeless or when you are worried about someone close to you. The call is confidential."),
    instr="Soita numeroon milloin tahansa. Sinun ei tarvitse kertoa nimeäsi. Jos hengenvaara on välitön, soita hätänumeroon 112.",
    kw=["kriisiapu", "itsetuhoisuus", "ahdistus", "keskusteluapu", "mielenterveys"],
    ch=[P("800190190", always=True, free=True, names=("Kriisipuhelin 24/7", "Kristelefon 24/7", "Crisis line 24/7")),
        E("kriisichat", names=("Valoisan kriisichat", "Valoisas krischatt", "Valoisa crisis chat"))])

svc(key="n-youth-chat", org="suunta", area=None, cls=["P28.5"], tg=["KR1.3"],
    meters=["resilience", "friends", "self_esteem"], le=["dropout_risk"], ke=[],
    name=("Nuorten chat-neuvonta", "Chattrådgivning för unga", "Youth chat counselling"),
    summary=("Anonyymi chat 12–29-vuotiaille, kun mieltä painaa koulu, kaverit tai kotiasiat.",
             "En anonym chatt för 12–29-åringar när skolan, vännerna eller hemmet tynger.",
             "An anonymous chat for 12 to 29-year-olds when school, friends or home life is weighing on them."),
    desc=("Chatissa nuori voi jutella nimettömästi nuorisotyöntekijän kanssa mistä tahansa asiasta. Monet kysyvät yksinäisyydestä, koulunkäynnin vaikeuksista tai siitä, mitä tehdä opintojen keskeydyttyä. Tarvittaessa työntekijä auttaa löytämään tukea omalta paikkakunnalta.",
          "I chatten kan unga prata anonymt med en ungdomsarbetare om vad som helst. Många frågar om ensamhet, svårigheter i skolan eller vad man kan göra efter avbrutna studier. Vid behov hjälper arbetstagaren till att hitta stöd på den egna orten.",
          "In the chat young people can talk anonymously with a youth worker about anything. Many ask about loneliness, difficulties at school or what to do after dropping out. If needed, the worker helps find support in the young person's home town."),
    instr="Avaa chat verkkosivulta arkisin klo 12–20. Jonossa näet arvioidun odotusajan. Chat ei tallenna henkilötietojasi.",
    kw=["nuoret", "chat", "yksinäisyys", "koulupudokas", "keskusteluapu"],
    req="Palvelu on tarkoitettu 12–29-vuotiaille.",
    ch=[E("chat", hours=EVENINGS)])

svc(key="n-online-peer-groups", org="mieli", area=None, cls=["P4.12"], tg=["KR1"],
    meters=["friends", "life_satisfaction", "resilience"], le=[], ke=[],
    name=("Verkon vertaistukiryhmät", "Kamratstödgrupper på nätet", "Online peer support groups"),
    summary=("Ohjattuja vertaisryhmiä verkossa yksinäisyyteen, uupumukseen ja elämänmuutoksiin.",
             "Handledda kamratgrupper på nätet för ensamhet, utmattning och livsförändringar.",
             "Facilitated online peer groups for loneliness, exhaustion and life changes."),
    desc=("Ryhmät kokoontuvat videoyhteydellä kerran viikossa kahdeksan viikon ajan. Jokaisella ryhmällä on koulutettu vertaisohjaaja, ja osallistua voi myös kamera suljettuna. Ryhmässä saat kokemuksen siitä, ettet ole yksin.",
          "Grupperna träffas via videolänk en gång i veckan under åtta veckor. Varje grupp har en utbildad kamrathandledare, och du kan också delta med kameran avstängd. I gruppen får du uppleva att du inte är ensam.",
          "The groups meet by video once a week for eight weeks. Each group has a trained peer facilitator, and you can take part with your camera switched off. In the group you will find that you are not alone."),
    instr="Ilmoittaudu ryhmään verkkolomakkeella. Saat vahvistuksen ja ohjeet sähköpostiin viikkoa ennen ensimmäistä tapaamista.",
    kw=["vertaistuki", "yksinäisyys", "ryhmä", "uupumus", "etäryhmä"],
    ch=[E("vertaisryhmat")])

svc(key="n-senior-friend", org="hopea", area=None, cls=["P4.12", "P4.2"], tg=["KR1.1"],
    meters=["friends", "life_satisfaction"], le=[], ke=["KE9"],
    name=("Ystäväpalvelu ikäihmisille", "Vänverksamhet för äldre", "Befriending service for older people"),
    summary=("Vapaaehtoinen ystävä tai puhelinystävä yksinäiselle ikäihmiselle.",
             "En frivillig vän eller telefonvän för äldre som känner sig ensamma.",
             "A volunteer friend or telephone friend for lonely older people."),
    desc=("Ystävä tulee kylään, lähtee kävelylle tai soittaa sovittuna päivänä. Toiminta on maksutonta ja vapaaehtoiset on koulutettu tehtäväänsä. Palvelua voi pyytää itselle tai läheiselle.",
          "Vännen kommer på besök, går på promenad eller ringer en överenskommen dag. Verksamheten är avgiftsfri och de frivilliga är utbildade för uppgiften. Du kan be om tjänsten för dig själv eller för en närstående.",
          "The friend visits, goes for a walk or calls on an agreed day. The service is free and the volunteers are trained for the role. You can request it for yourself or for a relative."),
    instr="Soita ystäväpalvelun numeroon arkisin. Kartoitamme toiveesi ja etsimme sinulle sopivan ystävän, yleensä noin kuukauden kuluessa.",
    kw=["ikäihmiset", "yksinäisyys", "vapaaehtoinen", "ystävätoiminta", "eläkeläinen"],
    ch=[P("800122700", free=True), W("ystavapalvelu")])

svc(key="n-adult-education-allowance", org="tyo", area=None, cls=["P6.10", "P6.14"], tg=["KR1"],
    meters=["working_studying", "finance", "improvement_of_strengths"], le=["job_seeker"], ke=[],
    name=("Osaamisen kehittämisen tuki työssä käyville", "Stöd för kompetensutveckling för förvärvsarbetande",
          "Skills development allowance for employees"),
    summary=("Taloudellista tukea työssä käyvälle, joka jää opintovapaalle kehittämään osaamistaan.",
             "Ekonomiskt stöd för förvärvsarbetande som tar studieledigt för att utveckla sin kompetens.",
             "Financial support for employed people who take study leave to develop their skills."),
    desc=("Tuen avulla voit suorittaa tutkinnon tai sen osia, täydennyskoulutusta tai ammatillista lisäkoulutusta. Tuen määrä perustuu aiempiin ansioihisi. Tukea voi saada enintään 15 kuukauden ajan työuran aikana.",
          "Med stödet kan du avlägga en examen eller delar av den, fortbildning eller yrkesinriktad tilläggsutbildning. Stödets belopp baserar sig på dina tidigare inkomster. Stödet kan beviljas för högst 15 månader under arbetskarriären.",
          "The allowance lets you complete a qualification or parts of one, continuing education or further vocational training. The amount is based on your previous earnings. It can be paid for up to 15 months during your working life."),
    instr="Sovi opintovapaasta työnantajan kanssa ja hae tukea verkossa ennen opintojen alkua. Liitä opintosuunnitelma ja oppilaitoksen todistus opiskelusta.",
    kw=["aikuiskoulutus", "opintovapaa", "jatkuva oppiminen", "täydennyskoulutus"],
    req="Työhistoriaa on oltava vähintään kahdeksan vuotta.",
    ch=[S("tyo_online")])

svc(key="n-labour-market-training", org="tyo", area=None, cls=["P6.10", "P10.1"], tg=["KR1"],
    meters=["working_studying", "improvement_of_strengths"], le=["job_seeker"], ke=["KE5"],
    name=("Työvoimakoulutus ja uudelleenkoulutus", "Arbetskraftsutbildning och omskolning",
          "Labour market training and retraining"),
    summary=("Maksutonta ammatillista koulutusta työnhakijoille, jotka haluavat vaihtaa alaa tai päivittää osaamistaan.",
             "Avgiftsfri yrkesutbildning för arbetssökande som vill byta bransch eller uppdatera sin kompetens.",
             "Free vocational training for job seekers who want to change fields or update their skills."),
    desc=("Koulutukset suunnitellaan yhdessä työnantajien kanssa aloille, joilla on työvoimapulaa, kuten hoiva-, logistiikka- ja ohjelmistoalalle. Koulutuksen ajalta saat työttömyysetuutta ja kulukorvausta. Moniin koulutuksiin sisältyy työssäoppimisjakso.",
          "Utbildningarna planeras tillsammans med arbetsgivare inom branscher med brist på arbetskraft, såsom vård, logistik och programvara. Under utbildningen får du arbetslöshetsförmån och kostnadsersättning. Många utbildningar innehåller en period av lärande i arbetet.",
          "Courses are designed with employers in sectors with labour shortages, such as care, logistics and software. During training you receive unemployment benefit and an expense allowance. Many courses include a work placement."),
    instr="Etsi koulutuksia oma asiointi -palvelusta ja täytä hakulomake. Osaan koulutuksista on soveltuvuuskoe. Keskustele hakemisesta oman asiantuntijasi kanssa.",
    kw=["uudelleenkoulutus", "alanvaihto", "työvoimakoulutus", "jatkuva oppiminen", "täsmäkoulutus"],
    ch=[S("tyo_online"), S("tyo_phone")])

svc(key="n-startup-grant", org="tyo", area=None, cls=["P11.1"], tg=["KR2", "KR2.8"],
    meters=["working_studying", "finance"], le=["job_seeker"], ke=["KE6"],
    name=("Starttiraha yrittäjäksi ryhtyvälle", "Startpeng för blivande företagare", "Start-up grant for new entrepreneurs"),
    summary=("Starttiraha turvaa toimeentuloa yritystoiminnan käynnistysvaiheessa.",
             "Startpengen tryggar försörjningen när företagsverksamheten startar.",
             "The start-up grant secures your income while your business is getting started."),
    desc=("Starttirahaa voi saada päätoiminen yrittäjä, jolla on riittävät valmiudet yritystoimintaan. Tuki myönnetään kuudeksi kuukaudeksi kerrallaan ja enintään vuodeksi. Starttiraha on haettava ennen yritystoiminnan aloittamista.",
          "Startpeng kan beviljas en företagare på heltid som har tillräckliga färdigheter för företagsverksamhet. Stödet beviljas för sex månader åt gången och för högst ett år. Startpeng ska sökas innan verksamheten inleds.",
          "The start-up grant can be paid to a full-time entrepreneur with sufficient skills to run a business. It is granted for six months at a time and for up to one year. You must apply before starting your business."),
    instr="Laadi liiketoimintasuunnitelma ja kannattavuuslaskelma, ja pyydä niistä lausunto yritysneuvojalta. Hae starttirahaa verkossa ennen yrityksen rekisteröintiä.",
    kw=["yrittäjyys", "starttiraha", "yrityksen perustaminen", "liiketoimintasuunnitelma"],
    req="Yritystoimintaa ei saa aloittaa ennen päätöstä.",
    ch=[S("tyo_online")])

svc(key="n-startup-advice", org="startti", area=None, cls=["P11.1"], tg=["KR2", "KR2.8", "KR1"],
    meters=["working_studying", "improvement_of_strengths"], le=["job_seeker"], ke=["KE6"],
    name=("Aloittavan yrittäjän neuvonta", "Rådgivning för nya företagare", "Advice for new entrepreneurs"),
    summary=("Maksutonta sparrausta liikeideaan, liiketoimintasuunnitelmaan ja yrityksen perustamiseen.",
             "Avgiftsfri sparrning kring affärsidé, affärsplan och grundande av företag.",
             "Free coaching on your business idea, business plan and setting up a company."),
    desc=("Kokenut yritysneuvoja arvioi liikeideasi kannattavuutta ja auttaa valitsemaan sopivan yritysmuodon. Neuvonnassa käydään läpi myös verotus, vakuutukset ja rahoitusvaihtoehdot. Tarvittaessa neuvoja antaa lausunnon starttirahahakemusta varten.",
          "En erfaren företagsrådgivare bedömer lönsamheten i din affärsidé och hjälper dig att välja lämplig företagsform. Under rådgivningen går man också igenom beskattning, försäkringar och finansieringsalternativ. Vid behov ger rådgivaren ett utlåtande för ansökan om startpeng.",
          "An experienced business adviser assesses the viability of your idea and helps you choose a suitable company form. Taxation, insurance and funding options are also covered. If needed, the adviser gives a statement for your start-up grant application."),
    instr="Varaa aika verkossa ja lähetä luonnos liiketoimintasuunnitelmasta etukäteen. Tapaamiset järjestetään etänä tai paikallisissa toimipisteissä.",
    kw=["yritysneuvonta", "liikeidea", "toiminimi", "yrittäjäksi"],
    ch=[E("ajanvaraus"), P("207001100")])

svc(key="n-online-upper-secondary", org="oivallus", area=None, cls=["P6.8", "P6.2"], tg=["KR1", "KR1.3"],
    meters=["working_studying", "improvement_of_strengths", "self_esteem"], le=["dropout_risk"], ke=["KE3"],
    funding="MarketFunded", charge="Chargeable",
    charge_info="Aineopinnot maksavat 40 euroa kurssilta. Tutkinto-opiskelijoille opiskelu on maksutonta oppivelvollisuuden päättymiseen asti.",
    name=("Verkkolukio ja peruskoulun päättötodistus aikuisille", "Nätgymnasium och grundskolans avgångsbetyg för vuxna",
          "Online upper secondary school and basic education for adults"),
    summary=("Suorita peruskoulu tai lukio loppuun verkossa omaan tahtiin – vaikka opinnot olisivat aiemmin keskeytyneet.",
             "Slutför grundskolan eller gymnasiet på nätet i egen takt – även om studierna tidigare har avbrutits.",
             "Complete basic education or upper secondary school online at your own pace – even if your studies were interrupted before."),
    desc=("Verkko-opistossa opiskellaan itsenäisesti verkkokursseilla, ja jokaisella opiskelijalla on oma ohjaaja. Opinnot voi aloittaa milloin tahansa, ja aiemmin suoritetut kurssit hyväksiluetaan. Palvelu sopii erityisesti nuorille aikuisille, joiden opinnot ovat jääneet kesken.",
          "Vid nätinstitutet studerar man självständigt på nätkurser, och varje studerande har en egen handledare. Studierna kan inledas när som helst, och tidigare avlagda kurser tillgodoräknas. Tjänsten passar särskilt unga vuxna vars studier har blivit ofullbordade.",
          "At the online college you study independently on online courses, and every student has a personal tutor. You can start at any time, and previously completed courses are credited. The service is especially suitable for young adults whose studies were left unfinished."),
    instr="Täytä hakulomake verkossa ja liitä aiemmat todistukset. Ohjaaja soittaa sinulle ja laatii kanssasi opintosuunnitelman.",
    kw=["toinen mahdollisuus", "verkko-opiskelu", "aikuislukio", "keskeytyneet opinnot", "päättötodistus"],
    req="Lukio-opintoihin vaaditaan perusopetuksen oppimäärä.",
    ch=[E("haku"), P("207003300")])

svc(key="n-mental-selfcare", org="mieli", area=None, cls=["P5.11", "P5.7"], tg=["KR1"],
    meters=["health", "resilience", "self_esteem"], le=[], ke=[],
    name=("Mielen omahoito-ohjelmat", "Egenvårdsprogram för psyket", "Mental health self-care programmes"),
    summary=("Maksuttomia verkko-ohjelmia mielialan, unen ja jännittämisen hoitoon.",
             "Avgiftsfria nätprogram för nedstämdhet, sömnproblem och nervositet.",
             "Free online programmes for low mood, sleep problems and anxiety."),
    desc=("Ohjelmat perustuvat kognitiiviseen käyttäytymisterapiaan, ja niitä voi tehdä nimettömänä omaan tahtiin. Jokainen ohjelma sisältää harjoituksia, videoita ja seurantalomakkeita. Jos oireet pahenevat, ohjelma neuvoo hakeutumaan hoitoon.",
          "Programmen bygger på kognitiv beteendeterapi och kan göras anonymt i egen takt. Varje program innehåller övningar, videor och uppföljningsformulär. Om symtomen förvärras ger programmet råd om att söka vård.",
          "The programmes are based on cognitive behavioural therapy and can be done anonymously at your own pace. Each programme includes exercises, videos and tracking forms. If symptoms get worse, the programme advises you to seek treatment."),
    instr="Valitse ohjelma verkkosivulta ja aloita heti – rekisteröityminen ei ole pakollista. Tallenna edistymisesi luomalla tunnus.",
    kw=["omahoito", "masennus", "unettomuus", "jännittäminen", "mielen hyvinvointi"],
    ch=[E("omahoito")])

svc(key="n-parenting-helpline", org="perhe", area=None, cls=["P3.7"], tg=["KR1.2"],
    meters=["family", "resilience"], le=[], ke=[],
    name=("Vanhempainpuhelin", "Föräldratelefonen", "Parents' helpline"),
    summary=("Keskusteluapua vanhemmille kasvatukseen, arjen kuormitukseen ja perheen ristiriitoihin.",
             "Samtalsstöd för föräldrar i frågor om fostran, vardagsbelastning och konflikter i familjen.",
             "Someone to talk to for parents about parenting, everyday strain and family conflicts."),
    desc=("Puhelimessa päivystävät koulutetut vapaaehtoiset, joilla on omaa kokemusta vanhemmuudesta. Voit soittaa nimettömänä, kun haluat jakaa huolesi tai pohtia ratkaisuja yhdessä. Tarvittaessa saat tietoa paikallisista perhepalveluista.",
          "I telefonen svarar utbildade frivilliga med egen erfarenhet av föräldraskap. Du kan ringa anonymt när du vill dela din oro eller fundera på lösningar tillsammans. Vid behov får du information om lokala familjetjänster.",
          "Trained volunteers with their own experience of parenthood answer the line. You can call anonymously when you want to share your worries or think through solutions together. If needed, you get information about local family services."),
    instr="Soita maanantaista torstaihin klo 10–13 ja 17–20. Puhelu on maksuton.",
    kw=["vanhemmuus", "kasvatus", "perheen arki", "väsymys", "lapsiperhe"],
    ch=[P("800920920", free=True, hours=[("Monday", "Thursday", "10:00:00", "13:00:00"),
                                           ("Monday", "Thursday", "17:00:00", "20:00:00")])])

svc(key="n-relationship-counselling", org="perhe", area=None, cls=["P3.1"], tg=["KR1", "KR1.2"],
    meters=["family", "life_satisfaction", "friends"], le=[], ke=[],
    name=("Parisuhdeneuvonta verkossa", "Parrådgivning på nätet", "Online relationship counselling"),
    summary=("Ammattilaisen tukea parisuhteen kriiseihin ja eroon videoyhteydellä.",
             "Professionellt stöd vid kriser i parförhållandet och vid skilsmässa via videolänk.",
             "Professional support for relationship crises and separation by video."),
    desc=("Parisuhdeneuvoja auttaa pareja puhumaan vaikeista asioista ja löytämään uusia tapoja toimia yhdessä. Neuvontaa saa myös yksin, esimerkiksi eron jälkeen. Lasten asioita käsitellään tarvittaessa erikseen sovittavalla tapaamisella.",
          "Parrådgivaren hjälper par att prata om svåra saker och hitta nya sätt att fungera tillsammans. Rådgivning ges också enskilt, till exempel efter en skilsmässa. Barnens frågor behandlas vid behov vid ett separat möte.",
          "The counsellor helps couples talk about difficult issues and find new ways of being together. Counselling is also available individually, for example after a break-up. Children's matters are handled at a separate meeting if needed."),
    instr="Varaa ensimmäinen aika verkosta. Tapaamiset ovat 60 minuutin mittaisia, ja niitä on yleensä 3–5.",
    kw=["parisuhde", "ero", "pariterapia", "riidat"],
    ch=[E("parisuhde/ajanvaraus")])

svc(key="n-national-pension", org="etuus", area=None, cls=["P13.1"], tg=["KR1.1"],
    meters=["finance", "life_satisfaction"], le=[], ke=["KE9"],
    name=("Kansaneläke ja takuueläke", "Folkpension och garantipension", "National pension and guarantee pension"),
    summary=("Kansaneläke ja takuueläke turvaavat vähimmäistoimeentulon eläkkeellä, jos työeläke jää pieneksi.",
             "Folkpension och garantipension tryggar en minimiinkomst under pensionen om arbetspensionen är liten.",
             "The national pension and guarantee pension secure a minimum income in retirement if your earnings-related pension is small."),
    desc=("Kansaneläkkeen määrään vaikuttavat muut eläketulot, asumisaika Suomessa ja perhesuhteet. Takuueläke täydentää eläketulot vähimmäistasolle. Eläkettä voi hakea aikaisintaan kolme kuukautta ennen eläkeikää.",
          "Folkpensionens belopp påverkas av andra pensionsinkomster, boendetid i Finland och familjeförhållanden. Garantipensionen kompletterar pensionsinkomsterna till en miniminivå. Pensionen kan sökas tidigast tre månader före pensionsåldern.",
          "The amount of national pension depends on your other pension income, time lived in Finland and family situation. The guarantee pension tops up your pension income to a minimum level. You can apply at the earliest three months before retirement age."),
    instr="Hae eläkettä asiointipalvelussa tai paperilomakkeella. Jos tarvitset apua, varaa puhelinaika.",
    kw=["eläke", "eläkeläinen", "takuueläke", "vanhuuseläke"],
    ch=[S("etuus_online"), S("etuus_phone")])

svc(key="n-pensioner-housing-allowance", org="etuus", area=None, cls=["P1.4", "P13"], tg=["KR1.1"],
    meters=["housing", "finance"], le=[], ke=["KE9"],
    name=("Eläkkeensaajan asumistuki", "Bostadsbidrag för pensionstagare", "Housing allowance for pensioners"),
    summary=("Tukea pienituloisen eläkeläisen asumiskustannuksiin.",
             "Stöd för boendekostnaderna för pensionstagare med låga inkomster.",
             "Support for the housing costs of pensioners on a low income."),
    desc=("Tukea voi saada vuokra- tai omistusasuntoon, ja myös vesi- ja lämmityskulut otetaan huomioon. Tuen määrä riippuu tuloista, varallisuudesta ja asumismenoista. Tuki maksetaan kuukausittain eläkkeen yhteydessä.",
          "Stöd kan beviljas för hyres- eller ägarbostad, och även vatten- och uppvärmningskostnader beaktas. Stödets belopp beror på inkomster, förmögenhet och boendeutgifter. Stödet betalas månadsvis tillsammans med pensionen.",
          "The allowance can be paid for rented or owner-occupied homes, and water and heating costs are also taken into account. The amount depends on income, assets and housing costs. It is paid monthly together with the pension."),
    instr="Hae tukea verkossa tai lomakkeella. Liitä selvitys asumismenoista, esimerkiksi vuokrasopimus tai vastikelasku.",
    kw=["eläkeläinen", "asumistuki", "vuokra", "vanhus"],
    ch=[S("etuus_online"), S("etuus_phone")])

svc(key="n-rehab-psychotherapy", org="etuus", area=None, cls=["P5.13", "P5.7"], tg=["KR1", "KR1.4"],
    meters=["health", "resilience", "working_studying"], le=[], ke=[],
    name=("Kuntoutuspsykoterapia", "Rehabiliterande psykoterapi", "Rehabilitative psychotherapy"),
    summary=("Tukea psykoterapiaan työ- tai opiskelukyvyn turvaamiseksi 16–67-vuotiaille.",
             "Stöd för psykoterapi för att trygga arbets- eller studieförmågan för 16–67-åringar.",
             "Support for psychotherapy to secure the ability to work or study, for people aged 16 to 67."),
    desc=("Kuntoutuspsykoterapiaa voi saada, jos mielenterveyden häiriö uhkaa työ- tai opiskelukykyä ja hoitoa on jatkunut vähintään kolme kuukautta. Korvaus maksetaan suoraan psykoterapeutille, ja asiakkaan omavastuu on pieni. Terapiaa myönnetään vuodeksi kerrallaan.",
          "Rehabiliterande psykoterapi kan beviljas om en psykisk störning hotar arbets- eller studieförmågan och vården har pågått i minst tre månader. Ersättningen betalas direkt till psykoterapeuten, och klientens självrisk är liten. Terapin beviljas för ett år i sänder.",
          "Rehabilitative psychotherapy can be granted if a mental health disorder threatens your ability to work or study and treatment has lasted at least three months. Reimbursement is paid directly to the therapist, and your own share is small. Therapy is granted one year at a time."),
    instr="Pyydä lääkäriltä B-lausunto, jossa psykoterapiaa suositellaan. Hae kuntoutusta asiointipalvelussa ja valitse terapeutti rekisteröityjen palveluntuottajien listalta.",
    kw=["psykoterapia", "kuntoutus", "masennus", "opiskelukyky", "työkyky"],
    req="Lääkärin B-lausunto ja vähintään kolmen kuukauden hoitosuhde.",
    ch=[S("etuus_online")])

svc(key="n-pay-subsidy", org="tyo", area=None, cls=["P12.1", "P10.7"], tg=["KR2", "KR2.6"],
    meters=["working_studying"], le=["job_seeker"], ke=[],
    name=("Palkkatuki työnantajalle", "Lönesubvention för arbetsgivare", "Pay subsidy for employers"),
    summary=("Työnantaja voi saada tukea työttömän työnhakijan palkkauskustannuksiin.",
             "Arbetsgivaren kan få stöd för lönekostnaderna när en arbetslös arbetssökande anställs.",
             "Employers can receive support for the wage costs of hiring an unemployed job seeker."),
    desc=("Palkkatuki on tarkoitettu tilanteisiin, joissa työnhakijan osaaminen ei vielä vastaa työn vaatimuksia. Tuki on prosenttiosuus palkkakuluista, ja sen kesto riippuu työnhakijan tilanteesta. Tukea voi hakea yritys, yhdistys tai säätiö.",
          "Lönesubventionen är avsedd för situationer där den arbetssökandes kompetens ännu inte motsvarar arbetets krav. Stödet är en procentandel av lönekostnaderna, och dess längd beror på den arbetssökandes situation. Företag, föreningar och stiftelser kan söka stöd.",
          "The pay subsidy is meant for situations where the job seeker's skills do not yet match the job requirements. It is a percentage of wage costs, and its duration depends on the job seeker's situation. Companies, associations and foundations can apply."),
    instr="Hae palkkatukea verkossa ennen työsuhteen alkamista. Liitä työsopimusluonnos ja tiedot työtehtävistä.",
    kw=["palkkatuki", "rekrytointi", "työnantaja", "työllistäminen"],
    ch=[S("tyo_online"), S("tyo_phone")])

svc(key="n-online-courses", org="oivallus", area=None, cls=["P25.7", "P6.10"], tg=["KR1"],
    meters=["improvement_of_strengths", "self_esteem", "working_studying"], le=["job_seeker"], ke=[],
    funding="MarketFunded", charge="Chargeable",
    charge_info="Kurssien hinnat vaihtelevat 25–180 euron välillä. Työnhakijoille 50 prosentin alennus.",
    name=("Avoimet verkkokurssit", "Öppna nätkurser", "Open online courses"),
    summary=("Lyhyitä verkkokursseja digitaitoihin, kieliin ja työelämätaitoihin.",
             "Korta nätkurser i digitala färdigheter, språk och arbetslivsfärdigheter.",
             "Short online courses in digital skills, languages and working-life skills."),
    desc=("Kurssit kestävät kahdesta kahdeksaan viikkoa, ja niistä saa osaamismerkin. Tarjolla on esimerkiksi taulukkolaskennan, ohjelmoinnin alkeiden, esiintymisen ja ruotsin kielen kursseja. Kurssit sopivat työnhakijalle, alanvaihtajalle ja kaikille, jotka haluavat oppia uutta.",
          "Kurserna pågår två till åtta veckor och ger ett kompetensmärke. Det finns till exempel kurser i kalkylprogram, grunderna i programmering, att uppträda och svenska. Kurserna passar arbetssökande, den som byter bransch och alla som vill lära sig nytt.",
          "Courses last from two to eight weeks and award a digital badge. Examples include spreadsheets, basics of programming, public speaking and Swedish. They suit job seekers, career changers and anyone who wants to learn something new."),
    instr="Valitse kurssi verkkokaupasta ja maksa verkkopankissa. Kurssimateriaali aukeaa heti maksun jälkeen.",
    kw=["verkkokurssi", "digitaidot", "kielikurssi", "osaamismerkki", "jatkuva oppiminen"],
    ch=[E("kurssit")])

svc(key="n-substance-helpline", org="mieli", area=None, cls=["P5.7"], tg=["KR1"],
    meters=["health", "resilience"], le=[], ke=[],
    name=("Päihdeneuvonnan auttava puhelin", "Hjälptelefon för missbruksfrågor", "Substance use helpline"),
    summary=("Ympäri vuorokauden avoinna oleva puhelin alkoholiin, huumeisiin ja rahapeleihin liittyvissä huolissa.",
             "En telefon som är öppen dygnet runt vid oro för alkohol, droger och penningspel.",
             "A helpline open around the clock for concerns about alcohol, drugs and gambling."),
    desc=("Puhelimeen voi soittaa oman tai läheisen päihteiden käytön vuoksi. Päivystäjä kuuntelee, antaa tietoa hoitovaihtoehdoista ja auttaa löytämään lähimmän päihdepalvelun. Soittaa voi nimettömänä.",
          "Du kan ringa om ditt eget eller en närståendes missbruk. Jourhavande lyssnar, ger information om vårdalternativ och hjälper dig att hitta närmaste missbrukarvård. Du kan ringa anonymt.",
          "You can call about your own or a loved one's substance use. The person on duty listens, gives information about treatment options and helps you find the nearest substance abuse service. You can call anonymously."),
    instr="Soita milloin tahansa. Jos olet välittömässä vaarassa, soita 112.",
    kw=["päihteet", "alkoholi", "huumeet", "rahapelit", "riippuvuus"],
    ch=[P("800300400", always=True, free=True, names=("Päihdepuhelin 24/7", "Missbrukstelefon 24/7", "Substance helpline 24/7"))])


# Added for the life-event paths (lifeevents/files): national steps the demo had no service for.
svc(key="n-permit-job-search", org="lupa", area=None, cls=["P10.1"], tg=["KR1"],
    meters=["working_studying"], le=[], ke=["KE3"],
    name=("Oleskelulupa työnhakuun tutkinnon jälkeen", "Uppehållstillstånd för att söka arbete efter examen",
          "Residence permit to look for work after graduation"),
    summary=("Suomessa tutkinnon suorittanut EU:n ulkopuolelta tullut voi hakea lupaa jäädä hakemaan töitä.",
             "Den som kommer från ett land utanför EU och tagit examen i Finland kan söka tillstånd att stanna och söka arbete.",
             "If you come from outside the EU and graduated in Finland, you can apply for a permit to stay and look for work."),
    desc=("Lupa myönnetään enintään kahdeksi vuodeksi tutkinnon valmistumisesta. Luvan aikana saat tehdä töitä ilman rajoituksia. Hae lupaa ennen kuin opiskelijan oleskelulupasi päättyy.",
          "Tillståndet beviljas för högst två år från examen. Under tillståndet får du arbeta utan begränsningar. Sök tillståndet innan ditt uppehållstillstånd för studier går ut.",
          "The permit is granted for up to two years from graduation. While it is valid you may work without restrictions. Apply before your student residence permit expires."),
    instr="Hae lupaa sähköisessä asiointipalvelussa ja käy tunnistautumassa palvelupisteessä. Liitä todistus suoritetusta tutkinnosta.",
    kw=["oleskelulupa", "oleskelulupa työnhakuun", "ulkomaalainen opiskelija", "valmistuminen", "kansainvälinen opiskelija"],
    req="Tutkinto on suoritettu Suomessa ja edellinen oleskelulupa on voimassa hakemusta jätettäessä.",
    ch=[E("oleskelulupa-tyonhaku")])

svc(key="n-estate-inventory", org="vero", area=None, cls=["P15"], tg=["KR1"],
    meters=["finance", "family"], le=[], ke=[],
    name=("Perukirjan toimittaminen", "Att lämna in bouppteckningen", "Submitting the estate inventory"),
    summary=("Perunkirjoitus tehdään kolmen kuukauden kuluessa kuolemasta ja perukirja toimitetaan verottajalle.",
             "Bouppteckningen förrättas inom tre månader från dödsfallet och lämnas till Skatteförvaltningen.",
             "The estate inventory is made within three months of the death and submitted to the Tax Administration."),
    desc=("Perukirjaan merkitään vainajan varat, velat ja osakkaat. Sen perusteella määrätään perintövero ja sitä tarvitaan pankeissa ja perinnönjaossa. Perukirjan voi toimittaa verkossa tai postitse kuukauden kuluessa perunkirjoituksesta.",
          "I bouppteckningen antecknas den avlidnas tillgångar, skulder och delägare. Den ligger till grund för arvsskatten och behövs i banker och vid arvskiftet. Bouppteckningen kan lämnas in på nätet eller per post inom en månad.",
          "The inventory lists the deceased's assets, debts and heirs. Inheritance tax is based on it and it is needed by banks and when dividing the estate. Submit it online or by post within a month of the inventory."),
    instr="Toimita perukirja liitteineen verkkoasioinnissa. Jos perunkirjoitus viivästyy, hae lisäaikaa ennen määräajan päättymistä.",
    kw=["perunkirjoitus", "perukirja", "kuolinpesä", "perintövero", "läheisen kuolema"],
    ch=[E("perukirja")])

svc(key="n-survivors-pension", org="etuus", area=None, cls=["P13"], tg=["KR1"],
    meters=["finance", "family"], le=[], ke=[],
    name=("Perhe-eläke", "Familjepension", "Survivors' pension"),
    alt="Leskeneläke ja lapseneläke",
    summary=("Perhe-eläke turvaa lesken ja lasten toimeentuloa, kun puoliso tai vanhempi kuolee.",
             "Familjepensionen tryggar försörjningen för änkan eller änklingen och barnen när en make eller förälder dör.",
             "A survivors' pension secures the income of a surviving spouse and children when a spouse or parent dies."),
    desc=("Perhe-eläkettä voivat saada leski ja alle 18-vuotiaat lapset. Eläkkeen määrä riippuu vainajan eläkkeestä ja lesken omista tuloista. Eläkettä haetaan yhdellä hakemuksella sekä työeläkkeeseen että kansaneläkkeeseen.",
          "Familjepension kan beviljas änkan eller änklingen och barn under 18 år. Beloppet beror på den avlidnas pension och den efterlevandes egna inkomster. Pensionen söks med en ansökan både inom arbetspension och folkpension.",
          "A surviving spouse and children under 18 can get a survivors' pension. The amount depends on the deceased's pension and the survivor's own income. One application covers both the earnings-related and the national pension."),
    instr="Hae perhe-eläkettä asiointipalvelussa. Liitä virkatodistus ja tarvittaessa selvitys yhteisistä lapsista.",
    kw=["perhe-eläke", "leskeneläke", "lapseneläke", "leski", "läheisen kuolema"],
    ch=[S("etuus_online"), S("etuus_phone")])

svc(key="n-maternity-benefits", org="etuus", area=None, cls=["P3"], tg=["KR1.2", "KR1"],
    meters=["family", "finance"], le=[], ke=[],
    name=("Äitiysavustus ja vanhempainpäivärahat", "Moderskapsunderstöd och föräldradagpenning",
          "Maternity grant and parental allowances"),
    summary=("Odottava perhe voi saada äitiysavustuksen ja vanhempainpäivärahaa perhevapaan ajaksi.",
             "En familj som väntar barn kan få moderskapsunderstöd och föräldradagpenning för familjeledigheten.",
             "A family expecting a child can get the maternity grant and parental allowances for family leave."),
    desc=("Äitiysavustuksena saa äitiyspakkauksen tai rahasumman. Raskausrahaa ja vanhempainrahaa maksetaan perhevapaan ajalta. Hae avustusta, kun raskaus on kestänyt vähintään 154 päivää.",
          "Som moderskapsunderstöd får man en moderskapsförpackning eller ett penningbelopp. Graviditetspenning och föräldrapenning betalas under familjeledigheten. Ansök när graviditeten har varat minst 154 dagar.",
          "The maternity grant is a maternity package or a sum of money. Pregnancy and parental allowances are paid during family leave. Apply once the pregnancy has lasted at least 154 days."),
    instr="Hae avustusta ja päivärahoja asiointipalvelussa. Tarvitset neuvolan raskaustodistuksen.",
    kw=["äitiysavustus", "äitiyspakkaus", "vanhempainraha", "raskausraha", "vauvaperhe", "raskaus"],
    ch=[S("etuus_online"), S("etuus_phone")])

# ==========================================================================
# HELSINKI (091)
# ==========================================================================

svc(key="hel-outreach-youth", org="hel", area=["091"], cls=["P28.4"], tg=["KR1.3"],
    meters=["resilience", "working_studying", "friends"], le=["dropout_risk"], ke=[],
    name=("Etsivä nuorisotyö Helsingissä", "Uppsökande ungdomsarbete i Helsingfors", "Outreach youth work in Helsinki"),
    summary=("Etsivä nuorisotyöntekijä tukee alle 29-vuotiasta, joka on jäänyt koulun tai työn ulkopuolelle.",
             "En uppsökande ungdomsarbetare stöder unga under 29 år som står utanför skola eller arbete.",
             "An outreach youth worker supports young people under 29 who are not in school or work."),
    desc=("Etsivä nuorisotyö on vapaaehtoista ja maksutonta. Työntekijä tapaa nuorta siellä, missä nuori haluaa, ja kulkee tarvittaessa mukana esimerkiksi oppilaitokseen, terveysasemalle tai sosiaalitoimistoon. Myös vanhempi, opettaja tai kaveri voi ottaa yhteyttä, jos on huolissaan nuoresta.",
          "Det uppsökande ungdomsarbetet är frivilligt och avgiftsfritt. Arbetstagaren träffar den unga där den unga vill och följer vid behov med till exempel till läroanstalten, hälsostationen eller socialbyrån. Också en förälder, lärare eller kompis kan ta kontakt om hen är orolig för en ung person.",
          "Outreach youth work is voluntary and free of charge. The worker meets the young person wherever they like and can accompany them, for example, to a school, health station or social services office. A parent, teacher or friend can also get in touch if they are worried about a young person."),
    instr="Soita tai lähetä tekstiviesti suoraan etsivälle nuorisotyöntekijälle. Voit myös pyytää yhteydenottoa verkkolomakkeella, jolloin sinulle soitetaan kahden arkipäivän kuluessa.",
    kw=["etsivä nuorisotyö", "koulupudokas", "syrjäytyminen", "nuoret aikuiset", "NEET"],
    req="Palvelu on tarkoitettu 15–28-vuotiaille helsinkiläisille.",
    ch=[P("931040100", hours=[("Monday", "Friday", "09:00:00", "17:00:00")]), E("etsiva-nuorisotyo/yhteydenotto")])

svc(key="hel-ohjaamo", org="hel", area=["091"], cls=["P28.5", "P10.1", "P6.4"], tg=["KR1.3"],
    meters=["working_studying", "housing", "finance"], le=["dropout_risk", "job_seeker"], ke=[],
    name=("Ohjaamo Helsinki", "Ohjaamo Helsingfors", "Ohjaamo Helsinki"),
    alt="Nuorten matalan kynnyksen ohjauspiste",
    summary=("Alle 30-vuotiaiden matalan kynnyksen palvelupiste työ-, opiskelu-, asumis- ja raha-asioihin.",
             "Ett lågtröskelställe för unga under 30 år i frågor som gäller arbete, studier, boende och pengar.",
             "A low-threshold service point for under-30s on work, studies, housing and money."),
    desc=("Ohjaamossa samassa paikassa työskentelevät nuorisotyöntekijät, uraohjaajat, sosiaaliohjaajat ja psykiatrinen sairaanhoitaja. Voit tulla ilman ajanvarausta, ja asiasi hoidetaan yhdellä käynnillä mahdollisimman pitkälle. Ohjaamo auttaa myös työnhakuasiakirjoissa ja asunnon hakemisessa.",
          "På Ohjaamo arbetar ungdomsarbetare, karriärhandledare, socialhandledare och en psykiatrisk sjukskötare på samma ställe. Du kan komma utan tidsbokning, och ditt ärende sköts så långt som möjligt vid ett besök. Ohjaamo hjälper också med ansökningshandlingar och bostadssökande.",
          "At Ohjaamo, youth workers, career counsellors, social counsellors and a psychiatric nurse work in the same place. You can drop in without an appointment, and your matter is handled as far as possible in one visit. Ohjaamo also helps with job applications and finding a place to live."),
    instr="Tule paikan päälle aukioloaikoina tai kysy chatissa. Ota mukaan henkilöllisyystodistus, jos haluat hoitaa etuus- tai asuntoasioita.",
    kw=["nuoret", "ohjaamo", "työnhaku", "opiskelupaikka", "nuoren asunto"],
    req="Alle 30-vuotiaille.",
    ch=[L(("Ohjaamo Helsinki", "Ohjaamo Helsingfors", "Ohjaamo Helsinki"), ("Sörnäisten rantatie", "Sörnäs strandväg", "Sörnäisten rantatie"),
          "13 C", "00530", "091", "6674180", "387420", hours=[("Monday", "Thursday", "10:00:00", "16:00:00"), ("Friday", "", "10:00:00", "14:00:00")]),
        W("ohjaamo")])

svc(key="hel-youth-workshop", org="hel", area=["091"], cls=["P28.3"], tg=["KR1.3"],
    meters=["working_studying", "improvement_of_strengths", "self_esteem"], le=["dropout_risk"], ke=[],
    name=("Nuorten työpajat Helsingissä", "Verkstäder för unga i Helsingfors", "Youth workshops in Helsinki"),
    summary=("Työpajoilla nuori harjoittelee työtaitoja käytännön tekemisen kautta ja saa tukea jatkosuunnitelmiin.",
             "På verkstäderna övar unga arbetsfärdigheter genom praktiskt arbete och får stöd för fortsatta planer.",
             "In the workshops young people practise work skills through hands-on work and get support for their next steps."),
    desc=("Pajoja on muun muassa puu- ja metallityössä, mediassa, kahvilassa ja pyöräkorjaamossa. Jakso kestää yleensä 3–6 kuukautta, ja sen aikana voi suorittaa ammatillisen tutkinnon osia. Pajaohjaaja auttaa hakemaan opiskelupaikkaa tai työtä jakson jälkeen.",
          "Det finns verkstäder bland annat inom trä- och metallarbete, media, kafé och cykelreparation. En period pågår vanligen 3–6 månader, och under den kan man avlägga delar av en yrkesexamen. Verkstadshandledaren hjälper till att söka studieplats eller arbete efter perioden.",
          "Workshops include wood and metalwork, media, a café and a bicycle repair shop. A period usually lasts 3 to 6 months, during which you can complete parts of a vocational qualification. The workshop instructor helps you apply for a study place or job afterwards."),
    instr="Tule tutustumaan pajoihin avoimina ovina tiistaisin tai pyydä lähete Ohjaamosta tai työ- ja osaamispalveluista.",
    kw=["työpaja", "nuoret", "työkokeilu", "ammatillinen tutkinto", "koulupudokas"],
    ch=[L(("Nuorten työpajat, Kalasatama", "Verkstäder för unga, Fiskehamnen", "Youth workshops, Kalasatama"),
          ("Työpajankatu", "Verkstadsgatan", "Työpajankatu"), "2", "00580", "091", "6675120", "388650", hours=PER_DAY, exceptions=[XMAS])])

svc(key="hel-health-station", org="hel", area=["091"], cls=["P5.1"], tg=["KR1"],
    meters=["health"], le=[], ke=[],
    name=("Terveysasemapalvelut Helsingissä", "Hälsostationstjänster i Helsingfors", "Health station services in Helsinki"),
    summary=("Terveysasemilla hoidetaan äkillisiä ja pitkäaikaisia sairauksia sekä ennaltaehkäisevää terveydenhoitoa.",
             "På hälsostationerna sköts akuta och långvariga sjukdomar samt förebyggande hälsovård.",
             "Health stations treat acute and long-term illnesses and provide preventive health care."),
    desc=("Terveysasemalla sinua hoitaa moniammatillinen tiimi, johon kuuluu lääkäreitä, sairaanhoitajia ja fysioterapeutteja. Useimmat asiat voi hoitaa chatissa tai puhelimessa ilman käyntiä. Terveysasemakäynnit ovat maksuttomia.",
          "På hälsostationen vårdas du av ett multiprofessionellt team med läkare, sjukskötare och fysioterapeuter. De flesta ärenden kan skötas i chatten eller per telefon utan besök. Besöken på hälsostationen är avgiftsfria.",
          "At the health station you are cared for by a multidisciplinary team of doctors, nurses and physiotherapists. Most matters can be handled by chat or phone without a visit. Health station visits are free of charge."),
    instr="Soita oman terveysasemasi numeroon tai aloita digitaalinen hoidontarpeen arvio. Kiireellisissä tapauksissa ilta-aikaan ota yhteys päivystykseen.",
    kw=["terveysasema", "lääkäri", "sairaanhoitaja", "ajanvaraus", "perusterveydenhuolto"],
    ch=[P("931050500", hours=[("Monday", "Friday", "08:00:00", "16:00:00")]),
        L(("Kallion terveysasema", "Berghälls hälsostation", "Kallio health station"), ("Sturenkatu", "Sturegatan", "Sturenkatu"),
          "18", "00510", "091", "6675010", "386260", exceptions=[MIDSUMMER])])

svc(key="hel-home-care-elderly", org="hel", area=["091"], cls=["P4.3", "P4.2"], tg=["KR1.1"],
    meters=["health", "life_satisfaction", "housing"], le=[], ke=["KE9"],
    charge="Chargeable", charge_info="Säännöllisen kotihoidon maksu määräytyy tulojen ja palvelun määrän mukaan.",
    name=("Ikäihmisten kotihoito", "Hemvård för äldre", "Home care for older people"),
    summary=("Kotihoito auttaa ikäihmistä asumaan turvallisesti omassa kodissa, kun arjen toiminnot eivät enää suju omin voimin.",
             "Hemvården hjälper äldre att bo tryggt i sitt eget hem när vardagens sysslor inte längre går av egen kraft.",
             "Home care helps older people live safely in their own homes when they can no longer manage daily activities on their own."),
    desc=("Kotihoitoon kuuluu esimerkiksi lääkehoito, haavanhoito sekä apu peseytymisessä ja ruokailussa. Palvelun tarve arvioidaan kotikäynnillä yhdessä asiakkaan ja omaisten kanssa. Käyntejä voi olla muutamasta kerrasta viikossa useisiin kertoihin päivässä.",
          "Hemvården omfattar till exempel läkemedelsbehandling, sårvård samt hjälp med att tvätta sig och äta. Servicebehovet bedöms vid ett hembesök tillsammans med klienten och de anhöriga. Besöken kan vara allt från några gånger i veckan till flera gånger om dagen.",
          "Home care includes, for example, medication, wound care and help with washing and eating. The need for care is assessed at a home visit together with the client and family. Visits range from a few times a week to several times a day."),
    instr="Ota yhteyttä Seniori-infoon. Neuvoja kartoittaa tilanteen ja sopii tarvittaessa palvelutarpeen arvioinnista kotikäynnillä.",
    kw=["kotihoito", "vanhukset", "ikäihmiset", "seniori", "kotiin annettavat palvelut"],
    ch=[P("931044444", hours=[("Monday", "Friday", "09:00:00", "15:00:00")], names=("Seniori-info", "Seniorinfo", "Senior Info line")),
        S("hel_palvelutori")])

svc(key="hel-student-transport", org="hel", area=["091"], cls=["P16.5"], tg=["KR1", "KR1.3"],
    meters=["finance"], le=["student_moving"], ke=["KE3"],
    charge="Chargeable", charge_info="Opiskelija-alennus on 50 prosenttia kausilipun hinnasta.",
    name=("Joukkoliikenteen opiskelija-alennus Helsingissä", "Studentrabatt i kollektivtrafiken i Helsingfors",
          "Public transport student discount in Helsinki"),
    summary=("Päätoimiset opiskelijat saavat alennusta joukkoliikenteen kausilipuista.",
             "Studerande på heltid får rabatt på periodbiljetter i kollektivtrafiken.",
             "Full-time students get a discount on public transport season tickets."),
    desc=("Alennus myönnetään päätoimiselle opiskelijalle, jonka kotikunta on Helsinki. Opiskelijastatus tarkistetaan sähköisesti, kun lataat alennuksen sovellukseen tai matkakortille. Muista tehdä muuttoilmoitus ennen alennuksen hakemista.",
          "Rabatten beviljas studerande på heltid vars hemkommun är Helsingfors. Studentstatusen kontrolleras elektroniskt när du laddar rabatten i appen eller på resekortet. Kom ihåg att göra flyttanmälan innan du ansöker om rabatten.",
          "The discount is granted to full-time students whose municipality of residence is Helsinki. Your student status is checked electronically when you load the discount into the app or travel card. Remember to submit your change of address before applying."),
    instr="Lataa opiskelija-alennus mobiilisovelluksessa tunnistautumalla. Jos tarkistus ei onnistu, vie oppilaitoksen todistus asiakaspalvelupisteeseen.",
    kw=["opiskelija-alennus", "kausilippu", "joukkoliikenne", "matkakortti", "opiskelija"],
    req="Päätoiminen opiskelu ja kotikunta Helsinki.",
    ch=[E("joukkoliikenne/opiskelija")])

svc(key="hel-adult-education-centre", org="hel", area=["091"], cls=["P25.7"], tg=["KR1"],
    meters=["improvement_of_strengths", "friends", "life_satisfaction"], le=["job_seeker"], ke=[],
    charge="Chargeable", charge_info="Kurssimaksut 15–120 euroa. Työttömille ja eläkeläisille alennus.",
    name=("Työväenopiston kurssit", "Arbetarinstitutets kurser", "Adult education centre courses"),
    summary=("Yli tuhat kurssia kielistä käsitöihin, liikuntaan ja tietotekniikkaan.",
             "Över tusen kurser från språk till hantverk, motion och datateknik.",
             "Over a thousand courses from languages to crafts, exercise and IT."),
    desc=("Työväenopiston kurssit ovat avoimia kaikille iästä ja koulutustaustasta riippumatta. Kursseilla voi opiskella harrastuksena, päivittää työelämätaitoja tai tutustua uusiin ihmisiin. Osa kursseista järjestetään verkossa.",
          "Arbetarinstitutets kurser är öppna för alla oberoende av ålder och utbildningsbakgrund. Du kan studera som hobby, uppdatera dina färdigheter för arbetslivet eller lära känna nya människor. En del av kurserna ordnas på nätet.",
          "The adult education centre's courses are open to everyone regardless of age or educational background. You can study as a hobby, update your work skills or meet new people. Some courses are held online."),
    instr="Ilmoittaudu kursseille verkossa. Ilmoittautuminen syyskauden kursseille alkaa elokuussa ja kevätkauden kursseille joulukuussa.",
    kw=["kansalaisopisto", "harrastus", "kielikurssi", "käsityö", "kurssit"],
    ch=[E("tyovaenopisto/ilmoittautuminen"),
        L(("Työväenopisto, Helsinginkatu", "Arbetarinstitutet, Helsingegatan", "Adult education centre, Helsinginkatu"),
          ("Helsinginkatu", "Helsingegatan", "Helsinginkatu"), "26", "00530", "091", "6674820", "386010", hours=LIBRARY)])

svc(key="hel-city-rental", org="hel", area=["091"], cls=["P1.1"], tg=["KR1"],
    meters=["housing"], le=[], ke=["KE7"],
    name=("Kaupungin vuokra-asunnot", "Stadens hyresbostäder", "City rental apartments"),
    summary=("Hae kohtuuhintaista vuokra-asuntoa kaupungin asuntokannasta.",
             "Ansök om en hyresbostad till skäligt pris i stadens bostadsbestånd.",
             "Apply for an affordable rental apartment from the city's housing stock."),
    desc=("Asunnot myönnetään asunnon tarpeen, tulojen ja varallisuuden perusteella. Kiireellisimpiä ovat asunnottomat ja ne, joiden asumistilanne on kestämätön. Hakemus on voimassa kuusi kuukautta, ja sen voi uusia verkossa.",
          "Bostäderna beviljas utifrån bostadsbehov, inkomster och förmögenhet. Mest brådskande är bostadslösa och de vars boendesituation är ohållbar. Ansökan gäller i sex månader och kan förnyas på nätet.",
          "Apartments are allocated based on housing need, income and assets. Homeless people and those whose housing situation is untenable are the most urgent. An application is valid for six months and can be renewed online."),
    instr="Täytä asuntohakemus verkossa ja ilmoita kaikki taloudessa asuvat. Pidä hakemus ajan tasalla, jotta saat asuntotarjouksia.",
    kw=["vuokra-asunto", "ARA-asunto", "asunnon haku", "asunnottomuus"],
    ch=[E("asunnot/hakemus"), S("hel_palvelutori")])

svc(key="hel-family-counselling", org="hel", area=["091"], cls=["P3.7"], tg=["KR1.2"],
    meters=["family", "resilience"], le=[], ke=[],
    name=("Perheneuvola Helsingissä", "Familjerådgivningen i Helsingfors", "Family counselling clinic in Helsinki"),
    summary=("Tukea lapsiperheille, kun lapsen kehitys, tunne-elämä tai perheen vuorovaikutus huolestuttaa.",
             "Stöd för barnfamiljer när barnets utveckling, känsloliv eller familjens samspel väcker oro.",
             "Support for families when a child's development, emotional life or family interaction causes concern."),
    desc=("Perheneuvolassa työskentelee psykologeja, sosiaalityöntekijöitä ja lastenpsykiatri. Tapaamisissa selvitetään perheen tilannetta ja etsitään yhdessä keinoja arjen sujumiseen. Palvelu on maksutonta eikä vaadi lähetettä.",
          "På familjerådgivningen arbetar psykologer, socialarbetare och en barnpsykiater. Vid mötena utreds familjens situation och man söker tillsammans metoder för en fungerande vardag. Tjänsten är avgiftsfri och kräver ingen remiss.",
          "Psychologists, social workers and a child psychiatrist work at the family counselling clinic. Meetings look at the family's situation and together seek ways to make everyday life work. The service is free and no referral is needed."),
    instr="Soita ajanvarausnumeroon. Ensimmäisessä puhelussa kerrotaan lyhyesti perheen tilanteesta, ja sinulle tarjotaan aika yleensä kahden viikon sisällä.",
    kw=["perheneuvola", "kasvatus", "lapsen käytös", "perhe", "psykologi"],
    ch=[P("931054000"),
        L(("Perheneuvola, Itäkeskus", "Familjerådgivningen, Östra centrum", "Family counselling, Itäkeskus"),
          ("Turunlinnantie", "Åbohusvägen", "Turunlinnantie"), "8", "00930", "091", "6677760", "395980")])

svc(key="hel-exercise-counselling", org="hel", area=["091"], cls=["P27.1", "P5.17"], tg=["KR1"],
    meters=["health", "improvement_of_strengths", "life_satisfaction"], le=[], ke=[],
    name=("Liikuntaneuvonta", "Motionsrådgivning", "Exercise counselling"),
    summary=("Henkilökohtaista ohjausta liikunnan aloittamiseen, kun liikkuminen on jäänyt vähäiseksi.",
             "Personlig handledning för att komma igång med motion när du har rört dig lite.",
             "Personal guidance on starting to exercise when you have not been very active."),
    desc=("Liikuntaneuvoja kartoittaa kanssasi tavoitteet, voimavarat ja mieluisat liikuntamuodot. Yhdessä tehdään suunnitelma, jota seurataan puolen vuoden ajan. Neuvonta on maksutonta ja sopii kaiken ikäisille aikuisille.",
          "Motionsrådgivaren kartlägger mål, resurser och motionsformer du tycker om tillsammans med dig. Ni gör en plan tillsammans som följs upp under ett halvår. Rådgivningen är avgiftsfri och passar vuxna i alla åldrar.",
          "The exercise counsellor maps out your goals, resources and preferred activities with you. Together you make a plan that is followed up for six months. Counselling is free and suitable for adults of all ages."),
    instr="Varaa aika verkossa tai pyydä terveysasemalta ohjausta liikuntaneuvontaan.",
    kw=["liikunta", "terveysliikunta", "kunto", "liikkumisen aloittaminen"],
    ch=[E("liikuntaneuvonta/ajanvaraus")])

svc(key="hel-student-housing", org="kotipesa", area=["091"], cls=["P1.1"], tg=["KR1.3", "KR1"],
    meters=["housing"], le=["student_moving"], ke=["KE3", "KE7"],
    name=("Opiskelija-asunnot Helsingissä", "Studentbostäder i Helsingfors", "Student housing in Helsinki"),
    summary=("Kohtuuhintaisia kalustettuja ja kalustamattomia opiskelija-asuntoja helsinkiläisille opiskelijoille.",
             "Prisvärda möblerade och omöblerade studentbostäder för studerande i Helsingfors.",
             "Affordable furnished and unfurnished student apartments for students in Helsinki."),
    desc=("Säätiö vuokraa soluasuntoja, yksiöitä ja perheasuntoja toisen asteen ja korkea-asteen opiskelijoille. Vuokraan sisältyvät vesi, sähkö ja nettiyhteys. Syksyllä alkaville opiskelijoille kannattaa hakea asuntoa heti opiskelupaikan varmistuttua.",
          "Stiftelsen hyr ut kollektivbostäder, enrummare och familjebostäder till studerande på andra stadiet och vid högskolor. I hyran ingår vatten, el och internetuppkoppling. Studerande som börjar på hösten bör söka bostad genast när studieplatsen är klar.",
          "The foundation rents shared apartments, studios and family apartments to vocational, upper secondary and higher education students. Rent includes water, electricity and internet. Students starting in the autumn should apply as soon as their study place is confirmed."),
    instr="Täytä hakemus verkossa ja liitä opiskelutodistus tai hyväksymiskirje. Asuntotarjoukset lähetetään sähköpostilla, ja niihin on vastattava kahden päivän kuluessa.",
    kw=["opiskelija-asunto", "soluasunto", "opiskelijan muutto", "vuokra-asunto"],
    req="Hakijan on opiskeltava päätoimisesti.",
    ch=[E("helsinki/haku"), P("207004400")])

svc(key="hel-walkin-mental-health", org="hel", area=["091"], cls=["P5.7"], tg=["KR1"],
    meters=["health", "resilience", "self_esteem"], le=[], ke=[],
    name=("Mielenterveyden matalan kynnyksen vastaanotto", "Lågtröskelmottagning för psykisk hälsa",
          "Low-threshold mental health walk-in clinic"),
    summary=("Keskusteluapua ilman ajanvarausta, kun mieli on maassa tai arki tuntuu raskaalta.",
             "Samtalshjälp utan tidsbokning när du känner dig nere eller vardagen känns tung.",
             "Someone to talk to without an appointment when you feel low or everyday life feels heavy."),
    desc=("Vastaanotolla tapaat psykiatrisen sairaanhoitajan tai psykologin. Tapaamisia voi olla 1–5 kertaa, ja tarvittaessa sinut ohjataan jatkohoitoon. Palvelu on maksuton ja tarkoitettu yli 18-vuotiaille helsinkiläisille.",
          "På mottagningen träffar du en psykiatrisk sjukskötare eller psykolog. Det kan bli 1–5 besök, och vid behov hänvisas du till fortsatt vård. Tjänsten är avgiftsfri och avsedd för helsingforsare över 18 år.",
          "At the clinic you meet a psychiatric nurse or psychologist. There can be 1 to 5 meetings, and if needed you are referred for further treatment. The service is free and intended for Helsinki residents over 18."),
    instr="Tule vastaanotolle arkisin klo 9–14. Odotusaika vaihtelee, joten varaa aikaa noin tunti.",
    kw=["mielenterveys", "keskusteluapu", "masennus", "ahdistus", "psykiatrinen sairaanhoitaja"],
    ch=[L(("Mielenterveysvastaanotto, Kamppi", "Mottagning för psykisk hälsa, Kampen", "Mental health clinic, Kamppi"),
          ("Runeberginkatu", "Runebergsgatan", "Runeberginkatu"), "5", "00100", "091", "6672580", "384610",
          hours=[("Monday", "Friday", "09:00:00", "14:00:00")])])

svc(key="hel-private-psychotherapy", org="tasapaino", area=["091"], cls=["P5.7"], tg=["KR1"],
    meters=["health", "self_esteem", "life_satisfaction"], le=[], ke=[],
    funding="MarketFunded", charge="Chargeable",
    charge_info="Käynnin hinta 95–120 euroa. Kuntoutuspsykoterapian asiakkaat maksavat vain omavastuuosuuden.",
    name=("Yksityinen psykoterapia ja lyhytterapia", "Privat psykoterapi och korttidsterapi", "Private psychotherapy and short-term therapy"),
    summary=("Psykoterapiaa ja lyhytterapiaa aikuisille ja nuorille ilman jonoa.",
             "Psykoterapi och korttidsterapi för vuxna och unga utan kö.",
             "Psychotherapy and short-term therapy for adults and young people without waiting lists."),
    desc=("Terapiakeskuksessa työskentelee kognitiivisia, ratkaisukeskeisiä ja psykodynaamisia psykoterapeutteja. Lyhytterapia sopii esimerkiksi itsetunnon vahvistamiseen, stressinhallintaan ja elämänmuutoksiin. Keskus toimii myös kuntoutuspsykoterapian palveluntuottajana.",
          "Vid terapicentret arbetar kognitiva, lösningsfokuserade och psykodynamiska psykoterapeuter. Korttidsterapi passar till exempel för att stärka självkänslan, hantera stress och klara livsförändringar. Centret är också tjänsteproducent för rehabiliterande psykoterapi.",
          "The centre's psychotherapists work with cognitive, solution-focused and psychodynamic methods. Short-term therapy suits, for example, building self-esteem, managing stress and coping with life changes. The centre is also a provider of rehabilitative psychotherapy."),
    instr="Varaa tutustumiskäynti verkossa. Ensimmäisellä käynnillä arvioidaan, millainen terapia sopii sinulle.",
    kw=["psykoterapia", "lyhytterapia", "itsetunto", "stressi", "yksityinen"],
    ch=[E("ajanvaraus"),
        L(("Terapiakeskus Tasapaino", "Terapicentret Tasapaino", "Tasapaino Therapy Centre"),
          ("Bulevardi", "Bulevarden", "Bulevardi"), "21", "00180", "091", "6671760", "384740",
          hours=[("Monday", "Friday", "08:00:00", "20:00:00")])])


# ==========================================================================
# TAMPERE (837) and multi-city student health
# ==========================================================================

svc(key="multi-student-health", org="opterv", area=["091", "837", "564", "853"], cls=["P5.9"], tg=["KR1.3", "KR1"],
    meters=["health", "resilience"], le=["student_moving"], ke=["KE3"],
    name=("Korkeakouluopiskelijoiden terveydenhuolto", "Hälsovård för högskolestuderande", "Health care for higher education students"),
    summary=("Yleis- ja mielenterveyspalvelut sekä suun terveydenhuolto korkeakouluopiskelijoille.",
             "Allmänna hälsotjänster, mentalvård och munhälsovård för högskolestuderande.",
             "General and mental health services as well as dental care for higher education students."),
    desc=("Palvelut kuuluvat kaikille yliopistojen ja ammattikorkeakoulujen tutkinto-opiskelijoille, jotka ovat maksaneet terveydenhoitomaksun. Vastaanottoja on kaikissa suurissa opiskelijakaupungeissa, ja osan asioista voi hoitaa etänä. Uuteen kaupunkiin muuttava opiskelija voi käyttää lähintä toimipistettä heti lukukauden alusta.",
          "Tjänsterna omfattar alla examensstuderande vid universitet och yrkeshögskolor som har betalat hälsovårdsavgiften. Det finns mottagningar i alla stora studieorter, och en del ärenden kan skötas på distans. Studerande som flyttar till en ny stad kan använda närmaste verksamhetsställe genast från terminens början.",
          "The services are available to all degree students at universities and universities of applied sciences who have paid the health care fee. There are clinics in all major student cities, and some matters can be handled remotely. Students moving to a new city can use the nearest clinic from the start of term."),
    instr="Maksa terveydenhoitomaksu lukukausittain ja varaa aika verkossa. Kiireellisissä asioissa soita aamulla klo 8–10.",
    kw=["opiskelijaterveys", "korkeakouluopiskelija", "hammashoito", "mielenterveys", "terveydenhoitomaksu"],
    req="Korkeakoulun tutkinto-opiskelija, terveydenhoitomaksu maksettu.",
    charge="Chargeable", charge_info="Terveydenhoitomaksu maksetaan lukukausittain. Vastaanottokäynnit ovat maksuttomia.",
    ch=[S("opterv_booking"),
        L(("Opiskelijaterveys Tampere", "Studerandehälsan Tammerfors", "Student Health Tampere"),
          ("Kalevantie", "Kalevavägen", "Kalevantie"), "3", "33100", "837", "6821790", "328750", exceptions=[XMAS]),
        P("207005500", hours=[("Monday", "Friday", "08:00:00", "15:00:00")])])

svc(key="tre-outreach-youth", org="tre", area=["837"], cls=["P28.4"], tg=["KR1.3"],
    meters=["resilience", "working_studying", "self_esteem"], le=["dropout_risk"], ke=[],
    name=("Etsivä nuorisotyö Tampereella", "Uppsökande ungdomsarbete i Tammerfors", "Outreach youth work in Tampere"),
    summary=("Henkilökohtaista tukea tamperelaisille nuorille, joilla opinnot ovat katkenneet tai jotka ovat vailla työtä.",
             "Personligt stöd för unga i Tammerfors vars studier har avbrutits eller som saknar arbete.",
             "Personal support for young people in Tampere whose studies have been interrupted or who have no job."),
    desc=("Oppilaitokset ilmoittavat etsivään nuorisotyöhön nuoret, jotka ovat keskeyttäneet opintonsa, ja työntekijä ottaa heihin yhteyttä. Yhdessä nuoren kanssa selvitetään, mikä auttaisi eteenpäin: uusi opiskelupaikka, työpaja, terveyspalvelut tai vaikkapa apu arjen rutiineihin. Tuki jatkuu niin kauan kuin nuori sitä tarvitsee.",
          "Läroanstalterna anmäler unga som har avbrutit sina studier till det uppsökande ungdomsarbetet, och en arbetstagare kontaktar dem. Tillsammans med den unga reder man ut vad som skulle hjälpa vidare: en ny studieplats, en verkstad, hälsotjänster eller till exempel hjälp med vardagsrutiner. Stödet fortsätter så länge den unga behöver det.",
          "Schools and colleges notify outreach youth work of young people who have dropped out, and a worker contacts them. Together with the young person they work out what would help: a new study place, a workshop, health services or, for example, help with daily routines. Support continues as long as the young person needs it."),
    instr="Ota yhteyttä puhelimitse, WhatsAppilla tai verkkolomakkeella. Työntekijä vastaa saman päivän aikana arkisin.",
    kw=["etsivä nuorisotyö", "keskeyttäminen", "nuoret", "koulupudokas"],
    ch=[P("331004000", hours=[("Monday", "Friday", "09:00:00", "16:00:00")]), E("nuoriso/etsiva")])

svc(key="tre-student-housing", org="kotipesa", area=["837"], cls=["P1.1"], tg=["KR1.3", "KR1"],
    meters=["housing"], le=["student_moving"], ke=["KE7"],
    name=("Opiskelija-asunnot Tampereella", "Studentbostäder i Tammerfors", "Student housing in Tampere"),
    summary=("Opiskelija-asuntoja Tampereen keskustassa ja kampusten lähellä.",
             "Studentbostäder i Tammerfors centrum och nära campusen.",
             "Student apartments in central Tampere and close to the campuses."),
    desc=("Tarjolla on soluhuoneita, yksiöitä ja kaksioita hyvien kulkuyhteyksien varrella. Kaikissa kohteissa on yhteiset pesula- ja kerhotilat, joissa on helppo tutustua naapureihin. Vaihto-opiskelijoille on varattu kalustettuja huoneita.",
          "Det finns rum i kollektiv, enrummare och tvårummare längs goda trafikförbindelser. Alla objekt har gemensamma tvätt- och klubbutrymmen där det är lätt att lära känna grannarna. Möblerade rum är reserverade för utbytesstuderande.",
          "Shared rooms, studios and one-bedroom apartments are available with good transport links. All buildings have shared laundry and club rooms where it is easy to get to know neighbours. Furnished rooms are reserved for exchange students."),
    instr="Hae asuntoa verkkolomakkeella. Hakemus on voimassa kolme kuukautta kerrallaan.",
    kw=["opiskelija-asunto", "Tampere", "kampus", "soluasunto"],
    ch=[E("tampere/haku"),
        L(("Kotipesä, Tampereen asukaspalvelu", "Kotipesä, invånartjänsten i Tammerfors", "Kotipesä resident service, Tampere"),
          ("Insinöörinkatu", "Ingenjörsgatan", "Insinöörinkatu"), "40", "33720", "837", "6820950", "331920", hours=PER_DAY)])

svc(key="tre-student-transport", org="tre", area=["837"], cls=["P16.5"], tg=["KR1", "KR1.3"],
    meters=["finance"], le=["student_moving"], ke=[],
    charge="Chargeable", charge_info="Opiskelijan 30 päivän kausilippu on noin puolet aikuisen lipun hinnasta.",
    name=("Opiskelijan kausilippu Tampereella", "Periodbiljett för studerande i Tammerfors", "Student season ticket in Tampere"),
    summary=("Alennettu kausilippu bussiin ja raitiovaunuun päätoimisille opiskelijoille.",
             "Rabatterad periodbiljett för buss och spårvagn för heltidsstuderande.",
             "A discounted season ticket for buses and trams for full-time students."),
    desc=("Opiskelija-alennuksen saa päätoiminen opiskelija, joka asuu seudun kunnissa. Lippu ladataan mobiilisovellukseen tai matkakortille. Alennusoikeus tarkistetaan lukuvuosittain.",
          "Studentrabatten beviljas heltidsstuderande som bor i regionens kommuner. Biljetten laddas i mobilappen eller på resekortet. Rätten till rabatt kontrolleras för varje läsår.",
          "The student discount is available to full-time students living in the region's municipalities. The ticket is loaded into the mobile app or onto a travel card. Eligibility is checked every academic year."),
    instr="Hae opiskelija-alennusta sovelluksessa tai palvelupisteessä. Mukaan tarvitset opiskelijakortin tai todistuksen läsnäolosta.",
    kw=["opiskelija-alennus", "raitiovaunu", "bussi", "kausilippu"],
    ch=[E("joukkoliikenne/opiskelijalippu"), S("tre_palvelupiste")])

svc(key="tre-vocational-adult", org="tre", area=["837"], cls=["P6.6", "P6.10"], tg=["KR1"],
    meters=["working_studying", "improvement_of_strengths"], le=["job_seeker", "dropout_risk"], ke=["KE3"],
    name=("Ammatillinen koulutus aikuisille Tampereella", "Yrkesutbildning för vuxna i Tammerfors", "Vocational education for adults in Tampere"),
    summary=("Suorita ammatillinen tutkinto tai sen osa joustavasti työn tai työnhaun ohessa.",
             "Avlägg en yrkesexamen eller en del av den flexibelt vid sidan av arbete eller arbetssökande.",
             "Complete a vocational qualification or part of one flexibly alongside work or job seeking."),
    desc=("Ammattiopistoon voi hakea jatkuvassa haussa ympäri vuoden. Opinnot räätälöidään aiemman osaamisen pohjalta, ja suuri osa oppimisesta tapahtuu työpaikoilla. Tarjolla on tutkintoja esimerkiksi sosiaali- ja terveysalalle, logistiikkaan ja rakentamiseen.",
          "Man kan söka till yrkesinstitutet i kontinuerlig ansökan året om. Studierna skräddarsys utifrån tidigare kunnande, och en stor del av lärandet sker på arbetsplatser. Det finns examina till exempel inom social- och hälsovård, logistik och byggande.",
          "You can apply to the vocational college through continuous admission all year round. Studies are tailored based on your previous skills, and much of the learning takes place in workplaces. Qualifications are offered in fields such as social and health care, logistics and construction."),
    instr="Hae jatkuvassa haussa oppilaitoksen verkkosivulla. Hakijat kutsutaan haastatteluun, jossa laaditaan henkilökohtainen osaamisen kehittämissuunnitelma.",
    kw=["ammatillinen koulutus", "jatkuva haku", "alanvaihto", "oppisopimus", "aikuisopiskelija"],
    ch=[E("ammattiopisto/jatkuva-haku"),
        L(("Ammattiopisto, Hervannan kampus", "Yrkesinstitutet, Hervanta campus", "Vocational college, Hervanta campus"),
          ("Hepolamminkatu", "Hepolamminkatu", "Hepolamminkatu"), "10", "33720", "837", "6819960", "331240")])

svc(key="tre-youth-centres", org="tre", area=["837"], cls=["P28.1", "P28.2"], tg=["KR1.3"],
    meters=["friends", "improvement_of_strengths", "life_satisfaction"], le=[], ke=[],
    name=("Nuorisotalot ja harrastusryhmät", "Ungdomsgårdar och hobbygrupper", "Youth centres and hobby groups"),
    summary=("Maksutonta vapaa-ajan toimintaa 10–17-vuotiaille: pelailua, musiikkia, kokkausta ja retkiä.",
             "Avgiftsfri fritidsverksamhet för 10–17-åringar: spel, musik, matlagning och utflykter.",
             "Free leisure activities for 10 to 17-year-olds: games, music, cooking and trips."),
    desc=("Nuorisotaloilla voi tavata kavereita, tutustua uusiin ihmisiin ja kokeilla uusia harrastuksia turvallisten aikuisten seurassa. Ryhmiin ei tarvitse ilmoittautua etukäteen. Nuorisotyöntekijöille voi jutella myös huolista.",
          "På ungdomsgårdarna kan man träffa kompisar, lära känna nya människor och prova nya hobbyer tillsammans med trygga vuxna. Man behöver inte anmäla sig i förväg. Man kan också prata med ungdomsarbetarna om sådant som oroar.",
          "At the youth centres you can meet friends, get to know new people and try new hobbies with safe adults around. No advance registration is needed. You can also talk to the youth workers about any worries."),
    instr="Tule paikalle aukioloaikoina. Katso viikko-ohjelma verkkosivulta.",
    kw=["nuorisotalo", "harrastus", "kaverit", "vapaa-aika", "nuoret"],
    ch=[L(("Nuorisotalo Hervanta", "Ungdomsgården Hervanta", "Hervanta youth centre"),
          ("Lindforsinkatu", "Lindforsinkatu", "Lindforsinkatu"), "2", "33720", "837", "6819540", "330780", hours=YOUTH),
        W("nuoriso/nuorisotalot")])

svc(key="tre-informal-care", org="pirha", area=["837"], cls=["P5.14", "P4.2"], tg=["KR1.1", "KR1"],
    meters=["family", "finance", "resilience"], le=[], ke=[],
    name=("Omaishoidon tuki", "Stöd för närståendevård", "Informal care support"),
    summary=("Tukea ja vapaapäiviä omaiselle, joka hoitaa kotona ikääntynyttä, sairasta tai vammaista läheistään.",
             "Stöd och ledig tid för anhöriga som vårdar en äldre, sjuk eller funktionsnedsatt närstående hemma.",
             "Support and days off for family members caring for an older, ill or disabled relative at home."),
    desc=("Omaishoidon tukeen kuuluu hoitopalkkio, vapaapäivät ja hoidettavalle annettavat palvelut. Omaishoitajalle tarjotaan myös hyvinvointitarkastuksia ja vertaisryhmiä. Tuen myöntämisestä tehdään sopimus hyvinvointialueen kanssa.",
          "Stödet för närståendevård omfattar vårdarvode, ledig tid och tjänster för den som vårdas. Närståendevårdaren erbjuds också välmåendekontroller och kamratgrupper. Om stödet görs ett avtal med välfärdsområdet.",
          "Informal care support includes a care allowance, days off and services for the person being cared for. Carers are also offered wellbeing check-ups and peer groups. An agreement on the support is made with the wellbeing services county."),
    instr="Täytä hakemus verkossa tai pyydä paperilomake. Omaishoidon ohjaaja tekee kotikäynnin ja arvioi hoidon tarpeen.",
    kw=["omaishoito", "omaishoitaja", "hoitopalkkio", "vapaapäivät", "ikäihminen"],
    ch=[E("omaishoito/hakemus"), P("331006000")])

svc(key="tre-family-home-help", org="pirha", area=["837"], cls=["P3.6"], tg=["KR1.2"],
    meters=["family", "resilience"], le=[], ke=[],
    charge="Chargeable", charge_info="Tilapäisen kotipalvelun maksu määräytyy perheen koon ja tulojen mukaan.",
    name=("Lapsiperheiden kotipalvelu", "Hemservice för barnfamiljer", "Home help for families with children"),
    summary=("Käytännön apua lapsiperheen arkeen esimerkiksi sairauden, uupumuksen tai vauva-ajan haasteiden vuoksi.",
             "Praktisk hjälp i barnfamiljens vardag till exempel vid sjukdom, utmattning eller utmaningar under babytiden.",
             "Practical help with family life, for example due to illness, exhaustion or the challenges of having a baby."),
    desc=("Kotipalvelun työntekijä auttaa lastenhoidossa, kodinhoidossa ja arjen rytmittämisessä. Palvelu on lyhytaikaista, ja sen tavoitteena on vahvistaa perheen omia voimavaroja. Apua voi hakea ilman lastensuojelun asiakkuutta.",
          "Hemservicens arbetstagare hjälper till med barnomsorg, hemskötsel och rytmen i vardagen. Tjänsten är kortvarig och syftar till att stärka familjens egna resurser. Du kan söka hjälp utan att vara klient inom barnskyddet.",
          "The home help worker assists with childcare, housework and structuring daily life. The service is short-term and aims to strengthen the family's own resources. You can apply without being a child welfare client."),
    instr="Soita lapsiperheiden palveluohjaukseen. Palvelun tarve arvioidaan puhelimessa, ja apu voi alkaa jo samalla viikolla.",
    kw=["kotipalvelu", "lapsiperhe", "uupumus", "vauvaperhe", "arjen tuki"],
    ch=[P("331007000")])

svc(key="tre-senior-day-activities", org="pirha", area=["837"], cls=["P4.2"], tg=["KR1.1"],
    meters=["friends", "life_satisfaction", "health"], le=[], ke=["KE9"],
    charge="Chargeable", charge_info="Päivätoiminnan maksu on 15 euroa päivältä, sisältäen lounaan ja kuljetuksen.",
    name=("Ikäihmisten päivätoiminta", "Dagverksamhet för äldre", "Day activities for older people"),
    summary=("Virkistävää toimintaa, liikuntaa ja yhdessäoloa kotona asuville ikäihmisille.",
             "Stimulerande verksamhet, motion och samvaro för äldre som bor hemma.",
             "Recreational activities, exercise and company for older people living at home."),
    desc=("Päivätoimintaan osallistutaan 1–2 kertaa viikossa pienessä ryhmässä. Päivään kuuluu ohjattua liikuntaa, muistia virkistäviä tehtäviä, lounas ja kahvi. Toiminta tukee kotona asumista ja antaa omaishoitajalle hengähdystauon.",
          "Man deltar i dagverksamheten 1–2 gånger i veckan i en liten grupp. Dagen innehåller handledd motion, minnesövningar, lunch och kaffe. Verksamheten stöder boende hemma och ger närståendevårdaren en paus.",
          "Participants attend day activities once or twice a week in a small group. The day includes guided exercise, memory exercises, lunch and coffee. The activities support living at home and give family carers a break."),
    instr="Pyydä palvelutarpeen arviointia ikäihmisten neuvonnasta. Kuljetus järjestetään tarvittaessa.",
    kw=["päivätoiminta", "ikäihmiset", "yksinäisyys", "muisti", "eläkeläiset"],
    ch=[L(("Päivätoimintakeskus Kaleva", "Dagverksamhetscentret Kaleva", "Kaleva day activity centre"),
          ("Sammonkatu", "Sammonkatu", "Sammonkatu"), "50", "33540", "837", "6822140", "330160",
          hours=[("Monday", "Friday", "09:00:00", "15:00:00")], exceptions=[XMAS, MIDSUMMER])])

svc(key="tre-newcomer-welcome", org="tre", area=["837"], cls=["P25.5", "P4.13"], tg=["KR1"],
    meters=["friends", "life_satisfaction", "housing"], le=["student_moving"], ke=["KE7"],
    name=("Uuden asukkaan tervetulopalvelu", "Välkomsttjänst för nya invånare", "Welcome service for new residents"),
    summary=("Tietoa, opastusta ja tapahtumia Tampereelle muuttaneille, myös opiskelijoille.",
             "Information, handledning och evenemang för dem som flyttat till Tammerfors, även studerande.",
             "Information, guidance and events for people who have moved to Tampere, including students."),
    desc=("Tervetulopalvelu kokoaa yhteen tiedot asumisesta, terveyspalveluista, liikenteestä ja harrastuksista. Syyskuussa järjestetään uusien asukkaiden ilta ja opiskelijoiden kaupunkikierros, joissa voi tutustua muihin uusiin kaupunkilaisiin. Neuvonta palvelee suomeksi, ruotsiksi ja englanniksi.",
          "Välkomsttjänsten samlar information om boende, hälsotjänster, trafik och fritidsintressen. I september ordnas en kväll för nya invånare och en stadsrundtur för studerande, där man kan lära känna andra nya stadsbor. Rådgivningen betjänar på finska, svenska och engelska.",
          "The welcome service brings together information on housing, health services, transport and hobbies. In September there is an evening for new residents and a city tour for students, where you can meet other newcomers. Advice is available in Finnish, Swedish and English."),
    instr="Katso tulevat tapahtumat verkkosivulta tai tule palvelupisteeseen kysymään.",
    kw=["uusi asukas", "muutto", "opiskelija", "tapahtumat", "tutustuminen"],
    ch=[W("tervetuloa"), S("tre_palvelupiste")])

svc(key="tre-business-services", org="tre", area=["837"], cls=["P11.1", "P12.1"], tg=["KR2", "KR2.8", "KR2.6"],
    meters=["working_studying", "finance"], le=["job_seeker"], ke=["KE6"],
    name=("Yrityspalvelut Tampereella", "Företagstjänster i Tammerfors", "Business services in Tampere"),
    summary=("Maksutonta neuvontaa yrityksen perustamiseen, kasvuun ja rekrytointiin.",
             "Avgiftsfri rådgivning om att grunda företag, tillväxt och rekrytering.",
             "Free advice on starting a business, growth and recruitment."),
    desc=("Yrityspalveluista saat henkilökohtaisen yritysneuvojan, joka auttaa rahoituksen, lupien ja verkostojen kanssa. Työnantajille tarjotaan rekrytointipalveluja ja tietoa palkkatuesta. Palvelut ovat maksuttomia kaikille tamperelaisille yrityksille.",
          "Företagstjänsterna ger dig en personlig företagsrådgivare som hjälper dig med finansiering, tillstånd och nätverk. Arbetsgivare erbjuds rekryteringstjänster och information om lönesubvention. Tjänsterna är avgiftsfria för alla företag i Tammerfors.",
          "Business services give you a personal business adviser who helps with funding, permits and networks. Employers are offered recruitment services and information on pay subsidy. The services are free for all companies in Tampere."),
    instr="Varaa aika yritysneuvojalle verkossa. Ensitapaaminen kestää noin tunnin.",
    kw=["yritysneuvonta", "rekrytointi", "yrittäjä", "työnantaja"],
    ch=[E("yrityspalvelut/ajanvaraus"), P("331008000")])

svc(key="tre-hobby-for-kids", org="tre", area=["837"], cls=["P28.2", "P25.5"], tg=["KR1.2", "KR1.3"],
    meters=["improvement_of_strengths", "friends", "self_esteem"], le=[], ke=[],
    name=("Koululaisten maksuton harrastustoiminta", "Avgiftsfri hobbyverksamhet för skolelever", "Free hobby activities for schoolchildren"),
    summary=("Maksuttomia harrastuskerhoja koulupäivän yhteydessä kaikille peruskoululaisille.",
             "Avgiftsfria hobbyklubbar i anslutning till skoldagen för alla grundskolelever.",
             "Free hobby clubs in connection with the school day for all comprehensive school pupils."),
    desc=("Kerhoissa voi kokeilla esimerkiksi tanssia, sirkusta, robotiikkaa, kuvataidetta ja lajiliikuntaa. Harrastukset on valittu oppilaiden toiveiden perusteella. Kerhot vahvistavat osaamista ja auttavat löytämään kavereita.",
          "I klubbarna kan man prova till exempel dans, cirkus, robotik, bildkonst och olika idrottsgrenar. Hobbyerna har valts utifrån elevernas önskemål. Klubbarna stärker kunnandet och hjälper barnen att hitta vänner.",
          "In the clubs children can try, for example, dance, circus, robotics, visual arts and different sports. The hobbies are chosen based on pupils' wishes. The clubs build skills and help children make friends."),
    instr="Ilmoita lapsesi kerhoon koulun viestintäpalvelussa lukukauden alussa.",
    kw=["harrastus", "kerho", "koululainen", "harrastamisen malli", "liikunta"],
    ch=[W("harrastukset/koululaiset")])

svc(key="tre-student-gym", org="sporttis", area=["837"], cls=["P27.1"], tg=["KR1"],
    meters=["health", "improvement_of_strengths", "friends"], le=[], ke=[],
    funding="MarketFunded", charge="Chargeable",
    charge_info="Jäsenyys 29 euroa kuukaudessa, opiskelijoille 19 euroa.",
    name=("Kuntosali ja ryhmäliikunta", "Gym och gruppträning", "Gym and group exercise classes"),
    summary=("Kuntosali ja yli 60 ryhmäliikuntatuntia viikossa, opiskelijahinnat.",
             "Gym och över 60 gruppträningspass i veckan, studentpriser.",
             "A gym and over 60 group exercise classes a week, with student prices."),
    desc=("Liikuntakeskuksessa on kuntosali, spinning- ja joogasalit sekä palloilukentät. Uusille jäsenille tarjotaan maksuton ohjattu aloitustunti. Ryhmätunnit ovat hyvä tapa tutustua uusiin ihmisiin uudessa kaupungissa.",
          "Motionscentret har gym, spinning- och yogasalar samt bollplaner. Nya medlemmar erbjuds ett avgiftsfritt handlett startpass. Gruppträningen är ett bra sätt att lära känna nya människor i en ny stad.",
          "The fitness centre has a gym, spinning and yoga studios and ball courts. New members are offered a free guided introductory session. Group classes are a good way to meet new people in a new city."),
    instr="Osta jäsenyys verkkokaupasta ja nouda kulkuavain vastaanotosta.",
    kw=["kuntosali", "ryhmäliikunta", "jooga", "opiskelijahinta"],
    ch=[L(("Liikuntakeskus Sporttis Tampere", "Motionscentret Sporttis Tammerfors", "Sporttis Fitness Centre Tampere"),
          ("Hämeenkatu", "Tavastgatan", "Hämeenkatu"), "31", "33200", "837", "6822440", "326860", hours=SPORT),
        E("jasenyys")])


# ==========================================================================
# OULU (564)
# ==========================================================================

svc(key="oulu-outreach-youth", org="oulu", area=["564"], cls=["P28.4"], tg=["KR1.3"],
    meters=["resilience", "working_studying", "friends"], le=["dropout_risk"], ke=[],
    name=("Etsivä nuorisotyö Oulussa", "Uppsökande ungdomsarbete i Uleåborg", "Outreach youth work in Oulu"),
    summary=("Tukea oululaisille 15–28-vuotiaille, jotka tarvitsevat apua opintoihin, työhön tai arkeen.",
             "Stöd för 15–28-åringar i Uleåborg som behöver hjälp med studier, arbete eller vardag.",
             "Support for 15 to 28-year-olds in Oulu who need help with studies, work or everyday life."),
    desc=("Etsivät nuorisotyöntekijät liikkuvat kaupungilla, oppilaitoksissa ja somessa ja ovat tavoitettavissa myös iltaisin. He auttavat nuorta löytämään sopivan palvelun ja tukevat, kunnes asiat lähtevät rullaamaan. Toiminta perustuu luottamukseen ja nuoren omaan tahtoon.",
          "De uppsökande ungdomsarbetarna rör sig i staden, på läroanstalter och i sociala medier och går att nå även på kvällarna. De hjälper den unga att hitta en lämplig tjänst och ger stöd tills saker börjar rulla. Verksamheten bygger på förtroende och den ungas egen vilja.",
          "Outreach youth workers are out and about in town, at schools and on social media, and can be reached in the evenings too. They help young people find the right service and support them until things get going. The work is based on trust and the young person's own wishes."),
    instr="Laita viesti tai soita – voit myös pyytää kaveria tai vanhempaa ottamaan yhteyttä puolestasi.",
    kw=["etsivä nuorisotyö", "nuoret", "koulupudokas", "syrjäytymisen ehkäisy"],
    ch=[P("855581000", hours=[("Monday", "Friday", "10:00:00", "18:00:00")])])

svc(key="oulu-adult-basic-education", org="oulu", area=["564"], cls=["P6.2"], tg=["KR1", "KR1.3"],
    meters=["working_studying", "self_esteem", "improvement_of_strengths"], le=["dropout_risk"], ke=["KE3"],
    name=("Aikuisten perusopetus Oulussa", "Grundläggande utbildning för vuxna i Uleåborg", "Basic education for adults in Oulu"),
    summary=("Toinen mahdollisuus suorittaa peruskoulun päättötodistus tai korottaa arvosanoja.",
             "En andra chans att få grundskolans avgångsbetyg eller höja sina vitsord.",
             "A second chance to get a basic education certificate or improve your grades."),
    desc=("Opetus on tarkoitettu yli 17-vuotiaille, joilta puuttuu perusopetuksen päättötodistus tai jotka tarvitsevat parempia arvosanoja jatko-opintoihin. Ryhmät ovat pieniä, ja opiskelija saa tukea opinto-ohjaajalta ja erityisopettajalta. Opinnot ovat maksuttomia.",
          "Undervisningen är avsedd för personer över 17 år som saknar avgångsbetyg från den grundläggande utbildningen eller behöver bättre vitsord för fortsatta studier. Grupperna är små, och de studerande får stöd av studiehandledare och speciallärare. Studierna är avgiftsfria.",
          "Teaching is for people over 17 who lack a basic education certificate or need better grades for further studies. Groups are small, and students are supported by a guidance counsellor and a special needs teacher. Studies are free of charge."),
    instr="Hae opintoihin verkkolomakkeella. Haastattelussa kartoitetaan aiemmat opinnot ja kielitaito.",
    kw=["aikuisten perusopetus", "päättötodistus", "arvosanojen korotus", "toinen mahdollisuus"],
    req="Vähintään 17 vuoden ikä.",
    ch=[E("aikuisopetus/haku"),
        L(("Aikuislukio ja perusopetus, Oulu", "Vuxengymnasiet och grundläggande utbildning, Uleåborg", "Adult upper secondary and basic education, Oulu"),
          ("Kasarmintie", "Kasarmintie", "Kasarmintie"), "13", "90130", "564", "7213520", "428280")])

svc(key="oulu-student-housing", org="kotipesa", area=["564"], cls=["P1.1"], tg=["KR1.3", "KR1"],
    meters=["housing", "friends"], le=["student_moving"], ke=["KE7"],
    name=("Opiskelija-asunnot Oulussa", "Studentbostäder i Uleåborg", "Student housing in Oulu"),
    summary=("Opiskelija-asuntoja Linnanmaan kampuksen ja keskustan tuntumassa.",
             "Studentbostäder nära Linnanmaa campus och centrum.",
             "Student apartments near the Linnanmaa campus and the city centre."),
    desc=("Asuntoja on soluista perheasuntoihin, ja osa kohteista on kalustettuja. Asukastoimikunta järjestää yhteisiä iltoja ja talkoita, joten uusi asukas pääsee helposti mukaan yhteisöön. Vuokrat sisältävät veden ja laajakaistan.",
          "Bostäderna varierar från kollektiv till familjebostäder, och en del är möblerade. Invånarkommittén ordnar gemensamma kvällar och talkon, så nya invånare kommer lätt med i gemenskapen. Hyran omfattar vatten och bredband.",
          "Apartments range from shared flats to family homes, and some are furnished. The residents' committee organises joint evenings and volunteer work days, so new residents easily become part of the community. Rent includes water and broadband."),
    instr="Hae asuntoa verkossa ja tarkista hakemuksesi tila kuukausittain.",
    kw=["opiskelija-asunto", "Oulu", "Linnanmaa", "opiskelijan muutto"],
    ch=[E("oulu/haku")])

svc(key="oulu-employment-services", org="oulu", area=["564"], cls=["P10.1", "P4.8"], tg=["KR1"],
    meters=["working_studying", "self_esteem"], le=["job_seeker"], ke=["KE5"],
    name=("Oulun työllisyyspalvelut", "Sysselsättningstjänster i Uleåborg", "Oulu employment services"),
    summary=("Henkilökohtaista tukea työnhakuun, koulutukseen ja työkyvyn selvittämiseen.",
             "Personligt stöd för arbetssökande, utbildning och utredning av arbetsförmågan.",
             "Personal support for job seeking, training and assessing your work ability."),
    desc=("Työllisyyspalveluissa saat oman valmentajan, joka auttaa työnhakusuunnitelman, CV:n ja työhaastatteluihin valmistautumisen kanssa. Tarjolla on myös työkokeiluja, rekrytointitapahtumia ja palkkatuettua työtä. Pitkään työttömänä olleille järjestetään työkykyselvityksiä.",
          "Inom sysselsättningstjänsterna får du en egen coach som hjälper dig med plan för arbetssökandet, cv och förberedelser inför anställningsintervjuer. Det finns också arbetsprövning, rekryteringsevenemang och arbete med lönesubvention. För långtidsarbetslösa ordnas utredningar av arbetsförmågan.",
          "Employment services give you a personal coach who helps with your job search plan, CV and preparing for job interviews. Work trials, recruitment events and subsidised jobs are also available. Work ability assessments are arranged for the long-term unemployed."),
    instr="Ilmoittaudu ensin työnhakijaksi verkossa. Valmentaja ottaa sinuun yhteyttä ja sopii ensitapaamisen.",
    kw=["työllisyys", "työnhaku", "työkokeilu", "CV", "työvalmennus"],
    ch=[S("oulu_palvelupiste"), S("tyo_online")])

svc(key="oulu-library", org="oulu", area=["564"], cls=["P25.1"], tg=["KR1"],
    meters=["improvement_of_strengths", "life_satisfaction", "friends"], le=[], ke=[],
    name=("Oulun kaupunginkirjasto", "Uleåborgs stadsbibliotek", "Oulu City Library"),
    summary=("Kirjoja, musiikkia, työtiloja, lukupiirejä ja digiopastusta kaikille.",
             "Böcker, musik, arbetsplatser, läsecirklar och digital handledning för alla.",
             "Books, music, workspaces, reading circles and digital guidance for everyone."),
    desc=("Kirjastosta voit lainata aineistoa, varata ryhmätyötiloja ja osallistua lukupiireihin sekä kieliklubeihin. Digiopastaja auttaa älypuhelimen ja verkkoasioinnin käytössä. Kirjastokortti on maksuton.",
          "På biblioteket kan du låna material, boka grupprum och delta i läsecirklar och språkklubbar. En digihandledare hjälper dig med smarttelefonen och e-tjänster. Bibliotekskortet är gratis.",
          "At the library you can borrow materials, book group rooms and join reading circles and language clubs. A digital guide helps with smartphones and online services. The library card is free."),
    instr="Hae kirjastokortti mistä tahansa toimipisteestä henkilöllisyystodistuksella.",
    kw=["kirjasto", "lukupiiri", "kieliklubi", "digituki", "lainaus"],
    ch=[L(("Oulun pääkirjasto", "Uleåborgs huvudbibliotek", "Oulu main library"),
          ("Kaarlenväylä", "Kaarlenväylä", "Kaarlenväylä"), "3", "90100", "564", "7214720", "427180", hours=LIBRARY, exceptions=[XMAS])])

svc(key="oulu-mental-substance", org="pohde", area=["564"], cls=["P5.7"], tg=["KR1"],
    meters=["health", "resilience"], le=[], ke=[],
    name=("Aikuisten mielenterveys- ja päihdepalvelut", "Mentalvårds- och missbrukartjänster för vuxna", "Adult mental health and substance use services"),
    summary=("Hoitoa ja tukea mielenterveyden ja päihteiden käytön pulmiin yli 18-vuotiaille.",
             "Vård och stöd vid problem med psykisk hälsa och missbruk för personer över 18 år.",
             "Treatment and support for mental health and substance use problems for people over 18."),
    desc=("Palveluihin hakeudutaan soittamalla, ja hoidon tarve arvioidaan jo ensimmäisessä puhelussa. Tarjolla on lyhytterapiaa, ryhmiä, korvaushoitoa ja kotiin vietäviä palveluja. Myös läheiset saavat tukea.",
          "Man söker sig till tjänsterna genom att ringa, och vårdbehovet bedöms redan vid det första samtalet. Det finns korttidsterapi, grupper, substitutionsbehandling och tjänster som ges i hemmet. Även närstående får stöd.",
          "You access the services by phone, and your need for care is assessed in the first call. Short-term therapy, groups, opioid substitution treatment and home-based services are available. Family members can also get support."),
    instr="Soita arkisin klo 8–15. Kiireellisissä tilanteissa ilta-aikaan ota yhteys päivystykseen.",
    kw=["mielenterveys", "päihteet", "riippuvuus", "terapia", "korvaushoito"],
    ch=[P("855582000", hours=[("Monday", "Friday", "08:00:00", "15:00:00")]),
        L(("Mielenterveys- ja päihdekeskus, Oulu", "Center för mentalvård och missbruk, Uleåborg", "Mental health and substance use centre, Oulu"),
          ("Isokatu", "Isokatu", "Isokatu"), "47", "90100", "564", "7214040", "427620")])

svc(key="oulu-summer-job-voucher", org="oulu", area=["564"], cls=["P10.1", "P28.6"], tg=["KR1.3", "KR2.6"],
    meters=["working_studying", "finance", "self_esteem"], le=[], ke=[],
    name=("Nuorten kesätyöseteli", "Sommarjobbssedel för unga", "Summer job voucher for young people"),
    summary=("Kesätyöseteli auttaa 15–17-vuotiasta oululaista saamaan ensimmäisen kesätyönsä.",
             "Sommarjobbssedeln hjälper 15–17-åringar i Uleåborg att få sitt första sommarjobb.",
             "The summer job voucher helps 15 to 17-year-olds in Oulu get their first summer job."),
    desc=("Nuori etsii itse kesätyöpaikan ja antaa setelin työnantajalle, joka saa kaupungilta tuen palkkakustannuksiin. Työsuhde kestää vähintään kaksi viikkoa. Ensimmäinen työkokemus kasvattaa itseluottamusta ja antaa hyvän pohjan tulevalle työnhaulle.",
          "Den unga söker själv en sommarjobbsplats och ger sedeln till arbetsgivaren, som får stöd av staden för lönekostnaderna. Anställningen pågår minst två veckor. Den första arbetserfarenheten stärker självförtroendet och ger en bra grund för framtida arbetssökande.",
          "The young person finds a summer job and gives the voucher to the employer, who receives support from the city towards the wage costs. The job lasts at least two weeks. A first work experience builds self-confidence and provides a good basis for future job seeking."),
    instr="Tulosta kesätyöseteli verkkosivulta toukokuussa. Työnantaja hakee tuen kesän päätyttyä.",
    kw=["kesätyö", "nuoret", "kesätyöseteli", "ensimmäinen työpaikka", "työnantaja"],
    req="15–17-vuotiaat, kotikunta Oulu.",
    ch=[W("kesatyoseteli")])

svc(key="oulu-safety-phone", org="kotivahti", area=["564"], cls=["P4.3", "P4.2"], tg=["KR1.1"],
    meters=["health", "resilience", "housing"], le=[], ke=["KE9"],
    funding="MarketFunded", charge="Chargeable",
    charge_info="Turvapuhelin 35 euroa kuukaudessa, hälytyskäynnit 25 euroa kerralta.",
    name=("Turvapuhelin ja turvapalvelu ikäihmisille", "Trygghetstelefon och trygghetstjänst för äldre", "Safety phone and alarm service for older people"),
    summary=("Ranteessa pidettävä turvapuhelin, josta saa apua kotiin ympäri vuorokauden.",
             "En trygghetstelefon som bärs på handleden och ger hjälp hem dygnet runt.",
             "A wrist-worn safety alarm that brings help to your home around the clock."),
    desc=("Hälytys ohjautuu turvapalvelukeskukseen, josta lähetetään auttaja kotiin tarvittaessa. Laitteessa on kaatumisen tunnistus ja paikannus. Turvapuhelin tuo turvaa yksin asuvalle ja hänen läheisilleen.",
          "Larmet går till trygghetscentralen, som vid behov skickar en hjälpare hem till dig. Enheten har falldetektering och positionering. Trygghetstelefonen ger trygghet för den som bor ensam och för de anhöriga.",
          "Alarms go to the safety service centre, which sends a helper to your home if needed. The device has fall detection and location tracking. The safety phone brings peace of mind to people living alone and their relatives."),
    instr="Tilaa turvapuhelin puhelimitse. Asentaja tuo laitteen kotiin ja opastaa käytössä.",
    kw=["turvapuhelin", "turvaranneke", "ikäihmiset", "yksin asuva", "kaatuminen"],
    ch=[P("207009900", always=True, names=("Kotivahti 24/7 -palvelunumero", "Kotivahti servicenummer 24/7", "Kotivahti 24/7 service number"))])

svc(key="oulu-family-centre", org="pohde", area=["564"], cls=["P3.6", "P3.7"], tg=["KR1.2"],
    meters=["family", "friends", "resilience"], le=[], ke=[],
    name=("Perhekeskus Oulussa", "Familjecentret i Uleåborg", "Family centre in Oulu"),
    summary=("Neuvola, perheneuvonta ja avoimet kohtaamispaikat lapsiperheille saman katon alla.",
             "Rådgivning, familjerådgivning och öppna mötesplatser för barnfamiljer under samma tak.",
             "Maternity and child health clinics, family counselling and open meeting places for families under one roof."),
    desc=("Perhekeskuksessa vanhemmat voivat tavata muita perheitä avoimessa kohtaamispaikassa ja osallistua vertaisryhmiin. Tukea saa myös eroon, uupumukseen ja kasvatuskysymyksiin. Palvelut ovat maksuttomia.",
          "På familjecentret kan föräldrar träffa andra familjer på den öppna mötesplatsen och delta i kamratgrupper. Man får också stöd vid skilsmässa, utmattning och frågor om fostran. Tjänsterna är avgiftsfria.",
          "At the family centre parents can meet other families in the open meeting place and join peer groups. Support is also available for separation, exhaustion and parenting questions. Services are free of charge."),
    instr="Tule avoimeen kohtaamispaikkaan ilman ajanvarausta tai varaa aika neuvolaan puhelimitse.",
    kw=["perhekeskus", "neuvola", "vertaisryhmä", "lapsiperhe", "vanhemmuus"],
    ch=[L(("Perhekeskus Tuira", "Familjecentret Tuira", "Tuira family centre"),
          ("Koskikatu", "Koskikatu", "Koskikatu"), "27", "90100", "564", "7215240", "427410")])

svc(key="oulu-swimming-sports", org="oulu", area=["564"], cls=["P27.1"], tg=["KR1"],
    meters=["health", "improvement_of_strengths"], le=[], ke=[],
    charge="Chargeable", charge_info="Kertamaksu 6 euroa, eläkeläisille ja opiskelijoille 4 euroa.",
    name=("Uimahallit ja ohjattu liikunta", "Simhallar och handledd motion", "Swimming halls and guided exercise"),
    summary=("Kaupungin uimahallit, kuntosalit ja ohjatut liikuntaryhmät kaikenikäisille.",
             "Stadens simhallar, gym och handledda motionsgrupper för alla åldrar.",
             "City swimming halls, gyms and guided exercise groups for all ages."),
    desc=("Ohjattuja ryhmiä on vesijumpasta senioreiden kuntosaliryhmiin ja aloittelijoiden uimakouluihin. Hinnat ovat edullisia, ja liikuntarajoitteisille on omia ryhmiä. Säännöllinen liikunta tukee sekä fyysistä että psyykkistä hyvinvointia.",
          "Det finns handledda grupper från vattengymnastik till gymgrupper för seniorer och simskolor för nybörjare. Priserna är förmånliga och det finns egna grupper för personer med rörelsehinder. Regelbunden motion stöder både det fysiska och psykiska välbefinnandet.",
          "Guided groups range from aqua aerobics to senior gym groups and beginners' swimming lessons. Prices are affordable, and there are dedicated groups for people with mobility impairments. Regular exercise supports both physical and mental wellbeing."),
    instr="Osta kertalippu tai sarjakortti uimahallin kassalta tai verkkokaupasta.",
    kw=["uimahalli", "vesijumppa", "kuntosali", "liikuntaryhmä", "seniori"],
    ch=[L(("Raksilan uimahalli", "Raksila simhall", "Raksila swimming hall"),
          ("Raksilantie", "Raksilantie", "Raksilantie"), "7", "90130", "564", "7213260", "429120", hours=SPORT)])

svc(key="oulu-vocational-continuous", org="oulu", area=["564"], cls=["P6.6", "P6.5"], tg=["KR1.3", "KR1"],
    meters=["working_studying", "improvement_of_strengths"], le=["dropout_risk", "job_seeker"], ke=["KE3"],
    name=("Ammatillisen koulutuksen jatkuva haku Oulussa", "Kontinuerlig ansökan till yrkesutbildning i Uleåborg",
          "Continuous admission to vocational education in Oulu"),
    summary=("Aloita ammatilliset opinnot joustavasti kesken lukuvuoden, myös keskeytyneiden opintojen jälkeen.",
             "Börja yrkesstudier flexibelt mitt under läsåret, även efter avbrutna studier.",
             "Start vocational studies flexibly during the academic year, including after interrupted studies."),
    desc=("Jatkuvassa haussa voi hakea yli sataan tutkintoon ja valmentavaan koulutukseen. Tutkintokoulutukseen valmentava koulutus sopii nuorelle, joka ei vielä tiedä, mille alalle haluaa. Opinto-ohjaaja auttaa hyödyntämään aiemmin suoritetut opinnot.",
          "I den kontinuerliga ansökan kan man söka till över hundra examina och handledande utbildning. Utbildningen som handleder för examensutbildning passar unga som ännu inte vet vilken bransch de vill välja. Studiehandledaren hjälper dig att tillgodoräkna tidigare studier.",
          "Through continuous admission you can apply for over a hundred qualifications and preparatory training. Preparatory training for vocational education suits young people who do not yet know which field they want. A guidance counsellor helps you get credit for previous studies."),
    instr="Täytä hakemus oppilaitoksen sivulla. Hakijat kutsutaan tutustumispäivään ja haastatteluun.",
    kw=["ammattikoulu", "jatkuva haku", "TUVA", "valmentava koulutus", "keskeytyneet opinnot"],
    ch=[E("ammattiopisto/haku"), P("855583000")])


# ==========================================================================
# TURKU (853)
# ==========================================================================

svc(key="turku-ohjaamo", org="turku", area=["853"], cls=["P28.5", "P10.2"], tg=["KR1.3"],
    meters=["working_studying", "resilience", "finance"], le=["dropout_risk", "job_seeker"], ke=[],
    name=("Ohjaamo Turku", "Ohjaamo Åbo", "Ohjaamo Turku"),
    summary=("Neuvontaa ja ohjausta alle 30-vuotiaille työhön, opiskeluun ja elämänhallintaan.",
             "Rådgivning och vägledning för unga under 30 år om arbete, studier och livskontroll.",
             "Advice and guidance for under-30s on work, studies and managing everyday life."),
    desc=("Ohjaamossa voit keskustella uravalinnoista, hakea apua työhakemukseen tai selvittää raha-asioita. Paikalla on myös etuuskeskuksen ja työllisyyspalvelujen asiantuntijoita. Palvelu on maksutonta ja luottamuksellista.",
          "På Ohjaamo kan du diskutera yrkesval, få hjälp med arbetsansökan eller reda ut penningfrågor. På plats finns också sakkunniga från förmånsmyndigheten och sysselsättningstjänsterna. Tjänsten är avgiftsfri och konfidentiell.",
          "At Ohjaamo you can talk about career choices, get help with job applications or sort out money matters. Experts from the benefits and employment services are also on site. The service is free and confidential."),
    instr="Tule käymään ilman ajanvarausta tai varaa aika verkossa.",
    kw=["ohjaamo", "nuoret", "uravalinta", "työhakemus", "raha-asiat"],
    ch=[L(("Ohjaamo Turku", "Ohjaamo Åbo", "Ohjaamo Turku"), ("Linnankatu", "Slottsgatan", "Linnankatu"), "7", "20100", "853",
          "6703890", "239520", hours=[("Monday", "Thursday", "10:00:00", "16:00:00")]),
        E("ohjaamo/ajanvaraus")])

svc(key="turku-student-housing", org="kotipesa", area=["853"], cls=["P1.1"], tg=["KR1.3", "KR1"],
    meters=["housing"], le=["student_moving"], ke=["KE7"],
    name=("Opiskelija-asunnot Turussa", "Studentbostäder i Åbo", "Student housing in Turku"),
    summary=("Opiskelija-asuntoja Turun ylioppilaskylässä ja keskustassa.",
             "Studentbostäder i studentbyn och i centrum av Åbo.",
             "Student apartments in the student village and city centre of Turku."),
    desc=("Ylioppilaskylässä asuu tuhansia opiskelijoita, ja alueella on oma sauna, kuntosali ja kerhotilat. Asuntoja myönnetään hakujärjestyksessä ja asunnon tarpeen perusteella. Myös kansainväliset opiskelijat voivat hakea.",
          "I studentbyn bor tusentals studerande, och området har egen bastu, gym och klubbutrymmen. Bostäderna beviljas i ansökningsordning och utifrån bostadsbehov. Även internationella studerande kan söka.",
          "Thousands of students live in the student village, which has its own sauna, gym and club rooms. Apartments are allocated in order of application and based on housing need. International students can also apply."),
    instr="Täytä hakemus verkossa. Asuntotarjous lähetetään sähköpostitse.",
    kw=["opiskelija-asunto", "ylioppilaskylä", "Turku", "opiskelijan muutto"],
    ch=[E("turku/haku")])

svc(key="turku-student-transport", org="turku", area=["853"], cls=["P16.5"], tg=["KR1", "KR1.3"],
    meters=["finance"], le=["student_moving"], ke=[],
    charge="Chargeable", charge_info="Opiskelijan kausilippu on 40 prosenttia edullisempi kuin aikuisen kausilippu.",
    name=("Opiskelija-alennus Turun seudun joukkoliikenteessä", "Studentrabatt i Åboregionens kollektivtrafik",
          "Student discount on public transport in the Turku region"),
    summary=("Alennettu kausilippu Turun seudun busseihin ja lauttaan opiskelijoille.",
             "Rabatterad periodbiljett för bussar och färja i Åboregionen för studerande.",
             "A discounted season ticket for buses and the ferry in the Turku region for students."),
    desc=("Opiskelija-alennus myönnetään päätoimisille opiskelijoille, joiden kotikunta on seudulla. Alennus ladataan matkakortille tai mobiilisovellukseen. Vaihto-opiskelijat saavat alennuksen oppilaitoksen todistuksella.",
          "Studentrabatten beviljas studerande på heltid vars hemkommun ligger i regionen. Rabatten laddas på resekortet eller i mobilappen. Utbytesstuderande får rabatt med intyg från läroanstalten.",
          "The student discount is granted to full-time students whose municipality of residence is in the region. It is loaded onto a travel card or the mobile app. Exchange students get the discount with a certificate from their institution."),
    instr="Hae alennusta sovelluksessa tai palvelupisteessä. Tarkista ennen hakemista, että muuttoilmoitus on tehty.",
    kw=["opiskelija-alennus", "bussi", "matkakortti", "joukkoliikenne"],
    ch=[E("liikenne/opiskelija"), S("turku_palvelupiste")])

svc(key="turku-citizen-advice", org="turku", area=["853"], cls=["P1.5", "P4.13"], tg=["KR1"],
    meters=["housing", "life_satisfaction"], le=["student_moving"], ke=["KE7"],
    name=("Kaupungin asukasneuvonta", "Stadens invånarrådgivning", "City resident advice service"),
    summary=("Neuvontaa Turkuun muuttaville ja turkulaisille kaupungin palveluista ja asioinnista.",
             "Rådgivning för dem som flyttar till Åbo och för Åbobor om stadens tjänster och ärenden.",
             "Advice for people moving to Turku and for residents on city services and how to use them."),
    desc=("Asukasneuvonnasta saat tietoa esimerkiksi kotikunnan rekisteröinnistä, asunnon hakemisesta, päivähoidosta ja terveyspalveluista. Uusille opiskelijoille on koottu oma muuttajan muistilista. Neuvontaa saa suomeksi, ruotsiksi ja englanniksi.",
          "Invånarrådgivningen ger information om till exempel registrering av hemkommun, bostadssökande, dagvård och hälsotjänster. För nya studerande finns en egen checklista för flyttare. Rådgivning ges på finska, svenska och engelska.",
          "The resident advice service provides information on, for example, registering your municipality of residence, finding housing, day care and health services. New students have their own moving checklist. Advice is available in Finnish, Swedish and English."),
    instr="Soita, tule palvelupisteeseen tai lähetä kysymys verkkolomakkeella.",
    kw=["asukasneuvonta", "muutto", "kotikunta", "uusi asukas", "opiskelija"],
    ch=[S("turku_palvelupiste"), P("22626000", hours=OFFICE)])

svc(key="turku-youth-workshop", org="turku", area=["853"], cls=["P28.3", "P4.8"], tg=["KR1.3"],
    meters=["working_studying", "self_esteem", "improvement_of_strengths"], le=["dropout_risk"], ke=[],
    name=("Nuorten työpaja Turussa", "Verkstad för unga i Åbo", "Youth workshop in Turku"),
    summary=("Valmennusta ja työn tekemistä nuorille, jotka etsivät suuntaa opintoihin tai työelämään.",
             "Coachning och arbete för unga som söker riktning för studier eller arbetsliv.",
             "Coaching and hands-on work for young people looking for direction in studies or working life."),
    desc=("Työpajalla tehdään oikeita töitä esimerkiksi ompelimossa, keittiössä ja digipajassa. Valmentaja auttaa tunnistamaan vahvuuksia ja harjoittelemaan arjen rytmiä. Jakson aikana voi saada työttömyysetuutta ja kulukorvauksen.",
          "På verkstaden utförs riktiga arbeten till exempel i sömnad, kök och digitalverkstad. Coachen hjälper dig att känna igen dina styrkor och öva på en vardagsrytm. Under perioden kan du få arbetslöshetsförmån och kostnadsersättning.",
          "The workshop does real work, for example in sewing, the kitchen and the digital lab. A coach helps you recognise your strengths and practise daily routines. During the period you can receive unemployment benefit and an expense allowance."),
    instr="Pyydä ohjausta työpajalle Ohjaamosta, etsivästä nuorisotyöstä tai työllisyyspalveluista.",
    kw=["työpaja", "nuoret", "valmennus", "koulupudokas", "työkokeilu"],
    ch=[L(("Työpaja Kupittaa", "Verkstaden Kuppis", "Kupittaa workshop"), ("Lemminkäisenkatu", "Lemminkäinengatan", "Lemminkäisenkatu"),
          "14", "20520", "853", "6703420", "241360", hours=PER_DAY)])

svc(key="turku-social-credit", org="turku", area=["853"], cls=["P15.1", "P4.10"], tg=["KR1"],
    meters=["finance", "resilience"], le=[], ke=[],
    name=("Sosiaalinen luototus", "Social kreditgivning", "Social credit"),
    summary=("Kohtuullinen laina pienituloiselle velkojen järjestelyyn tai välttämättömään hankintaan.",
             "Ett skäligt lån för personer med låga inkomster för att ordna skulder eller göra en nödvändig anskaffning.",
             "A fair loan for people on low incomes to consolidate debts or make an essential purchase."),
    desc=("Sosiaalista luottoa voi saada, jos pankkilainaa ei myönnetä mutta lainan takaisinmaksu on mahdollista. Luoton korko on matala, ja sen myöntämiseen liittyy talousneuvontaa. Lainaa voi käyttää esimerkiksi pikavippien yhdistämiseen tai vuokravakuuteen.",
          "Social kredit kan beviljas om man inte får banklån men har möjlighet att betala tillbaka lånet. Räntan är låg, och krediten kombineras med ekonomisk rådgivning. Lånet kan användas till exempel för att kombinera snabblån eller till en hyresgaranti.",
          "Social credit can be granted if you cannot get a bank loan but can repay. The interest rate is low, and the loan comes with financial counselling. It can be used, for example, to consolidate payday loans or for a rental deposit."),
    instr="Varaa aika sosiaalisen luoton neuvojalle. Ota mukaan tiedot tuloista, menoista ja veloista.",
    kw=["sosiaalinen luotto", "laina", "velat", "pikavippi", "talousneuvonta"],
    ch=[P("22627000"), S("turku_palvelupiste")])

svc(key="turku-community-spaces", org="turku", area=["853"], cls=["P4.12", "P25.5"], tg=["KR1"],
    meters=["friends", "life_satisfaction", "improvement_of_strengths"], le=[], ke=[],
    name=("Asukastuvat ja kohtaamispaikat", "Invånarstugor och mötesplatser", "Community lounges and meeting places"),
    summary=("Avoimia olohuoneita, joissa voi tavata muita, juoda kahvit ja osallistua yhteiseen tekemiseen.",
             "Öppna vardagsrum där man kan träffa andra, dricka kaffe och delta i gemensamma aktiviteter.",
             "Open living rooms where you can meet others, have a coffee and join shared activities."),
    desc=("Asukastuvilla järjestetään esimerkiksi käsityöpiirejä, kielikahviloita, pelejä ja yhteisiä aterioita. Toimintaan voi tulla yksin, ja vapaaehtoiset ottavat uudet kävijät lämpimästi vastaan. Kohtaamispaikat ovat maksuttomia ja avoimia kaikenikäisille.",
          "I invånarstugorna ordnas till exempel hantverkscirklar, språkkaféer, spel och gemensamma måltider. Man kan komma ensam, och de frivilliga tar varmt emot nya besökare. Mötesplatserna är avgiftsfria och öppna för alla åldrar.",
          "The community lounges host, for example, craft circles, language cafés, games and shared meals. You can come alone, and volunteers warmly welcome newcomers. The meeting places are free and open to all ages."),
    instr="Tule paikalle aukioloaikoina, ilmoittautumista ei tarvita.",
    kw=["asukastupa", "yksinäisyys", "kohtaamispaikka", "kielikahvila", "yhteisö"],
    ch=[L(("Asukastupa Varissuo", "Invånarstugan Vårdberget", "Varissuo community lounge"), ("Nisse Kavon katu", "Nisse Kavos gata", "Nisse Kavon katu"),
          "3", "20610", "853", "6706010", "245600", hours=[("Monday", "Friday", "10:00:00", "15:00:00")], exceptions=[XMAS])])

svc(key="turku-assisted-living", org="varha", area=["853"], cls=["P4.1", "P4.2"], tg=["KR1.1"],
    meters=["housing", "health", "life_satisfaction"], le=[], ke=["KE9"],
    charge="Chargeable", charge_info="Vuokra ja palvelumaksut määräytyvät asunnon ja tulojen mukaan.",
    name=("Ikäihmisten yhteisöllinen ja ympärivuorokautinen asuminen", "Gemenskapsboende och boende dygnet runt för äldre",
          "Communal and 24-hour assisted living for older people"),
    summary=("Turvallista asumista ikäihmisille, jotka eivät enää pärjää kotona kotihoidon turvin.",
             "Tryggt boende för äldre som inte längre klarar sig hemma med hemvårdens hjälp.",
             "Safe housing for older people who can no longer manage at home with home care."),
    desc=("Yhteisöllisessä asumisessa asukas asuu omassa asunnossaan ja saa tarvitsemansa palvelut talosta. Ympärivuorokautisessa palveluasumisessa hoitajat ovat paikalla koko ajan. Asumispaikka haetaan palvelutarpeen arvioinnin kautta.",
          "Vid gemenskapsboende bor invånaren i sin egen bostad och får de tjänster hen behöver i huset. Vid serviceboende dygnet runt finns vårdare på plats hela tiden. Boendeplats söks via en bedömning av servicebehovet.",
          "In communal housing, residents live in their own apartment and receive the services they need in the building. In 24-hour assisted living, carers are present at all times. A place is applied for through a service needs assessment."),
    instr="Ota yhteyttä ikäihmisten palveluohjaukseen. Palveluohjaaja arvioi tilanteen ja auttaa hakemuksen tekemisessä.",
    kw=["palveluasuminen", "vanhainkoti", "ikäihmiset", "hoivakoti"],
    ch=[P("22628000"),
        L(("Palvelukeskus Runosmäki", "Servicecentret Runosbacken", "Runosmäki service centre"), ("Luolavuorentie", "Luolavuorentie", "Luolavuorentie"),
          "2", "20810", "853", "6707320", "236420", hours=[("Monday", "Sunday", "00:00:00", "23:59:00")])])

svc(key="turku-shelter", org="varha", area=["853"], cls=["P3.6", "P19.3"], tg=["KR1", "KR1.2"],
    meters=["resilience", "family", "housing"], le=[], ke=[],
    name=("Turvakoti ja lähisuhdeväkivaltatyö", "Skyddshem och arbete mot våld i nära relationer",
          "Shelter and support for domestic violence"),
    summary=("Turvakoti tarjoaa suojaa ja kriisiapua lähisuhdeväkivaltaa kokeneille ympäri vuorokauden.",
             "Skyddshemmet erbjuder skydd och krishjälp dygnet runt för personer som utsatts för våld i nära relationer.",
             "The shelter offers protection and crisis help around the clock to people who have experienced domestic violence."),
    desc=("Turvakotiin voi tulla yksin tai lasten kanssa ilman lähetettä. Työntekijät auttavat tekemään turvasuunnitelman, hoitamaan asumisen ja viranomaisasiat sekä käsittelemään tapahtunutta. Avopalveluna tarjotaan keskusteluapua myös väkivaltaa käyttäneille.",
          "Man kan komma till skyddshemmet ensam eller med barn utan remiss. Personalen hjälper till att göra en säkerhetsplan, ordna boende och myndighetsärenden och bearbeta det som hänt. Som öppenvård erbjuds samtalsstöd även för dem som har utövat våld.",
          "You can come to the shelter alone or with your children without a referral. Staff help you make a safety plan, sort out housing and official matters, and process what has happened. Outpatient counselling is also offered to those who have used violence."),
    instr="Soita turvakotiin milloin tahansa. Akuutissa vaaratilanteessa soita 112.",
    kw=["turvakoti", "lähisuhdeväkivalta", "perheväkivalta", "kriisiapu"],
    ch=[P("22629000", always=True, free=True, names=("Turvakodin päivystys 24/7", "Skyddshemmets jour 24/7", "Shelter on-call line 24/7"))])

svc(key="turku-adult-education-centre", org="turku", area=["853"], cls=["P25.7"], tg=["KR1"],
    meters=["improvement_of_strengths", "self_esteem", "friends"], le=[], ke=[],
    charge="Chargeable", charge_info="Kurssimaksut 20–110 euroa.",
    name=("Turun kansalaisopisto", "Åbo medborgarinstitut", "Turku adult education centre"),
    summary=("Kursseja kielistä, taiteesta, musiikista ja liikunnasta suomeksi ja ruotsiksi.",
             "Kurser i språk, konst, musik och motion på finska och svenska.",
             "Courses in languages, art, music and exercise in Finnish and Swedish."),
    desc=("Kansalaisopiston kursseilla kehität taitojasi ja saat onnistumisen kokemuksia mukavassa ryhmässä. Tarjolla on myös lyhytkursseja ja viikonloppuleirejä. Osa kursseista on suunnattu erityisesti senioreille ja maahan muuttaneille.",
          "På medborgarinstitutets kurser utvecklar du dina färdigheter och får lyckade upplevelser i en trevlig grupp. Det finns också korta kurser och helgläger. En del kurser riktar sig särskilt till seniorer och inflyttade.",
          "On the adult education centre's courses you develop your skills and experience success in a friendly group. Short courses and weekend camps are also available. Some courses are aimed especially at seniors and immigrants."),
    instr="Ilmoittaudu verkossa tai puhelimitse. Maksu laskutetaan kurssin alettua.",
    kw=["kansalaisopisto", "kurssi", "harrastus", "kielet", "taide"],
    ch=[E("kansalaisopisto/kurssit")])

svc(key="turku-business-services", org="turku", area=["853"], cls=["P11.1", "P12.1"], tg=["KR2", "KR2.8"],
    meters=["working_studying"], le=["job_seeker"], ke=["KE6"],
    name=("Yritysneuvonta Turussa", "Företagsrådgivning i Åbo", "Business advice in Turku"),
    summary=("Tukea yrityksen perustamiseen ja kehittämiseen Turussa.",
             "Stöd för att grunda och utveckla företag i Åbo.",
             "Support for starting and developing a business in Turku."),
    desc=("Yritysneuvojat auttavat liiketoimintasuunnitelman laatimisessa, rahoituksen hakemisessa ja toimitilojen etsimisessä. Neuvontaa annetaan suomeksi, ruotsiksi ja englanniksi. Lisäksi järjestetään maksuttomia yrittäjäkoulutuksia.",
          "Företagsrådgivarna hjälper till med affärsplan, finansieringsansökan och att hitta lokaler. Rådgivningen ges på finska, svenska och engelska. Därtill ordnas avgiftsfria företagarutbildningar.",
          "Business advisers help with business plans, funding applications and finding premises. Advice is given in Finnish, Swedish and English. Free entrepreneurship training is also arranged."),
    instr="Varaa aika verkossa. Voit tulla tapaamiseen myös pelkän idean kanssa.",
    kw=["yritysneuvonta", "yrittäjyys", "rahoitus", "toimitilat"],
    ch=[E("yritysneuvonta/ajanvaraus")])


# ==========================================================================
# MIKKELI (491)
# ==========================================================================

svc(key="mikkeli-outreach-youth", org="mikkeli", area=["491"], cls=["P28.4"], tg=["KR1.3"],
    meters=["resilience", "working_studying", "self_esteem"], le=["dropout_risk"], ke=[],
    name=("Etsivä nuorisotyö Mikkelissä", "Uppsökande ungdomsarbete i S:t Michel", "Outreach youth work in Mikkeli"),
    summary=("Etsivät nuorisotyöntekijät tukevat mikkeliläisiä nuoria löytämään paikkansa opinnoissa ja työelämässä.",
             "Uppsökande ungdomsarbetare stöder unga i S:t Michel att hitta sin plats i studier och arbetsliv.",
             "Outreach youth workers help young people in Mikkeli find their place in studies and working life."),
    desc=("Työntekijät tapaavat nuoria kasvokkain, puhelimessa ja somessa. He auttavat esimerkiksi opiskelupaikan hakemisessa, etuusasioissa ja ajanvarauksissa. Tukea saa myös maaseudulla, sillä työntekijät liikkuvat koko kunnan alueella.",
          "Arbetstagarna träffar unga ansikte mot ansikte, per telefon och i sociala medier. De hjälper till exempel med att söka studieplats, förmånsärenden och tidsbokningar. Stöd ges även på landsbygden, eftersom arbetstagarna rör sig i hela kommunen.",
          "The workers meet young people face to face, by phone and on social media. They help, for example, with applying for a study place, benefit matters and booking appointments. Support is also available in rural areas, as the workers travel throughout the municipality."),
    instr="Soita tai lähetä viesti. Tapaaminen sovitaan nuorelle sopivaan paikkaan.",
    kw=["etsivä nuorisotyö", "nuoret", "maaseutu", "koulupudokas"],
    ch=[P("151940100", hours=[("Monday", "Friday", "09:00:00", "16:00:00")])])

svc(key="mikkeli-rehab-work", org="esavo", area=["491"], cls=["P4.8", "P28.3"], tg=["KR1"],
    meters=["working_studying", "self_esteem", "resilience"], le=["job_seeker", "dropout_risk"], ke=["KE5"],
    name=("Kuntouttava työtoiminta ja työpaja Mikkelissä", "Arbetsverksamhet i rehabiliteringssyfte och verkstad i S:t Michel",
          "Rehabilitative work activities and workshop in Mikkeli"),
    summary=("Työtoimintaa pitkään työttömänä olleille arjen rytmin, työkyvyn ja itseluottamuksen vahvistamiseksi.",
             "Arbetsverksamhet för långtidsarbetslösa för att stärka vardagsrytm, arbetsförmåga och självförtroende.",
             "Work activities for the long-term unemployed to strengthen daily routines, work ability and self-confidence."),
    desc=("Työtoimintaa tehdään 1–4 päivänä viikossa esimerkiksi kierrätyskeskuksessa, puutyöpajalla tai keittiössä. Ohjaaja tukee ja auttaa suunnittelemaan seuraavia askelia kohti koulutusta tai työtä. Osallistujalle maksetaan kulukorvaus.",
          "Arbetsverksamheten sker 1–4 dagar i veckan till exempel på ett återvinningscenter, i en träverkstad eller i ett kök. Handledaren stöder och hjälper till att planera nästa steg mot utbildning eller arbete. Deltagaren får kostnadsersättning.",
          "Activities take place 1 to 4 days a week, for example at a recycling centre, a woodwork shop or a kitchen. An instructor supports you and helps plan the next steps towards training or work. Participants receive an expense allowance."),
    instr="Keskustele työtoiminnasta sosiaaliohjaajan tai työllisyyspalvelujen kanssa. Työtoiminnasta tehdään yhteinen suunnitelma.",
    kw=["kuntouttava työtoiminta", "työpaja", "pitkäaikaistyöttömyys", "työkyky"],
    ch=[L(("Työpaja Mikkeli", "Verkstaden S:t Michel", "Mikkeli workshop"), ("Raviradantie", "Raviradantie", "Raviradantie"), "18", "50100", "491",
          "6838620", "515140", hours=PER_DAY, exceptions=[MIDSUMMER])])

svc(key="mikkeli-student-housing", org="kotipesa", area=["491"], cls=["P1.1"], tg=["KR1.3", "KR1"],
    meters=["housing"], le=["student_moving"], ke=["KE7"],
    name=("Opiskelija-asunnot Mikkelissä", "Studentbostäder i S:t Michel", "Student housing in Mikkeli"),
    summary=("Edullisia opiskelija-asuntoja kampuksen vieressä – usein ilman jonoa.",
             "Förmånliga studentbostäder intill campus – ofta utan kö.",
             "Affordable student apartments next to the campus – often with no waiting list."),
    desc=("Mikkelin opiskelija-asuntoihin pääsee yleensä nopeasti, myös kesken lukukauden. Asuntoja on kalustettuina ja kalustamattomina, ja vuokraan sisältyy sähkö ja laajakaista. Lähellä on kampus, kauppa ja luontopolut.",
          "Man får vanligtvis snabbt en studentbostad i S:t Michel, även mitt under terminen. Det finns möblerade och omöblerade bostäder, och i hyran ingår el och bredband. I närheten finns campus, butik och naturstigar.",
          "Student housing in Mikkeli is usually available quickly, even in the middle of term. Apartments are available furnished or unfurnished, and rent includes electricity and broadband. The campus, a shop and nature trails are nearby."),
    instr="Hae asuntoa verkossa. Avaimet voi noutaa asukaspalvelusta tai avainautomaatista.",
    kw=["opiskelija-asunto", "Mikkeli", "kampus", "opiskelijan muutto"],
    ch=[E("mikkeli/haku")])

svc(key="mikkeli-health-station", org="esavo", area=["491"], cls=["P5.1"], tg=["KR1"],
    meters=["health"], le=[], ke=[],
    name=("Mikkelin terveysasema", "Hälsostationen i S:t Michel", "Mikkeli health station"),
    summary=("Lääkärin ja hoitajan vastaanotot, laboratorio ja pitkäaikaissairauksien seuranta.",
             "Läkar- och skötarmottagningar, laboratorium och uppföljning av långvariga sjukdomar.",
             "Doctor and nurse appointments, laboratory services and follow-up of chronic illnesses."),
    desc=("Terveysasemalla hoidetaan äkillisiä sairauksia, pitkäaikaissairauksia ja tehdään terveystarkastuksia. Ajan voi varata puhelimitse tai verkossa, ja moni asia hoituu etävastaanotolla. Diabeetikoille ja sydänpotilaille on oma hoitajatiimi.",
          "På hälsostationen behandlas akuta och långvariga sjukdomar och görs hälsokontroller. Tid kan bokas per telefon eller på nätet, och många ärenden sköts på distansmottagning. Diabetiker och hjärtpatienter har ett eget skötarteam.",
          "The health station treats acute and chronic illnesses and carries out health check-ups. Appointments can be booked by phone or online, and many matters can be handled remotely. Diabetes and heart patients have their own nursing team."),
    instr="Soita ajanvaraukseen arkisin klo 8–15 tai käytä sähköistä ajanvarausta.",
    kw=["terveysasema", "lääkäri", "laboratorio", "pitkäaikaissairaus"],
    ch=[P("151950000", hours=[("Monday", "Friday", "08:00:00", "15:00:00")]),
        L(("Mikkelin terveysasema", "Hälsostationen i S:t Michel", "Mikkeli health station"), ("Porrassalmenkatu", "Porrassalmenkatu", "Porrassalmenkatu"),
          "35", "50100", "491", "6838150", "513720", exceptions=[XMAS])])

svc(key="mikkeli-home-care", org="esavo", area=["491"], cls=["P4.3"], tg=["KR1.1"],
    meters=["health", "life_satisfaction"], le=[], ke=["KE9"],
    charge="Chargeable", charge_info="Maksu määräytyy palvelun määrän ja bruttotulojen mukaan.",
    name=("Kotihoito ja tukipalvelut ikäihmisille Mikkelissä", "Hemvård och stödtjänster för äldre i S:t Michel",
          "Home care and support services for older people in Mikkeli"),
    summary=("Kotihoito, ateriapalvelu ja siivousapu kotona asumisen tueksi.",
             "Hemvård, måltidsservice och städhjälp som stöd för boende hemma.",
             "Home care, meal delivery and cleaning help to support living at home."),
    desc=("Kotihoito auttaa päivittäisissä toimissa, lääkehoidossa ja voinnin seurannassa. Tukipalveluina voi saada ateriapalvelun, kauppapalvelun ja turvapuhelimen. Palvelut räätälöidään asiakkaan tarpeiden ja toiveiden mukaan.",
          "Hemvården hjälper till med dagliga sysslor, läkemedelsbehandling och uppföljning av hälsan. Som stödtjänster kan man få måltidsservice, butiksservice och trygghetstelefon. Tjänsterna skräddarsys enligt klientens behov och önskemål.",
          "Home care helps with daily activities, medication and monitoring of your condition. Support services include meal delivery, shopping help and a safety phone. Services are tailored to the client's needs and wishes."),
    instr="Soita ikäihmisten neuvontaan. Myös omainen voi ottaa yhteyttä.",
    kw=["kotihoito", "ateriapalvelu", "ikäihmiset", "omainen"],
    ch=[P("151950500")])

svc(key="mikkeli-nature-trails", org="mikkeli", area=["491"], cls=["P27.2"], tg=["KR1"],
    meters=["life_satisfaction", "health", "improvement_of_strengths"], le=[], ke=[],
    name=("Luontopolut ja retkeilyreitit", "Naturstigar och vandringsleder", "Nature trails and hiking routes"),
    summary=("Merkittyjä luontopolkuja, laavuja ja melontareittejä Saimaan rannoilla.",
             "Märkta naturstigar, vindskydd och paddlingsleder vid Saimens stränder.",
             "Marked nature trails, lean-to shelters and canoe routes on the shores of Lake Saimaa."),
    desc=("Kaupunki ylläpitää kymmeniä kilometrejä retkeilyreittejä, joista osa on esteettömiä. Laavuilla on polttopuut ja kuivakäymälät. Luonnossa liikkuminen vähentää stressiä ja lisää hyvinvointia.",
          "Staden underhåller tiotals kilometer vandringsleder, varav en del är tillgängliga. Vid vindskydden finns ved och torrtoaletter. Att röra sig i naturen minskar stress och ökar välbefinnandet.",
          "The city maintains dozens of kilometres of hiking routes, some of them accessible. The shelters have firewood and dry toilets. Spending time in nature reduces stress and improves wellbeing."),
    instr="Katso reittikartat verkkosivulta ja lataa ne puhelimeen ennen retkeä.",
    kw=["luontopolku", "retkeily", "laavu", "melonta", "Saimaa"],
    ch=[W("ulkoilu/reitit")])

svc(key="mikkeli-family-counselling", org="esavo", area=["491"], cls=["P3.7", "P3.1"], tg=["KR1.2"],
    meters=["family", "resilience"], le=[], ke=[],
    name=("Kasvatus- ja perheneuvonta Mikkelissä", "Uppfostrings- och familjerådgivning i S:t Michel", "Family and parenting counselling in Mikkeli"),
    summary=("Tukea lapsen kasvatukseen, perheen kriiseihin ja eroon.",
             "Stöd för barnets fostran, familjens kriser och skilsmässa.",
             "Support with raising children, family crises and separation."),
    desc=("Perheneuvonnassa perheet saavat keskusteluapua ja tarvittaessa psykologisia tutkimuksia. Eron jälkeen voi osallistua vanhempien vertaisryhmään. Palvelu on maksutonta.",
          "Inom familjerådgivningen får familjer samtalsstöd och vid behov psykologiska undersökningar. Efter en skilsmässa kan man delta i en kamratgrupp för föräldrar. Tjänsten är avgiftsfri.",
          "Family counselling offers families someone to talk to and, if needed, psychological assessments. After a separation you can join a parents' peer group. The service is free."),
    instr="Varaa aika puhelimitse. Lähetettä ei tarvita.",
    kw=["perheneuvola", "ero", "kasvatus", "perhe"],
    ch=[P("151950900")])

svc(key="mikkeli-student-welcome", org="mikkeli", area=["491"], cls=["P4.13", "P16.5"], tg=["KR1.3", "KR1"],
    meters=["friends", "finance", "life_satisfaction"], le=["student_moving"], ke=["KE3"],
    name=("Opiskelijan tervetulopaketti Mikkelissä", "Välkomstpaket för studerande i S:t Michel", "Student welcome package in Mikkeli"),
    summary=("Uusille opiskelijoille maksuton kuukauden bussilippu, kirjastokortti ja kutsu kaupungin opiskelijailtaan.",
             "Nya studerande får en avgiftsfri månadsbiljett för buss, ett bibliotekskort och en inbjudan till stadens studentkväll.",
             "New students get a free one-month bus ticket, a library card and an invitation to the city's student evening."),
    desc=("Tervetulopaketin saa, kun muuttaa Mikkeliin opiskelemaan ja tekee muuttoilmoituksen. Paketissa on myös liikuntapalvelujen kokeilukortti ja opas kaupungin palveluihin. Opiskelijaillassa voi tutustua muihin uusiin opiskelijoihin ja järjestöihin.",
          "Välkomstpaketet får man när man flyttar till S:t Michel för att studera och gör flyttanmälan. Paketet innehåller också ett provkort för motionstjänster och en guide till stadens tjänster. På studentkvällen kan man lära känna andra nya studerande och föreningar.",
          "You receive the welcome package when you move to Mikkeli to study and register your change of address. It also includes a trial card for sports services and a guide to city services. At the student evening you can meet other new students and associations."),
    instr="Täytä lomake verkossa ja nouda paketti kaupungin palvelupisteestä.",
    kw=["opiskelija", "muutto", "bussilippu", "tervetuloa", "uusi kaupunki"],
    req="Kotikunta Mikkeli ja opiskelupaikka mikkeliläisessä oppilaitoksessa.",
    ch=[E("opiskelijat/tervetuloa"),
        L(("Mikkelin kaupungin palvelupiste", "S:t Michels stads servicepunkt", "City of Mikkeli service point"),
          ("Maaherrankatu", "Maaherrankatu", "Maaherrankatu"), "9", "50100", "491", "6837880", "513510", hours=OFFICE)])


# ==========================================================================
# BUILDERS
# ==========================================================================

DEFAULT_CHANNEL_NAMES = {
    "EChannel": ("{} – verkkoasiointi", "{} – e-tjänst", "{} – online service"),
    "WebPage": ("{} – verkkosivu", "{} – webbsida", "{} – web page"),
    "Phone": ("{} – puhelinpalvelu", "{} – telefontjänst", "{} – telephone service"),
}
CHANNEL_SUMMARIES = {
    "EChannel": ("Asioi verkossa: {}.", "Uträtta ärenden på nätet: {}.", "Online service: {}."),
    "WebPage": ("Lisätietoa verkossa: {}.", "Mer information på nätet: {}.", "More information online: {}."),
    "Phone": ("Puhelinpalvelu: {}.", "Telefontjänst: {}.", "Telephone service: {}."),
    "ServiceLocation": ("Palvelupiste: {}.", "Servicepunkt: {}.", "Service location: {}."),
}
CHANNEL_DESCRIPTIONS = {
    "EChannel": ("Verkkopalvelussa voit hoitaa asiasi ajasta ja paikasta riippumatta. Tunnistautuminen tehdään tarvittaessa pankkitunnuksilla tai mobiilivarmenteella.",
                 "I e-tjänsten kan du sköta ditt ärende oberoende av tid och plats. Vid behov identifierar du dig med bankkoder eller mobilcertifikat.",
                 "The online service lets you handle your matter any time and anywhere. If identification is needed, use online banking codes or a mobile certificate."),
    "WebPage": ("Verkkosivulla on ajantasaiset tiedot palvelusta, hakemisesta ja yhteystiedoista.",
                "På webbsidan finns aktuell information om tjänsten, hur man ansöker och kontaktuppgifter.",
                "The web page has up-to-date information about the service, how to apply and contact details."),
    "Phone": ("Puhelimessa saat neuvontaa ja voit hoitaa asiasi ilman käyntiä. Ruuhka-aikoina voit jättää takaisinsoittopyynnön.",
              "Per telefon får du rådgivning och kan sköta ditt ärende utan besök. Under rusningstid kan du be om att bli uppringd.",
              "By phone you get advice and can handle your matter without a visit. At busy times you can request a call-back."),
    "ServiceLocation": ("Toimipisteessä asioidaan aukioloaikoina. Sisäänkäynti on esteetön, ja lähellä on joukkoliikenteen pysäkki.",
                        "Verksamhetsstället betjänar under öppettiderna. Ingången är tillgänglig och det finns en hållplats för kollektivtrafik i närheten.",
                        "The location serves customers during opening hours. The entrance is accessible and there is a public transport stop nearby."),
}
CHARGE_DESC = "Puhelun hinta määräytyy liittymäsopimuksen mukaan (paikallisverkko- tai matkapuhelinmaksu)."


def municipality_ref(code):
    return {"code": code, "name": lv(MUNICIPALITIES[code])}


def area_block(codes):
    if not codes:
        return "Nationwide", []
    return "LimitedType", [{"type": "Municipality", "code": None, "name": None,
                            "municipalities": [municipality_ref(c) for c in codes]}]


def service_hours(hours=None, always=False, exceptions=()):
    out = []
    if always:
        out.append({"serviceHourType": "DaysOfTheWeek", "validFrom": None, "validTo": None,
                    "isClosed": False, "validForNow": True, "isAlwaysOpen": True,
                    "isReservation": False,
                    "additionalInformation": [{"value": "Avoinna ympäri vuorokauden.", "language": "fi"},
                                              {"value": "Öppet dygnet runt.", "language": "sv"},
                                              {"value": "Open 24 hours a day.", "language": "en"}],
                    "openingHour": []})
    elif hours:
        out.append({"serviceHourType": "DaysOfTheWeek", "validFrom": None, "validTo": None,
                    "isClosed": False, "validForNow": True, "isAlwaysOpen": False,
                    "isReservation": False,
                    "additionalInformation": [{"value": None, "language": "fi"}],
                    "openingHour": [{"dayFrom": d1, "dayTo": d2, "from": f, "to": t}
                                    for d1, d2, f, t in hours]})
    for vfrom, vto, info in exceptions:
        out.append({"serviceHourType": "Exception", "validFrom": vfrom, "validTo": vto,
                    "isClosed": True, "validForNow": False, "isAlwaysOpen": False,
                    "isReservation": False,
                    "additionalInformation": [{"value": v, "language": lang}
                                              for lang, v in zip(LANGS, info)],
                    "openingHour": []})
    return out


def channel_record(cid, kind, org, names, summary, desc, *, langs, area_codes,
                   url=None, number=None, free=False, hours=None, always=False,
                   exceptions=(), muni=None, street=None, no=None, postal=None,
                   lat=None, lon=None, email=None, stamp_key=""):
    area_type, areas = area_block(area_codes)
    rec = {
        "id": cid, "sourceId": None, "oid": None, "serviceChannelType": kind,
        "organizationId": uid("org:" + org),
        "serviceChannelNames": [{"language": lang, "value": v, "type": "Name"}
                                for lang, v in zip(LANGS, names) if lang in langs],
        "displayNameType": [{"type": "Name", "language": lang} for lang in langs],
        "serviceChannelDescriptions": (
            [{"language": lang, "value": v, "type": "Summary"} for lang, v in zip(LANGS, summary) if lang in langs]
            + [{"language": lang, "value": v, "type": "Description"} for lang, v in zip(LANGS, desc) if lang in langs]),
        "areaType": area_type, "areas": areas,
        "phoneNumbers": [], "emails": [], "languages": list(langs), "webPages": [],
        "addresses": [], "serviceHours": [], "services": [],
        "publishingStatus": "Published", "modified": stamp("ch:" + stamp_key),
        "responsibleSoteOrganization": None, "ontologyTerms": [],
    }
    if kind in ("EChannel", "WebPage"):
        rec["webPages"] = [{"url": url, "value": names[0], "language": "fi"}]
        if kind == "EChannel":
            rec["webPages"] += [{"url": url, "value": names[1], "language": "sv"},
                                {"url": url, "value": names[2], "language": "en"}]
    if kind == "Phone":
        rec["phoneNumbers"] = [{
            "type": "Phone", "additionalInformation": names[0],
            "serviceChargeType": "FreeOfCharge" if free else "Chargeable",
            "chargeDescription": None if free else CHARGE_DESC,
            "prefixNumber": "+358", "isFinnishServiceNumber": False,
            "number": number, "language": "fi"}]
    if kind == "ServiceLocation":
        rec["addresses"] = [{
            "type": "Location", "subType": "Single", "postOfficeBoxAddress": None,
            "streetAddress": {
                "street": [{"value": v, "language": lang} for lang, v in zip(LANGS, street)],
                "streetNumber": no, "postalCode": postal,
                "postOffice": [{"value": POST_OFFICE[muni], "language": "fi"},
                               {"value": POST_OFFICE_SV[muni], "language": "sv"},
                               {"value": POST_OFFICE[muni], "language": "en"}],
                "municipality": municipality_ref(muni),
                "additionalInformation": [],
                "latitude": lat, "longitude": lon, "coordinateState": "EnteredByUser"},
            "otherAddress": None, "locationAbroad": None, "entrances": [], "country": "FI"}]
    if email:
        rec["emails"] = [{"value": email, "language": "fi"}]
    if kind in ("Phone", "ServiceLocation") or always or hours:
        rec["serviceHours"] = service_hours(hours, always, exceptions)
    return rec


def build():
    channels: dict[str, dict] = {}
    services = []
    labels = []
    life_events = {k: {"name": v, "service_ids": []} for k, v in DEMO_LIFE_EVENTS.items()}

    def shared(key):
        cid = uid("shared:" + key)
        if cid not in channels:
            sp = SHARED_CHANNELS[key]
            kind = sp["kind"]
            muni = sp.get("muni")
            channels[cid] = channel_record(
                cid, kind, sp["org"], sp["names"], sp["summary"], sp["desc"],
                langs=list(LANGS), area_codes=[muni] if muni else None,
                url=sp.get("url"), number=sp.get("number"), free=sp.get("free", False),
                hours=sp.get("hours"), exceptions=sp.get("exceptions", ()), muni=muni,
                street=sp.get("street"), no=sp.get("no"), postal=sp.get("postal"),
                lat=sp.get("lat"), lon=sp.get("lon"),
                email=mail(sp["org"], "asiakaspalvelu") if kind in ("Phone", "ServiceLocation") else None,
                stamp_key=key)
        return cid

    for s in SERVICES:
        sid = uid("service:" + s["key"])
        org = s["org"]
        names = s["name"]
        langs = list(LANGS)
        links = []
        for i, ch in enumerate(s["ch"]):
            if ch.kind == "shared":
                cid = shared(ch.kw["key"])
            else:
                kw = ch.kw
                corg = kw.get("org_override", org)
                cid = uid(f"channel:{s['key']}:{i}")
                if ch.kind == "ServiceLocation":
                    cnames = kw["place"]
                    summ = tuple(t.format(n) for t, n in zip(CHANNEL_SUMMARIES["ServiceLocation"], names))
                    channels[cid] = channel_record(
                        cid, "ServiceLocation", corg, cnames, summ, CHANNEL_DESCRIPTIONS["ServiceLocation"],
                        langs=langs, area_codes=[kw["muni"]], hours=kw["hours"],
                        exceptions=kw.get("exceptions", ()), muni=kw["muni"], street=kw["street"],
                        no=kw["no"], postal=kw["postal"], lat=kw["lat"], lon=kw["lon"],
                        email=mail(corg, "neuvonta"), stamp_key=cid)
                else:
                    cnames = kw.get("names") or tuple(t.format(n) for t, n in zip(DEFAULT_CHANNEL_NAMES[ch.kind], names))
                    summ = tuple(t.format(n) for t, n in zip(CHANNEL_SUMMARIES[ch.kind], names))
                    channels[cid] = channel_record(
                        cid, ch.kind, corg, cnames, summ, CHANNEL_DESCRIPTIONS[ch.kind],
                        langs=langs, area_codes=s["area"],
                        url=web(corg, kw["path"]) if ch.kind in ("EChannel", "WebPage") else None,
                        number=kw.get("number"), free=kw.get("free", False),
                        hours=kw.get("hours") if ch.kind != "WebPage" else None,
                        always=kw.get("always", False),
                        email=mail(corg, "neuvonta") if ch.kind == "Phone" else None,
                        stamp_key=cid)
            mod = stamp("link:" + sid + cid)
            cname = channels[cid]["serviceChannelNames"][0]["value"]
            links.append({"serviceChannel": {"id": cid, "name": cname}, "serviceChargeType": None,
                          "description": [], "extraTypes": [], "serviceHours": [],
                          "contactDetails": None, "digitalAuthorizations": [], "modified": mod})
            channels[cid]["services"].append(
                {"service": {"id": sid, "name": names[0]}, "serviceChargeType": None,
                 "description": [], "extraTypes": [], "serviceHours": [],
                 "contactDetails": None, "digitalAuthorizations": [], "modified": mod})

        # service classes (+ parents)
        codes = []
        for c in s["cls"]:
            parent = c.split(".")[0]
            for cc in (c, parent):
                if cc not in codes:
                    codes.append(cc)
        classes = []
        for c in codes:
            parent = c.split(".")[0] if "." in c else None
            classes.append({
                "name": lv(SERVICE_CLASSES[c]), "description": [], "code": c,
                "ontologyType": "ptvserclass2",
                "uri": f"http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/{c}",
                "parentId": uid("class:" + parent) if parent else None,
                "parentUri": f"http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/{parent}" if parent else None,
                "newUri": f"http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/{c}",
                "newParentUri": f"http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/{parent}" if parent else None,
            })
        tgs = []
        for t in s["tg"]:
            for tt in (t, t.split(".")[0]):
                if tt not in tgs:
                    tgs.append(tt)
        target_groups = []
        for t in tgs:
            parent = t.split(".")[0] if "." in t else None
            target_groups.append({
                "name": lv(TARGET_GROUPS[t]), "code": t, "ontologyType": "ptvkohderyhmat",
                "uri": f"http://uri.suomi.fi/codelist/ptv/ptvkohderyhmat/code/{t}",
                "parentId": uid("tg:" + parent) if parent else None,
                "parentUri": f"http://uri.suomi.fi/codelist/ptv/ptvkohderyhmat/code/{parent}" if parent else None,
                "newUri": f"http://uri.suomi.fi/codelist/ptv/ptvkohderyhmat/code/{t}",
                "newParentUri": f"http://uri.suomi.fi/codelist/ptv/ptvkohderyhmat/code/{parent}" if parent else None,
            })
        life = [{"name": lv(LIFE_EVENT_TERMS[k]), "code": k, "ontologyType": "ptvlife",
                 "uri": f"http://uri.suomi.fi/codelist/ptv/ptvlife/code/{k}", "parentId": None,
                 "parentUri": None, "newUri": f"http://uri.suomi.fi/codelist/ptv/ptvlife/code/{k}",
                 "newParentUri": None} for k in s.get("ke", [])]

        sn = [{"language": lang, "value": v, "type": "Name"} for lang, v in zip(LANGS, names)]
        if s.get("alt"):
            sn.append({"language": "fi", "value": s["alt"], "type": "AlternativeName"})
        descs = []
        for lang, summ, desc in zip(LANGS, s["summary"], s["desc"]):
            descs.append({"language": lang, "value": summ, "type": "Summary"})
            descs.append({"language": lang, "value": desc, "type": "Description"})
            if lang == "fi":
                descs.append({"language": "fi", "value": s["instr"], "type": "UserInstruction"})
                descs.append({"language": "fi", "value": s.get("charge_info"), "type": "ChargeTypeAdditionalInfo"})
                descs.append({"language": "fi", "value": None, "type": "ValidityTime"})
                descs.append({"language": "fi", "value": None, "type": "ProcessingTime"})
                descs.append({"language": "fi", "value": None, "type": "DeadLine"})
        area_type, areas = area_block(s["area"])
        org_ref = {"id": uid("org:" + org), "name": ORGS[org][0]}
        services.append({
            "id": sid, "sourceId": None, "generalDescriptionId": None, "subType": None,
            "type": "Service", "fundingType": s.get("funding", "PubliclyFunded"),
            "serviceNames": sn, "serviceChargeType": s.get("charge", "FreeOfCharge"),
            "areaType": area_type, "areas": areas, "serviceDescriptions": descs,
            "languages": langs, "serviceClasses": classes, "ontologyTerms": [],
            "targetGroups": target_groups, "lifeEvents": life, "industrialClasses": [],
            "legislation": [],
            "keywords": [{"value": k, "language": "fi"} for k in s.get("kw", [])],
            "requirements": [{"value": s["req"], "language": "fi"}] if s.get("req") else [],
            "serviceChannels": links,
            "organizations": [
                {"organization": org_ref, "roleType": "Responsible", "provisionType": None,
                 "additionalInformation": []},
                {"organization": org_ref, "roleType": "Producer",
                 "provisionType": "SelfProducedServices", "additionalInformation": []}],
            "serviceVouchersInUse": False, "serviceVouchers": [], "serviceCollections": [],
            "publishingStatus": "Published", "modified": stamp("service:" + s["key"]),
            "responsibleSoteOrganization": None,
        })
        labels.append({"service_id": sid, "meters": [m for m in METERS if m in s["meters"]],
                       "excluded": False})
        for le in s.get("le", []):
            life_events[le]["service_ids"].append(sid)

    used_orgs = sorted({s["org"] for s in SERVICES} | {sp["org"] for sp in SHARED_CHANNELS.values()},
                       key=lambda k: ORGS[k][0])
    organizations = [{
        "id": uid("org:" + k),
        "organizationNames": [{"language": lang, "value": v, "type": "Name"}
                              for lang, v in zip(LANGS, ORGS[k][:3])],
        "publishingStatus": "Published"} for k in used_orgs]
    return {"services": services, "channels": list(channels.values()),
            "organizations": organizations}, labels, life_events


# ==========================================================================
# REFERENCE CODE LISTS (same file formats as the koodistot.suomi.fi exports)
# ==========================================================================

API = "https://koodistot.suomi.fi/codelist-api/api/v1/coderegistries"
CREATED = "2023-01-02T10:00:00.000Z"


def _code(registry, scheme, value, order, label, level=1, extra=None):
    d = {
        "id": uid(f"code:{scheme}:{value}"), "codeValue": value,
        "uri": f"http://uri.suomi.fi/codelist/{registry}/{scheme}/code/{value}",
        "url": f"{API}/{registry}/codeschemes/{scheme}/codes/{value}",
        "status": "VALID", "order": order, "hierarchyLevel": level,
        "created": CREATED, "modified": CREATED,
        "prefLabel": {"en": label[2], "fi": label[0], "sv": label[1]},
    }
    if extra:
        d.update(extra)
    d["membersUrl"] = f"{API}/{registry}/codeschemes/{scheme}/codes/{value}/members/"
    return d


def _meta_code(registry, scheme, value, label, order, **extra):
    return _code(registry, scheme, value, order, label, extra=extra or None)


INFO_DOMAIN = _code("jupo", "serviceclassification", "P9", 95,
                    ("Yleiset tieto- ja hallintopalvelut", "Allmänna informations- och förvaltningstjänster",
                     "General information and administration services"),
                    extra={"description": {"fi": "Demoaineiston oma lyhyt kuvaus."}})
LANGUAGE_CODES = [_code("interoperabilityplatform", "languagecodes", c, i + 1, lab)
                  for i, (c, lab) in enumerate([("fi", ("suomi", "finska", "Finnish")),
                                                ("sv", ("ruotsi", "svenska", "Swedish")),
                                                ("en", ("englanti", "engelska", "English"))])]
ORG_STATS = {"id": uid("refrorg:stats"), "url": "https://www.demo-aurora.fi/tilastot",
             "prefLabel": {"en": "Demo statistics authority", "fi": "Demon tilastoviranomainen",
                           "sv": "Demons statistikmyndighet"},
             "description": {"en": "", "fi": "", "sv": ""}, "removed": False}


def _scheme(registry, scheme, codes, label, *, keys, description, start="2023-01-01"):
    """Code scheme wrapper; `keys` lists the top-level keys of the real export."""
    full = {
        "id": uid("scheme:" + scheme), "codeValue": scheme,
        "uri": f"http://uri.suomi.fi/codelist/{registry}/{scheme}",
        "url": f"{API}/{registry}/codeschemes/{scheme}",
        "codesUrl": f"{API}/{registry}/codeschemes/{scheme}/codes/",
        "extensionsUrl": f"{API}/{registry}/codeschemes/{scheme}/extensions/",
        "codes": codes,
        "prefLabel": {"en": label[2], "fi": label[0], "sv": label[1]},
        "definition": {"en": description[2], "fi": description[0], "sv": description[1]},
        "description": {"en": description[2], "fi": description[0], "sv": description[1]},
        "changeNote": {"en": "Demo subset, no changes.", "fi": "Demon osajoukko, ei muutoksia.",
                       "sv": "Demoutdrag, inga ändringar."},
        "startDate": start, "endDate": "2023-12-31",
        "created": CREATED, "modified": CREATED, "contentModified": CREATED,
        "statusModified": CREATED, "status": "VALID", "version": "1",
        "governancePolicy": "Demo", "source": "https://www.demo-aurora.fi/koodistot",
        "infoDomains": [INFO_DOMAIN], "languageCodes": LANGUAGE_CODES,
        "externalReferences": [{
            "id": uid("extref:" + scheme), "url": f"{API}/externalreferences/{uid('extref:' + scheme)}",
            "created": CREATED, "modified": CREATED, "href": "https://creativecommons.org/licenses/by/4.0/",
            "global": True, "propertyType": {
                "id": uid("proptype:license"), "uri": "http://uri.suomi.fi/datamodel/ns/iow#license",
                "url": "https://koodistot.suomi.fi/codelist-api/api/v1/propertytypes/license",
                "context": "ExternalReference", "created": CREATED, "modified": CREATED,
                "prefLabel": {"en": "Licence", "fi": "Lisenssi", "sv": "Licens"},
                "definition": {"en": "Licence of the code list.", "fi": "Koodiston lisenssi.",
                               "sv": "Kodlistans licens."}},
            "title": {"en": "CC BY 4.0", "fi": "CC BY 4.0", "sv": "CC BY 4.0"},
            "description": {"en": "Licence", "fi": "Lisenssi", "sv": "Licens"}}],
        "prevCodeschemeId": None, "lastCodeschemeId": uid("scheme:" + scheme),
        "allVersions": [{"id": uid("scheme:" + scheme), "prefLabel": {"en": label[2], "fi": label[0], "sv": label[1]},
                         "codeValue": scheme, "uri": f"http://uri.suomi.fi/codelist/{registry}/{scheme}",
                         "startDate": start, "endDate": "2023-12-31", "status": "VALID"}],
        "organizations": [ORG_STATS], "cumulative": False,
        "codeRegistry": {"id": uid("registry:" + registry), "codeValue": registry,
                         "uri": f"http://uri.suomi.fi/codelist/{registry}",
                         "url": f"{API}/{registry}", "prefLabel": {"en": registry.upper(), "fi": registry.upper(), "sv": registry.upper()},
                         "created": CREATED, "modified": CREATED,
                         "codeSchemesUrl": f"{API}/{registry}/codeschemes/"},
        "totalNrOfSearchHitsCodes": 0, "totalNrOfSearchHitsExtensions": 0,
    }
    return {k: full[k] for k in keys}


SCHEME_KEYS_JHS = ["id", "codeValue", "uri", "url", "codesUrl", "extensionsUrl", "codes", "prefLabel",
                   "definition", "description", "changeNote", "startDate", "endDate", "created",
                   "modified", "statusModified", "status", "version", "governancePolicy", "infoDomains",
                   "languageCodes", "externalReferences", "prevCodeschemeId", "lastCodeschemeId",
                   "allVersions", "organizations", "cumulative", "codeRegistry",
                   "totalNrOfSearchHitsCodes", "totalNrOfSearchHitsExtensions"]
SCHEME_KEYS_WELLBEING = ["id", "codeValue", "uri", "url", "codesUrl", "extensionsUrl", "codes", "prefLabel",
                         "description", "startDate", "created", "modified", "contentModified",
                         "statusModified", "status", "version", "source", "infoDomains", "languageCodes",
                         "externalReferences", "organizations", "cumulative", "codeRegistry",
                         "totalNrOfSearchHitsCodes", "totalNrOfSearchHitsExtensions"]
SCHEME_KEYS_TG = ["id", "codeValue", "uri", "url", "codesUrl", "extensionsUrl", "codes", "prefLabel",
                  "description", "created", "modified", "contentModified", "statusModified", "status",
                  "infoDomains", "languageCodes", "prevCodeschemeId", "lastCodeschemeId", "allVersions",
                  "organizations", "cumulative", "codeRegistry", "totalNrOfSearchHitsCodes",
                  "totalNrOfSearchHitsExtensions"]


def _results(codes):
    return {"meta": {"code": 200, "from": 0, "resultCount": len(codes), "totalResults": len(codes)},
            "results": codes}


def build_reference():
    REF.mkdir(exist_ok=True)
    out = {}
    # municipalities
    scheme = "kunta_1_20230101"
    codes = []
    for i, (code, lab) in enumerate(sorted(MUNICIPALITIES.items(), key=lambda kv: kv[1][0])):
        codes.append(_code("jhs", scheme, code, i + 1, lab, extra={
            "codeScheme": {"uri": f"http://uri.suomi.fi/codelist/jhs/{scheme}",
                           "url": f"{API}/jhs/codeschemes/{scheme}"}}))
    out["municipality_codes_2023.json"] = _results(codes)

    # service classes: parents then children, with broaderCode
    scheme = "ptvserclass2"
    used = set()
    for s in SERVICES:
        for c in s["cls"]:
            used.add(c)
            used.add(c.split(".")[0])

    def sort_key(c):
        parts = c[1:].split(".")
        return (int(parts[0]), int(parts[1]) if len(parts) > 1 else 0)

    cs = {"uri": f"http://uri.suomi.fi/codelist/ptv/{scheme}", "url": f"{API}/ptv/codeschemes/{scheme}"}
    by_code = {}
    codes = []
    for order, c in enumerate(sorted(used, key=sort_key), start=1):
        parent = c.split(".")[0] if "." in c else None
        top = SERVICE_CLASS_DESCRIPTIONS.get(c.split(".")[0])
        if parent:
            lab = SERVICE_CLASSES[c]
            desc = {"en": f"Demo subclass: {lab[2].lower()}.", "fi": f"Demon alaluokka: {lab[0].lower()}.",
                    "sv": f"Demons underklass: {lab[1].lower()}."}
        else:
            desc = {"en": top[2], "fi": top[0], "sv": top[1]}
        entry = _code("ptv", scheme, c, order, SERVICE_CLASSES[c], level=2 if parent else 1,
                      extra={"statusModified": CREATED, "description": desc})
        entry["id"] = uid("class:" + c)
        if parent:
            b = {k: v for k, v in by_code[parent].items() if k not in ("codeScheme",)}
            entry["broaderCode"] = b
        entry["codeScheme"] = cs
        entry["membersUrl"] = entry.pop("membersUrl")
        by_code[c] = entry
        codes.append(entry)
    out["service_classes_2023.json"] = _results(codes)

    # target groups
    scheme = "ptvkohderyhmat"
    tg_codes, tg_by = [], {}
    for order, t in enumerate(TARGET_GROUPS, start=1):
        parent = t.split(".")[0] if "." in t else None
        e = _code("ptv", scheme, t, order, TARGET_GROUPS[t], level=2 if parent else 1,
                  extra={"statusModified": CREATED, "shortName": TARGET_GROUPS[t][0],
                         "description": {"fi": f"Demon kohderyhmä: {TARGET_GROUPS[t][0].lower()}.",
                                         "sv": f"Demons målgrupp: {TARGET_GROUPS[t][1].lower()}."}})
        e["id"] = uid("tg:" + t)
        if parent:
            e["broaderCode"] = {k: v for k, v in tg_by[parent].items() if k != "broaderCode"}
        e["membersUrl"] = e.pop("membersUrl")
        tg_by[t] = e
        tg_codes.append(e)
    out["target_groups.json"] = _scheme(
        "ptv", scheme, tg_codes, ("Julkisten palvelujen kohderyhmät (demo)", "Målgrupper för offentliga tjänster (demo)",
                                  "Target groups of public services (demo)"),
        keys=SCHEME_KEYS_TG,
        description=("Demoaineiston kohderyhmäluokat.", "Demomaterialets målgrupper.", "Target groups used in the demo."))

    def simple(registry, scheme, table, label, keys, description, start="2023-01-01", extra_key=None):
        codes = []
        for order, (code, lab) in enumerate(sorted(table.items()), start=1):
            extra = {"startDate": start} if extra_key == "startDate" else (
                {"statusModified": CREATED} if extra_key == "statusModified" else None)
            e = _code("jhs", scheme, code, order, lab, extra=extra)
            e["membersUrl"] = e.pop("membersUrl")
            codes.append(e)
        return _scheme(registry, scheme, codes, label, keys=keys, description=description, start=start)

    out["region_codes.json"] = simple(
        "jhs", "maakunta_1_20230101", REGIONS, ("Maakunnat 2023 (demo)", "Landskapen 2023 (demo)", "Regions 2023 (demo)"),
        SCHEME_KEYS_JHS, ("Demoaineiston maakunnat.", "Demomaterialets landskap.", "Regions used in the demo."),
        extra_key="startDate")
    out["hospital_districts.json"] = simple(
        "jhs", "sairaanhoitop_1_20230101", HOSPITAL_DISTRICTS,
        ("Sairaanhoitopiirit (demo)", "Sjukvårdsdistrikten (demo)", "Hospital districts (demo)"),
        SCHEME_KEYS_JHS, ("Demoaineiston sairaanhoitopiirit.", "Demomaterialets sjukvårdsdistrikt.",
                          "Hospital districts used in the demo."), extra_key="startDate")
    out["wellbeing_service_counties.json"] = simple(
        "jhs", "hyvinvointialue_1_20230101", WELLBEING_COUNTIES,
        ("Hyvinvointialueet (demo)", "Välfärdsområdena (demo)", "Wellbeing services counties (demo)"),
        SCHEME_KEYS_WELLBEING, ("Demoaineiston hyvinvointialueet.", "Demomaterialets välfärdsområden.",
                                "Wellbeing services counties used in the demo."), extra_key="statusModified")
    out["filterable_target_groups.json"] = ["KR1", "KR2", "KR3"]
    out["funding_types.json"] = ["PubliclyFunded", "MarketFunded"]

    for name, data in out.items():
        (REF / name).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    def write_csv(name, header, rows):
        with open(REF / name, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)

    munis = sorted(MUNICIPALITIES, key=lambda c: MUNICIPALITIES[c][0])
    write_csv("municipality_to_region.csv",
              ["municipality_code", "municipality_name", "region_code", "region_name"],
              [[c, MUNICIPALITIES[c][0], MUNI_REGION[c], REGIONS[MUNI_REGION[c]][0]] for c in munis])
    write_csv("municipality_to_hospital_district.csv",
              ["municipality_code", "municipality_name", "hospital_district_code", "hospital_district_name"],
              [[c, MUNICIPALITIES[c][0], MUNI_HOSPITAL[c], HOSPITAL_DISTRICTS[MUNI_HOSPITAL[c]][0]] for c in munis])
    write_csv("municipality_to_wellbeing_service_county.csv",
              ["municipality_code", "municipality_name", "wellbeing_service_county_code",
               "wellbeing_service_county_name"],
              [[c, MUNICIPALITIES[c][0], MUNI_WELLBEING[c], WELLBEING_COUNTIES[MUNI_WELLBEING[c]][0]] for c in munis])
    write_csv("wellbeing_service_county_codes.csv", ["wellbeing_service_county_code", "level", "name"],
              [[c, "1", WELLBEING_COUNTIES[c][0]] for c in sorted(WELLBEING_COUNTIES)])


# ==========================================================================
# VALIDATION
# ==========================================================================

UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def validate(catalogue, labels, life_events):
    services, channels, orgs = catalogue["services"], catalogue["channels"], catalogue["organizations"]
    errors = []
    assert 70 <= len(services) <= 90, len(services)
    assert 100 <= len(channels) <= 160, len(channels)
    ids = [x["id"] for x in services + channels + orgs]
    if len(ids) != len(set(ids)):
        errors.append("duplicate ids")
    errors += [f"bad uuid {i}" for i in ids if not UUID4.match(i)]
    ch_ids = {c["id"] for c in channels}
    org_ids = {o["id"] for o in orgs}
    for s in services:
        for lang in LANGS:
            for typ in ("Summary", "Description"):
                if not any(d["language"] == lang and d["type"] == typ and d["value"] for d in s["serviceDescriptions"]):
                    errors.append(f"{s['id']} missing {lang} {typ}")
            if not any(n["language"] == lang and n["type"] == "Name" and n["value"] for n in s["serviceNames"]):
                errors.append(f"{s['id']} missing {lang} name")
        if not any(d["language"] == "fi" and d["type"] == "UserInstruction" and d["value"] for d in s["serviceDescriptions"]):
            errors.append(f"{s['id']} missing fi UserInstruction")
        if not 1 <= len(s["serviceChannels"]) <= 3:
            errors.append(f"{s['id']} has {len(s['serviceChannels'])} channels")
        for link in s["serviceChannels"]:
            if link["serviceChannel"]["id"] not in ch_ids:
                errors.append(f"{s['id']} links unknown channel")
        for o in s["organizations"]:
            if o["organization"]["id"] not in org_ids:
                errors.append(f"{s['id']} unknown organisation")
    for c in channels:
        if c["organizationId"] not in org_ids:
            errors.append(f"channel {c['id']} unknown organisation")
        for wp in c["webPages"]:
            if not wp["url"].startswith("https://") or ".demo-aurora.fi/" not in wp["url"]:
                errors.append(f"bad url {wp['url']}")
    meters = {m: 0 for m in METERS}
    for row in labels:
        for m in row["meters"]:
            meters[m] += 1
    errors += [f"meter {m} only {n}" for m, n in meters.items() if n < 5]
    errors += [f"life event {k} only {len(v['service_ids'])}" for k, v in life_events.items()
               if len(v["service_ids"]) < 8]
    kinds = {}
    for c in channels:
        kinds[c["serviceChannelType"]] = kinds.get(c["serviceChannelType"], 0) + 1
    always = sum(any(h["isAlwaysOpen"] for h in c["serviceHours"]) for c in channels)
    exceptions = sum(any(h["serviceHourType"] == "Exception" for h in c["serviceHours"]) for c in channels)
    query_urls = sum("?" in wp["url"] for c in channels for wp in c["webPages"])
    if always < 2 or exceptions < 2 or query_urls < 1:
        errors.append(f"always={always} exceptions={exceptions} query_urls={query_urls}")
    if errors:
        raise SystemExit("VALIDATION FAILED:\n" + "\n".join(errors))
    nationwide = sum(s["areaType"] == "Nationwide" for s in services)
    market = sum(s["fundingType"] == "MarketFunded" for s in services)
    print(f"services={len(services)} (nationwide={nationwide}, market-funded={market}) "
          f"channels={len(channels)} {kinds} organisations={len(orgs)}")
    print(f"always-open channels={always}, channels with exceptions={exceptions}, urls with query={query_urls}")
    print("meters:", meters)
    print("life events:", {k: len(v["service_ids"]) for k, v in life_events.items()})


def main():
    catalogue, labels, life_events = build()
    validate(catalogue, labels, life_events)
    (HERE / "services.json").write_text(json.dumps(catalogue, ensure_ascii=False, indent=1) + "\n",
                                        encoding="utf-8")
    with open(HERE / "demo_labels.jsonl", "w", encoding="utf-8") as f:
        for row in labels:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    (HERE / "demo_life_events.json").write_text(json.dumps(life_events, ensure_ascii=False, indent=2) + "\n",
                                                encoding="utf-8")
    build_reference()
    print("wrote", HERE / "services.json")


if __name__ == "__main__":
    main()
