"""The web app's texts for the one-page assessment, the check-your-answers step, the results summary,
the quick exit, the error pages and the privacy details (fi/sv/en), registered at mount."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "error_prefix": {"fi": "Virhe", "sv": "Fel", "en": "Error"},
    "assessment_help": {
        "fi": "{n} kysymystä. Vastaa niihin, joihin haluat: voit jättää minkä tahansa tyhjäksi.",
        "sv": "{n} frågor. Svara på dem du vill: du kan lämna vilken som helst tom.",
        "en": "{n} questions. Answer the ones you want to: you may leave any of them empty.",
    },
    "arrow_keys": {
        "fi": "Nuolinäppäimillä voit vaihtaa valintaa.",
        "sv": "Med piltangenterna byter du val.",
        "en": "Use the arrow keys to change the choice.",
    },
    "answer_invalid": {
        "fi": "Valitse vastaus asteikolta: {question}",
        "sv": "Välj ett svar på skalan: {question}",
        "en": "Choose an answer on the scale: {question}",
    },
    "answer_one_required": {
        "fi": "Vastaa ainakin yhteen kysymykseen.",
        "sv": "Svara på minst en fråga.",
        "en": "Answer at least one question.",
    },
    "continue": {"fi": "Jatka", "sv": "Fortsätt", "en": "Continue"},
    "check_title": {"fi": "Tarkista vastauksesi", "sv": "Kontrollera dina svar", "en": "Check your answers"},
    "not_answered": {"fi": "Ei vastattu", "sv": "Inte besvarad", "en": "Not answered"},
    "change": {"fi": "Muuta", "sv": "Ändra", "en": "Change"},
    "change_answers": {"fi": "Muuta vastauksia", "sv": "Ändra svaren", "en": "Change your answers"},
    "profile_needs": {
        "fi": "Tukea voisi olla tarjolla näillä osa-alueilla: {areas}.",
        "sv": "Stöd kan finnas inom dessa områden: {areas}.",
        "en": "Support may help in these areas: {areas}.",
    },
    "profile_no_needs": {
        "fi": "Vastaustesi mukaan kaikki osa-alueet sujuvat hyvin.",
        "sv": "Enligt dina svar går det bra inom alla områden.",
        "en": "Your answers say every area is going well.",
    },
    "profile_show": {"fi": "Näytä koko profiili", "sv": "Visa hela profilen", "en": "Show your whole profile"},
    "profile_scale": {
        "fi": "Vastauksesi asteikolla {low}–{high}. Alle {threshold} tarkoittaa, että tällä osa-alueella voisi olla tukea tarjolla.",
        "sv": "Dina svar på skalan {low}–{high}. Under {threshold} betyder att det kan finnas stöd inom området.",
        "en": "Your answers on the scale {low}–{high}. Below {threshold} means support may help in that area.",
    },
    "legend_ok": {"fi": "Sujuu", "sv": "Går bra", "en": "Going well"},
    "legend_need": {"fi": "Tukea tarjolla", "sv": "Stöd finns", "en": "Support may help"},
    "legend_threshold": {"fi": "Raja {threshold}", "sv": "Gräns {threshold}", "en": "Limit {threshold}"},
    "erase_results_help": {
        "fi": "Poista vastauksesi palvelimelta heti. Voit aloittaa uudelleen milloin tahansa.",
        "sv": "Radera dina svar från servern genast. Du kan börja om när som helst.",
        "en": "Erase your answers from the server now. You can start again at any time.",
    },
    "call": {"fi": "Soita", "sv": "Ring", "en": "Call"},
    "why_label": {"fi": "Miksi", "sv": "Varför", "en": "Why"},
    "more_about": {"fi": "Lisätiedot ja yhteystiedot", "sv": "Mer information och kontakt", "en": "Details and contact"},
    "service_page": {"fi": "Palvelun oma sivu", "sv": "Tjänstens egen sida", "en": "The service's own page"},
    "search_results_h": {"fi": "Hakutulokset", "sv": "Sökresultat", "en": "Search results"},
    "back_to_search": {"fi": "Takaisin hakutuloksiin", "sv": "Tillbaka till sökresultaten", "en": "Back to the search results"},
    "exit_page": {"fi": "Poistu sivulta", "sv": "Lämna sidan", "en": "Exit this page"},
    "exit_page_keys": {
        "fi": "Voit poistua myös painamalla vaihtonäppäintä kolme kertaa.",
        "sv": "Du kan också lämna sidan genom att trycka på Skift tre gånger.",
        "en": "You can also exit by pressing Shift three times.",
    },
    "only_finnish": {
        "fi": "Palvelu kuvaa itsensä vain suomeksi.",
        "sv": "Tjänsten beskriver sig bara på finska.",
        "en": "This service describes itself only in Finnish.",
    },
    "privacy_cookie": {
        "fi": "Eväste säilyy selaimessa {hours} tuntia, vaikka suljet selaimen. Jos käytät yhteistä laitetta, poista vastauksesi, kun lopetat.",
        "sv": "Kakan finns kvar i webbläsaren i {hours} timmar, även om du stänger webbläsaren. Om du använder en gemensam enhet, radera dina svar när du är klar.",
        "en": "The cookie stays in the browser for {hours} hours, even if you close the browser. On a shared device, erase your answers when you finish.",
    },
    "privacy_controller_h": {"fi": "Rekisterinpitäjä ja yhteystiedot", "sv": "Personuppgiftsansvarig och kontakt", "en": "Controller and contact"},
    "privacy_controller": {"fi": "Rekisterinpitäjä", "sv": "Personuppgiftsansvarig", "en": "Controller"},
    "privacy_contact": {"fi": "Tietosuojakysymykset", "sv": "Frågor om dataskydd", "en": "Privacy questions"},
    "not_found_title": {"fi": "Sivua ei löytynyt", "sv": "Sidan hittades inte", "en": "Page not found"},
    "not_found_help": {
        "fi": "Tarkista osoite tai aloita etusivulta.",
        "sv": "Kontrollera adressen eller börja på startsidan.",
        "en": "Check the address, or start from the home page.",
    },
    "bad_input_title": {"fi": "Tietoja ei voitu käsitellä", "sv": "Uppgifterna kunde inte behandlas",
                        "en": "The information could not be processed"},
    "bad_input": {
        "fi": "Osoitteessa tai lomakkeessa oli merkkejä, joita palvelu ei hyväksy (esimerkiksi ohjausmerkkejä). "
              "Palaa edelliselle sivulle, korjaa teksti ja yritä uudelleen.",
        "sv": "Adressen eller formuläret innehöll tecken som tjänsten inte godtar (till exempel styrtecken). "
              "Gå tillbaka, rätta texten och försök igen.",
        "en": "The address or the form had characters the service does not accept (such as control characters). "
              "Go back, correct the text and try again.",
    },
    "server_error": {
        "fi": "Palvelussa tapahtui virhe. Yritä hetken päästä uudelleen.",
        "sv": "Ett fel inträffade i tjänsten. Försök igen om en stund.",
        "en": "Something went wrong on our side. Please try again in a moment.",
    },
    "open_always": {"fi": "Avoinna ympäri vuorokauden", "sv": "Öppet dygnet runt", "en": "Open 24 hours"},
    "open_open": {"fi": "Avoinna nyt, klo {until} asti", "sv": "Öppet nu, till kl. {until}", "en": "Open now, until {until}"},
    "open_opens_later": {"fi": "Avautuu tänään klo {opens}", "sv": "Öppnar i dag kl. {opens}", "en": "Opens today at {opens}"},
    "open_closed_today": {"fi": "Suljettu tänään", "sv": "Stängt i dag", "en": "Closed today"},
    "open_holiday": {"fi": "Suljettu tänään (pyhäpäivä)", "sv": "Stängt i dag (helgdag)", "en": "Closed today (public holiday)"},
}
