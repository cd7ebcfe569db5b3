"""Loading files that Theano 1.0.5 pickled on CPython (a DLT best_model.pkl, a pickled theano.function).

Users call plain pickle.load (or cPickle.load in a Python 2 script), so everything happens where the
standard pickle module looks: at the module paths the pickle names, and in the objects' __setstate__.

* Names. Theano pickles name its classes and functions by module path (theano.tensor.sharedvar.
  TensorSharedVariable, theano.scalar.basic.upcast_out, theano.gof.vm.VM_Linker...). Where the shim has
  that name, pickle gets the shim's class (TensorVariable, Apply, TensorType, Elemwise...). Every other
  name Theano 1.0.5 defines (theano105_names.txt, written from Theano 1.0.5 itself), in a module the shim
  has or not (theano.gof.vm), resolves to a placeholder that records what the pickle stored
  (placeholders.py), in the unpickler's find_class only (unpickler.py): outside unpickling the shim's
  modules are as they are. Names Theano never had still fail.
* Graphs. The shim's Variable, Apply and Type take Theano's __dict__ states in __setstate__ and become
  real theano-jvm objects: shared variables with the pickled values, leaves and constants, and each
  node rebuilt by applying the shim's own op to the rebuilt inputs (graph.py, ops.py). An op with no
  translation raises TheanoPickleError naming the op's Theano class, during pickle.load.
* Compiled functions. _constructor_Function (which Theano's pickles call) recompiles the function from
  the inputs, outputs and updates it was made from (function.py); the optimized graph, linker and
  features Theano also stored are read into placeholders and dropped.

install() (called by theano/__init__.py) makes pickle.Unpickler that unpickler and pickle.load / pickle.loads
use it, which also gives them CPython's mapping of Python 2 module names (copy_reg, __builtin__) on GraalPy.
"""
import pickle


class TheanoPickleError(pickle.UnpicklingError):
    """A Theano 1.0.5 pickle holds something theano-jvm cannot rebuild (an op, a type); the message names
    its Theano class."""


def install():
    from theano._pickle105 import unpickler
    unpickler.install()
