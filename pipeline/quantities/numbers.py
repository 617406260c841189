"""Read a number as English news writes it: "1,250", "12,34,567.89", "-0.9", "10 1/2", "½",
"twenty-five", "three hundred and forty-two thousand", "two point five", "a dozen", "half a
million", "one-third", "nine out of ten".

`read_number` reads one number from a list of `Word`s and says how many words it used. A number
that is a share ("one-third", "three in four") is returned in percent with `is_share` set, so
that the caller can read "a quarter of a percentage point" or "3/4 cup" differently. Scales
written short ("bn", "m") are the caller's: whether "m" is a million depends on money.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from pipeline.quantities.tables import read_table
from pipeline.quantities.words import Word


def _words_of(kind: str) -> dict[str, float]:
    return {row["word"]: float(row["value"]) for row in _NUMBER_WORDS if row["kind"] == kind}


_NUMBER_WORDS = read_table("number_words.tsv")
DIGIT_WORDS = _words_of("digit")
TENS_WORDS = _words_of("tens")
SCALE_WORDS = _words_of("scale")
SCALE_ABBREVIATIONS = _words_of("abbreviation")
MONEY_ONLY_ABBREVIATIONS = {row["word"] for row in _NUMBER_WORDS if row["extra"] == "money_only"}
DOZEN_WORDS = _words_of("dozen")
DENOMINATORS = _words_of("denominator")
VAGUE_SCALES = _words_of("vague")
FOLD_WORDS = _words_of("fold")
SIGN_WORDS = _words_of("sign")
FACTOR_VERBS = {row["word"]: (float(row["value"]), row["extra"])
                for row in _NUMBER_WORDS if row["kind"] == "factor_verb"}
# Words that can begin a spelled-out number.
NUMBER_WORDS = DIGIT_WORDS.keys() | TENS_WORDS.keys()

VULGAR_FRACTIONS = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2,
                    "⅖": 0.4, "⅗": 0.6, "⅘": 0.8, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 0.125,
                    "⅜": 0.375, "⅝": 0.625, "⅞": 0.875}
MINUS_SIGNS = {"-", "−", "–"}
_SIGNS = MINUS_SIGNS | {"+"}
# The longest run of digits read as a number (a quadrillion has 16 digits; 30 leaves room for
# separators and decimals); anything longer is not an amount.
_MAX_DIGITS = 30
_MAX_EXPONENT = 300  # of a power of ten: 10.0 ** 309 overflows a float
# Denominators a fraction in digits may have ("3/4", "1/16"): "9/11" and "24/7" are names.
_DIGIT_DENOMINATORS = {2, 3, 4, 5, 6, 8, 10, 12, 16, 32, 64, 100}
_ARTICLES = {"a", "an"}
# Words after "one in five" that make it no ratio: "3 in 10 years" is a time span.
_AFTER_RATIO = {"years", "year", "days", "months", "weeks", "hours", "minutes", "decades"}

# Digits with their group separators: western ("1,234,567.8"), Indian ("12,34,567.89"), with
# spaces between groups ("1 000 000"), or none. Anything else ("192.168.1.2", "1,3") is no number.
_DIGITS = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?"
    r"|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+"
    r"|\d+(?:\.\d+)?|\.\d+"
)


class NumberReading(NamedTuple):
    """A number read from words: its value, how many words it took, whether it is a share (a
    fraction with nothing after it is a share of a whole, given in percent), and the scale its
    words end with ("4 billion": 1e9), which a range's other side may share ("3 to 4 billion")."""

    value: float
    used: int
    is_share: bool = False
    scale: float = 1.0


def digits_value(word: str) -> float | None:
    """The value of one word of digits ("1,250" -> 1250.0); None if it is not a well-formed
    number (an IP address, a date written with dots)."""
    if len(word) > _MAX_DIGITS:
        return None  # "$1" and 400 zeros is no amount anyone asserts, and overflows a float
    if word.isascii() and word.isdigit():
        return float(word)
    if _DIGITS.fullmatch(word) is None:
        return None
    return float(re.sub(r"[, \u00a0\u202f\u2009]", "", word))


def is_digits(word: str) -> bool:
    """Whether a word begins like a number in digits ("12", ".5"; not "²", a digit to Unicode)."""
    first = word[:1]
    return "0" <= first <= "9" or (first == "." and "0" <= word[1:2] <= "9")


def _lower(words: list[Word], index: int) -> str:
    return words[index].lower if 0 <= index < len(words) else ""


