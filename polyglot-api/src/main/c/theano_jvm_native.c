/*
 * theano_jvm_native: the buffer address of a NumPy array (or any C-contiguous buffer), read in C.
 *
 * Why a C module: the engine copies array data by address (polyglot-api's marshal.py), and Python
 * itself has no cheap way to read an address. `ndarray.__array_interface__["data"][0]` makes NumPy
 * build a whole dict of type strings and tuples through GraalPy's C-API emulation on every read: about
 * 70-150 us, and GraalPy's native memory grew by ~70 MB per 100 000 reads (issue 19's long runs).
 * The buffer protocol hands over the pointer with no Python object built but the returned int: ~6 us,
 * and resident memory stays flat (bench/longrun.sh).
 *
 * The address is valid while the exporting object is alive and not resized; callers hold the array
 * for as long as the engine uses the address.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *address_with(PyObject *exporter, int flags) {
    Py_buffer view;
    if (PyObject_GetBuffer(exporter, &view, flags) < 0) {
        return NULL;
    }
    void *address = view.buf;
    PyBuffer_Release(&view);
    return PyLong_FromVoidPtr(address);
}

static PyObject *address(PyObject *module, PyObject *exporter) {
    return address_with(exporter, PyBUF_C_CONTIGUOUS);
}

static PyObject *writable_address(PyObject *module, PyObject *exporter) {
    return address_with(exporter, PyBUF_C_CONTIGUOUS | PyBUF_WRITABLE);
}

static PyMethodDef methods[] = {
    {"address", address, METH_O,
     "address(array) -> int\n\nThe address of a C-contiguous buffer's first byte, for reading. "
     "The exporter's error (NumPy: ValueError) if the buffer is not C-contiguous."},
    {"writable_address", writable_address, METH_O,
     "writable_address(array) -> int\n\nAs address(), for writing: the exporter's error (NumPy: ValueError) "
     "if the buffer is read-only."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "theano_jvm_native",
    "Buffer addresses for theano-jvm's NumPy <-> engine copies, without __array_interface__.", -1, methods,
};

PyMODINIT_FUNC PyInit_theano_jvm_native(void) {
    return PyModule_Create(&module);
}
