"""theano.misc: utilities (pkl_utils: zip-file pickles with arrays stored as .npy)."""
