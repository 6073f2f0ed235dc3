"""Differences between two texts as a person reads them: words struck out and words added,
long unchanged passages cut down to a few words around each change. Shared by the admin's
import preview and its history pages.

difflib (the standard library) compares the texts word by word; every piece of text is
escaped before the markup is added, so a text holding HTML is shown, never run.
"""

from __future__ import annotations

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Words and the spaces between them, each a token: the text joins back exactly.
_TOKENS = re.compile(r"\s+|\S+")
CONTEXT_TOKENS = 16  # kept on each side of a change: eight words and their spaces
SHORT_TEXT = 80  # characters: shorter values are shown whole, old → new


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text)


def _unchanged(tokens: list[str], first: bool, last: bool) -> str:
    """An unchanged passage, cut to a few words beside each change."""
    keep_before = 0 if first else CONTEXT_TOKENS  # after the previous change
    keep_after = 0 if last else CONTEXT_TOKENS  # before the next change
    if len(tokens) <= keep_before + keep_after + 2:
        return escape("".join(tokens))
    head = "".join(tokens[:keep_before])
    tail = "".join(tokens[len(tokens) - keep_after :]) if keep_after else ""
    cut = '<span class="diff-cut">[…]</span>'
    before = f"{escape(head.rstrip())} " if head.strip() else ""
    after = f" {escape(tail.lstrip())}" if tail.strip() else " "
    return f"{before}{cut}{after}"


def word_diff(old: str, new: str) -> SafeString:
    """`old` changed into `new`: removed words in `<del>`, added words in `<ins>`, the
    unchanged passages between them cut to a few words of context (« […] »)."""
    old_tokens, new_tokens = _tokens(old or ""), _tokens(new or "")
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    opcodes = _joined(matcher.get_opcodes(), old_tokens)
    parts = []
    for index, (operation, a1, a2, b1, b2) in enumerate(opcodes):
        if operation == "equal":
            parts.append(
                _unchanged(old_tokens[a1:a2], first=index == 0, last=index == len(opcodes) - 1)
            )
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(''.join(old_tokens[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(''.join(new_tokens[b1:b2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 every text above is escaped


def _joined(opcodes, old_tokens):
    """Changes separated by a space or a single word are one change: « petit prix » →
    « prix coûtant » reads as such, not word against word around a kept « prix »."""
    joined = []
    for opcode in opcodes:
        operation, _a1, a2, _b1, b2 = opcode
        if (
            len(joined) >= 2
            and operation != "equal"
            and joined[-2][0] != "equal"
            and joined[-1][0] == "equal"
            and len("".join(old_tokens[joined[-1][1] : joined[-1][2]]).split()) <= 1
        ):
            joined.pop()
            _kind, start_a, _end_a, start_b, _end_b = joined.pop()
            joined.append(("replace", start_a, a2, start_b, b2))
        else:
            joined.append(opcode)
    return joined


def is_long(*texts: str) -> bool:
    return any(len(text or "") > SHORT_TEXT or "\n" in (text or "") for text in texts)


def shortened(text: str, length: int = 160) -> str:
    """`text` on one line, cut at a word under `length` characters (« … » said so)."""
    flat = " ".join(str(text or "").split())
    if len(flat) <= length:
        return flat
    cut = flat[:length].rsplit(" ", 1)[0] or flat[:length]
    return f"{cut} …"
