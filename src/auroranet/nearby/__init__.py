"""Near me: channel coordinates in WGS84 and places a person can type (street address, postal code,
municipality), all from the catalogue snapshot itself; no geocoding service is called."""
