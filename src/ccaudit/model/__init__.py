"""L1: input and data types. Imports nothing from the rest of ccaudit."""
