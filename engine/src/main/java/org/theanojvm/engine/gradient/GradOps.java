package org.theanojvm.engine.gradient;

import java.util.Collections;
import java.util.List;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DisconnectedType;

/**
 * Identity ops that only change how gradients flow (theano.gradient): zero_grad (gradient is zero),
 * disconnected_grad (input treated as disconnected) and consider_constant (gradient is zero; the
 * older spelling).
 */
public final class GradOps {
    private GradOps() {}

    /** Base: the identity on values (the output is a view of the input). */
    abstract static class ViewOp extends Op {
        @Override
        public Apply makeNode(List<Variable> inputs) {
            return new Apply(this, List.of(inputs.get(0)), List.of(inputs.get(0).type()));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) { return new NdArray[] {in[0]}; }

        @Override
        protected List<Object> props() { return List.of(); }

        @Override
        public String toString() { return getClass().getSimpleName(); }
    }

    /** theano.gradient.zero_grad: the identity whose gradient is zero. */
    public static final class ZeroGrad extends ViewOp {
        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> g) { return List.of(T.zerosLike(g.get(0))); }

        @Override
        public List<Variable> rOp(List<Variable> inputs, List<Variable> ev) {
            return ev.get(0) == null ? Collections.singletonList(null) : List.of(T.zerosLike(ev.get(0)));
        }
    }

    /** theano.gradient.disconnected_grad: the identity whose input is disconnected from the cost. */
    public static final class DisconnectedGrad extends ViewOp {
        @Override
        public boolean[][] connectionPattern(Apply node) { return new boolean[][] {{false}}; }

        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> g) { return List.of(DisconnectedType.make()); }
    }

    /** theano.gradient.consider_constant (deprecated in Theano for zero_grad): the identity with a zero gradient. */
    public static final class ConsiderConstant extends ViewOp {
        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> g) { return List.of(T.zerosLike(g.get(0))); }
    }

    public static final ZeroGrad ZERO_GRAD = new ZeroGrad();
    public static final DisconnectedGrad DISCONNECTED_GRAD = new DisconnectedGrad();
    public static final ConsiderConstant CONSIDER_CONSTANT = new ConsiderConstant();

    public static Variable zeroGrad(Variable x) { return ZERO_GRAD.call(x); }

    public static Variable disconnectedGrad(Variable x) { return DISCONNECTED_GRAD.call(x); }

    public static Variable considerConstant(Variable x) { return CONSIDER_CONSTANT.call(x); }
}