def read_number(words: list[Word], index: int) -> NumberReading | None:
    """Read the number that starts at `words[index]`, sign and fraction included; None when no
    number starts there."""
    sign, start = 1.0, index
    word = _lower(words, index)
    if word in SIGN_WORDS or (word in _SIGNS and _lower(words, index + 1)[:1].isdecimal()):
        sign = -1.0 if word != "+" else 1.0
        index += 1
    reading = _read_unsigned(words, index)
    if reading is None:
        return None
    if index == start:
        return reading
    return NumberReading(sign * reading.value, reading.used + index - start, reading.is_share,
                         reading.scale)


def _read_unsigned(words: list[Word], index: int) -> NumberReading | None:
    word = _lower(words, index)
    if word in VULGAR_FRACTIONS:
        return _share(100 * VULGAR_FRACTIONS[word], 1)
    if is_digits(word) or word in NUMBER_WORDS:
        return _read_cardinal(words, index)
    if word in _ARTICLES:
        return _read_after_article(words, index)
    if word == "half":
        return _read_half(words, index)
    return None


def _share(percent: float, used: int) -> NumberReading:
    return NumberReading(percent, used, is_share=True)


def _read_after_article(words: list[Word], index: int) -> NumberReading | None:
    """"a dozen", "a million", "a couple of", "a third", "a half", "a quarter million"."""
    following = _lower(words, index + 1)
    if following == "couple":  # "a couple of": "of" belongs to what is counted
        return NumberReading(2.0, 2)
    if following in SCALE_WORDS or following in DOZEN_WORDS:
        value, used = _accumulate(words, index + 1, start=1.0)
        end = index + 1 + used
        scale = _trailing_scale(words, end)
        part = _and_fraction(words, end)
        if part is not None and scale > 1:  # "a million and a half"
            return NumberReading(value + part[0] * scale, used + 1 + part[1], scale=scale)
        return NumberReading(value, used + 1, scale=scale)
    if following in DENOMINATORS and following not in {"halves"}:
        share = 100 / DENOMINATORS[following]
        return _scaled_share(words, index + 2, share, 2)
    return None


def _read_half(words: list[Word], index: int) -> NumberReading | None:
    """"half a million", "half a dozen", "half" (a share: 50 percent)."""
    if _lower(words, index + 1) in _ARTICLES and (
        _lower(words, index + 2) in SCALE_WORDS or _lower(words, index + 2) in DOZEN_WORDS
    ):
        following = _lower(words, index + 2)
        return NumberReading(0.5 * SCALE_WORDS.get(following, 12.0), 3,
                             scale=SCALE_WORDS.get(following, 1.0))
    return _scaled_share(words, index + 1, 50.0, 1)


def _scaled_share(words: list[Word], index: int, share: float, used: int) -> NumberReading:
    """A share, or a part of a scale when one follows: "a quarter million" is 250,000."""
    following = _lower(words, index)
    if following in SCALE_WORDS and SCALE_WORDS[following] >= 1000:
        return NumberReading(share / 100 * SCALE_WORDS[following], used + 1,
                             scale=SCALE_WORDS[following])
    return _share(share, used)


def _read_cardinal(words: list[Word], index: int) -> NumberReading | None:
    """Digits or number words, with what may follow them: a fraction ("10 1/2", "two thirds",
    "one-third", "1 in 4"), a decimal ("two point five") or "and a half"."""
    value, used = _accumulate(words, index)
    if not used:
        return None
    end = index + used
    if used == 1 and is_digits(words[index].lower):
        power = _read_power_of_ten(words, end)
        if power is not None:  # "1.3e6", "2.48×10−5", "6.23x10^-4"
            exponent, power_used = power
            if abs(exponent) > _MAX_EXPONENT:  # "1e400": beyond a float, no number we read
                return None
            return NumberReading(value * 10.0 ** exponent, used + power_used)
    fraction = _read_fraction_after(words, end, value)
    if fraction is not None:
        return NumberReading(fraction.value, used + fraction.used, fraction.is_share)
    if _lower(words, end) == "point" and _lower(words, end + 1) in NUMBER_WORDS:
        decimals, decimal_used = _read_decimal_words(words, end + 1)
        return NumberReading(value + decimals, used + 1 + decimal_used)
    part = _and_fraction(words, end)
    if part is not None:  # "one and a half", "two and a quarter million", "a million and a half"
        fraction, extra = part
        own_scale = _trailing_scale(words, end)
        later_scale = SCALE_WORDS.get(_lower(words, end + extra), 0)
        if later_scale >= 1000:  # the fraction is of the scale after it
            extra += 1
            total = value + fraction * later_scale if own_scale > 1 else (
                (value + fraction) * later_scale)
            return NumberReading(total, used + extra, scale=_trailing_scale(words, end + extra))
        return NumberReading(value + fraction * own_scale, used + extra, scale=own_scale)
    return NumberReading(value, used, scale=_trailing_scale(words, end))


