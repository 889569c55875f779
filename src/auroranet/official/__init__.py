"""Official data, only with consent: a population-register provider (home municipality, age from the
birth date) and a studies provider (current study right, level, institution type), each a real HTTP
client behind an interface; the values a person asked for, shown with their source and date, correctable,
and used by the assessment and recommendations only while the consent stands."""
