"""Personal data never reaches a report: people's phone numbers, e-mails at public mail services, СНИЛС, personal ИНН
and full names (surname, name, patronymic) quoted from the agency's texts are masked in every output.

Organisational contacts stay readable: toll-free and landline numbers, e-mails at the agency's own domains, and
template placeholders such as {имя отчество} are not personal data.
"""

from __future__ import annotations

import re

MOBILE = re.compile(r"(?<!\d)(?:\+7|8)[\s(-]*9\d{2}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)")
"""Russian mobile numbers (+7 9xx …, 8 9xx …): a person's phone, unlike 8-800 or a city landline."""
EMAIL = re.compile(r"[\w.+-]+@(?:mail|bk|list|inbox|internet|yandex|ya|rambler|gmail|googlemail|icloud|me|outlook|hotmail|"
                   r"live|yahoo|proton|protonmail)\.(?:ru|com|net|me)\b", re.IGNORECASE)
"""E-mails at public mail services: a person's address, unlike info@agency.gov.ru."""
SNILS = re.compile(r"(?<!\d)\d{3}-\d{3}-\d{3}[ -]\d{2}(?!\d)")
INN_PERSON = re.compile(r"(?<!\d)\d{12}(?!\d)")
"""Twelve digits: the ИНН of a person (an organisation's has ten)."""
FULL_NAME = re.compile(r"\b[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:вич|вна|ична|чна|оглы|кызы)\b")
MASKS = ((MOBILE, "[телефон скрыт]"), (EMAIL, "[e-mail скрыт]"), (SNILS, "[СНИЛС скрыт]"), (INN_PERSON, "[ИНН скрыт]"),
         (FULL_NAME, "[ФИО скрыто]"))


def mask(text: str) -> str:
    """`text` with people's personal data replaced by a visible placeholder."""
    if not text or not any(ch.isdigit() or ch == "@" or "А" <= ch <= "я" for ch in text):
        return text
    for pattern, placeholder in MASKS:
        text = pattern.sub(placeholder, text)
    return text
