"""A Python 2 program of several modules, run as `bin/theano-jvm main.py one two`."""
import sys
import stats               # a Python 2 module beside the script
from shapes import area    # a package whose modules rely on Python 2's implicit relative imports
import plain               # also valid Python 3, but a module of this Python 2 program

print "argv", sys.argv[1:]
print "path0", sys.path[0]
print "mean", stats.mean([1, 2, 4])
print "median", stats.median([5, 1, 4, 2])
print "area", area.rectangle(7, 2), area.half(7)
print "plain", plain.halve(7)
print "names", stats.sorted_names({'b': 1, 'a': 2})
print >>sys.stderr, "to stderr"
stats.check_positive(-1)
print "not reached"
