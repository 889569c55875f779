"""The identity pages' texts (fi, sv, en), registered when the routes mount."""

MESSAGES: dict[str, dict[str, str]] = {
    "login_title": {"fi": "Kirjautuminen", "sv": "Inloggning", "en": "Sign in"},
    "login_not_configured": {
        "fi": "Kirjautumista ei ole otettu käyttöön tässä palvelussa. Voit käyttää palvelua kirjautumatta.",
        "sv": "Inloggning är inte i bruk i den här tjänsten. Du kan använda tjänsten utan att logga in.",
        "en": "Signing in is not enabled in this service. You can use the service without signing in."},
    "login_failed": {
        "fi": "Kirjautuminen ei onnistunut. Mitään ei tallennettu. Yritä uudelleen.",
        "sv": "Inloggningen misslyckades. Inget sparades. Försök igen.",
        "en": "Signing in did not succeed. Nothing was saved. Please try again."},
    "login_unavailable": {
        "fi": "Tunnistuspalvelu ei juuri nyt vastaa. Yritä hetken kuluttua uudelleen.",
        "sv": "Identifieringstjänsten svarar inte just nu. Försök igen om en stund.",
        "en": "The identification service is not answering right now. Please try again shortly."},
    "login_again": {"fi": "Kirjaudu uudelleen", "sv": "Logga in igen", "en": "Sign in again"},
    "logout": {"fi": "Kirjaudu ulos", "sv": "Logga ut", "en": "Sign out"},
    "nav_profile": {"fi": "Oma AuroraAI", "sv": "Mitt AuroraAI", "en": "My AuroraAI"},
}
