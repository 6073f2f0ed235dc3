"""Cutting a document into the parts a parser knows, by each part's first line."""

import re
from collections.abc import Sequence
from typing import Protocol

from sources.records import SourceFormatError


class PartSpec(Protocol):
    name: str
    first_line: str  # a regex the part's first line matches in full


def cut_parts(lines: Sequence[str], specs: Sequence[PartSpec], code: str) -> dict[str, list[str]]:
    """The lines of each part, in the specs' order; each first line is searched after the
    previous one, so a headline is found where it starts its part, not in a sommaire."""
    starts = part_starts(lines, specs, code)
    ends = [*starts[1:], len(lines)]
    return {
        spec.name: list(lines[start:end])
        for spec, start, end in zip(specs, starts, ends, strict=True)
    }


def part_starts(lines: Sequence[str], specs: Sequence[PartSpec], code: str) -> list[int]:
    """The index of each part's first line, in the specs' order (see `cut_parts`)."""
    starts, position = [], 0
    for spec in specs:
        pattern = re.compile(spec.first_line)
        start = next(
            (i for i in range(position, len(lines)) if pattern.fullmatch(lines[i].strip())),
            None,
        )
        if start is None:
            raise SourceFormatError(f"{code}: no line matches {spec.first_line!r} ({spec.name})")
        starts.append(start)
        position = start + 1
    return starts
