"""Who a service is for (PTV target groups or inferred from its texts) and the age and organisation
rules that follow from it; used by recommendations and available to search."""
