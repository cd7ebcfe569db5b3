"""theano_jvm.stdlib_fastpaths: applied at start-up by the venv's .pth, and byte-for-byte the same
results as the standard library's own code (checked against the data written, in odd chunk sizes and
into every kind of buffer the readers are handed)."""
import array
import gzip
import io
import os
import sys

import _compression
import pytest

from theano_jvm import stdlib_fastpaths

PAYLOAD = os.urandom(300_000) + bytes(2_000_000) + os.urandom(77_777)  # random, runs of zeros, random


def compressed(module):
    buffer = io.BytesIO()
    with module.open(buffer, "wb") as f:
        f.write(PAYLOAD)
    return buffer.getvalue()


def modules():
    found = [gzip]
    for name in ("bz2", "lzma"):
        try:
            found.append(__import__(name))
        except ImportError:  # not built into this Python: nothing to check there
            pass
    return found


def test_applied_at_start_up_on_graalpy():
    assert sys.implementation.name == "graalpy"
    assert _compression.DecompressReader.readinto is stdlib_fastpaths._decompress_reader_readinto


@pytest.mark.parametrize("module", modules(), ids=lambda m: m.__name__)
def test_chunked_reads_return_the_bytes_written(module):
    data = compressed(module)
    for chunk in (1, 4093, 65536, 1 << 20):
        pieces = []
        with module.open(io.BytesIO(data), "rb") as f:
            while True:
                piece = f.read(chunk) if chunk > 1 else f.read(1) + f.read(99_991)
                if not piece:
                    break
                pieces.append(piece)
        assert b"".join(pieces) == PAYLOAD, chunk


@pytest.mark.parametrize("module", modules(), ids=lambda m: m.__name__)
def test_readinto_fills_any_buffer_and_counts_bytes(module):
    data = compressed(module)
    with module.open(io.BytesIO(data), "rb") as f:
        head = bytearray(1000)
        assert f.readinto(head) == 1000 and bytes(head) == PAYLOAD[:1000]
        doubles = array.array("d", bytes(8 * 5000))  # a typed buffer: readinto writes its bytes
        assert f.readinto(doubles) == 40_000 and doubles.tobytes() == PAYLOAD[1000:41_000]
        rest = bytearray(len(PAYLOAD))  # larger than what is left: only the rest is written
        n = f.readinto(memoryview(rest))
        assert n == len(PAYLOAD) - 41_000 and bytes(rest[:n]) == PAYLOAD[41_000:] and not any(rest[n:])
        assert f.readinto(bytearray(10)) == 0  # at the end


def test_a_pickle_read_through_gzip_is_unchanged():
    import pickle

    import numpy
    arrays = (numpy.arange(120_000, dtype="float32").reshape(300, 400), numpy.arange(300, dtype="int64"))
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb") as f:
        pickle.dump(arrays, f, protocol=2)
    with gzip.GzipFile(fileobj=io.BytesIO(buffer.getvalue()), mode="rb") as f:
        loaded = pickle.load(f, encoding="latin1")
    for original, back in zip(arrays, loaded):
        assert back.dtype == original.dtype and numpy.array_equal(back, original)
