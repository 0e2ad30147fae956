"""Bytes → text for landing-zone files: UTF-8 (BOM tolerated) or recognisable Windows-1258."""
from __future__ import annotations

import codecs
import unicodedata


class FileFault(Exception):
    """A fault that rejects a whole file; the message names file, line and column."""

    def __init__(self, path: str, message: str, line: int | None = None, column: str | int | None = None):
        self.path, self.line, self.column, self.detail = path, line, column, message
        where = [path]
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column {column}")
        super().__init__(", ".join(where) + ": " + message)


# Vietnamese letters Windows-1258 encodes precomposed, and the tone marks it encodes as combining
# characters. Genuine Vietnamese text decoded as cp1258 consists (outside ASCII) of these only;
# UTF-8 bytes misread as cp1258 yield symbols (³ ƒ » ...) and Latin-1 letters foreign to Vietnamese.
_VIETNAMESE_LETTERS = set("ÀÁÂĂÈÉÊÌÍÒÓÔƠÙÚƯÝàáâăèéêìíòóôơùúưýĐđ")
_TONE_MARKS = set("\u0300\u0301\u0303\u0309\u0323")
_MIN_VIETNAMESE_SHARE = 0.95


def byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a byte offset; the column counts bytes."""
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def looks_like_windows_1258(text: str) -> bool:
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not non_ascii:
        return False
    vietnamese = 0
    previous = ""
    for index, ch in enumerate(text):
        if ord(ch) <= 127:
            previous = ch
            continue
        if ch in _VIETNAMESE_LETTERS:
            vietnamese += 1
        elif ch in _TONE_MARKS and previous.isalpha():   # a tone mark sits on a letter
            vietnamese += 1
        previous = ch
    return vietnamese / len(non_ascii) >= _MIN_VIETNAMESE_SHARE


def decode_landing_file(data: bytes, path: str) -> tuple[str, str]:
    """(text, encoding name). Raises FileFault for binary or undecodable content; an empty file is ''."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if not data.strip():
        return "", "utf-8"   # a file with no data row is not dirt: it loads as zero rows
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = byte_position(data, nul)
        raise FileFault(path, "binary content (NUL byte): not a text file of the format its name says",
                        line=line, column=column)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    line, column = byte_position(data, utf8_error.start)
    bad_byte = data[utf8_error.start]
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        text = None
    if text is not None and looks_like_windows_1258(text):
        # cp1258 writes tones as combining marks; NFC makes 'Trăng' compare equal to UTF-8 sources.
        return unicodedata.normalize("NFC", text), "windows-1258"
    raise FileFault(
        path, f"invalid UTF-8 byte 0x{bad_byte:02x}, and the file is not recognisable as Windows-1258; "
              "file rejected", line=line, column=column)


def looks_like(text: str) -> str | None:
    """What a text looks like when it is not the CSV its name says: 'JSON', 'HTML', 'XML', or None."""
    start = text.lstrip()[:200]
    if start.startswith("{") or (start.startswith("[") and start[1:].lstrip()[:1] in ("{", "[", '"', "]")):
        return "JSON"
    lowered = start.lower()
    if lowered.startswith(("<!doctype html", "<html")):
        return "HTML"
    if lowered.startswith("<"):
        return "XML"
    return None


def looks_like_csv(line: str) -> bool:
    """A first line that is a CSV header or row rather than a JSON object (for a .jsonl holding CSV)."""
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith(("{", "[")) and "," in stripped
