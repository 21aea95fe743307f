"""The words a vosk model can recognise.

Grammar mode only works with words the model knows; vosk drops any other word with a log
line nobody sees. Knowing the vocabulary lets the supervisor hear about such phrases.

Where the words live: ``graph/words.txt`` when the model ships it; otherwise the symbol
table OpenFST embeds in the binary graph (``HCLG.fst`` or ``Gr.fst``), which is where vosk
itself reads them from. The small Korean model is of the second kind.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

FST_MAGIC = 0x7EB2FDD6
SYMBOL_TABLE_MAGIC = 0x7EB2FB74
_HAS_ISYMBOLS = 0x1
_HAS_OSYMBOLS = 0x2
_NOT_WORDS = {"<eps>", "#0", "<s>", "</s>"}


class _NoSymbols(Exception):
    """The file holds no readable symbol table."""


def model_vocabulary(path: Path | str) -> set[str] | None:
    """The model's words, or ``None`` when they cannot be recovered (say "vocabulary unknown").

    Not cached: the Korean model's table has half a million words (about 95 MB as a
    set), needed only while a grammar is built; an overlay running all shift must not
    carry it. Callers read it once per grammar build and let it go.
    """
    return _vocabulary(Path(path).resolve())


def _vocabulary(folder: Path) -> set[str] | None:
    for graph in (folder / "graph", folder):
        words_txt = graph / "words.txt"
        if words_txt.is_file():
            return _read_words_txt(words_txt)
        for name in ("HCLG.fst", "Gr.fst"):
            if (graph / name).is_file():
                try:
                    return fst_output_symbols(graph / name)
                except (_NoSymbols, OSError, struct.error, UnicodeDecodeError):
                    return None
    return None


def _read_words_txt(path: Path) -> set[str]:
    words = set()
    with path.open(encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if parts:
                words.add(parts[0])
    return words - _NOT_WORDS


def fst_has_output_symbols(path: Path) -> bool:
    """Whether an OpenFST binary file embeds an output symbol table (reads the header only)."""
    try:
        with open(path, "rb") as f:
            _fst_header_flags(f, path)
            return True
    except (_NoSymbols, OSError, struct.error):
        return False


def fst_output_symbols(path: Path) -> set[str]:
    """Read the output symbol table embedded in an OpenFST binary file's header.

    Layout (OpenFST ``FstHeader`` then ``SymbolTable``): magic, fst type, arc type,
    version, flags, properties, start, #states, #arcs; then the input table if flag 1,
    the output table if flag 2. Strings are an int32 length and bytes.
    """
    with open(path, "rb", buffering=1 << 20) as f:
        if _fst_header_flags(f, path) & _HAS_ISYMBOLS:
            _read_symbols(f)
        return _read_symbols(f) - _NOT_WORDS


def _fst_header_flags(f: BinaryIO, path: Path) -> int:
    """Read the header up to the symbol tables; raise unless an output table follows."""
    if _int32(f) != FST_MAGIC:
        raise _NoSymbols(f"{path} is not an OpenFST binary file")
    _string(f), _string(f)  # fst type, arc type
    _int32(f)  # version
    flags = _int32(f)
    f.read(8 * 4)  # properties, start, states, arcs
    if not flags & _HAS_OSYMBOLS:
        raise _NoSymbols(f"{path} carries no output symbol table")
    return flags


def _read_symbols(f: BinaryIO) -> set[str]:
    if _int32(f) != SYMBOL_TABLE_MAGIC:
        raise _NoSymbols("symbol table magic number not found")
    _string(f)  # table name
    _available_key, size = struct.unpack("<qq", f.read(16))
    words = set()
    for _ in range(size):
        (length,) = struct.unpack("<i", f.read(4))
        words.add(f.read(length).decode("utf-8"))
        f.read(8)  # key
    return words


def _int32(f: BinaryIO) -> int:
    return struct.unpack("<I", f.read(4))[0]


def _string(f: BinaryIO) -> bytes:
    (length,) = struct.unpack("<i", f.read(4))
    return f.read(length)
