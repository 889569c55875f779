"""Results-code texts (fi, sv, en), registered when the routes mount."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "rc_title": {"fi": "Tuloskoodi", "sv": "Resultatkod", "en": "Results code"},
    "rc_make_h": {"fi": "Avaa tulokset toisella laitteella", "sv": "Öppna resultaten på en annan enhet",
                  "en": "Open these results on another device"},
    "rc_make_help": {
        "fi": "Saat koodin, jolla samat tulokset aukeavat 30 päivän ajan. Koodiin tallennetaan vain vastauksesi, kunta, ikäryhmä ja kieli, ei sinua koskevia tietoja. Voit poistaa sen milloin tahansa.",
        "sv": "Du får en kod som öppnar samma resultat i 30 dagar. Med koden sparas bara dina svar, kommun, åldersgrupp och språk, inga uppgifter om dig. Du kan radera den när som helst.",
        "en": "You get a code that opens the same results for 30 days. Only your answers, municipality, age group and language are kept with it, nothing about you. You can erase it at any time.",
    },
    "rc_make": {"fi": "Luo tuloskoodi", "sv": "Skapa en resultatkod", "en": "Make a results code"},
    "rc_your_code": {"fi": "Tuloskoodisi", "sv": "Din resultatkod", "en": "Your results code"},
    "rc_valid": {
        "fi": "Koodi on voimassa {days} päivää. Avaa se osoitteessa {url} millä tahansa laitteella.",
        "sv": "Koden gäller i {days} dagar. Öppna den på {url} på vilken enhet som helst.",
        "en": "The code works for {days} days. Open it at {url} on any device.",
    },
    "rc_keep_safe": {
        "fi": "Kuka tahansa, jolla on koodi, näkee tulokset ja vastauksesi. Älä jaa sitä, jos et halua.",
        "sv": "Den som har koden ser resultaten och dina svar. Dela den inte om du inte vill.",
        "en": "Anyone with the code sees the results and your answers. Do not share it unless you want to.",
    },
    "rc_open_h": {"fi": "Avaa tulokset koodilla", "sv": "Öppna resultat med en kod", "en": "Open results with a code"},
    "rc_open_help": {"fi": "Kirjoita koodi, jonka loit tulossivulla kohdassa ”Avaa tulokset toisella laitteella”, esim. ABCD-EFGH.",
                     "sv": "Skriv koden som du skapade på resultatsidan under ”Öppna resultaten på en annan enhet”, t.ex. ABCD-EFGH.",
                     "en": "Type the code you made on the results page under “Open these results on another device”, e.g. ABCD-EFGH."},
    "rc_code_label": {"fi": "Tuloskoodi (8 merkkiä)", "sv": "Resultatkod (8 tecken)", "en": "Results code (8 characters)"},
    "rc_open": {"fi": "Avaa tulokset", "sv": "Öppna resultaten", "en": "Open the results"},
    "rc_erase": {"fi": "Poista koodi", "sv": "Radera koden", "en": "Erase the code"},
    "rc_erase_help": {
        "fi": "Poistettu koodi ei enää avaa mitään. Tämän laitteen tulokset säilyvät.",
        "sv": "En raderad kod öppnar inget längre. Resultaten på den här enheten finns kvar.",
        "en": "An erased code opens nothing any more. The results on this device stay.",
    },
    "rc_erased": {"fi": "Koodi on poistettu.", "sv": "Koden är raderad.", "en": "The code has been erased."},
    "rc_not_erased": {"fi": "Koodia ei ollut (se on ehkä jo poistettu tai vanhentunut).",
                      "sv": "Koden fanns inte (den kan redan vara raderad eller ha gått ut).",
                      "en": "There was no such code (it may already be erased or expired)."},
    "rc_malformed": {
        "fi": "Tuloskoodissa on 8 kirjainta ja numeroa, esimerkiksi K7QX-M2PT.",
        "sv": "En resultatkod har 8 bokstäver och siffror, till exempel K7QX-M2PT.",
        "en": "A results code has 8 letters and digits, for example K7QX-M2PT.",
    },
    "rc_unknown": {
        "fi": "Koodilla ei löytynyt tuloksia. Se on ehkä kirjoitettu väärin, poistettu tai vanhentunut (30 päivää).",
        "sv": "Inga resultat hittades med koden. Den kan vara felskriven, raderad eller ha gått ut (30 dagar).",
        "en": "No results were found with that code. It may be mistyped, erased or expired (30 days).",
    },
    "rc_too_many": {
        "fi": "Liian monta yritystä. Odota hetki ja yritä uudelleen.",
        "sv": "För många försök. Vänta en stund och försök igen.",
        "en": "Too many tries. Wait a moment and try again.",
    },
    "rc_no_results": {"fi": "Tee ensin kysely, niin voit luoda koodin.", "sv": "Gör först frågeformuläret, så kan du skapa en kod.",
                      "en": "Answer a questionnaire first, then you can make a code."},
    "rc_opened": {"fi": "Tulokset avattiin koodilla.", "sv": "Resultaten öppnades med en kod.",
                  "en": "These results were opened with a code."},
}
