"""The assistant's words in fi, sv and en: its replies (``say``) and the chat panel's interface texts
(registered with the web app's table at mount)."""

from __future__ import annotations

from auroranet.i18n import LANGS

REPLIES: dict[str, dict[str, str]] = {
    "hello": {"fi": "Hei! Olen AuroraAI-avustaja. Kerro, mitä etsit, tai vastaa muutamaan kysymykseen elämäntilanteestasi, niin ehdotan palveluja.",
              "sv": "Hej! Jag är AuroraAI-assistenten. Berätta vad du söker, eller svara på några frågor om din livssituation, så föreslår jag tjänster.",
              "en": "Hello! I am the AuroraAI assistant. Tell me what you are looking for, or answer a few questions about your life situation, and I will suggest services."},
    "capabilities": {"fi": "Voin etsiä julkisia palveluja kuvauksesi perusteella, kysyä muutaman kysymyksen elämäntilanteestasi ja ohjata sinut toiselle avustajalle tai ihmiselle. En tallenna kirjoittamaasi.",
                     "sv": "Jag kan söka offentliga tjänster utifrån det du berättar, ställa några frågor om din livssituation och slussa dig till en annan assistent eller en människa. Jag sparar inte det du skriver.",
                     "en": "I can find public services from what you tell me, ask a few questions about your life situation and pass you to another assistant or a person. I do not store what you write."},
    "found": {"fi": "Löysin nämä palvelut{where}:", "sv": "Jag hittade de här tjänsterna{where}:", "en": "I found these services{where}:"},
    "where": {"fi": " ({place})", "sv": " ({place})", "en": " ({place})"},
    "understood": {"fi": "Ymmärsin, että asia koskee: {items}.", "sv": "Jag förstod att det gäller: {items}.", "en": "I understood this is about: {items}."},
    "nothing_found": {"fi": "En löytänyt tähän sopivaa palvelua. Voit kuvata asian toisin sanoin tai vastata muutamaan kysymykseen.",
                      "sv": "Jag hittade ingen passande tjänst. Du kan beskriva saken med andra ord eller svara på några frågor.",
                      "en": "I did not find a matching service. You can describe it in other words or answer a few questions."},
    "not_understood": {"fi": "En ymmärtänyt. Voit esimerkiksi kirjoittaa, mitä palvelua tarvitset (\"tarvitsen asumistukea\"), aloittaa lyhyen kyselyn tai pyytää ihmistä.",
                       "sv": "Jag förstod inte. Du kan till exempel skriva vilken tjänst du behöver (\"jag behöver bostadsbidrag\"), börja en kort enkät eller be om en människa.",
                       "en": "I did not understand. You can, for example, write which service you need (\"I need housing allowance\"), start a short check-in or ask for a person."},
    "urgent": {"fi": "Jos tarvitset apua heti, ota yhteyttä näihin palveluihin. Hätätilanteessa soita 112.",
               "sv": "Om du behöver hjälp genast, kontakta de här tjänsterna. Ring 112 i en nödsituation.",
               "en": "If you need help right now, contact these services. In an emergency call 112."},
    "checkin_intro": {"fi": "Kysyn muutaman kysymyksen. Vastaa asteikolla 0–10 (0 = todella huonosti, 10 = todella hyvin) tai omin sanoin. Voit ohittaa kysymyksen.",
                      "sv": "Jag ställer några frågor. Svara på en skala 0–10 (0 = mycket dåligt, 10 = mycket bra) eller med egna ord. Du kan hoppa över en fråga.",
                      "en": "I will ask a few questions. Answer on a scale of 0–10 (0 = very badly, 10 = very well) or in your own words. You can skip a question."},
    "checkin_q": {"fi": "Miten sinulla menee tällä hetkellä: {meter}?", "sv": "Hur går det för dig just nu: {meter}?", "en": "How are things for you right now: {meter}?"},
    "checkin_scale": {"fi": "Vastaa numerolla 0–10 tai sanoin (esim. \"huonosti\", \"hyvin\"), tai kirjoita \"ohita\".",
                      "sv": "Svara med en siffra 0–10 eller med ord (t.ex. \"dåligt\", \"bra\"), eller skriv \"hoppa över\".",
                      "en": "Answer with a number 0–10 or in words (e.g. \"badly\", \"well\"), or write \"skip\"."},
    "checkin_more": {"fi": "Kiitos. Haluatko vastata myös loppuihin kysymyksiin (yhteensä kymmenen elämän osa-aluetta)?",
                     "sv": "Tack. Vill du svara också på resten av frågorna (sammanlagt tio livsområden)?",
                     "en": "Thank you. Would you like to answer the rest as well (ten areas of life in all)?"},
    "ask_municipality": {"fi": "Missä kunnassa asut? Näin löydän lähipalvelut. Voit myös ohittaa.",
                         "sv": "I vilken kommun bor du? Då hittar jag tjänster nära dig. Du kan också hoppa över.",
                         "en": "Which municipality do you live in? Then I can find services near you. You can also skip."},
    "thanks": {"fi": "Ole hyvä! Voinko auttaa vielä jossain?", "sv": "Varsågod! Kan jag hjälpa till med något mer?", "en": "You are welcome! Can I help with anything else?"},
    "bye": {"fi": "Hei hei! Keskustelu on päättynyt, eikä siitä jäänyt tietoja talteen.", "sv": "Hej då! Samtalet är avslutat och inga uppgifter sparades.",
            "en": "Goodbye! The conversation has ended and nothing of it was kept."},
    "restart": {"fi": "Unohdin kaiken, mitä kerroit. Aloitetaan alusta.", "sv": "Jag har glömt allt du berättade. Vi börjar om.", "en": "I have forgotten everything you told me. Let us start over."},
    "no_more": {"fi": "Kerro ensin, mitä etsit.", "sv": "Berätta först vad du söker.", "en": "Tell me first what you are looking for."},
    "language_set": {"fi": "Selvä, jatketaan suomeksi.", "sv": "Okej, vi fortsätter på svenska.", "en": "All right, let us continue in English."},
    "affirm_idle": {"fi": "Hyvä! Kerro, mitä etsit.", "sv": "Bra! Berätta vad du söker.", "en": "Good! Tell me what you are looking for."},
    "deny_idle": {"fi": "Selvä. Voit kirjoittaa milloin vain, mitä tarvitset.", "sv": "Okej. Du kan när som helst skriva vad du behöver.", "en": "All right. You can write at any time what you need."},
    "person_phone": {"fi": "Tällä hetkellä ei ole avointa chat-palvelua. Voit soittaa kunnan neuvontaan tai palvelun omaan numeroon; kiireellisessä asiassa soita 112.",
                     "sv": "Just nu finns ingen öppen chatt. Du kan ringa kommunens rådgivning eller tjänstens eget nummer; i brådskande fall ring 112.",
                     "en": "No live chat is open right now. You can call your municipality's advice line or the service's own number; if it is urgent, call 112."},
    "route_offer": {"fi": "{name} voi auttaa tässä: {why} Haluatko siirtyä sinne? Päätät itse, mitä tietoja välitetään: {items}.",
                    "sv": "{name} kan hjälpa dig med det här: {why} Vill du gå dit? Du väljer själv vilka uppgifter som skickas: {items}.",
                    "en": "{name} can help with this: {why} Would you like to go there? You decide what is passed on: {items}."},
    "route_nothing": {"fi": "ei mitään", "sv": "inget", "en": "nothing"},
    "why_topic": {"fi": "se on erikoistunut aiheeseen {items}", "sv": "den är specialiserad på {items}", "en": "it specialises in {items}"},
    "why_place": {"fi": "se palvelee kuntaasi", "sv": "den betjänar din kommun", "en": "it serves your municipality"},
    "route_done": {"fi": "Siirsin sinut: {name}. Jatka keskustelua siellä; kun palaat, jatketaan tästä.",
                   "sv": "Jag har slussat dig: {name}. Fortsätt samtalet där; när du kommer tillbaka fortsätter vi här.",
                   "en": "I have passed you to {name}. Continue the conversation there; when you come back we continue here."},
    "route_failed": {"fi": "{name} ei juuri nyt vastaa. Jatketaan tässä.", "sv": "{name} svarar inte just nu. Vi fortsätter här.",
                     "en": "{name} is not answering right now. Let us continue here."},
    "route_declined": {"fi": "Selvä, jatketaan tässä.", "sv": "Okej, vi fortsätter här.", "en": "All right, let us continue here."},
    "welcome_back": {"fi": "Tervetuloa takaisin! {name} kertoi: \"{summary}\"", "sv": "Välkommen tillbaka! {name} berättade: \"{summary}\"",
                     "en": "Welcome back! {name} said: \"{summary}\""},
    "age": {"fi": "ikä {v}", "sv": "ålder {v}", "en": "age {v}"},
    "municipality": {"fi": "kunta {v}", "sv": "kommun {v}", "en": "municipality {v}"},
    "life_event": {"fi": "elämäntilanne: {v}", "sv": "livssituation: {v}", "en": "life event: {v}"},
}

