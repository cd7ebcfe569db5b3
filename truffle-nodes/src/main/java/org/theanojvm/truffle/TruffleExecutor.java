package org.theanojvm.truffle;

import com.oracle.truffle.api.CallTarget;
import java.util.List;
import org.theanojvm.engine.function.Executor;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.truffle.graph.GraphBuilder;
import org.theanojvm.truffle.graph.GraphRootNode;

/** A FunctionGraph compiled to one Truffle call target (see {@link GraphRootNode}). */
public final class TruffleExecutor implements Executor {
    private final GraphRootNode root;
    private final CallTarget target;

    public TruffleExecutor(FunctionGraph fg) {
        this.root = GraphBuilder.build(fg, "theano-function@" + Integer.toHexString(System.identityHashCode(fg)));
        this.target = root.getCallTarget();
    }

    @Override
    public NdArray[] run(List<NdArray> inputValues) {
        return (NdArray[]) target.call((Object) inputValues.toArray(new NdArray[0]));
    }

    @Override
    public String name() { return "truffle"; }

    /** The scheduled root (tests inspect which node each apply became). */
    public GraphRootNode root() { return root; }
}
