"""The parser's words as data: each module's vocabulary is the YAML file with its name beside it.

Words are normalised like the report's text (NFC, one tone placement), so a statistician may
type either spelling of "thủy" or "lũy".
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from pipelines.parsing.readers import normalise_text


class VocabularyError(ValueError):
    """A vocabulary file that cannot be read as the parser expects: names the file and the key."""


@cache
def vocabulary(module_file: str) -> dict[str, Any]:
    """The YAML file beside `module_file` with the same stem, its strings normalised."""
    path = Path(module_file).with_suffix(".yaml")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise VocabularyError(f"{path}: {err}") from err
    if not isinstance(data, dict):
        raise VocabularyError(f"{path}: expected a mapping of names to word lists")
    return _normalised(data)


def _normalised(value: Any) -> Any:
    if isinstance(value, str):
        return normalise_text(value)
    if isinstance(value, list):
        return [_normalised(item) for item in value]
    if isinstance(value, dict):
        return {key: _normalised(item) for key, item in value.items()}
    return value


def word_list(data: dict[str, Any], key: str, source: str) -> list[str]:
    """`data[key]` as a list of strings, or a VocabularyError naming `source` and the key."""
    words = data.get(key)
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise VocabularyError(f"{source}: '{key}' must be a list of words")
    return words
