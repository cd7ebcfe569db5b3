"""`string.letters` / `lowercase` / `uppercase` -> their Python 3 names `ascii_*`.

Python 3 dropped the locale-dependent constants; in the C locale Python 2 ran with by default they
equal the ASCII ones. Handles `string.letters` and `from string import letters [as x]` the way
lib2to3's FixRenames handles `sys.maxint`.
"""
from lib2to3 import fixer_base
from lib2to3.fixer_util import Name

RENAMES = {"letters": "ascii_letters", "lowercase": "ascii_lowercase", "uppercase": "ascii_uppercase"}
_NAMES = "(" + "|".join(repr(name) for name in RENAMES) + ")"


class FixStringLetters(fixer_base.BaseFix):
    BM_compatible = True
    PATTERN = """
    power< 'string' trailer< '.' attr=%(names)s > any* >
    |
    import_from< 'from' 'string' 'import'
                 ( imported=%(names)s | import_as_name< attr=%(names)s 'as' any > ) >
    """ % {"names": _NAMES}

    def transform(self, node, results):
        if "attr" in results:
            attr = _single(results["attr"])
            attr.replace(Name(RENAMES[attr.value], prefix=attr.prefix))
        else:  # from string import letters -> from string import ascii_letters as letters
            imported = _single(results["imported"])
            imported.replace(Name("%s as %s" % (RENAMES[imported.value], imported.value),
                                  prefix=imported.prefix))


def _single(match):
    """A parenthesised alternative in a pattern binds a list of the one node it matched."""
    return match[0] if isinstance(match, list) else match
