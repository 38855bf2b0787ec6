"""What a hostile-input review checks on every output: no command a CI runner would run, no escape."""

from __future__ import annotations

import re

# Every character a log reader might break a line on.
_LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_DANGEROUS = re.compile("[\x1b\x9b\x9d\u202a-\u202e\u2066-\u2069]")


def injected(output: str) -> list[str]:
    """Lines a GitHub runner would take as commands (``::`` at a line start, ``##[`` anywhere), and escapes."""
    found = []
    for line in _LINE_BREAKS.split(output):
        if line.lstrip().startswith("::") or "##[" in line:
            found.append(line)
    found += _DANGEROUS.findall(output)
    return found
