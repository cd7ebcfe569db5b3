package org.theanojvm.truffle.elemwise.scalar;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.profiles.ConditionProfile;

/**
 * {@code switch(cond, a, b)} (LogicOps.SWITCH): evaluates the condition first and then only the taken
 * branch, which is what the reference computes (it evaluates both, but they have no side effects).
 */
public final class SwitchNode extends ScalarNode {
    @Child private ScalarNode cond;
    @Child private ScalarNode ifTrue;
    @Child private ScalarNode ifFalse;
    private final ConditionProfile profile = ConditionProfile.create();

    public SwitchNode(ScalarNode cond, ScalarNode ifTrue, ScalarNode ifFalse) {
        this.cond = cond;
        this.ifTrue = ifTrue;
        this.ifFalse = ifFalse;
    }

    @Override
    public double executeDouble(VirtualFrame frame) {
        return profile.profile(cond.executeDouble(frame) != 0) ? ifTrue.executeDouble(frame) : ifFalse.executeDouble(frame);
    }

    @Override
    public long executeLong(VirtualFrame frame) {
        return profile.profile(cond.executeLong(frame) != 0) ? ifTrue.executeLong(frame) : ifFalse.executeLong(frame);
    }
}
