"""Turn a quantity phrase as news English writes it into a value, a range, a unit and a bound.

Pure string functions, no spaCy: the rules can be tested on phrases alone ("$1.2bn",
"between 10 and 15 percent", "nearly a dozen"), and the claim extractor calls
`parse_quantity` on the text of the token span it found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "lakh": 1e5, "million": 1e6, "crore": 1e7,
    "billion": 1e9, "trillion": 1e12,
}
# Abbreviated scales. "m" and "k" also mean metres and a unit prefix, so they count as scales
# only next to a currency ("EUR40m"); "bn", "mn", "tn" are unambiguous.
SCALE_ABBREVIATIONS = {"bn": 1e9, "b": 1e9, "mn": 1e6, "mln": 1e6, "tn": 1e12, "trn": 1e12}
CURRENCY_SCALE_ABBREVIATIONS = {"m": 1e6, "k": 1e3}
# Plural scale words that name a vague amount: "billions" guarantees at least two billion.
VAGUE_SCALES = {
    "dozens": 12, "tens": 10, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6,
    "billions": 1e9, "trillions": 1e12,
}
DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}
# Words that are a change by themselves: (factor, direction).
FACTOR_VERBS = {
    "double": (2, "increase"), "doubled": (2, "increase"), "doubling": (2, "increase"),
    "doubles": (2, "increase"), "triple": (3, "increase"), "tripled": (3, "increase"),
    "tripling": (3, "increase"), "triples": (3, "increase"), "trebled": (3, "increase"),
    "quadrupled": (4, "increase"), "quadrupling": (4, "increase"),
    "halved": (0.5, "decrease"), "halving": (0.5, "decrease"), "halves": (0.5, "decrease"),
}
FOLD_WORDS = {"twofold": 2, "threefold": 3, "fourfold": 4, "fivefold": 5, "tenfold": 10,
              "twice": 2, "thrice": 3}

CURRENCY_SYMBOLS = {
    "$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "rs": "INR",
    "₸": "KZT", "₽": "RUB", "₩": "KRW", "₺": "TRY", "a$": "AUD", "c$": "CAD", "hk$": "HKD",
    "s$": "SGD", "nz$": "NZD", "r$": "BRL",
}
ISO_CODES = {
    "usd", "eur", "gbp", "jpy", "cny", "rmb", "inr", "kzt", "rub", "krw", "try", "aud", "cad",
    "hkd", "sgd", "nzd", "brl", "chf", "sek", "nok", "dkk", "pln", "uah", "zar", "mxn",
    "aed", "sar", "kgs", "uzs", "tjs", "azn", "gel", "amd", "byn", "idr", "myr", "thb",
    "vnd", "php", "pkr", "egp", "ngn", "kes",
}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "yuan": "CNY",
    "renminbi": "CNY", "yen": "JPY", "rupee": "INR", "rupees": "INR", "ruble": "RUB",
    "rubles": "RUB", "rouble": "RUB", "roubles": "RUB", "tenge": "KZT", "won": "KRW",
    "lira": "TRY", "rand": "ZAR", "peso": "MXN", "pesos": "MXN", "dirham": "AED",
    "dirhams": "AED", "riyal": "SAR", "riyals": "SAR", "naira": "NGN", "hryvnia": "UAH",
    "hryvnias": "UAH", "zloty": "PLN", "zlotys": "PLN", "ringgit": "MYR", "rupiah": "IDR",
    "baht": "THB", "dong": "VND", "som": "KGS", "soms": "KGS", "somoni": "TJS",
    "sterling": "GBP", "franc": "CHF", "francs": "CHF", "shekel": "ILS", "shekels": "ILS",
    "krone": "DKK", "kroner": "DKK", "krona": "SEK", "kronor": "SEK", "dinar": "IQD",
    "dinars": "IQD", "shilling": "KES", "shillings": "KES", "cedi": "GHS", "cedis": "GHS",
    "kwacha": "ZMW", "birr": "ETB", "taka": "BDT", "lari": "GEL", "dram": "AMD",
    "manat": "AZN", "rial": "IRR", "rials": "IRR", "lei": "RON", "leu": "RON", "forint": "HUF",
    "koruna": "CZK", "kip": "LAK", "riel": "KHR", "kyat": "MMK", "sum": "UZS", "tugrik": "MNT",
}
# "Canadian dollars", "Hong Kong dollars": the word before "dollar" names the currency.
DOLLAR_COUNTRIES = {
    "us": "USD", "u.s.": "USD", "american": "USD", "canadian": "CAD", "australian": "AUD",
    "kong": "HKD", "singapore": "SGD", "zealand": "NZD", "taiwan": "TWD",
}
PERCENT_WORDS = {"%": "percent", "percent": "percent", "pct": "percent"}
MEASURE_UNITS = {
    "km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "mile": "mile", "miles": "mile", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "kg": "kg", "kilogram": "kg", "kilograms": "kg", "tonne": "t", "tonnes": "t", "ton": "t",
    "tons": "t", "barrel": "barrel", "barrels": "barrel", "bpd": "barrel",
    "litre": "l", "litres": "l", "liter": "l", "liters": "l", "hectare": "ha",
    "hectares": "ha", "acre": "acre", "acres": "acre", "mw": "MW", "megawatts": "MW",
    "gw": "GW", "gigawatts": "GW", "kwh": "kWh", "twh": "TWh", "bcm": "bcm",
}
TEMPERATURES = {"celsius": "degC", "c": "degC", "centigrade": "degC", "fahrenheit": "degF",
                "f": "degF"}
# Currency words shared by several countries, resolved by a country or nationality word in
# the phrase or sentence: "Nepalese rupees", "120 billion rupees" in a story on Sri Lanka.
LOCAL_CURRENCIES = {
    "rupee": {"india": "INR", "indian": "INR", "pakistan": "PKR", "pakistani": "PKR",
              "sri lanka": "LKR", "sri lankan": "LKR", "nepal": "NPR", "nepalese": "NPR",
              "mauritius": "MUR", "mauritian": "MUR", "indonesia": "IDR"},
    "dirham": {"uae": "AED", "united arab emirates": "AED", "emirati": "AED", "dubai": "AED",
               "abu dhabi": "AED", "morocco": "MAD", "moroccan": "MAD"},
    "peso": {"mexico": "MXN", "mexican": "MXN", "argentina": "ARS", "argentine": "ARS",
             "argentinian": "ARS", "philippines": "PHP", "philippine": "PHP", "chile": "CLP",
             "chilean": "CLP", "colombia": "COP", "colombian": "COP", "uruguay": "UYU",
             "uruguayan": "UYU", "cuba": "CUP", "cuban": "CUP"},
    "krone": {"denmark": "DKK", "danish": "DKK", "norway": "NOK", "norwegian": "NOK"},
    "krona": {"sweden": "SEK", "swedish": "SEK", "iceland": "ISK", "icelandic": "ISK"},
    "dinar": {"iraq": "IQD", "iraqi": "IQD", "kuwait": "KWD", "kuwaiti": "KWD",
              "jordan": "JOD", "jordanian": "JOD", "serbia": "RSD", "serbian": "RSD",
              "algeria": "DZD", "algerian": "DZD", "tunisia": "TND", "tunisian": "TND",
              "libya": "LYD", "libyan": "LYD", "bahrain": "BHD", "bahraini": "BHD"},
    "riyal": {"saudi arabia": "SAR", "saudi": "SAR", "qatar": "QAR", "qatari": "QAR",
              "oman": "OMR", "omani": "OMR", "yemen": "YER", "yemeni": "YER", "iran": "IRR",
              "iranian": "IRR"},
    "pound": {"britain": "GBP", "british": "GBP", "uk": "GBP", "egypt": "EGP",
              "egyptian": "EGP", "lebanon": "LBP", "lebanese": "LBP", "sudan": "SDG",
              "sudanese": "SDG", "syria": "SYP", "syrian": "SYP"},
    "franc": {"switzerland": "CHF", "swiss": "CHF", "cfa": "XOF", "congolese": "CDF",
              "rwanda": "RWF", "rwandan": "RWF"},
    "shilling": {"kenya": "KES", "kenyan": "KES", "uganda": "UGX", "ugandan": "UGX",
                 "tanzania": "TZS", "tanzanian": "TZS", "somalia": "SOS", "somali": "SOS"},
    "dollar": {"canada": "CAD", "canadian": "CAD", "australia": "AUD", "australian": "AUD",
               "new zealand": "NZD", "hong kong": "HKD", "singapore": "SGD",
               "singaporean": "SGD", "taiwan": "TWD", "taiwanese": "TWD", "zimbabwe": "ZWL",
               "zimbabwean": "ZWL", "us": "USD", "u.s.": "USD", "american": "USD",
               "namibian": "NAD", "jamaican": "JMD", "liberian": "LRD"},
}
LOCAL_CURRENCY_ADJECTIVES = {
    name for names in LOCAL_CURRENCIES.values() for name in names if " " not in name
}
TIME_UNITS = {
    "second": "second", "seconds": "second", "minute": "minute", "minutes": "minute",
    "hour": "hour", "hours": "hour", "day": "day", "days": "day", "week": "week",
    "weeks": "week", "month": "month", "months": "month", "year": "year", "years": "year",
    "decade": "decade", "decades": "decade", "century": "century", "centuries": "century",
}

# Qualifiers before the number, longest first when matched, and the bound each gives.
BOUND_PHRASES = {
    "at_most": [
        "almost", "nearly", "just under", "under", "less than", "fewer than", "up to",
        "at most", "no more than", "below", "just below", "not quite", "close to",
        "just shy of", "shy of", "short of", "as many as", "as much as", "a maximum of",
    ],
    "at_least": [
        "more than", "over", "just over", "at least", "exceeding", "above", "in excess of",
        "upwards of", "no fewer than", "no less than", "well over", "well above", "north of",
        "a minimum of", "just above", "some more than",
    ],
    "approximate": [
        "about", "around", "roughly", "some", "an estimated", "estimated", "approximately",
        "approx", "circa", "an approximate", "a roughly", "an approximately", "reportedly",
        "about an estimated", "around an estimated",
    ],
}
# Qualifiers after the number: "10,000 or so", "500 or more".
TRAILING_BOUNDS = {("or", "so"): "approximate", ("or", "more"): "at_least",
                   ("plus",): "at_least", ("or", "less"): "at_most"}
# Qualifier phrases by first word, longest first: (words, bound).
_BOUNDS_BY_FIRST_WORD: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _bound, _phrases in BOUND_PHRASES.items():
    for _phrase in _phrases:
        _BOUNDS_BY_FIRST_WORD.setdefault(_phrase.split()[0], []).append(
            (tuple(_phrase.split()), _bound)
        )
for _options in _BOUNDS_BY_FIRST_WORD.values():
    _options.sort(key=lambda option: -len(option[0]))
EMPHASIS_WORDS = {"fully", "only", "just", "exactly", "precisely"}
_QUALIFIER_PHRASES = {phrase for phrases in BOUND_PHRASES.values() for phrase in phrases} | (
    EMPHASIS_WORDS
)
_QUALIFIER_LAST_WORDS = {phrase.split()[-1] for phrase in _QUALIFIER_PHRASES}
MAX_QUALIFIER_WORDS = 4  # the most words `qualifier_length` looks at: callers pass no more
RANGE_SEPARATORS = {"-", "–", "—", "to", "or"}
# Words a quantity phrase may start with that carry no number ("fully 40 percent").
FILLERS = {"fully", "the", "record", "total", "of", "just", "only", "exactly", "precisely",
           "a", "an"}
# "a" is a number before these: "a dozen", "a third", "a million".
WORDS_AFTER_A = {"dozen", "couple", "half", "hundred", "thousand", "million", "billion",
                 "trillion", *DENOMINATORS}

_TOKEN_RE = re.compile(
    r"[A-Za-z]{1,2}\$"             # US$, HK$, A$
    r"|\d+(?:,\d{3})*(?:\.\d+)?"   # 1,250 / 1.25 / 40
    r"|\.\d+"                      # .5
    r"|[^\W\d_]+(?:\.[^\W\d_]\.)?" # words, and u.s.
    r"|°[cCfF]\b"
    r"|[$€£¥₹₸₽₩₺%]"
    r"|[-–—]"
)


@dataclass(frozen=True)
class Quantity:
    """A parsed quantity: `value` for one number, `low`/`high` for ranges and vague amounts."""

    value: float | None
    low: float | None
    high: float | None
    unit: str
    unit_text: str | None
    bound: str = "exact"
    change: str | None = None


def local_currency(word: str, place: str) -> str | None:
    """The currency a shared currency word means in a country: ("rupees", "Nepal") -> NPR."""
    singular = {"kroner": "krone", "kronor": "krona", "pesos": "peso", "rupees": "rupee",
                "dirhams": "dirham", "dinars": "dinar", "riyals": "riyal", "pounds": "pound",
                "francs": "franc", "shillings": "shilling", "dollars": "dollar"}
    return LOCAL_CURRENCIES.get(singular.get(word.lower(), word.lower()), {}).get(place.lower())


def tokenize(text: str) -> list[str]:
    """Split a phrase into lower-case words, numbers and symbols ("$1.2bn" -> $, 1.2, bn)."""
    return [token.lower() for token in _TOKEN_RE.findall(text)]


_DIGIT_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+")


def is_digit_number(token: str) -> bool:
    return _DIGIT_NUMBER.fullmatch(token) is not None


def is_number_word(word: str) -> bool:
    """True for words that can start or continue a spelled-out number."""
    return word in UNITS or word in TENS or word in SCALES or word == "dozen"


@lru_cache(maxsize=65536)
def parse_quantity(text: str) -> Quantity | None:
    """Parse a whole phrase, qualifier included; None when it holds no quantity. Cached: the
    same phrases recur across a corpus, and the result is an immutable value."""
    tokens = tokenize(text)
    bound, tokens = _split_bound(tokens)
    if not tokens:
        return None
    if len(tokens) == 1 and tokens[0] in FACTOR_VERBS:
        factor, direction = FACTOR_VERBS[tokens[0]]
        return Quantity(factor, None, None, "factor", tokens[0], bound, direction)
    fold = _parse_fold(tokens)
    if fold is not None:
        return Quantity(_clean(fold), None, None, "factor", _original_word(text, tokens), bound)
    vague = _parse_vague(tokens)
    if vague is not None:
        low, unit, unit_text = vague
        return Quantity(None, _clean(low), None, unit, unit_text, "at_least")
    quantity = _parse_amount_or_range(tokens, bound)
    if quantity is None or quantity.unit_text is None:
        return quantity
    return replace(quantity, unit_text=_as_written(text, quantity.unit_text))


def _as_written(text: str, unit_text: str) -> str:
    """The unit with the capitals it has in the text ("US$", "Canadian dollars")."""
    pattern = r"\s+".join(re.escape(word) for word in unit_text.split())
    found = re.search(pattern, text, flags=re.IGNORECASE)
    return found.group(0) if found else unit_text


def _split_bound(tokens: list[str]) -> tuple[str, list[str]]:
    """Remove leading qualifiers ("nearly", "more than") and fillers ("fully", "a total of")."""
    bound = "exact"
    while tokens:
        phrase_bound, length = _match_bound(tokens)
        if length:
            bound, tokens = phrase_bound, tokens[length:]
        elif tokens[0] in FILLERS and len(tokens) > 1 and not (
            tokens[0] in {"a", "an"} and tokens[1] in WORDS_AFTER_A
        ):
            tokens = tokens[1:]
        else:
            break
    return _split_trailing(bound, tokens)


def _match_bound(tokens: list[str]) -> tuple[str, int]:
    """The longest qualifier phrase at the start of `tokens`, and its length in tokens."""
    for words, bound in _BOUNDS_BY_FIRST_WORD.get(tokens[0], ()):
        if len(tokens) > len(words) and tuple(tokens[: len(words)]) == words:
            return bound, len(words)
    return "exact", 0


def qualifier_length(preceding: Sequence[str]) -> int:
    """How many of the words just before a number form its qualifier ("just over" -> 2)."""
    # Asked at every quantity and numeric entity, and most have none: every qualifier ends
    # with the last word of a phrase or with an emphasis word, so look no further otherwise.
    if not preceding or preceding[-1].lower() not in _QUALIFIER_LAST_WORDS:
        return 0
    words = [word.lower() for word in preceding]
    for length in range(min(len(words), MAX_QUALIFIER_WORDS), 0, -1):
        tail = words[-length:]
        if " ".join(tail) in _QUALIFIER_PHRASES or (
            tail[0] in EMPHASIS_WORDS and qualifier_length(tail[1:]) == length - 1
        ):
            return length
    return 0


def _split_trailing(bound: str, tokens: list[str]) -> tuple[str, list[str]]:
    for words, trailing_bound in TRAILING_BOUNDS.items():
        if len(tokens) > len(words) and tuple(tokens[-len(words):]) == words:
            return trailing_bound, tokens[: -len(words)]
    return bound, tokens


def _parse_fold(tokens: list[str]) -> float | None:
    """"twofold", "two-fold", "3-fold"."""
    if len(tokens) == 1 and tokens[0] in FOLD_WORDS:
        return float(FOLD_WORDS[tokens[0]])
    if len(tokens) == 3 and tokens[1] == "-" and tokens[2] == "fold":
        number, used = _read_number(tokens[:1], 0)
        return number if used else None
    return None


def _original_word(text: str, tokens: list[str]) -> str:
    return text.strip().split()[-1] if tokens else text


def _parse_vague(tokens: list[str]) -> tuple[float, str, str | None] | None:
    """"billions of dollars", "tens of thousands", "multi-billion dollar": the least amount."""
    words = [t for t in tokens if t not in {"-", "of"}]
    if not words:
        return None
    if words[0] in {"multi", "multibillion", "multimillion"}:
        scale_word = words[0][5:] if len(words[0]) > 5 else (words[1] if len(words) > 1 else "")
        rest = words[1:] if len(words[0]) > 5 else words[2:]
        if scale_word not in SCALES:
            return None
        unit, unit_text = _unit_of(rest)
        if unit == "lb":  # "a multi-million pound deal" is money
            unit = "GBP"
        return 2 * SCALES[scale_word], unit, unit_text
    if words[0] not in VAGUE_SCALES:
        return None
    amount = 2.0
    index = 0
    while index < len(words) and words[index] in VAGUE_SCALES:
        amount *= VAGUE_SCALES[words[index]]
        index += 1
    unit, unit_text = _unit_of(words[index:])
    return amount, unit, unit_text


def _unit_of(words: list[str]) -> tuple[str, str | None]:
    """Unit of the words after a number: currency, percent, measure, time; else a count."""
    if words[:1] == ["-"]:  # "two-day", "a 10-km race"
        words = words[1:]
    if not words:
        return "count", None
    first = words[0]
    if first in PERCENT_WORDS:
        return "percent", first
    if first == "per" and len(words) > 1 and words[1] == "cent":
        return "percent", "per cent"
    if first in {"percentage", "pp", "ppt", "ppts"}:
        return "percentage_point", " ".join(words[:2]) if first == "percentage" else first
    if first in {"basis", "bps", "bp"}:
        return "basis_point", " ".join(words[:2]) if first == "basis" else first
    if first in {"square", "sq", "cubic"} and len(words) > 1 and words[1] in MEASURE_UNITS:
        power = "2" if first != "cubic" else "3"
        return MEASURE_UNITS[words[1]] + power, f"{first} {words[1]}"
    if first in {"degrees", "degree", "°"} and len(words) > 1 and words[1] in TEMPERATURES:
        return TEMPERATURES[words[1]], f"{first} {words[1]}"
    if first in {"°c", "°f"}:
        return TEMPERATURES[first[1]], first
    if first in LOCAL_CURRENCY_ADJECTIVES and len(words) > 1 and words[1] in CURRENCY_WORDS:
        code = local_currency(words[1], first)
        if code is not None:  # "Nepalese rupees", "Moroccan dirhams"
            return code, f"{first} {words[1]}"
    if first in ISO_CODES:
        return ("CNY" if first == "rmb" else first.upper()), first.upper()
    if first in DOLLAR_COUNTRIES and len(words) > 1 and words[1].startswith("dollar"):
        return DOLLAR_COUNTRIES[first], f"{first} {words[1]}"
    if first == "hong" and len(words) > 2 and words[2].startswith("dollar"):
        return "HKD", "hong kong " + words[2]
    if first in CURRENCY_WORDS:
        return CURRENCY_WORDS[first], first
    if first in {"pound", "pounds"}:
        return ("GBP", first) if len(words) > 1 and words[1] == "sterling" else ("lb", first)
    if first in MEASURE_UNITS:
        return MEASURE_UNITS[first], first
    if first in TIME_UNITS:
        return TIME_UNITS[first], first
    return "count", None


@dataclass
class _Amount:
    """One side of a quantity while parsing: number, scale and unit as read so far."""

    number: float
    scale: float = 1.0
    unit: str | None = None
    unit_text: str | None = None
    is_fraction: bool = False


def _parse_amount_or_range(tokens: list[str], bound: str) -> Quantity | None:
    is_between = tokens[0] in {"between", "from"}
    if is_between:
        tokens = tokens[1:]
    left, index = _read_amount(tokens, 0)
    if left is None:
        return None
    right = None
    if index < len(tokens) and (
        tokens[index] in RANGE_SEPARATORS or (is_between and tokens[index] == "and")
    ):
        right, after = _read_amount(tokens, index + 1)
        if right is not None:
            index = after
    trailing_unit, trailing_text = _unit_of(tokens[index:])
    for side in (left, right):
        if side is not None and side.unit is None and trailing_unit != "count":
            side.unit, side.unit_text = trailing_unit, trailing_text
    if right is None:
        unit, unit_text = _final_unit(left)
        return Quantity(_clean(left.number * left.scale), None, None, unit, unit_text, bound)
    if left.scale == 1.0 and right.scale != 1.0 and left.number <= right.number:
        left.scale = right.scale  # "$3-4 billion": the scale applies to both ends
    if left.unit is None:
        left.unit, left.unit_text = right.unit, right.unit_text
    left.is_fraction = left.is_fraction or right.is_fraction
    unit, unit_text = _final_unit(right if right.unit else left)
    if unit != _final_unit(left)[0]:
        return None
    low, high = sorted((left.number * left.scale, right.number * right.scale))
    return Quantity(None, _clean(low), _clean(high), unit, unit_text, bound)


def _final_unit(amount: _Amount) -> tuple[str, str | None]:
    if amount.unit is not None:
        return amount.unit, amount.unit_text
    if amount.is_fraction:
        return "percent", None
    return "count", None


def _read_amount(tokens: list[str], index: int) -> tuple[_Amount | None, int]:
    """Read [currency] number [scale] [unit] starting at `index`."""
    currency = None
    if index < len(tokens) and (tokens[index] in CURRENCY_SYMBOLS or tokens[index] in ISO_CODES):
        currency = tokens[index]
        index += 1
    if tokens[index:index + 1] == ["half"]:
        if index + 2 < len(tokens) and tokens[index + 1] in {"a", "an"} and (
            tokens[index + 2] in SCALES or tokens[index + 2] == "dozen"
        ):  # "half a million", "half a dozen"
            amount = _Amount(0.5, SCALES.get(tokens[index + 2], 12))
            index += 3
        elif tokens[index + 1:index + 2] in (["a"], ["an"]) and (
            _unit_of(tokens[index + 2:])[0] != "count"
        ):  # "half a percentage point"
            unit, unit_text = _unit_of(tokens[index + 2:])
            amount = _Amount(0.5, unit=unit, unit_text=unit_text)
            index += 2 + len(unit_text.split())
        else:
            amount = _Amount(50.0, is_fraction=True)
            index += 1
    else:
        number, used = _read_number(tokens, index)
        if not used:
            return None, index
        index += used
        amount = _Amount(number)
        fraction, used = _read_fraction(tokens, index, number)
        if used:
            amount.number, amount.is_fraction = fraction, True
            index += used
    scales = dict(SCALES) | SCALE_ABBREVIATIONS
    if currency is not None:
        scales |= CURRENCY_SCALE_ABBREVIATIONS
    if tokens[index:index + 1] == ["-"] and tokens[index + 1:index + 2] and (
        tokens[index + 1] in scales
    ):  # "$5-billion deal"
        index += 1
    while index < len(tokens) and tokens[index] in scales and not amount.is_fraction:
        amount.scale *= scales[tokens[index]]  # "2.56 lakh crore" is 2.56e12
        index += 1
    if amount.is_fraction and tokens[index:index + 2] in (["of", "a"], ["of", "an"]):
        unit, unit_text = _unit_of(tokens[index + 2:])
        if unit != "count":  # "a quarter of a percentage point" is 0.25 points
            amount.number, amount.is_fraction = amount.number / 100, False
            amount.unit, amount.unit_text = unit, unit_text
            index += 2 + len(unit_text.split())
    if currency is not None:
        if currency in CURRENCY_SYMBOLS:
            amount.unit = CURRENCY_SYMBOLS[currency]
            amount.unit_text = "US$" if currency == "us$" else (
                currency.upper() if currency.endswith("$") else currency
            )
            if currency == "rs":
                amount.unit_text = "Rs"
        else:
            amount.unit = "CNY" if currency == "rmb" else currency.upper()
            amount.unit_text = currency.upper()
    else:
        unit, unit_text = _unit_of(tokens[index:])
        if unit != "count":
            if unit == "lb" and amount.scale >= 1e6:  # "5 billion pounds" is money
                unit = "GBP"
            amount.unit, amount.unit_text = unit, unit_text
            index += len(unit_text.split()) if unit_text else 1
    return amount, index


def _read_number(tokens: list[str], index: int) -> tuple[float, int]:
    """Read digits or a spelled-out number; returns (number, tokens used), used 0 if none."""
    if index >= len(tokens):
        return 0.0, 0
    first = tokens[index]
    if is_digit_number(first):
        return float(first.replace(",", "")), 1
    if first in {"a", "an"} and index + 1 < len(tokens) and tokens[index + 1] == "couple":
        used = 3 if index + 2 < len(tokens) and tokens[index + 2] == "of" else 2
        return 2.0, used
    if first in {"a", "an"} and index + 1 < len(tokens) and (
        tokens[index + 1] in SCALES or tokens[index + 1] == "dozen"
        or tokens[index + 1] in DENOMINATORS
    ):
        number, used = _read_words(tokens, index + 1, start=1.0)
        return (number, used + 1) if used else (1.0, 1)
    if first == "half":
        return 1.0, 0  # a bare "half" is read as a fraction by the caller
    return _read_words(tokens, index)


def _read_words(tokens: list[str], index: int, start: float = 0.0) -> tuple[float, int]:
    """Spelled-out numbers: "twenty-five", "one hundred and five", "two dozen"."""
    if not start and index < len(tokens) and tokens[index] not in UNITS | TENS.keys():
        return 0.0, 0  # a bare "million" or "dozen" is not a number by itself
    total, current, used = 0.0, start, 0
    position = index
    while position < len(tokens):
        word = tokens[position]
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in SCALES and SCALES[word] >= 1000:
            total += (current or 1) * SCALES[word]
            current = 0
        elif word in {"-", "and"} and used and position + 1 < len(tokens) and (
            tokens[position + 1] in UNITS and tokens[position - 1] in TENS
            or (word == "and" and tokens[position - 1] in {"hundred"}
                and (tokens[position + 1] in UNITS or tokens[position + 1] in TENS))
        ):
            pass
        else:
            break
        position += 1
        used = position - index
    if not used:
        return 0.0, 0
    if tokens[position - 1] in {"-", "and"}:
        used -= 1
    return total + current, used


def _read_fraction(tokens: list[str], index: int, numerator: float) -> tuple[float, int]:
    """After a numerator: "-third", " quarters", returns the share in percent."""
    position = index + 1 if index < len(tokens) and tokens[index] == "-" else index
    if position < len(tokens) and tokens[position] in DENOMINATORS:
        return 100 * (numerator or 1) / DENOMINATORS[tokens[position]], position + 1 - index
    ratio_words = 2 if tokens[position:position + 2] == ["out", "of"] else (
        1 if tokens[position:position + 1] == ["in"] else 0
    )
    if ratio_words:  # "one in five", "nine out of ten" -> a share in percent
        denominator, used = _read_number(tokens, position + ratio_words)
        if used and denominator > 0:
            return 100 * numerator / denominator, position + ratio_words + used - index
    return 0.0, 0


def _clean(number: float) -> float | int:
    """Integral values as int, others rounded: the same number always prints the same way."""
    if number == int(number) and abs(number) < 1e18:
        return int(number)
    return round(number, 4)
