"""Positions in a translation -> positions in the original Python 2 file.

lib2to3 keeps every original token as a leaf that remembers where it was (lineno, column), also
when a fixer moves or clones it; tokens a fixer makes up (the `print(` of a print statement, an
added import line) have lineno 0. Walking the translated tree gives each leaf's place in the
translated text, so original leaves become anchors: translated (line, column) -> original
(line, column), for token starts and token ends.

The translation's AST is then moved onto those anchors before it is compiled: every node's start
goes to the anchor at or after it (a node that starts with a made-up token, like `list(d.keys())`,
starts where its first original token did), its end to the anchor at or before it. Tracebacks, line
numbers and `^^^` markers then point into the user's file, even where fixers added lines.

Columns here count characters; the AST counts UTF-8 bytes, hence the conversions.
"""
import ast
import bisect


def _advance(line, column, text):
    newlines = text.count("\n")
    if newlines:
        return line + newlines, len(text) - text.rfind("\n") - 1
    return line, column + len(text)


def token_ends(tree):
    """Original start -> original end of every leaf of a freshly parsed (unfixed) tree."""
    ends = {}
    line, column = 1, 0
    for leaf in tree.leaves():
        line, column = _advance(line, column, leaf.prefix)
        start = (leaf.lineno, leaf.column)
        line, column = _advance(line, column, leaf.value)
        ends[start] = (line, column)
    return ends


def anchors(tree, original_ends):
    """(starts, ends): sorted [translated (line, col), original (line, col)] pairs of a fixed tree."""
    starts, ends = [], []
    line, column = 1, 0
    for leaf in tree.leaves():
        line, column = _advance(line, column, leaf.prefix)
        start = (line, column)
        line, column = _advance(line, column, leaf.value)
        if leaf.lineno:  # an original token (0: made by a fixer)
            original_start = (leaf.lineno, leaf.column)
            starts.append((start, original_start))
            original_end = original_ends.get(original_start)
            if original_end is not None and leaf.value:
                ends.append(((line, column), original_end))
    starts.sort()
    ends.sort()
    return starts, ends


class PositionMap:
    """Moves a translation's AST onto the original file (see the module docstring)."""

    def __init__(self, starts, ends, translated_lines, original_lines):
        self._start_keys = [tuple(k) for k, _ in starts]
        self._start_values = [tuple(v) for _, v in starts]
        self._end_keys = [tuple(k) for k, _ in ends]
        self._end_values = [tuple(v) for _, v in ends]
        self._translated_lines = translated_lines
        self._original_lines = original_lines

    def _start(self, position):
        """The original start of the first original token at or after `position`."""
        if not self._start_keys:
            return (1, 0)
        i = min(bisect.bisect_left(self._start_keys, position), len(self._start_keys) - 1)
        return self._start_values[i]

    def _end(self, position):
        """The original end of the last original token ending at or before `position`."""
        i = bisect.bisect_right(self._end_keys, position) - 1
        if i < 0:
            return None
        return self._end_values[i]

    def line(self, translated_line):
        """The original line of a translated line (for errors that carry only a line)."""
        return self._start((translated_line, 0))[0]

    @staticmethod
    def _chars(lines, line, byte_column):
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        if text.isascii():
            return byte_column
        return len(text.encode("utf-8")[:byte_column].decode("utf-8", "ignore"))

    @staticmethod
    def _bytes(lines, line, char_column):
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        if text.isascii():
            return char_column
        return len(text[:char_column].encode("utf-8"))

    def apply(self, tree):
        """Rewrites the positions of every node of `tree` (an ast.Module of the translation)."""
        translated, original = self._translated_lines, self._original_lines
        for node in ast.walk(tree):
            if "lineno" not in node._attributes or getattr(node, "lineno", None) is None:
                continue
            start = self._start((node.lineno, self._chars(translated, node.lineno, node.col_offset)))
            end = None
            if getattr(node, "end_lineno", None) is not None:
                end = self._end((node.end_lineno,
                                 self._chars(translated, node.end_lineno, node.end_col_offset)))
            if end is None or end < start:  # a node of made-up tokens only
                end = start
            node.lineno, node.col_offset = start[0], self._bytes(original, start[0], start[1])
            node.end_lineno, node.end_col_offset = end[0], self._bytes(original, end[0], end[1])
        return tree
