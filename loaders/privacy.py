"""Keyed pseudonyms for direct personal identifiers.

A plain hash of an 18-digit ID number can be reversed by trying every birth date
and sequence number, so identifiers are replaced by an HMAC-SHA256 under a secret
key that never enters the store. The key comes from ``LIANJIE_KEY``; otherwise it is
read from (or created in) ``LIANJIE_KEY_FILE``, by default ``~/.config/lianjie/key``.
The same key always gives the same pseudonym, so later loads join up.
"""

from __future__ import annotations

import hmac
import os
import re
import secrets
import struct
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa

from ..base.arrow import hex_array
from ..base.errors import LianjieError

_PREFIX = "pid-"
#: A pseudonym is the prefix and the hex of the first 10 bytes of the HMAC-SHA256.
_BYTES = 10
_ID_NUMBER = re.compile(r"[1-9]\d{16}[\dXx]")
_MOBILE = re.compile(r"(?:\+?86)?1[3-9]\d{9}")
#: An 18-digit number a spreadsheet shows in scientific notation (4.30124E+17).
_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?E\+?1[5-7]")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


#: What a key fingerprint is the HMAC of: a fixed text, so the fingerprint reveals nothing of the key.
_FINGERPRINT_TEXT = b"lianjie key fingerprint v1"


class KeyMissingError(LianjieError):
    """No pseudonymisation key is set, and the command may not make one."""


def key_path() -> Path:
    return Path(os.environ.get("LIANJIE_KEY_FILE", Path.home() / ".config" / "lianjie" / "key"))


def key_source() -> str:
    """Where :func:`load_key` takes the key from, for messages."""
    return "LIANJIE_KEY" if os.environ.get("LIANJIE_KEY") else f"the key file {key_path()}"