SUGGESTIONS: dict[str, dict[str, str]] = {
    "find": {"fi": "Tarvitsen asumistukea", "sv": "Jag behöver bostadsbidrag", "en": "I need housing allowance"},
    "checkin": {"fi": "Kysy minulta kysymyksiä", "sv": "Ställ frågor till mig", "en": "Ask me some questions"},
    "person": {"fi": "Haluan puhua ihmisen kanssa", "sv": "Jag vill prata med en människa", "en": "I want to talk to a person"},
    "more": {"fi": "Näytä lisää", "sv": "Visa fler", "en": "Show more"},
    "yes": {"fi": "Kyllä", "sv": "Ja", "en": "Yes"},
    "no": {"fi": "Ei kiitos", "sv": "Nej tack", "en": "No thanks"},
    "skip": {"fi": "Ohita", "sv": "Hoppa över", "en": "Skip"},
}

UI: dict[str, dict[str, str]] = {
    "assistant_title": {"fi": "Keskustele avustajan kanssa", "sv": "Chatta med assistenten", "en": "Chat with the assistant"},
    "assistant_nav": {"fi": "Avustaja", "sv": "Assistent", "en": "Assistant"},
    "assistant_lead": {"fi": "Avustaja etsii palveluja ja ohjaa eteenpäin. Se ei ole ihminen eikä tallenna kirjoittamaasi.",
                       "sv": "Assistenten söker tjänster och slussar vidare. Den är inte en människa och sparar inte det du skriver.",
                       "en": "The assistant finds services and passes you on. It is not a person and does not store what you write."},
    "assistant_log": {"fi": "Keskustelu", "sv": "Samtal", "en": "Conversation"},
    "assistant_input": {"fi": "Viestisi", "sv": "Ditt meddelande", "en": "Your message"},
    "assistant_send": {"fi": "Lähetä", "sv": "Skicka", "en": "Send"},
    "assistant_you": {"fi": "Sinä", "sv": "Du", "en": "You"},
    "assistant_bot": {"fi": "Avustaja", "sv": "Assistent", "en": "Assistant"},
    "assistant_suggestions": {"fi": "Ehdotuksia", "sv": "Förslag", "en": "Suggestions"},
    "assistant_why": {"fi": "Miksi tämä", "sv": "Varför den här", "en": "Why this"},
    "assistant_urgent": {"fi": "Apua heti", "sv": "Hjälp genast", "en": "Help right now"},
}


def say(key: str, lang: str, **kwargs: object) -> str:
    lang = lang if lang in LANGS else "fi"
    text = REPLIES[key][lang]
    return text.format(**kwargs) if kwargs else text


def suggestion(key: str, lang: str) -> str:
    return SUGGESTIONS[key][lang if lang in LANGS else "fi"]
