"""The situational picture for organisations: anonymous contributions, formal privacy (k = 10 with
complementary suppression, differential privacy with a budget per area and period) and the dashboard."""
