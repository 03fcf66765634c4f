"""Offsets inside YAML string scalars map to the file's line and column."""

from __future__ import annotations

import pytest

from ccaudit.model.location import scalar_position
from ccaudit.model.yamlio import parse_yaml

SOURCE = """\
templates:
  - id: a
    text: "Мы рассмотрели данное заявление."
  - id: b
    text: |
      Здравствуйте!
      Данное заявление получено.
  - id: c
    text: >-
      Мы рассмотрели
      данное заявление.
  - id: d
    text: Мы рассмотрели данное заявление.
"""


@pytest.mark.parametrize(("index", "expected"), [(0, (3, 27)), (1, (7, 7)), (2, (11, 7)), (3, (13, 26))])
def test_word_position_in_each_scalar_style(index: int, expected: tuple[int, int]) -> None:
    doc = parse_yaml(SOURCE, "t.yaml")
    pointer = f"/templates/{index}/text"
    value = doc.data["templates"][index]["text"]
    line, col = doc.smap.values[pointer]
    offset = value.index("анное") - 1
    assert scalar_position(SOURCE, line, col, offset, value) == expected
    assert SOURCE.splitlines()[expected[0] - 1][expected[1] - 1:].startswith("данное") or \
        SOURCE.splitlines()[expected[0] - 1][expected[1] - 1:].startswith("Данное")
