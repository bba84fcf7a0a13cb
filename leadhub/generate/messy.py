"""How real exports write values: the messy formats of the contract's "Value formats" section.

Each function takes a ``random.Random`` and the true value and returns the text a CRM
would write.  None of them knows about files or modules.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata

from leadhub.generate.vocab import BRANCH_EMOJIS, BRANCH_STATUS_SUFFIXES, NICKNAMES, PLACEHOLDER_EMAILS


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def spaced(rng: random.Random, text: str, rate: float) -> str:
    """Doubled inner spaces or trailing/leading blanks, as hand-typed data has."""
    if rng.random() >= rate or not text:
        return text
    r = rng.random()
    if r < 0.45:
        return text + " "
    if r < 0.75 and " " in text:
        return text.replace(" ", "  ", 1)
    if r < 0.9:
        return " " + text
    return text + "  "


def typo(rng: random.Random, word: str, min_length: int = 4) -> str:
    if len(word) < min_length:
        return word
    i = rng.randrange(1, len(word) - 1)
    r = rng.random()
    if r < 0.4:  # swap two letters
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if r < 0.7:  # drop a letter
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]  # double a letter


def person_name(rng: random.Random, first: str, last: str, s) -> str:
    """A person's name as one export row writes it (``s``: GeneratorSettings)."""
    if rng.random() < s.name_nickname_rate and first in NICKNAMES:
        first = rng.choice(NICKNAMES[first])
    if rng.random() < s.accent_strip_rate:
        first, last = strip_accents(first), strip_accents(last)
    if rng.random() < s.name_typo_rate:
        last = typo(rng, last)
    if s.first_name_typo_rate and rng.random() < s.first_name_typo_rate:
        first = typo(rng, first, min_length=3)
    if rng.random() < s.name_initial_rate:
        first = first[0] + "."
    r = rng.random()
    if r < s.name_reorder_rate:
        text = f"{last.upper() if rng.random() < 0.6 else last}, {first}"
    elif s.name_reversed_rate and rng.random() < s.name_reversed_rate:
        text = f"{last} {first}"
    else:
        text = f"{first} {last}"
    r = rng.random()
    if r < s.name_case_rate / 2:
        text = text.upper()
    elif r < s.name_case_rate:
        text = text.lower()
    return spaced(rng, text, s.extra_space_rate)


def email(rng: random.Random, address: str, s) -> str:
    if rng.random() < s.placeholder_email_rate:
        return rng.choice(PLACEHOLDER_EMAILS)
    r = rng.random()
    if r < 0.05:
        address = address.upper()
    elif r < 0.12:
        local, _, domain = address.partition("@")
        address = local.capitalize() + "@" + domain
    return spaced(rng, address, s.extra_space_rate)


_PHONE_FORMATS = (
    (0.33, "({a}) {b}-{c}"),
    (0.58, "{a}-{b}-{c}"),
    (0.68, "+1 {a} {b} {c}"),
    (0.88, "{a}{b}{c}"),
    (0.94, "{a}.{b}.{c}"),
    (1.01, "1-{a}-{b}-{c}"),
)


def phone(rng: random.Random, digits: str) -> str:
    """``digits``: a 10-digit North American number."""
    a, b, c = digits[:3], digits[3:6], digits[6:]
    r = rng.random()
    text = next(f for limit, f in _PHONE_FORMATS if r < limit).format(a=a, b=b, c=c)
    if rng.random() < 0.02:
        text += rng.choice((" ext. ", " x", " ext ", " #")) + str(rng.randint(1, 999))
    return text


def quote_number(rng: random.Random, number: int, rate: float) -> str:
    if rng.random() >= rate:
        return str(number)
    r = rng.random()
    if r < 0.35:
        return f"#{number}"
    if r < 0.7:
        return f" {number} " if rng.random() < 0.5 else f"{number} "
    if r < 0.85:
        return f"# {number}"
    return f"00{number}"


def us_date(d: dt.date) -> str:
    return f"{d.month}/{d.day}/{d.year}"


def us_datetime(t: dt.datetime) -> str:
    hour = t.hour % 12 or 12
    return f"{t.month}/{t.day}/{t.year} {hour}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


def iso_date(d: dt.date) -> str:
    return d.isoformat()


def iso_datetime(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M:%S")


def any_date(rng: random.Random, d: dt.date, usual: str = "us") -> str:
    """Mostly the module's usual format, sometimes another one (exports mix them)."""
    r = rng.random()
    if r < 0.9:
        return us_date(d) if usual == "us" else iso_date(d)
    return iso_date(d) if usual == "us" else us_date(d)


def money(rng: random.Random, amount: float, styled: float = 0.7) -> str:
    if rng.random() < styled:
        sign = "-" if amount < 0 else ""
        return f"{sign}${abs(amount):,.2f}"
    text = f"{amount:.2f}".rstrip("0").rstrip(".")
    return text


def percent(rng: random.Random, value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".") if rng.random() < 0.5 else f"{value:.2f}"
    return text + "%" if rng.random() < 0.75 else text


def duration_text(rng: random.Random, minutes: float) -> str:
    """Time to contact: ``12 min``, ``3 hours``, ``2 days`` in any case."""
    if minutes < 90:
        value, unit = round(minutes), rng.choice(("min", "mins", "minutes"))
    elif minutes < 48 * 60:
        value, unit = round(minutes / 60), "hours"
    else:
        value, unit = round(minutes / 1440), "days"
    if value == 1 and unit in ("hours", "days"):
        unit = unit[:-1]
    text = f"{value} {unit}"
    r = rng.random()
    if r < 0.1:
        return text.upper()
    if r < 0.2:
        return text.title()
    return text


def hms(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def branch_name(rng: random.Random, canonical: str, status: str, s) -> str:
    """A branch as a row writes it: accents, status suffix, emoji, case, spaces."""
    text = canonical
    if rng.random() < 0.35 and strip_accents(text) != text:
        text = strip_accents(text) if rng.random() < 0.6 else text.replace("É", "È")
    if status in BRANCH_STATUS_SUFFIXES and rng.random() < 0.7:
        text = f"{text} {rng.choice(BRANCH_STATUS_SUFFIXES[status])}"
    if rng.random() < s.branch_variant_rate:
        r = rng.random()
        if r < 0.35:
            text = text.title()
        elif r < 0.6:
            emoji = rng.choice(BRANCH_EMOJIS)
            text = f"{emoji} {text}" if rng.random() < 0.5 else f"{text} {emoji}"
        elif r < 0.8:
            text = text.lower() if rng.random() < 0.3 else text.title()
        else:
            text = spaced(rng, text, 1.0)
    if s.branch_punctuation_rate and rng.random() < s.branch_punctuation_rate:
        text = punctuated(rng, text)
    return text


def punctuated(rng: random.Random, text: str) -> str:
    """The same name with other punctuation or spacing: 'A/B' <-> 'A / B', a dropped period,
    a hyphen for a space."""
    if "/" in text:
        return text.replace(" / ", "/") if " / " in text else text.replace("/", " / ")
    if "." in text:
        return text.replace(".", "")
    if " " in text.strip():
        return text.replace(" ", "-", 1) if rng.random() < 0.5 else text.replace(" ", "  ", 1)
    return text + "."
