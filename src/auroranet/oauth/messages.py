"""OAuth2 consent screen texts (fi, sv, en), registered when the routes mount."""

MESSAGES: dict[str, dict[str, str]] = {
    "oauth_title": {"fi": "Palvelu pyytää tietojasi", "sv": "En tjänst ber om dina uppgifter",
                    "en": "A service asks for your data"},
    "oauth_lead": {
        "fi": "{service} ({provider}) pyytää saada lukea profiilistasi alla luetellut tiedot. Valitse, mitkä annat. Mitään ei ole valittu valmiiksi.",
        "sv": "{service} ({provider}) ber att få läsa uppgifterna nedan ur din profil. Välj vilka du ger. Inget är förvalt.",
        "en": "{service} ({provider}) asks to read the values below from your profile. Choose which to give. Nothing is ticked for you."},
    "oauth_legend": {"fi": "Annettavat tiedot", "sv": "Uppgifter som lämnas", "en": "Values to give"},
    "oauth_attr_age": {"fi": "Ikä: {value}", "sv": "Ålder: {value}", "en": "Age: {value}"},
    "oauth_attr_municipality_code": {"fi": "Kotikunta: {value}", "sv": "Hemkommun: {value}",
                                     "en": "Home municipality: {value}"},
    "oauth_attr_life_situation_meters": {"fi": "Elämäntilanteen arviosi: {value}",
                                         "sv": "Din bedömning av livssituationen: {value}",
                                         "en": "Your life-situation assessment: {value}"},
    "oauth_missing": {"fi": "Profiilissasi ei ole tätä tietoa: {name}", "sv": "Din profil har inte denna uppgift: {name}",
                      "en": "Your profile does not hold this: {name}"},
    "oauth_name_age": {"fi": "ikä", "sv": "ålder", "en": "age"},
    "oauth_name_municipality_code": {"fi": "kotikunta", "sv": "hemkommun", "en": "home municipality"},
    "oauth_name_life_situation_meters": {"fi": "elämäntilanteen arvio", "sv": "bedömning av livssituationen",
                                         "en": "life-situation assessment"},
    "oauth_recipient": {"fi": "Vastaanottaja: {service}, {provider}", "sv": "Mottagare: {service}, {provider}",
                        "en": "Recipient: {service}, {provider}"},
    "oauth_expiry": {
        "fi": "Palvelu voi lukea valitsemasi tiedot {minutes} minuutin ajan. Voit perua suostumuksen sivulla Kenelle tietojasi on annettu.",
        "sv": "Tjänsten kan läsa de uppgifter du valde i {minutes} minuter. Du kan återkalla samtycket på sidan Vem har fått dina uppgifter.",
        "en": "The service can read the values you choose for {minutes} minutes. You can withdraw the consent on the page Who got your data."},
    "oauth_share": {"fi": "Anna valitut tiedot", "sv": "Ge de valda uppgifterna", "en": "Give the ticked values"},
    "oauth_decline": {"fi": "Älä anna mitään", "sv": "Ge ingenting", "en": "Give nothing"},
    "oauth_bad_request": {
        "fi": "Palvelun pyyntö ei kelpaa, eikä mitään tietoja anneta. Palaa palveluun ja yritä uudelleen.",
        "sv": "Tjänstens begäran är ogiltig och inga uppgifter lämnas. Gå tillbaka till tjänsten och försök igen.",
        "en": "The service's request is not valid, and nothing is given. Go back to the service and try again."},
    "purpose_oauth": {"fi": "Valitsemasi palvelu saa lukea profiilistasi valitsemasi tiedot",
                      "sv": "Den tjänst du valde får läsa de uppgifter du valde ur din profil",
                      "en": "The service you chose may read the values you ticked from your profile"},
}
