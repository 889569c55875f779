"""The insights pages' texts in fi, sv and en (registered with the web app's table at mount)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "ins_contribute_title": {"fi": "Anna vastauksesi tilastoihin", "sv": "Ge dina svar till statistiken",
                             "en": "Give your answers to statistics"},
    "ins_contribute_desc": {
        "fi": "Voit halutessasi antaa vastauksesi, ikäryhmäsi, kuntasi ja elämäntilanteesi nimettömänä "
              "alueen tilannekuvaan. Mukaan ei tallenneta istuntoa, nimeä eikä kellonaikaa, vain päivä. "
              "Julkaistavat luvut koskevat aina vähintään kymmentä ihmistä, ja niihin lisätään satunnaista "
              "kohinaa. Vapaaehtoista: palvelu toimii samoin, vaikka et antaisi.",
        "sv": "Om du vill kan du ge dina svar, din åldersgrupp, kommun och livssituation anonymt till "
              "lägesbilden för området. Ingen session, inget namn och ingen tidpunkt sparas, bara dagen. "
              "Publicerade siffror gäller alltid minst tio personer och slumpmässigt brus läggs till. "
              "Frivilligt: tjänsten fungerar likadant om du avstår.",
        "en": "If you wish, you can give your answers, age group, municipality and life situation anonymously "
              "to the area's situational picture. No session, name or time of day is stored, only the date. "
              "Published figures always describe at least ten people and have random noise added. "
              "Voluntary: the service works the same if you do not."},
    "ins_contribute_check": {"fi": "Haluan antaa vastaukseni nimettömästi tilastoihin",
                             "sv": "Jag vill ge mina svar anonymt till statistiken",
                             "en": "I want to give my answers anonymously to statistics"},
    "ins_contribute_send": {"fi": "Anna tilastoihin", "sv": "Ge till statistiken", "en": "Give to statistics"},
    "ins_contribute_thanks": {"fi": "Kiitos! Vastauksesi on tallennettu nimettömänä tilastoihin.",
                              "sv": "Tack! Dina svar har sparats anonymt för statistiken.",
                              "en": "Thank you! Your answers were stored anonymously for statistics."},
    "ins_contribute_already": {"fi": "Olet jo antanut nämä vastaukset tilastoihin.",
                               "sv": "Du har redan gett dessa svar till statistiken.",
                               "en": "You have already given these answers to statistics."},
    "ins_contribute_unchecked": {"fi": "Mitään ei tallennettu: et valinnut kohtaa.",
                                 "sv": "Inget sparades: du kryssade inte i rutan.",
                                 "en": "Nothing was stored: you did not tick the box."},
    "ins_back_results": {"fi": "Takaisin tuloksiin", "sv": "Tillbaka till resultaten", "en": "Back to the results"},
    "ins_title": {"fi": "Tilannekuva", "sv": "Lägesbild", "en": "Situational picture"},
    "ins_area": {"fi": "Alue", "sv": "Område", "en": "Area"},
    "ins_period": {"fi": "Kausi (VVVV-KK)", "sv": "Period (ÅÅÅÅ-MM)", "en": "Period (YYYY-MM)"},
    "ins_show": {"fi": "Näytä", "sv": "Visa", "en": "Show"},
    "ins_people": {"fi": "Vastaajia", "sv": "Svarande", "en": "Contributors"},
    "ins_below_title": {"fi": "Tarvekynnyksen alle jääneet mittareittain",
                        "sv": "Under behovsgränsen per mätare", "en": "Below the need threshold, by meter"},
    "ins_meter": {"fi": "Mittari", "sv": "Mätare", "en": "Meter"},
    "ins_below": {"fi": "Alle kynnyksen", "sv": "Under gränsen", "en": "Below threshold"},
    "ins_interval": {"fi": "95 %:n väli", "sv": "95 % intervall", "en": "95% interval"},
    "ins_change": {"fi": "Muutos edellisestä kaudesta", "sv": "Förändring från förra perioden",
                   "en": "Change from the previous period"},
    "ins_mean": {"fi": "Keskiarvo (0–10)", "sv": "Medelvärde (0–10)", "en": "Mean (0–10)"},
    "ins_by_band": {"fi": "Ikäryhmittäin", "sv": "Per åldersgrupp", "en": "By age band"},
    "ins_by_lang": {"fi": "Kielittäin", "sv": "Per språk", "en": "By language"},
    "ins_band": {"fi": "Ikäryhmä", "sv": "Åldersgrupp", "en": "Age band"},
    "ins_lang": {"fi": "Kieli", "sv": "Språk", "en": "Language"},
    "ins_unknown": {"fi": "ei tiedossa", "sv": "okänd", "en": "unknown"},
    "ins_suppressed": {"fi": "alle 10", "sv": "under 10", "en": "fewer than 10"},
    "ins_supply_title": {"fi": "Tarve ja tarjonta", "sv": "Behov och utbud", "en": "Demand and supply"},
    "ins_services": {"fi": "Palveluja alueella", "sv": "Tjänster i området", "en": "Services in the area"},
    "ins_requests": {"fi": "Suosituspyyntöjä", "sv": "Rekommendationsförfrågningar", "en": "Recommendation requests"},
    "ins_empty": {"fi": "Ei tuloksia", "sv": "Inga resultat", "en": "Found nothing"},
    "ins_gap": {"fi": "Aukko", "sv": "Lucka", "en": "Gap"},
    "ins_gap_yes": {"fi": "aukko", "sv": "lucka", "en": "gap"},
    "ins_top_title": {"fi": "Suurimmat täyttymättömät tarpeet", "sv": "Största otillfredsställda behov",
                      "en": "Top unmet needs"},
    "ins_csv": {"fi": "Lataa CSV", "sv": "Ladda ner CSV", "en": "Download CSV"},
    "ins_table_alt": {"fi": "Taulukkona", "sv": "Som tabell", "en": "As a table"},
    "ins_privacy_note": {
        "fi": "Luvut on suojattu: alle 10 hengen ryhmiä ei näytetä (eikä niitä voi laskea muista luvuista), "
              "ja lukuihin on lisätty satunnaista kohinaa (differentiaalinen yksityisyys, ε = {eps} "
              "julkaisua kohden). Väli kertoo kohinan suuruuden.",
        "sv": "Siffrorna är skyddade: grupper under 10 personer visas inte (och kan inte räknas fram ur andra "
              "siffror), och slumpmässigt brus har lagts till (differentiell integritet, ε = {eps} per "
              "publicering). Intervallet visar brusets storlek.",
        "en": "The figures are protected: groups of fewer than 10 are not shown (nor can they be worked out "
              "from other figures), and random noise is added (differential privacy, ε = {eps} per release). "
              "The interval shows the size of the noise."},
    "ins_budget": {"fi": "Yksityisyysbudjettia käytetty {spent} / {budget}.",
                   "sv": "Integritetsbudget använd {spent} / {budget}.",
                   "en": "Privacy budget used {spent} / {budget}."},
    "ins_stale": {"fi": "Budjetti on käytetty: näytetään aiempi julkaisu.",
                  "sv": "Budgeten är förbrukad: en tidigare publicering visas.",
                  "en": "The budget is used up: an earlier release is shown."},
    "ins_nothing": {"fi": "Tältä alueelta ja kaudelta ei ole julkaistavia lukuja.",
                    "sv": "Det finns inga siffror att publicera för området och perioden.",
                    "en": "There are no figures to publish for this area and period."},
    "ins_demo": {"fi": "Esittelyaineistoa: luvut eivät ole todellisia.",
                 "sv": "Demonstrationsdata: siffrorna är inte verkliga.",
                 "en": "Demo data: these figures are not real."},
    "ins_forbidden": {"fi": "Sinulla ei ole analyytikon oikeutta tähän alueeseen.",
                      "sv": "Du har inte analytikerbehörighet för detta område.",
                      "en": "You do not have the analyst role for this area."},
    "ins_bad_area": {"fi": "Tuntematon alue tai kausi.", "sv": "Okänt område eller period.",
                     "en": "Unknown area or period."},
    "ins_backoffice": {"fi": "Hallinta", "sv": "Administration", "en": "Back office"},
    "ins_groups_title": {"fi": "Viiteryhmät", "sv": "Referensgrupper", "en": "Reference groups"},
    "ins_groups_note": {"fi": "Edellisen kuukauden osallistumisista muodostetut ryhmät; vain vähintään {k} hengen "
                              "ryhmät, koot ja keskiarvot kohinoituja. Yksittäisiä ihmisiä ei näytetä.",
                        "sv": "Grupper ur förra månadens bidrag; bara grupper om minst {k} personer, storlekar och "
                              "medelvärden med brus. Inga enskilda personer visas.",
                        "en": "Groups from last month's contributions; only groups of at least {k} people, noisy "
                              "sizes and means. No individual is shown."},
    "ins_group": {"fi": "Ryhmä {n}", "sv": "Grupp {n}", "en": "Group {n}"},
    "ins_group_size": {"fi": "Koko", "sv": "Storlek", "en": "Size"},
    "ins_group_needs": {"fi": "Tyypilliset tarpeet", "sv": "Typiska behov", "en": "Typical needs"},
    "ins_group_helped": {"fi": "Auttaneet palvelut", "sv": "Tjänster som hjälpt", "en": "Services that helped"},
    "ins_groups_none": {"fi": "Viiteryhmiä ei ole vielä muodostettu.", "sv": "Inga referensgrupper har bildats ännu.",
                        "en": "No reference groups have been formed yet."},
}
