"""The network as an OAuth2 authorization server for connected services: a service asks for named profile
attributes (one scope per attribute), the signed-in person sees exactly what would go to whom and ticks
what to share, and the service reads only that, with a short-lived bearer token."""
