"""theano.scan_checkpoints computes what theano.scan computes (last state and gradients), per block."""
import numpy as np
import pytest

import theano
import theano.tensor as T


@pytest.mark.parametrize("n,every,padding", [(10, 3, True), (12, 4, False), (5, 5, True), (7, 10, True)])
def test_last_state_and_gradients_match_plain_scan(n, every, padding):
    x = T.dmatrix("x")
    h0 = T.dvector("h0")
    W = T.dmatrix("W")

    def step(xt, h, W):
        return T.tanh(T.dot(h, W) + xt)

    plain, _ = theano.scan(step, sequences=x, outputs_info=h0, non_sequences=W)
    ckpt, _ = theano.scan_checkpoints(step, sequences=[x], outputs_info=[h0], non_sequences=[W],
                                      save_every_N=every, padding=padding)
    cost_plain, cost_ckpt = (plain[-1] ** 2).sum(), (ckpt[-1] ** 2).sum()
    f = theano.function([x, h0, W], [cost_plain, cost_ckpt] + theano.grad(cost_plain, [W, h0, x])
                        + theano.grad(cost_ckpt, [W, h0, x]) + [plain, ckpt])
    rng = np.random.RandomState(3)
    out = f(rng.randn(n, 3) * 0.5, rng.randn(3), rng.randn(3, 3) * 0.4)
    np.testing.assert_allclose(out[1], out[0], rtol=1e-12)
    for a, b in zip(out[5:8], out[2:5]):
        np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-12)
    plain_states, ckpt_states = out[8], out[9]
    blocks = -(-n // every)
    assert ckpt_states.shape == (blocks, 3)
    ends = [min((k + 1) * every, n) - 1 for k in range(blocks)]
    np.testing.assert_allclose(ckpt_states, plain_states[ends], rtol=1e-12)
