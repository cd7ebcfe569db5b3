"""The flags theano.config knows, with Theano 1.0's names, defaults and allowed values.

Flags the engine consults (floatX, on_unused_input, ...) are pushed to org.theanojvm.engine.Config
whenever they change, so Java and Python see one configuration.
"""
import os
import sys

from theano.configparser import (BoolParam, ConfigParam, DeviceParam, EnumStr, FloatParam, IntParam, StrParam,
                                 TheanoConfigParser, TheanoConfigWarning, config_files_from_theanorc,
                                 parse_config_string)


def _engine_config():
    import java
    return java.type("org.theanojvm.engine.Config")


def _push_to_engine(setter):
    def on_change(value):
        getattr(_engine_config(), setter)(value)
    return on_change


THEANO_FLAGS = os.getenv("THEANO_FLAGS", "")
config = TheanoConfigParser(parse_config_string(THEANO_FLAGS, issue_warnings=True),
                            config_files_from_theanorc())
AddConfigVar = config.add

AddConfigVar("floatX", "Default floating-point precision for python casts.",
             EnumStr("float64", "float32", "float16", on_change=_push_to_engine("setFloatX")))
AddConfigVar("warn_float64", "Do an action when a tensor variable with float64 dtype is created.",
             EnumStr("ignore", "warn", "raise", "pdb"))
AddConfigVar("cast_policy", "Rules for implicit type casting",
             EnumStr("custom", "numpy+floatX"))
AddConfigVar("int_division", "What to do when one computes x / y, where both x and y are of integer types",
             EnumStr("int", "raise", "floatX"))
AddConfigVar("device", "Default device for computations: cpu, or cuda for the GPU executor.",
             DeviceParam("cpu", allow_override=False))
AddConfigVar("init_gpu_device", "Initialize the gpu device to use.", StrParam("", allow_override=False))
AddConfigVar("force_device", "Raise an error if we can't use the specified device", BoolParam(False, allow_override=False))
def filter_mode(val):
    """Theano's filter for config.mode: a mode name, or a Mode instance once theano.Mode exists."""
    if val in ("Mode", "DebugMode", "FAST_RUN", "NanGuardMode", "FAST_COMPILE", "DEBUG_MODE"):
        return val
    import theano  # config is read while theano is still importing: theano.Mode may not exist yet
    if hasattr(theano, "Mode") and isinstance(val, theano.Mode):
        return val
    raise ValueError("Expected one of those string 'Mode', 'DebugMode', 'FAST_RUN', 'NanGuardMode', 'FAST_COMPILE', "
                     "'DEBUG_MODE' or an instance of Mode.")


AddConfigVar("mode", "Default compilation mode", ConfigParam("Mode", filter_mode))
AddConfigVar("linker", "Default linker used if the theano flags mode is Mode",
             EnumStr("cvm", "c|py", "py", "c", "c|py_nogc", "vm", "vm_nogc", "cvm_nogc"))
AddConfigVar("optimizer", "Default optimizer. If not None, will use this optimizer with the Mode",
             EnumStr("fast_run", "merge", "fast_compile", "None"))
AddConfigVar("optimizer_verbose", "If True, we print all optimization being applied", BoolParam(False))
AddConfigVar("optimizer_excluding", "When using the default mode, we will remove optimizer with these tags.",
             StrParam("", allow_override=False))
AddConfigVar("optimizer_including", "When using the default mode, we will add optimizer with these tags.",
             StrParam("", allow_override=False))
AddConfigVar("optimizer_requiring", "When using the default mode, we will require optimizer with these tags.",
             StrParam("", allow_override=False))
AddConfigVar("on_opt_error", "What to do when an optimization crashes: warn and skip it, raise the error or fall into the pdb debugger.",
             EnumStr("warn", "raise", "pdb", "ignore"))
AddConfigVar("on_unused_input", "What to do if a variable in the 'inputs' list of  theano.function() is not used in the graph.",
             EnumStr("raise", "warn", "ignore", on_change=_push_to_engine("setOnUnusedInput")))
