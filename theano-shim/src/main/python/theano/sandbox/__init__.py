"""theano.sandbox: the parts of Theano's sandbox that user code imports (rng_mrg)."""
