"""Little-endian integers at an offset of a bytes object, for the checks every unclaimed file
passes through (tfrecord, Arrow, MDS, LMDB length and magic fields).

Compiled (setup.py), these are native calls doing byte arithmetic: ~10 ns, where
struct.unpack_from builds a tuple through the C API (~80 ns). Callers check the length first;
a short buffer raises IndexError, which the engine reports as a malformed file.
"""

from __future__ import annotations


def u16le(buf: bytes, at: int) -> int:
    return buf[at] | buf[at + 1] << 8


def u32le(buf: bytes, at: int) -> int:
    return buf[at] | buf[at + 1] << 8 | buf[at + 2] << 16 | buf[at + 3] << 24


def u64le(buf: bytes, at: int) -> int:
    return u32le(buf, at) | u32le(buf, at + 4) << 32


def i32le(buf: bytes, at: int) -> int:
    value = u32le(buf, at)
    return value - (1 << 32) if value >= 1 << 31 else value