def load_key(create: bool = True) -> bytes:
    """The pseudonymisation key: from ``LIANJIE_KEY``, else from the key file.

    With ``create`` (a load), a missing key file is made with a new random key, readable by
    its owner only. Commands that only read pass ``create=False`` and get a
    :class:`KeyMissingError` naming both ways to give the key.
    """
    env = os.environ.get("LIANJIE_KEY")
    if env:
        return env.encode("utf-8")
    path = key_path()
    if not path.exists():
        if not create:
            raise KeyMissingError(
                f"no pseudonymisation key: {path} does not exist and LIANJIE_KEY is not set; set LIANJIE_KEY "
                "to the key the store was loaded with, or LIANJIE_KEY_FILE to the file that holds it"
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text(encoding="utf-8").strip().encode("utf-8")


def key_fingerprint(key: bytes) -> str:
    """A short public mark of a key: the store keeps it, so a load under another key is refused.

    Examples
    --------
    >>> key_fingerprint(b"k1") == key_fingerprint(b"k1") != key_fingerprint(b"k2")
    True
    >>> len(key_fingerprint(b"k1"))
    16
    """
    return hmac.digest(key, _FINGERPRINT_TEXT, "sha256")[:8].hex()


def is_id_number(text: str) -> bool:
    """True for a mainland resident ID number with a valid check digit."""
    if not _ID_NUMBER.fullmatch(text):
        return False
    total = sum(int(d) * w for d, w in zip(text[:17], _WEIGHTS))
    return _CHECK[total % 11] == text[17].upper()


def normal_form(value: str) -> str:
    """What a pseudonym is made of: NFKC-folded (full-width ＩＤ digits and Ｘ to ASCII), trimmed, upper case.

    >>> normal_form("４３０１２４１９９００３０７００７ｘ") == normal_form("43012419900307007X")
    True
    """
    folded = value if value.isascii() else unicodedata.normalize("NFKC", value)
    return folded.strip().upper()


def looks_personal(text: str) -> bool:
    """Whether an id cell is itself a direct identifier: an ID or mobile number, or shaped like an
    ID number even when its check digit is wrong (a typo or a spreadsheet's rounding)."""
    text = normal_form(text)
    return bool(_ID_NUMBER.fullmatch(text) or _MOBILE.fullmatch(text))


_WRONG_CHECK_DIGIT = "an 18-character ID number whose check digit (its last character) does not match the others"


def damaged_id_number(text: str) -> str | None:
    """Why a value shaped like an ID number cannot be one, or None.

    Never repeats the value: the reason is safe to show.

    >>> damaged_id_number("430124199003070011")
    'an 18-character ID number whose check digit (its last character) does not match the others'
    >>> damaged_id_number("4.30124E+17")
    'an ID number a spreadsheet turned into a number in scientific notation: its digits are lost'
    >>> damaged_id_number("43012419900307007x") is None
    True
    """
    t = normal_form(text)
    if _SCIENTIFIC.fullmatch(t):
        return "an ID number a spreadsheet turned into a number in scientific notation: its digits are lost"
    if _ID_NUMBER.fullmatch(t) and not is_id_number(t):
        if t.endswith("000"):
            return (
                "an 18-character ID number whose check digit is wrong; it ends in 000, as a spreadsheet leaves "
                "a number it rounded to 15 digits: format the column as text and enter the numbers again"
            )
        return _WRONG_CHECK_DIGIT
    return None


class Pseudonymiser:
    """Replace identifiers by keyed hashes; the mapping is deterministic for one key."""

    def __init__(self, key: bytes | None = None, helper_from: int = 200_000, create_key: bool = True) -> None:
        self._key = load_key(create_key) if key is None else key
        self._cache: dict[str, str] = {}
        #: :meth:`start` hands this many values or more to helper processes.
        self.helper_from = helper_from

    def __call__(self, value: str) -> str:
        out = self._cache.get(value)
        if out is None:
            out = self._cache[value] = self.many([value])[0].as_py()
        return out

    def many(self, values: Iterable[str]) -> pa.Array:
        """The pseudonyms of many distinct values at once, as an Arrow string array.

        The same as calling the pseudonymiser on each: the one-shot ``hmac.digest`` runs in
        OpenSSL without an HMAC object per value, and the hex text is made for all values
        together. Values are not cached, so pass each once.
        """
        return _pseudonym_text(b"".join(self.digests(values)))

    def digests(self, values: Iterable[str]) -> Iterator[bytes]:
        """The bytes a pseudonym is the hex of, for each value."""
        sign = keyed_sha256(self._key)
        return (sign(normal_form(v).encode("utf-8"))[:_BYTES] for v in values)

    def start(self, values: pa.Array) -> PendingPseudonyms:
        """Begin :meth:`many` of distinct non-null ``values``; the answer comes from ``result()``.

        From :attr:`helper_from` values on, the work runs in helper Python processes, so a
        loader goes on checking links meanwhile (a million names take seconds). Helpers are
        handed the key through a pipe, never on their command line.
        """
        return PendingPseudonyms(self, values, helper=len(values) >= self.helper_from)

    @property
    def fingerprint(self) -> str:
        """The :func:`key_fingerprint` of this pseudonymiser's key."""
        return key_fingerprint(self._key)

    @staticmethod
    def is_pseudonym(value: str) -> bool:
        return value.startswith(_PREFIX) and len(value) == len(_PREFIX) + 20


def keyed_sha256(key: bytes) -> Callable[[bytes], bytes]:
    """HMAC-SHA256 under ``key`` as a function of the message, ``hmac.digest(key, m, "sha256")``.

    The key's inner and outer hash states are worked out once and copied per message: a
    third of the time of ``hmac.digest``, which sets the key up anew for every message.

    >>> keyed_sha256(b"k")(b"m") == hmac.digest(b"k", b"m", "sha256")
    True
    """
    exec(_KEYED, scope := {})
    return scope["keyed"](key)


#: :func:`keyed_sha256`, as text the helper processes run too (standard library only).
_KEYED = """
import hashlib
def keyed(key):
    if len(key) > 64:
        key = hashlib.sha256(key).digest()
    key = key.ljust(64, b"\\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in key)).copy
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in key)).copy
    def sign(message):
        first = inner()
        first.update(message)
        second = outer()
        second.update(first.digest())
        return second.digest()
    return sign
"""


def _pseudonym_text(digests: bytes) -> pa.Array:
    return hex_array(np.frombuffer(digests, np.uint8).reshape(-1, _BYTES), _PREFIX)


#: The helper process: the same computation as :meth:`Pseudonymiser.many`, standard library only.
#: It reads the key's length, the number of values, the key, ``n + 1`` offsets and the UTF-8
#: text of the values; it writes the digests, ``_BYTES`` each.
_HELPER = (
    _KEYED
    + f"""
import struct, sys, unicodedata
data = sys.stdin.buffer.read()
size, n = struct.unpack_from("<II", data)
key, start = data[8 : 8 + size], 8 + size
offsets = struct.unpack_from(f"<{{n + 1}}q", data, start)
text = data[start + 8 * (n + 1) :]
sign, normalize = keyed(key), unicodedata.normalize
def normal(value):
    return (value if value.isascii() else normalize("NFKC", value)).strip().upper()
sys.stdout.buffer.write(b"".join(
    sign(normal(text[a:b].decode("utf-8")).encode("utf-8"))[:{_BYTES}] for a, b in zip(offsets, offsets[1:])
))
"""
)


def _python_interpreter() -> bool:
    """Whether ``sys.executable`` runs Python code (not so inside some applications that embed Python)."""
    return os.path.basename(sys.executable).lower().startswith(("python", "pypy"))


class _Helper:
    """One helper process pseudonymising a slice of the values; a thread feeds it and reads its answer."""

    def __init__(self, key: bytes, values: pa.Array) -> None:
        text = values.cast(pa.large_string())
        offsets = np.frombuffer(text.buffers()[1], np.int64)[text.offset : text.offset + len(text) + 1]
        data = text.buffers()[2].slice(offsets[0], offsets[-1] - offsets[0]).to_pybytes() if len(text) else b""
        payload = b"".join(
            [struct.pack("<II", len(key), len(text)), key, (offsets - offsets[0]).astype("<i8").tobytes(), data]
        )
        self.size = len(values)
        self.output: bytes | None = None
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-c", _HELPER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.thread = threading.Thread(target=self._exchange, args=(payload,), daemon=True)
        self.thread.start()

    def _exchange(self, payload: bytes) -> None:
        try:
            self.output, _ = self.process.communicate(payload)
        except (OSError, ValueError):
            self.output = None

    def answer(self) -> bytes | None:
        """The digests, or None if the helper failed."""
        self.thread.join()
        if self.process.returncode == 0 and self.output is not None and len(self.output) == self.size * _BYTES:
            return self.output
        return None

    def stop(self) -> None:
        self.process.kill()
        self.thread.join()


class PendingPseudonyms:
    """Pseudonyms being worked out, by :meth:`Pseudonymiser.start`.

    Two helpers share the values: the caller's own work and the helpers then spread over
    the machine's cores however many it has.
    """

    HELPERS = 2

    def __init__(self, pseudonymise: Pseudonymiser, values: pa.Array, helper: bool) -> None:
        self._pseudonymise, self._values = pseudonymise, values
        self._answer: pa.Array | None = None
        self._helpers: list[_Helper] = []
        if helper and _python_interpreter():
            share = -(-len(values) // self.HELPERS)
            try:
                for start in range(0, len(values), share):
                    self._helpers.append(_Helper(pseudonymise._key, values.slice(start, share)))
            except OSError:
                self.cancel()
        if not self._helpers:
            self._answer = pseudonymise.many(values.to_pylist())

    def result(self) -> pa.Array:
        """The pseudonyms, in the order of the values; waits for the helpers if still at work.

        Should a helper fail, its share is done here instead: the answer is the same.
        """
        if self._answer is None:
            start, digests = 0, []
            for helper in self._helpers:
                answer = helper.answer()
                if answer is None:
                    values = self._values.slice(start, helper.size).to_pylist()
                    answer = b"".join(self._pseudonymise.digests(values))
                digests.append(answer)
                start += helper.size
            self._answer = _pseudonym_text(b"".join(digests))
        return self._answer

    def cancel(self) -> None:
        """Stop the helpers, if any, without waiting for their answer."""
        for helper in self._helpers:
            helper.stop()
        self._helpers = []


class KeyMismatchError(LianjieError):
    """The key is not the one the store's households were pseudonymised with."""


def check_key(store, pseudonymise: Pseudonymiser, writing: bool = False) -> None:
    """Refuse a key other than the one ``store`` was loaded with, in one clear line.

    Under another key every household would get another pseudonym: a load would store each
    one twice, and a look-up would find none. The store keeps the key's
    :func:`key_fingerprint` (never the key); an empty store takes any key. With ``writing``,
    a store that holds no fingerprint yet (a new one, or one made by an earlier version)
    is given this key's after the load: see :func:`record_key`.
    """
    stored = store.meta().get("key")
    if stored is None or stored == pseudonymise.fingerprint:
        return
    if writing and not store.counts():
        return
    raise KeyMismatchError(
        f"the pseudonymisation key ({key_source()}) is not the one the store at {store.describe()} was loaded with; "
        "under another key every household would be stored again under a new pseudonym. Set LIANJIE_KEY, or "
        "LIANJIE_KEY_FILE to the file that holds that key"
    )


def record_key(store, pseudonymise: Pseudonymiser) -> None:
    """Keep the key's fingerprint in the store (after a load), if it is not there yet."""
    if store.meta().get("key") != pseudonymise.fingerprint:
        store.set_meta(key=pseudonymise.fingerprint)
