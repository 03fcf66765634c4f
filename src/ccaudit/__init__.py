"""ccaudit: compliance auditor for the client-centricity Standard «Государство для людей»."""

__version__ = "0.1.0"
