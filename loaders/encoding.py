"""Decode text files whose encoding a researcher did not record.

Tables from Chinese offices come as UTF-8, UTF-8 with a BOM (Excel's "CSV UTF-8")
or GB18030/GBK (Excel's default "CSV" on a Chinese Windows). Byte-order marks and
strict UTF-8 are unambiguous and tried first. Next comes strict GB18030 (the superset
of GB2312 and GBK): statistical detectors guess Korean or Big5 for the short Chinese
cells these tables hold. Anything else (Latin-1, Windows code pages, Shift-JIS) is refused
with the line and column of the first byte that is not UTF-8, rather than guessed: a
statistical guess between, say, cp1250 and Latin-1 silently turns è into č.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ..base.errors import LianjieError
from .guards import check_text

_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a byte-order mark: ASCII letters leave a NUL beside every one.

    Most of the NULs at odd offsets is little-endian, at even ones big-endian; the bytes must
    then decode strictly, and hold no NUL character.
    """
    sample = data[:4096]
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if max(odd, even) < len(sample) // 8 or len(data) % 2:
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return (text, encoding) if "\x00" not in text else None


def _not_text_we_read(data: bytes, path: str) -> str:
    """Where the first byte that is neither UTF-8 nor GB18030 is, and what the file may be instead."""
    try:
        data.decode("utf-8")
        at = 0
    except UnicodeDecodeError as exc:
        at = exc.start
    line = data[:at].count(b"\n") + data[:at].count(b"\r") - data[:at].count(b"\r\n") + 1
    start = max(data.rfind(b"\n", 0, at), data.rfind(b"\r", 0, at)) + 1
    column = len(data[start:at].decode("utf-8", errors="replace")) + 1
    best = from_bytes(data).best()
    guess = f" (it looks like {best.encoding})" if best is not None else ""
    return (
        f"{path}, line {line}, column {column}: byte 0x{data[at]:02X} is neither UTF-8 nor GB18030 text{guess}; "
        "lianjie does not guess, so that no character is misread: save the file as UTF-8 (in Excel: CSV UTF-8)"
    )


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Return the text and the name of the encoding it was read with."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        check_text(data, path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    raise LianjieError(_not_text_we_read(data, path))
