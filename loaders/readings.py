"""Reading one cell as people type it: dates, year-months, amounts, codes and ids.

Each reader takes one cell's text and returns a :class:`Reading`: the value, and when the
text was not in the plain form, the *kind* of form it was (``"year-month dates"``), so a
loader can say what it read, grouped by kind, and a refused cell says why. Reading whole
columns, plain forms vectorised, is :mod:`lianjie.loaders.values`.

>>> read_date("2019.5")
Reading(value=datetime.date(2019, 5, 1), kind='year-month dates', note='the first day of the month')
>>> read_number("1.2万元").value
12000.0
>>> read_number("约50户")
Reading(value=50.0, kind='approximate numbers (约)', note='an approximate figure; the unit 户 dropped')
>>> normalise_id("ＣＨ02")
'CH02'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

#: Texts people put in a number or date cell to mean "nothing here".
BLANK_WORDS = frozenset({"-", "--", "—", "——", "/", "无", "暂无", "n/a", "na", "null", "none", "空"})
#: The first day Excel counts from (its day 60, 1900-02-29, does not exist; serials from 61 on count from here).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
#: Serials read as dates: 1954-10-04 to 2119-01-10, so counts and years are not taken for dates.
EXCEL_SERIALS = (20000, 80000)
_YEARS = (1900, 2100)


@dataclass(frozen=True)
class Reading:
    """What one cell was read as.

    ``value`` is None when the cell was refused (or means blank). ``kind`` names the form
    the text was in when it was not the plain one (read or refused), for grouping; ``note``
    says what was done (read) or why not (refused).
    """

    value: Any
    kind: str | None = None
    note: str | None = None

    @property
    def plain(self) -> bool:
        return self.kind is None


def _refused(kind: str, why: str) -> Reading:
    return Reading(None, kind, why)


def _fold(text: str) -> str:
    """NFKC (full-width digits and letters to ASCII), trimmed, inner spaces gone."""
    return "".join(unicodedata.normalize("NFKC", str(text)).split())


def normalise_id(text: str) -> str:
    """An id as stored: NFKC-folded (``ＣＨ02`` is ``CH02``), trimmed, zero-width characters dropped.

    >>> normalise_id(" ｈ１\\u200b ")
    'h1'
    """
    return unicodedata.normalize("NFKC", str(text)).replace("\u200b", "").replace("\ufeff", "").strip()


def normalise_ids(values: pa.Array) -> pa.Array:
    """:func:`normalise_id` over a column of ids, vectorised; ASCII ids are left as they are."""
    ascii_ = pc.fill_null(pc.string_is_ascii(values), True)
    if pc.all(ascii_).as_py():
        return values
    folded = pc.replace_substring_regex(pc.utf8_normalize(values, "NFKC"), "[\u200b\ufeff]", "")
    folded = pc.utf8_trim_whitespace(folded)
    return pc.if_else(ascii_, values, folded)


# -- dates ---------------------------------------------------------------------------------------

_YMD = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_YMD_TIME = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?")
_YM = re.compile(r"(\d{4})[-/.年](\d{1,2})月?(?:份)?")
_Y = re.compile(r"(\d{4})年?(?:度)?")
_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_SERIAL = re.compile(r"(\d{5})(?:\.\d+)?")


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _impossible(year: int, month: int, day: int) -> Reading:
    if not 1 <= month <= 12:
        return _refused("impossible dates", f"there is no month {month}")
    return _refused("impossible dates", f"{calendar.month_name[month]} {year} has {_month_end(year, month)} days")


def excel_serial_date(serial: float) -> dt.date | None:
    """The day an Excel date serial stands for (the 1900 date system), or None outside 1900–9999.

    >>> excel_serial_date(43614)
    datetime.date(2019, 5, 29)
    """
    days = int(serial)
    if days < 61 or days > 2958465:
        return None
    return _EXCEL_EPOCH + dt.timedelta(days=days)


def read_year_month(text: str, end: bool = False) -> Reading:
    """A year-month (``2019.5``, ``2019-05``, ``2020年3月``, ``202003``) as its first day (last, with ``end``).

    >>> read_year_month("202003").value
    datetime.date(2020, 3, 1)
    >>> read_year_month("2020年2月", end=True).value
    datetime.date(2020, 2, 29)
    """
    t = _fold(text)
    m = _YM.fullmatch(t)
    compact = m is None and re.fullmatch(r"\d{6}", t) is not None
    if compact:
        year, month = int(t[:4]), int(t[4:])
    elif m:
        year, month = int(m.group(1)), int(m.group(2))
    else:
        return _refused("not year-months", "expected a year and month such as 2019-05, 2019.5, 2020年3月 or 202003")
    if not 1 <= month <= 12:
        return _refused("impossible dates", f"there is no month {month}")
    if not _YEARS[0] <= year <= _YEARS[1]:
        return _refused("impossible dates", f"{year} is not a year between {_YEARS[0]} and {_YEARS[1]}")
    day = _month_end(year, month) if end else 1
    which = "last" if end else "first"
    if compact:
        return Reading(dt.date(year, month, day), "year-months written YYYYMM", f"the {which} day of the month")
    if m and "." in t and month == 1 and t.endswith(".1"):
        return Reading(
            dt.date(year, month, day),
            "year-months written 2019.1 (a spreadsheet may have shortened 2019.10)",
            f"January, the {which} day; check the source if October was meant",
        )
    return Reading(dt.date(year, month, day), "year-month dates", f"the {which} day of the month")


def read_date(text: str, end: bool = False) -> Reading:
    """One date as people write it.

    Plain: ``2019-06-30``, ``2019/6/30``, ``2019.6.30``, ``2019年6月30日``. Also read, with a
    kind saying how: date-times (``2019-05-29 00:00:00``, the time dropped), year-months
    (``2019.5``, ``2020年3月``, ``202003``; the first day of the month, or the last with
    ``end``), years alone, ``20190529``, Excel date serials (``43614``) and day/month/year
    when the order cannot be mistaken (``29/5/2019``). Refused, saying why: days that do
    not exist, and day/month orders that could be either.

    >>> read_date("2019-05-29 00:00:00")
    Reading(value=datetime.date(2019, 5, 29), kind='date-times', note='the time of day (00:00:00) dropped')
    >>> read_date("43614").kind
    'Excel date serials'
    >>> read_date("2020-02-30").note
    'February 2020 has 29 days'
    >>> read_date("5/6/2019").kind
    'day and month that could be either'
    """
    spaced = " ".join(unicodedata.normalize("NFKC", str(text)).split())
    t = spaced.replace(" ", "")
    if t.casefold() in BLANK_WORDS:
        return Reading(None, "placeholders for blank")
    m = _YMD.fullmatch(t)
    if m:
        y, mo, d = map(int, m.groups())
        day = _day(y, mo, d)
        return Reading(day) if day else _impossible(y, mo, d)
    m = _YMD_TIME.fullmatch(spaced)
    if m:
        y, mo, d = map(int, m.groups()[:3])
        day = _day(y, mo, d)
        if day is None:
            return _impossible(y, mo, d)
        clock = f"{int(m.group(4)):02d}:{m.group(5)}:{m.group(6) or '00'}"
        return Reading(day, "date-times", f"the time of day ({clock}) dropped")
    if re.fullmatch(r"\d{8}", t):
        y, mo, d = int(t[:4]), int(t[4:6]), int(t[6:])
        if _YEARS[0] <= y <= _YEARS[1] and 1 <= mo <= 12:
            day = _day(y, mo, d)
            return Reading(day, "dates written YYYYMMDD") if day else _impossible(y, mo, d)
    if _YM.fullmatch(t) or re.fullmatch(r"\d{6}", t):
        reading = read_year_month(t, end=end)
        if reading.value is not None or reading.kind == "impossible dates":
            return reading
    m = _Y.fullmatch(t)
    if m and _YEARS[0] <= int(m.group(1)) <= _YEARS[1]:
        y = int(m.group(1))
        if end:
            return Reading(dt.date(y, 12, 31), "years alone", "31 December")
        return Reading(dt.date(y, 1, 1), "years alone", "1 January")
    m = _SERIAL.fullmatch(t)
    if m and EXCEL_SERIALS[0] <= float(t) < EXCEL_SERIALS[1]:
        day = excel_serial_date(float(t))
        return Reading(day, "Excel date serials", "a spreadsheet's count of days since 1899-12-30")
    m = _DMY.fullmatch(t)
    if m:
        a, b, y = map(int, m.groups())
        if a > 12 and b <= 12:
            day = _day(y, b, a)
            return Reading(day, "dates written day/month/year") if day else _impossible(y, b, a)
        if b > 12 and a <= 12:
            day = _day(y, a, b)
            return Reading(day, "dates written month/day/year") if day else _impossible(y, a, b)
        return _refused(
            "day and month that could be either",
            f"write {y}-{a:02d}-{b:02d} or {y}-{b:02d}-{a:02d}: the day and month cannot be told apart",
        )
    return _refused("not dates", "expected a date such as 2019-06-30, 2019/6/30, 2019年6月30日 or 2019.6")


# -- numbers -------------------------------------------------------------------------------------

_MULTIPLIERS = {"万": 10_000, "亿": 100_000_000, "千": 1_000, "百万": 1_000_000, "千万": 10_000_000, "w": 10_000}
#: Units that may follow a number: the ontology's, money and a few common counters.
UNITS = (
    "元", "块", "块钱", "元人民币", "人民币", "rmb", "yuan", "户", "人", "人次", "名", "家", "个", "斤", "公斤", "千克",
    "kg", "吨", "t", "亩", "件", "单", "只", "头", "羽", "箱", "盒", "袋", "株", "棵", "次", "份", "场", "张", "位",
)  # fmt: skip
_APPROX_BEFORE = ("大约", "约计", "约", "将近", "近", "大概")
_APPROX_AFTER = ("左右", "上下")
_AT_LEAST_BEFORE = ("超过", "逾", "超")
_AT_LEAST_AFTER = ("以上", "余", "多", "+")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?")
_CHINESE_DIGITS = set("零〇一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟")


def _strip_any(text: str, words: tuple[str, ...], before: bool) -> tuple[str, str | None]:
    for w in sorted(words, key=len, reverse=True):
        if before and text.startswith(w):
            return text[len(w) :], w
        if not before and text.endswith(w) and len(text) > len(w):
            return text[: -len(w)], w
    return text, None


def show_number(x: float) -> str:
    """A number as a message shows it: whole numbers without a decimal point."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def read_number(text: str, whole: bool = False) -> Reading:
    """A number as people write it: ``1,200``, ``3000元``, ``1.2万``, ``¥3000``, ``约50户``, ``50余户``.

    Thousands separators, full-width digits and a trailing unit are read plainly or with a
    kind naming the unit; ``万``/``亿`` multiply; ``约``/``左右`` (approximate) and
    ``余``/``多``/``以上`` (at least) are read as the number, and the kind says so. Refused,
    saying why: ranges, percentages, numbers in words. With ``whole``, fractions are refused.

    >>> read_number("3000元")
    Reading(value=3000.0, kind='numbers with a unit (元)', note='the unit 元 dropped')
    >>> read_number("50余户").kind
    'at-least numbers (余)'
    >>> read_number("50-60户").note
    'a range; give one number (the loader will not pick one for you)'
    """
    t = _fold(text).casefold().replace(",", "").replace("，", "")
    if t in BLANK_WORDS:
        return Reading(None, "placeholders for blank")
    rest = t
    notes: list[str] = []
    kind = None
    rest, approx = _strip_any(rest, _APPROX_BEFORE, True)
    if approx is None:
        rest, approx = _strip_any(rest, _APPROX_AFTER, False)
    rest, least = _strip_any(rest, _AT_LEAST_BEFORE, True)
    currency = rest[:1] in ("¥", "$") and rest[1:2].isdigit()
    if currency:
        rest = rest[1:]
    m = _NUMBER.match(rest)
    if m is None:
        if rest and all(ch in _CHINESE_DIGITS for ch in rest.rstrip("".join(UNITS))):
            return _refused("numbers in words", "write the number in digits")
        return _refused("not numbers", "expected a number such as 1500000, 12.5 or 1.2万")
    value = float(m.group())
    tail = rest[m.end() :]
    if least is None:
        tail_before = tail
        tail, least = _strip_any(tail, ("余", "多", "+"), True)
        if least is None:
            tail = tail_before
    multiplier = None
    for word in sorted(_MULTIPLIERS, key=len, reverse=True):
        if tail.startswith(word):
            multiplier, tail = word, tail[len(word) :]
            value *= _MULTIPLIERS[word]
            break
    if least is None:
        tail, least = _strip_any(tail, ("余", "多"), True) if tail[:1] in ("余", "多") else (tail, None)
    unit = None
    if tail:
        stripped, after = _strip_any(tail, _AT_LEAST_AFTER, False)
        if after and least is None and (stripped in UNITS or not stripped):
            tail, least = stripped, after
        if approx is None:
            stripped, after = _strip_any(tail, _APPROX_AFTER, False)
            if after:
                tail, approx = stripped, after
    if tail:
        if tail[:1] in "-~～至到" and _NUMBER.match(tail[1:].lstrip("-")):
            return _refused("ranges", "a range; give one number (the loader will not pick one for you)")
        if tail == "%":
            return _refused("percentages", "a percentage; give the number it is a share of, or a rate as a fraction")
        if tail in UNITS:
            unit = tail
        else:
            return _refused("not numbers", f"{tail!r} after the number is not a unit; expected e.g. 3000 or 3000元")
    if whole and not float(value).is_integer():
        return _refused("not whole numbers", f"{show_number(value)} is not a whole number")
    if currency:
        unit = unit or "元"
    if approx:
        kind, notes = f"approximate numbers ({approx})", ["an approximate figure"]
    elif least:
        kind, notes = f"at-least numbers ({least})", ["a lower bound"]
    elif multiplier:
        kind, notes = f"numbers in {multiplier}", [f"{multiplier} multiplied out"]
    elif unit:
        kind, notes = f"numbers with a unit ({unit})", [f"the unit {unit} dropped"]
    if multiplier and (approx or least) and f"{multiplier} multiplied out" not in notes:
        notes.append(f"{multiplier} multiplied out")
    if unit and (approx or least or multiplier):
        notes.append(f"the unit {unit} dropped")
    return Reading(value, kind, "; ".join(notes) or None)