def _and_fraction(words: list[Word], index: int) -> tuple[float, int] | None:
    """A fraction added after "and", and the words it took with the "and": "and a half",
    "and three quarters", "and one fourth"."""
    if _lower(words, index) != "and" or _lower(words, index + 2) not in DENOMINATORS:
        return None
    numerator = _lower(words, index + 1)
    count = 1 if numerator in _ARTICLES else DIGIT_WORDS.get(numerator)
    if count is None:
        return None
    return count / DENOMINATORS[_lower(words, index + 2)], 3


def _trailing_scale(words: list[Word], end: int) -> float:
    """The product of the scale words that end a number's words: "4 billion" 1e9, "2.56 lakh
    crore" 1e12, "three hundred" 1 (a hundred counts as part of the number)."""
    scale = 1.0
    while end > 0 and SCALE_WORDS.get(words[end - 1].lower, 0) >= 1000:
        scale *= SCALE_WORDS[words[end - 1].lower]
        end -= 1
    return scale


def _read_power_of_ten(words: list[Word], index: int) -> tuple[int, int] | None:
    """The exponent after a number in scientific notation, and the words it took: "e6",
    "e-3" written against the number, or "×10−5", "x10^6"."""
    position = index
    if _lower(words, index) == "e" and words[index].attached:
        position = index + 1
    elif _lower(words, index) in {"×", "x"} and _lower(words, index + 1) == "10" and (
        _lower(words, index + 2) in {"^", "−", "-", "+"} and words[index + 2].attached
    ):
        position = index + 2 + (_lower(words, index + 2) == "^")
    else:
        return None
    sign = 1
    if _lower(words, position) in _SIGNS and words[position].attached:
        sign = 1 if words[position].lower == "+" else -1
        position += 1
    digits = _lower(words, position)
    if not (digits.isdecimal() and words[position].attached and len(digits) <= 3):
        return None
    return sign * int(digits), position + 1 - index


def _read_fraction_after(words: list[Word], index: int, numerator: float) -> NumberReading | None:
    """What turns a whole number into a fraction: "/4" ("3/4", and "10 1/2" as 10.5), a
    vulgar fraction ("10½"), a denominator word ("two thirds", "one-third"), a ratio ("one in
    five", "nine out of ten")."""
    word = _lower(words, index)
    if word == "/" and words[index].attached and is_digits(_lower(words, index + 1)):
        denominator = digits_value(_lower(words, index + 1))
        if _is_digit_fraction(numerator, denominator) and _lower(words, index + 2) != "/":
            return _share(100 * numerator / denominator, 2)
        return None
    if word in VULGAR_FRACTIONS:
        return NumberReading(numerator + VULGAR_FRACTIONS[word], 1)
    if is_digits(word) and _lower(words, index + 1) == "/" and words[index + 1].attached:
        part = _read_fraction_after(words, index + 1, digits_value(word) or 0.0)
        if part is not None:  # "10 1/2": a whole number and a fraction
            return NumberReading(numerator + part.value / 100, 1 + part.used)
        return None
    position = index + 1 if word == "-" else index
    denominator_word = _lower(words, position)
    # "one third", "two thirds"; "twenty fifth" is an ordinal, not twenty fifths
    if denominator_word in DENOMINATORS and (
        numerator == 1 or (numerator > 1 and _is_plural_denominator(denominator_word))
    ):
        if numerator > DENOMINATORS[denominator_word]:  # "three halves": a number, no share
            return NumberReading(numerator / DENOMINATORS[denominator_word], position + 1 - index)
        share = 100 * numerator / DENOMINATORS[denominator_word]
        return _scaled_share(words, position + 1, share, position + 1 - index)
    ratio_words = 2 if word == "out" and _lower(words, index + 1) == "of" else (
        1 if word == "in" else 0)
    if ratio_words:  # "one in five", "nine out of ten"
        at = index + ratio_words
        denominator = _read_plain(words, at)
        if denominator is not None and numerator <= denominator.value and not (
            _is_year_word(_lower(words, at)) or _lower(words, at + denominator.used) in _AFTER_RATIO
        ):
            return _share(100 * numerator / denominator.value, ratio_words + denominator.used)
    return None