AddConfigVar("allow_gc", "Do we default to delete intermediate results during Theano function calls?", BoolParam(True))
AddConfigVar("profile", "If VM should collect profile information", BoolParam(False))
AddConfigVar("profile_optimizer", "If VM should collect optimizer profile information", BoolParam(False))
AddConfigVar("profile_memory", "If VM should collect memory profile information and print it", BoolParam(False))
AddConfigVar("exception_verbosity", "If 'low', the text of exceptions will generally refer to apply nodes with short names such as Elemwise{add_no_inplace}. If 'high', some exceptions will also refer to apply nodes with long descriptions.",
             EnumStr("low", "high", on_change=_push_to_engine("setExceptionVerbosity")))
AddConfigVar("compute_test_value", "If 'True', Theano will run each op at graph build time, using Constants, SharedVariables and the tag 'test_value' as inputs to the function.",
             EnumStr("off", "ignore", "warn", "raise", "pdb"))
AddConfigVar("print_test_value", "If 'True', the __eval__ of a Theano variable will return its test_value when this is available.", BoolParam(False))
AddConfigVar("compute_test_value_opt", "For debugging Theano optimization only. Same as compute_test_value, but is used during Theano optimization",
             EnumStr("off", "ignore", "warn", "raise", "pdb"))
AddConfigVar("deterministic", "If `more`, sometimes we will select some implementation that are more deterministic, but slower.",
             EnumStr("default", "more"))
AddConfigVar("openmp", "Allow (or not) parallel computation on the CPU with OpenMP.", BoolParam(False))
AddConfigVar("openmp_elemwise_minsize", "If OpenMP is enabled, this is the minimum size of vectors for which the openmp parallelization is enabled in element wise ops.", IntParam(200000))
AddConfigVar("traceback.limit", "The number of stack to trace. -1 mean all.", IntParam(8))
AddConfigVar("traceback.compile_limit", "The number of stack to trace to keep during compilation. -1 mean all.", IntParam(0))
AddConfigVar("blas.ldflags", "lib[s] to include for [Fortran] level-3 blas implementation", StrParam(""))
AddConfigVar("cxx", "The C++ compiler to use (theano-jvm compiles nothing: kept for scripts that set it).", StrParam(""))
AddConfigVar("base_compiledir", "platform-independent root directory for compiled modules",
             StrParam(os.path.join(os.path.expanduser("~"), ".theano")))
AddConfigVar("compiledir", "platform-dependent cache directory for compiled modules",
             StrParam(os.path.join(os.path.expanduser("~"), ".theano", "compiledir_theano_jvm")))
AddConfigVar("nocleanup", "Suppress the deletion of code files that did not compile cleanly", BoolParam(False))
AddConfigVar("assert_no_cpu_op", "Raise an error/warning if there is a CPU op in the computational graph.",
             EnumStr("ignore", "warn", "raise", "pdb", allow_override=True))
AddConfigVar("gpuarray.preallocate", "If negative it disables the allocation cache.", FloatParam(0))
AddConfigVar("dnn.enabled", "'auto', use cuDNN if available; 'True', must be used; 'False', not used.",
             EnumStr("auto", "True", "False", "no_check"))
AddConfigVar("NanGuardMode.nan_is_error", "Default value for nan_is_error", BoolParam(True))
AddConfigVar("NanGuardMode.inf_is_error", "Default value for inf_is_error", BoolParam(True))
AddConfigVar("NanGuardMode.big_is_error", "Default value for big_is_error", BoolParam(True))
AddConfigVar("NanGuardMode.action", "What NanGuardMode does when it finds a problem",
             EnumStr("raise", "warn", "pdb"))
AddConfigVar("DebugMode.check_py", "True -> verify that the python implementations of ops match the executor's", BoolParam(True))
AddConfigVar("numpy.seterr_all", "Sets numpy's behaviour for floating-point errors",
             EnumStr("ignore", "warn", "raise", "call", "print", "log", "None", allow_override=False))
for _kind in ("divide", "over", "under", "invalid"):
    AddConfigVar("numpy.seterr_" + _kind, "Sets numpy's behavior for floating-point %s; 'None' follows "
                 "numpy.seterr_all" % _kind,
                 EnumStr("None", "ignore", "warn", "raise", "call", "print", "log", allow_override=False))
