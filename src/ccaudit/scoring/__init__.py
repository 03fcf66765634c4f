"""L4: indicators of section 6 and the star model. Imports model only."""
