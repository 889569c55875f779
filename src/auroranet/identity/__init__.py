"""Who is signed in: persons (optional strong identification) and organisation staff (roles per area or
organisation). ``principal`` is the shared contract every domain's views check; the OpenID Connect login
that fills it lives beside it."""
