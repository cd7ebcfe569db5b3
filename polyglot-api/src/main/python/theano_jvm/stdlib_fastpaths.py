"""Same-behaviour replacements for standard-library code that is pathologically slow on GraalPy.

Applied once at interpreter start-up by the GraalPy venv's theano-jvm.pth (written by
polyglot-api/src/main/sh/build-venv.sh), so scripts run through bin/theano-jvm, `-c`, `-m` and the
venv's python alike get them. Each replacement keeps the original's results and exceptions; it changes
only how bytes are moved. Nothing is replaced on other Pythons.

Why: a memoryview slice assignment (`view[:n] = data`) copies byte by byte on GraalPy 25.0 (1 MB:
100-160 ms, against 0.1 ms for a bytearray slice or BytesIO.readinto). The decompressing readers of
gzip, bz2 and lzma fill their callers' buffers that way, so `pickle.load(gzip.open(...))` of the
deeplearning.net tutorials' mnist.pkl.gz spent 3-5 s copying.
"""
import io
import sys


def _decompress_reader_readinto(self, b):
    """_compression.DecompressReader.readinto, copying through BytesIO.readinto (one block copy)."""
    with memoryview(b) as view, view.cast("B") as byte_view:
        data = self.read(len(byte_view))
        return io.BytesIO(data).readinto(byte_view)


def apply():
    """Install the replacements (only on GraalPy; idempotent)."""
    if sys.implementation.name != "graalpy":
        return
    import _compression
    _compression.DecompressReader.readinto = _decompress_reader_readinto