AddConfigVar("warn.ignore_bug_before", "If 'None', we warn about all Theano bugs found by default.",
             EnumStr("0.9", "None", "all", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.8.1", "0.8.2", "0.9", "0.10", "1.0"))
AddConfigVar("scan.allow_gc", "Allow/disallow gc inside of Scan (default: False)", BoolParam(False))
AddConfigVar("scan.allow_output_prealloc", "Allow/disallow memory preallocation for outputs inside of scan (default: True)", BoolParam(True))
AddConfigVar("scan.debug", "If True, enable extra verbose output related to scan", BoolParam(False))
AddConfigVar("pycuda.init", "If True, always initialize PyCUDA when Theano want to initilize the GPU.", BoolParam(False))
AddConfigVar("cmodule.warn_no_version", "If True, will print a warning when compiling one or more Op with C code that can't be cached because there is no c_code_cache_version() function associated to at least one of those Ops.", BoolParam(False))
AddConfigVar("cmodule.remove_gxx_opt", "If True, will remove the -O* parameter passed to g++.", BoolParam(False))
AddConfigVar("cmodule.compilation_warning", "If True, will print compilation warnings.", BoolParam(False))
AddConfigVar("cmodule.preload_cache", "If set to True, will preload the C module cache at import time", BoolParam(False))
AddConfigVar("cmodule.age_thresh_use", "In seconds. The time after which Theano won't reuse a compile c module.", IntParam(60 * 60 * 24 * 24))
AddConfigVar("unittests.rseed", "Seed to use for randomized unit tests. Special value 'random' means using a seed of None.",
             StrParam("666"))
AddConfigVar("check_stack_trace", "A flag for checking the stack trace during the optimization process.",
             EnumStr("off", "log", "warn", "raise"))
AddConfigVar("metaopt.verbose", "0 for silent, 1 for only warnings, 2 for full output with timings and selected implementation", IntParam(0))
def _none_or_bool(value):
    if value in (None, "None"):
        return None
    return BoolParam(False).convert(value)


AddConfigVar("vm.lazy", "Useless flag kept for backwards compatibility (None: the linker decides)",
             ConfigParam("None", filter=_none_or_bool))
AddConfigVar("tensor.cmp_sloppy", "Relax tensor._allclose (0) not at all, (1) a bit, (2) more", IntParam(0, allow_override=False))
AddConfigVar("tensor.local_elemwise_fusion", "Enable or not in fast_run mode(fast_run optimization) the elemwise fusion optimization", BoolParam(True))
AddConfigVar("gcc.cxxflags", "Extra compiler flags for gcc", StrParam(""))
AddConfigVar("lib.amdlibm", "Use amd's amdlibm numerical library", BoolParam(False))
AddConfigVar("experimental.local_alloc_elemwise_assert", "When the local_alloc_elemwise is applied, add an assert to highlight shape errors.", BoolParam(True))
AddConfigVar("reoptimize_unpickled_function", "Re-optimize the graph when a theano function is unpickled from the disk.", BoolParam(False))
AddConfigVar("magma.enabled", " If True, use magma for matrix computation. This requires that the gpu_magma library is installed.", BoolParam(False))
AddConfigVar("pickle_test_value", "Dump test values while pickling model. If True, test values will be dumped with model.", BoolParam(True))
# theano.compile.profiling (profile=True reports)
AddConfigVar("profiling.time_thunks", "Time individual thunks when profiling", BoolParam(True))
AddConfigVar("profiling.n_apply", "Number of Apply instances to print by default", IntParam(20, lambda i: i > 0))
AddConfigVar("profiling.n_ops", "Number of Ops to print by default", IntParam(20, lambda i: i > 0))
AddConfigVar("profiling.output_line_width", "Max line width for the profiling output", IntParam(512, lambda i: i > 0))
AddConfigVar("profiling.min_memory_size", "For the memory profile, do not print Apply nodes if the size of their outputs (in bytes) is lower than this threshold", IntParam(1024, lambda i: i >= 0))
AddConfigVar("profiling.min_peak_memory", "The min peak memory usage of the order", BoolParam(False))
AddConfigVar("profiling.destination", "File destination of the profiling output", StrParam("stderr"))
AddConfigVar("profiling.debugprint", "Do a debugprint of the profiled functions", BoolParam(False))
AddConfigVar("profiling.ignore_first_call", "Do we ignore the first call of a Theano function.", BoolParam(False))
AddConfigVar("print_global_stats", "Print some global statistics (time spent) at the end", BoolParam(False))

for _unknown in config.unused_flags():
    TheanoConfigWarning.warn("Theano does not recognise this flag: {0}".format(_unknown))


# ---------------------------------------------------------------------------------------------------
# The rest of Theano 1.0's flags (theano-shim/src/test/fixtures/config_flags_theano105.json lists
# them all; test_config_flags.py checks each exists with Theano's default). They are accepted, so
# scripts and .theanorc files that set them run, and the engine does not act on them, for the reason
# given above each group.


# GPU executor (device=cuda), libgpuarray, cuDNN, MAGMA and CTC: the CUDA executor is not built yet (issue 17).
AddConfigVar('contexts', "Theano 1.0 flag (not acted on: see above)",
             StrParam('', allow_override=False))
AddConfigVar('print_active_device', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(True, allow_override=False))
AddConfigVar('gpuarray.sync', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(False, allow_override=False))
AddConfigVar('gpuarray.sched', "Theano 1.0 flag (not acted on: see above)",
             EnumStr('default', 'multi', 'single'))
AddConfigVar('gpuarray.single_stream', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(True))
AddConfigVar('gpuarray.cache_path', "Directory of libgpuarray kernel caches (GPU executor only)",
             StrParam(os.path.join(config.compiledir, "gpuarray_kernels"), allow_override=False))
AddConfigVar('cuda.root', "Theano 1.0 flag (not acted on: see above)",
             StrParam(''))
AddConfigVar('cuda.include_path', "Theano 1.0 flag (not acted on: see above)",
             StrParam(''))
AddConfigVar('dnn.conv.workmem', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(True, allow_override=False))
AddConfigVar('dnn.conv.workmem_bwd', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(True, allow_override=False))
AddConfigVar('dnn.conv.algo_bwd', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(True, allow_override=False))
AddConfigVar('dnn.conv.algo_fwd', "Theano 1.0 flag (not acted on: see above)",
             EnumStr('small', 'none', 'large', 'fft', 'fft_tiling', 'winograd', 'winograd_non_fused', 'guess_once', 'guess_on_shape_change', 'time_once', 'time_on_shape_change'))
AddConfigVar('dnn.conv.algo_bwd_data', "Theano 1.0 flag (not acted on: see above)",
             EnumStr('none', 'deterministic', 'fft', 'fft_tiling', 'winograd', 'winograd_non_fused', 'guess_once', 'guess_on_shape_change', 'time_once', 'time_on_shape_change'))
AddConfigVar('dnn.conv.algo_bwd_filter', "Theano 1.0 flag (not acted on: see above)",
             EnumStr('none', 'deterministic', 'fft', 'small', 'winograd_non_fused', 'fft_tiling', 'guess_once', 'guess_on_shape_change', 'time_once', 'time_on_shape_change'))
AddConfigVar('dnn.conv.precision', "Theano 1.0 flag (not acted on: see above)",
             EnumStr('as_input_f32', 'as_input', 'float16', 'float32', 'float64'))
AddConfigVar('dnn.base_path', "Theano 1.0 flag (not acted on: see above)",
             StrParam(''))
AddConfigVar('dnn.include_path', "Theano 1.0 flag (not acted on: see above)",
             StrParam(''))
AddConfigVar('dnn.library_path', "Theano 1.0 flag (not acted on: see above)",
             StrParam(''))
AddConfigVar('dnn.bin_path', "Theano 1.0 flag (not acted on: see above)",
             StrParam(''))
AddConfigVar('magma.include_path', "Theano 1.0 flag (not acted on: see above)",
             StrParam(''))
AddConfigVar('magma.library_path', "Theano 1.0 flag (not acted on: see above)",
             StrParam(''))
AddConfigVar('gpu.local_elemwise_fusion', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(True))
AddConfigVar('gpuelemwise.sync', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(True))
AddConfigVar('experimental.unpickle_gpu_on_cpu', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(False))
AddConfigVar('ctc.root', "Theano 1.0 flag (not acted on: see above)",
             StrParam('', allow_override=False))

# Theano's C code generation and its compile cache: theano-jvm compiles no C.
AddConfigVar('compile.wait', "Theano 1.0 flag (not acted on: see above)",
             IntParam(5, allow_override=False))
AddConfigVar('compile.timeout', "Theano 1.0 flag (not acted on: see above)",
             IntParam(120, allow_override=False))
AddConfigVar('compiledir_format', "Theano 1.0 flag (not acted on: see above)",
             StrParam('compiledir_%(short_platform)s-%(processor)s-%(python_version)s-%(python_bitwidth)s', allow_override=False))
AddConfigVar('cmodule.debug', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(False))
AddConfigVar('blas.check_openmp', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(True))

# Warnings about bugs of Theano versions before 0.10 that theano-jvm never had.
AddConfigVar('warn.argmax_pushdown_bug', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(False))
AddConfigVar('warn.gpusum_01_011_0111_bug', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(False))
AddConfigVar('warn.sum_sum_bug', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(False))
AddConfigVar('warn.sum_div_dimshuffle_bug', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(False))
AddConfigVar('warn.subtensor_merge_bug', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(False))
AddConfigVar('warn.gpu_set_subtensor1', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(False))
AddConfigVar('warn.vm_gc_bug', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(False))
AddConfigVar('warn.signal_conv2d_interface', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(False))
AddConfigVar('warn.reduce_join', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(False))
AddConfigVar('warn.inc_set_subtensor1', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(False))
AddConfigVar('warn.round', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(False))
AddConfigVar('warn.inc_subtensor1_opt', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(True))
AddConfigVar('warn.identify_1pexp_bug', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(False))

# Tuning knobs of Theano's optimizer database and DebugMode internals that the engine's rewriter and DebugMode do not have.
AddConfigVar('optdb.position_cutoff', "Theano 1.0 flag (not acted on: see above)",
             FloatParam(float("inf")))
AddConfigVar('optdb.max_use_ratio', "Theano 1.0 flag (not acted on: see above)",
             FloatParam(8.0))
AddConfigVar('metaopt.optimizer_excluding', "Theano 1.0 flag (not acted on: see above)",
             StrParam(''))
AddConfigVar('metaopt.optimizer_including', "Theano 1.0 flag (not acted on: see above)",
             StrParam(''))
AddConfigVar('cache_optimizations', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(False))
AddConfigVar('tensor.insert_inplace_optimizer_validate_nb', "Theano 1.0 flag (not acted on: see above)",
             IntParam(-1))
AddConfigVar('experimental.local_alloc_elemwise', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(True))
AddConfigVar('cycle_detection', "Theano 1.0 flag (not acted on: see above)",
             EnumStr('regular', 'fast'))
AddConfigVar('DebugMode.patience', "Theano 1.0 flag (not acted on: see above)",
             IntParam(10))
AddConfigVar('DebugMode.check_c', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(True))
AddConfigVar('DebugMode.check_finite', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(True))
AddConfigVar('DebugMode.check_strides', "Theano 1.0 flag (not acted on: see above)",
             IntParam(0))
AddConfigVar('DebugMode.warn_input_not_reused', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(True))
AddConfigVar('DebugMode.check_preallocated_output', "Theano 1.0 flag (not acted on: see above)",
             StrParam(''))
AddConfigVar('DebugMode.check_preallocated_output_ndim', "Theano 1.0 flag (not acted on: see above)",
             IntParam(4))
AddConfigVar('conv.assert_shape', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(False))
AddConfigVar('on_shape_error', "Theano 1.0 flag (not acted on: see above)",
             EnumStr('warn', 'raise'))
AddConfigVar('check_input', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(True))
AddConfigVar('unpickle_function', "Theano 1.0 flag (not acted on: see above)",
             BoolParam(True))
