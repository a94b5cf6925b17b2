"""Decode text files whose encoding a researcher did not record.

Tables from Chinese offices come as UTF-8, UTF-8 with a BOM (Excel's "CSV UTF-8")
or GB18030/GBK (Excel's default "CSV" on a Chinese Windows). Byte-order marks and
strict UTF-8 are unambiguous and tried first. Next comes strict GB18030 (the superset
of GB2312 and GBK): statistical detectors guess Korean or Big5 for the short Chinese
cells these tables hold, so they are asked only when GB18030 cannot decode the bytes.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ..base.errors import LianjieError

_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Return the text and the name of the encoding it was read with."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise LianjieError(f"{path}: cannot tell the text encoding; save it as UTF-8")
    encoding = best.encoding.lower().replace("_", "")
    if encoding in _GB_FAMILY:
        encoding = "gb18030"
    return str(best), encoding