def _is_digit_fraction(numerator: float, denominator: float | None) -> bool:
    return bool(denominator) and float(numerator).is_integer() and 0 < numerator < denominator and (
        numerator == 1 or denominator in _DIGIT_DENOMINATORS
    )


def _is_plural_denominator(word: str) -> bool:
    return word.endswith("s") or word == "halves"


def _is_year_word(word: str) -> bool:
    return len(word) == 4 and word.isdecimal() and 1000 <= int(word) <= 2100


def _read_plain(words: list[Word], index: int) -> NumberReading | None:
    value, used = _accumulate(words, index)
    return NumberReading(value, used) if used else None


def _read_decimal_words(words: list[Word], index: int) -> tuple[float, int]:
    """The digits after "point": "zero three" -> .03, "seventy-one" -> .71."""
    digits, used = "", 0
    while True:
        word = _lower(words, index + used)
        if word in DIGIT_WORDS and DIGIT_WORDS[word] < 10:
            digits += str(int(DIGIT_WORDS[word]))
        elif word in TENS_WORDS:
            digits += str(int(TENS_WORDS[word]))[0]
            if _lower(words, index + used + 1) == "-":
                used += 1
            unit = _lower(words, index + used + 1)
            if unit in DIGIT_WORDS and 0 < DIGIT_WORDS[unit] < 10:
                digits, used = digits + str(int(DIGIT_WORDS[unit])), used + 1
            else:
                digits += "0"
        else:
            break
        used += 1
    return (float("0." + digits), used) if digits else (0.0, 0)


def _accumulate(words: list[Word], index: int, start: float = 0.0) -> tuple[float, int]:
    """Digits and number words that make one whole number: "twenty-five", "one hundred and
    five", "two dozen", "1.25 million", "4 thousand 3 hundred and 21". Returns (value, words
    used); `start` is a number already read ("a" in "a million" is 1)."""
    total, current, used = 0.0, start, 0
    position = index
    while position < len(words):
        word = words[position].lower
        addend = _whole_part(words, position, current, total, used)
        if addend is not None:
            current += addend
        elif word in SCALE_WORDS and (used or start):
            scale = SCALE_WORDS[word]
            if scale < 1000:  # "hundred"
                current = (current or 1.0) * scale
            elif not current and total and words[position - 1].lower in SCALE_WORDS:
                total *= scale  # "2.56 lakh crore", "a thousand million"
            else:
                total += (current or 1.0) * scale
                current = 0.0
        elif word in DOZEN_WORDS and (used or start):
            current = (current or 1.0) * DOZEN_WORDS[word]
        elif word in {"-", "and"} and used and _joins(words, position) and (
                _and_fraction(words, position) is None):  # "five billion and three quarters"
            pass
        else:
            break
        position += 1
        used = position - index
    if used and words[index + used - 1].lower in {"-", "and"}:
        used -= 1
    return total + current, used


def _whole_part(words: list[Word], position: int, current: float, total: float,
                used: int) -> float | None:
    """The value the word at `position` adds to the number being read, or None if it does not
    continue it: digits start a number or follow a scale ("4 thousand 3 hundred"); "five"
    follows "twenty" but not "seven"."""
    word = words[position].lower
    previous = words[position - 1].lower if used else ""
    after_scale = used and (previous in SCALE_WORDS or previous == "and")
    if is_digits(word):
        value = digits_value(word)
        if value is None or (used and not (after_scale and value < (current or total or 1e18))):
            return None
        return value
    if word in DIGIT_WORDS:
        value = DIGIT_WORDS[word]
        if not used or after_scale or (previous == "-" or previous in TENS_WORDS) and (
            0 < value < 10 and current % 100 in TENS_WORDS.values()
        ):
            return value
        return None
    if word in TENS_WORDS:
        return TENS_WORDS[word] if not used or after_scale else None
    return None


def _joins(words: list[Word], position: int) -> bool:
    """A hyphen or "and" inside a number: "twenty-five", "one hundred and five", "two thousand
    and two hundred"."""
    word, previous = words[position].lower, words[position - 1].lower
    following = _lower(words, position + 1)
    if word == "-":
        return previous in TENS_WORDS and following in DIGIT_WORDS and (
            0 < DIGIT_WORDS[following] < 10
        )
    return previous in SCALE_WORDS and (following in NUMBER_WORDS or is_digits(following))
