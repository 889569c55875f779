"""Results codes: a short random code that reopens the same results on another device for 30 days."""
