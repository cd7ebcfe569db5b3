"""`bin/theano-jvm --version`: the versions of everything that makes up this runtime."""
import platform
import sys


def report():
    import java
    info = java.type("org.theanojvm.polyglot.RuntimeInfo")
    try:
        import numpy
        numpy_version = numpy.__version__
    except ImportError as e:  # the venv is broken: say so rather than fail
        numpy_version = "not importable (%s)" % e
    runtime = info.truffleRuntimeName()
    jit = "JIT on" if info.isJitEnabled() else "JIT off"
    lines = [
        "theano-jvm %s" % info.theanoJvmVersion(),
        "GraalPy %s (Python %s, %s)" % (info.graalVersion(), platform.python_version(),
                                         sys.implementation.name),
        "NumPy %s" % numpy_version,
        "JDK %s" % info.jdkDescription(),
        "Truffle runtime: %s (%s)" % (runtime, jit),
    ]
    reason = info.jitOffReason()
    if not info.isJitEnabled() and reason:
        lines.append("JIT off because %s" % reason)
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())
