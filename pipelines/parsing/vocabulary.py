"""The wording the parser reads, kept as data: a YAML file beside each module that reads it.

`vocabulary(__file__)` in `rules/livestock.py` reads `rules/livestock.yaml`, once, and checks it.
A file maps names (ASCII snake_case) to one of these shapes:

    not_a_herd: [tiêu hủy, chết]            a list of words
    species:                                 codes, each with its words
      pig: [lợn, heo]
    units:                                   codes, each with its words and a number (numbers.yaml)
      ton: {tấn: 1, tạ: 0.1}
    multipliers: {nghìn: 1000}               words, each with a number (numbers.yaml)

Words are written as a report writes them, in lower case with single spaces; the Unicode form
(composed or not, "hoá" or "hóa") does not matter: words are normalised as the reports are. A
string with a backslash or "(?" is a regular expression and is kept as written.
Codes are ASCII snake_case. A malformed file raises VocabularyError naming the file and the key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from pipelines.parsing.readers import normalise_text

_CODE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")


class VocabularyError(ValueError):
    """A vocabulary file that cannot be read as words and codes: names the file, the key, the problem."""


def vocabulary(module_file: str | Path) -> Mapping[str, Any]:
    """The vocabulary of a module: the YAML file with the module's name beside it, read and checked.

    Word lists come back as tuples, mappings as read-only mappings, in the file's order.
    """
    return _load(Path(module_file).with_suffix(".yaml"))


@cache
def _load(path: Path) -> Mapping[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise VocabularyError(f"{path}: cannot read the vocabulary file ({err.strerror or err})") from err
    except yaml.YAMLError as err:
        raise VocabularyError(f"{path}: not valid YAML ({err})") from err
    if not isinstance(data, dict):
        raise VocabularyError(f"{path}: expected names with their words, found {type(data).__name__}")
    return MappingProxyType(
        {_code(path, name, name): _entry(path, name, value) for name, value in data.items()}
    )


def _entry(path: Path, name: str, value: object) -> object:
    if isinstance(value, list):
        return _words(path, name, value)
    if not isinstance(value, dict) or not value:
        raise VocabularyError(
            f"{path}: {name}: expected a list of words or codes with their words, found {value!r}"
        )
    # The first value says the shape: codes with their words, codes with numbers, or words with numbers.
    first = next(iter(value.values()))
    read = _words if isinstance(first, list) else _numbers if isinstance(first, dict) else None
    if read is None:
        return _numbers(path, name, value)
    entry = {_code(path, name, code): read(path, f"{name}: {code}", words) for code, words in value.items()}
    return MappingProxyType(entry)


def _words(path: Path, key: str, words: object) -> tuple[str, ...]:
    if not isinstance(words, list) or not words:
        raise VocabularyError(f"{path}: {key}: expected a list of words, found {words!r}")
    found = tuple(_word(path, key, word) for word in words)
    _once_each(path, key, found)
    return found


def _numbers(path: Path, key: str, words: object) -> Mapping[str, float]:
    if not isinstance(words, dict) or not words:
        raise VocabularyError(f"{path}: {key}: expected words with their numbers, found {words!r}")
    numbers = {}
    for word, number in words.items():
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise VocabularyError(f"{path}: {key}: {word!r}: expected a number, found {number!r}")
        numbers[_word(path, key, word)] = float(number)
    return MappingProxyType(numbers)


def _word(path: Path, key: str, word: object) -> str:
    if not isinstance(word, str):
        raise VocabularyError(f"{path}: {key}: {word!r} is not a word (write it in quotes)")
    if not word.strip():
        raise VocabularyError(f"{path}: {key}: an empty word")
    if _is_pattern(word):  # kept as written, its Unicode form aside
        return normalise_text(word)
    if word != " ".join(word.split()):
        raise VocabularyError(f"{path}: {key}: {word!r}: write words with single spaces, none at the ends")
    if word != word.lower():
        raise VocabularyError(f"{path}: {key}: {word!r}: write words in lower case, as {word.lower()!r}")
    return normalise_text(word)


def _is_pattern(word: str) -> bool:
    """A string with a backslash or "(?" is a regular expression (meaning.yaml's scope patterns)."""
    return "\\" in word or "(?" in word


def word_list(data: Mapping[str, Any], key: str, source: str) -> list[str]:
    """`data[key]` as a list of words, or a VocabularyError naming `source` and the key."""
    words = data.get(key)
    if not isinstance(words, list | tuple) or not all(isinstance(w, str) and w for w in words):
        raise VocabularyError(f"{source}: '{key}' must be a list of words")
    return list(words)


def _code(path: Path, key: str, code: object) -> str:
    if not isinstance(code, str) or not _CODE.fullmatch(code):
        raise VocabularyError(f"{path}: {key}: {code!r} is not a code (ASCII snake_case: a-z, 0-9 and _)")
    return code


def _once_each(path: Path, key: str, words: list[str] | tuple[str, ...]) -> None:
    seen = set()
    for word in words:
        if word in seen:
            raise VocabularyError(f"{path}: {key}: {word!r} is listed twice")
        seen.add(word)
