"""The transparency page's texts: an algorithm-register entry in the shape of the Helsinki and Amsterdam
registers (name, purpose, responsible, data, logic, oversight, non-discrimination, risks, privacy)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "tr_nav": {"fi": "Läpinäkyvyys", "sv": "Transparens", "en": "Transparency"},
    "tr_title": {"fi": "Läpinäkyvyys: algoritmirekisteri", "sv": "Transparens: algoritmregister",
                 "en": "Transparency: algorithm register"},
    "tr_intro": {"fi": "Tämä sivu kertoo, miten palvelusuositukset syntyvät ja miten niiden reiluutta seurataan.",
                 "sv": "Den här sidan berättar hur tjänsterekommendationerna tas fram och hur deras rättvisa följs upp.",
                 "en": "This page explains how service recommendations are made and how their fairness is monitored."},
    "tr_f_name": {"fi": "Nimi", "sv": "Namn", "en": "Name"},
    "tr_v_name": {"fi": "Palvelusuosittelija (auroranet)", "sv": "Tjänsterekommenderare (auroranet)",
                  "en": "Service recommender (auroranet)"},
    "tr_f_purpose": {"fi": "Tarkoitus", "sv": "Syfte", "en": "Purpose"},
    "tr_v_purpose": {
        "fi": "Auttaa ihmistä löytämään julkisia palveluja elämäntilanteeseensa itsearvioinnin tai vapaan "
              "tekstin perusteella. Suositus ei ole päätös eikä vaikuta oikeuksiin tai etuuksiin.",
        "sv": "Hjälpa en människa att hitta offentliga tjänster för sin livssituation utifrån en självskattning "
              "eller fri text. En rekommendation är inget beslut och påverkar inte rättigheter eller förmåner.",
        "en": "Help a person find public services for their life situation from a self-assessment or free text. "
              "A recommendation is not a decision and does not affect rights or benefits."},
    "tr_f_responsible": {"fi": "Vastuutaho", "sv": "Ansvarig", "en": "Responsible"},
    "tr_v_responsible": {"fi": "Palvelun ylläpitäjä (ks. tietosuojaseloste).",
                         "sv": "Tjänstens förvaltare (se dataskyddsbeskrivningen).",
                         "en": "The operator of this service (see the privacy notice)."},
    "tr_f_data": {"fi": "Tietoaineistot", "sv": "Datamaterial", "en": "Datasets"},
    "tr_v_data": {
        "fi": "Suomi.fi-palvelutietovarannon (PTV) palvelukuvaukset ja koodistot; asiantuntijoiden merkinnät "
              "siitä, mihin elämän osa-alueisiin palvelut liittyvät; nimettömät käyttötilastot.",
        "sv": "Tjänstebeskrivningar och kodlistor från Suomi.fi-servicedatalagret (PTV); experters märkningar av "
              "vilka livsområden tjänsterna gäller; anonym användningsstatistik.",
        "en": "Service descriptions and code lists from the Finnish Service Catalogue (PTV); expert labels of the "
              "life areas services relate to; anonymous usage statistics."},
    "tr_f_logic": {"fi": "Toimintalogiikka", "sv": "Logik", "en": "How it works"},
    "tr_v_logic": {
        "fi": "Alle 7/10 jääneet mittarit tulkitaan tarpeiksi. Palvelut haetaan sanahaulla ja merkitysvektoreilla, "
              "rajataan kunnan ja valtakunnallisten palvelujen mukaan ja järjestetään tarpeen painon mukaan. "
              "Jokaisen suosituksen vieressä kerrotaan, miksi se näytetään.",
        "sv": "Mätare under 7/10 tolkas som behov. Tjänster söks med ordsökning och betydelsevektorer, avgränsas "
              "till kommunens och riksomfattande tjänster och ordnas efter behovets vikt. Vid varje rekommendation "
              "står varför den visas.",
        "en": "Meters below 7/10 are read as needs. Services are found by word search and meaning vectors, limited "
              "to the municipality's and nationwide services and ordered by the weight of the need. Each "
              "recommendation says why it is shown."},
    "tr_f_oversight": {"fi": "Ihmisen valvonta", "sv": "Mänsklig tillsyn", "en": "Human oversight"},
    "tr_v_oversight": {
        "fi": "Ihminen päättää itse, mitä palvelua käyttää. Asiantuntijat tarkistavat merkinnät ja "
              "palaute sekä reiluustarkastus käydään läpi säännöllisesti.",
        "sv": "Människan bestämmer själv vilken tjänst hon använder. Experter granskar märkningarna, och respons "
              "och rättvisegranskningen gås igenom regelbundet.",
        "en": "People decide themselves which service to use. Experts review the labels, and feedback and the "
              "fairness audit are reviewed regularly."},
    "tr_f_fairness": {"fi": "Syrjimättömyys", "sv": "Icke-diskriminering", "en": "Non-discrimination"},
    "tr_v_fairness": {
        "fi": "Reiluustarkastus vertaa ikäryhmiä, kieliä ja kuntakokoja: saavatko kaikki yhtä paljon osuvia ja "
              "paikallisia palveluja. Ryhmä merkitään, jos se jää vähintään 10 % keskiarvosta.",
        "sv": "Rättvisegranskningen jämför åldersgrupper, språk och kommunstorlekar: får alla lika många träffande "
              "och lokala tjänster. En grupp markeras om den ligger minst 10 % under medelvärdet.",
        "en": "The fairness audit compares age groups, languages and municipality sizes: does everyone get as many "
              "relevant and local services. A group is flagged when it is at least 10% below the mean."},
    "tr_f_risks": {"fi": "Riskit ja niiden hallinta", "sv": "Risker och hantering", "en": "Risks and mitigation"},
    "tr_v_risks": {
        "fi": "Puutteelliset käännökset ja pienten kuntien vähäiset palvelukuvaukset voivat heikentää suosituksia; "
              "kriisiin viittaavaan tekstiin näytetään aina kiireellisen avun yhteystiedot.",
        "sv": "Bristande översättningar och få tjänstebeskrivningar i små kommuner kan försämra rekommendationerna; "
              "vid text som tyder på kris visas alltid kontaktuppgifter till akut hjälp.",
        "en": "Missing translations and few service descriptions in small municipalities can weaken recommendations; "
              "text that suggests a crisis always shows urgent help contacts."},
    "tr_f_privacy": {"fi": "Tietosuoja", "sv": "Dataskydd", "en": "Privacy"},
    "tr_v_privacy": {
        "fi": "Palvelua voi käyttää nimettömänä. Tilastoissa ei näytetä alle 10 hengen ryhmiä, ja lukuihin lisätään "
              "kohinaa (differentiaalinen yksityisyys).",
        "sv": "Tjänsten kan användas anonymt. Statistiken visar inga grupper under 10 personer, och brus läggs till "
              "siffrorna (differentiell integritet).",
        "en": "The service can be used anonymously. Statistics never show groups of fewer than 10, and noise is "
              "added to the figures (differential privacy)."},
    "tr_audit_title": {"fi": "Viimeisin reiluustarkastus", "sv": "Senaste rättvisegranskning",
                       "en": "Latest fairness audit"},
    "tr_audit_none": {"fi": "Tarkastusta ei ole vielä ajettu (aurora ethics report).",
                      "sv": "Granskningen har inte körts ännu (aurora ethics report).",
                      "en": "The audit has not been run yet (aurora ethics report)."},
    "tr_dimension": {"fi": "Ulottuvuus", "sv": "Dimension", "en": "Dimension"},
    "tr_group": {"fi": "Ryhmä", "sv": "Grupp", "en": "Group"},
    "tr_relevant": {"fi": "Osuvia", "sv": "Träffande", "en": "Relevant"},
    "tr_local": {"fi": "Paikallisia", "sv": "Lokala", "en": "Local"},
    "tr_flagged": {"fi": "Huomio", "sv": "Anmärkning", "en": "Flagged"},
}
