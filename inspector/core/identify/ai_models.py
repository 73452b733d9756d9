"""Sniffers for model weights: safetensors, gguf, onnx, pickle (pytorch zips: archives.py)."""

from __future__ import annotations

import pickletools
import re
import struct

from inspector.core.identify.jsonparse import parse_json
from inspector.core.identify.model import Identification, found, suspect
from inspector.core.identify.probe import Probe

_U32 = struct.Struct("<I")
_U64 = struct.Struct("<Q")
SAFETENSORS_MAX_HEADER = 100 * 1024 * 1024  # the format's own limit
_SAFETENSORS_PARSE = 256 * 1024  # headers up to this size are parsed in full


def sniff_safetensors(p: Probe) -> Identification | None:
    """u64 header length N, then N bytes of JSON: {name: {dtype, shape, data_offsets}, ...};
    the largest data offset must end exactly at the end of the file."""
    head = p.head
    if len(head) < 10 or head[8] != 0x7B:  # "{"
        return None
    (n,) = _U64.unpack_from(head, 0)
    if n < 2 or n > SAFETENSORS_MAX_HEADER or n > p.size - 8:
        if head[9:10] == b'"':
            return suspect(f"safetensors-like header claims {n} bytes in a {p.size}-byte file")
        return None
    if n > _SAFETENSORS_PARSE:  # a very large header: check its start only
        text = head[8:]
        keys = (b'"dtype"', b'"shape"', b'"data_offsets"')
        return found("safetensors", "large header") if all(k in text for k in keys) else None
    raw = head[8 : 8 + n] if 8 + n <= len(head) else p.read_at(8, n)
    if len(raw) != n:
        return None
    try:
        header = parse_json(raw)
    except (ValueError, RecursionError):
        return suspect("safetensors length prefix but the header is not JSON")
    if not isinstance(header, dict):
        return None
    end = 0
    tensors = 0
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if not isinstance(entry, dict) or not {"dtype", "shape", "data_offsets"} <= entry.keys():
            return suspect("safetensors header entry without dtype/shape/data_offsets")
        offsets = entry["data_offsets"]
        if not (isinstance(offsets, list) and len(offsets) == 2):
            return suspect("safetensors data_offsets is not a pair")
        if not all(isinstance(o, int) for o in offsets):
            return suspect("safetensors data_offsets are not integers")
        end = max(end, offsets[1])
        tensors += 1
    if 8 + n + end != p.size:
        return suspect(f"safetensors tensors end at {8 + n + end}, the file at {p.size}")
    return found("safetensors", f"{tensors} tensors")


_GGUF_MAX_COUNT = 1 << 24  # far above any real model's tensor or metadata count


def sniff_gguf(p: Probe) -> Identification | None:
    """`GGUF`, u32 version 1-3, tensor and metadata counts (u32 in v1, u64 later) that are
    plausible, then a first metadata key that is a short printable string."""
    head = p.head
    if not head.startswith(b"GGUF") or len(head) < 16:
        return None
    (version,) = _U32.unpack_from(head, 4)
    if version not in (1, 2, 3):
        return suspect(f"gguf magic with unknown version {version}")
    if version == 1:
        tensors, kvs = struct.unpack_from("<II", head, 8)
        at, width = 16, 4
    else:
        if len(head) < 24:
            return suspect("gguf header truncated")
        tensors, kvs = struct.unpack_from("<QQ", head, 8)
        at, width = 24, 8
    if tensors > _GGUF_MAX_COUNT or kvs > _GGUF_MAX_COUNT:
        return suspect(f"gguf claims {tensors} tensors and {kvs} metadata entries")
    if kvs and at + width <= len(head):
        key_len = int.from_bytes(head[at : at + width], "little")
        key = head[at + width : at + width + min(key_len, 256)]
        if not 0 < key_len <= 65535 or not key.isascii() or not key.decode().isprintable():
            return suspect("gguf first metadata key is not a short printable string")
    return found("gguf", f"v{version}")


# ModelProto fields (number -> wire type): ir_version 1 varint, producer_name 2, producer_version
# 3, domain 4, model_version 5 varint, doc_string 6, graph 7, opset_import 8, metadata_props 14,
# training_info 20, functions 25 (length-delimited = 2).
_ONNX_FIELDS = {1: 0, 2: 2, 3: 2, 4: 2, 5: 0, 6: 2, 7: 2, 8: 2, 14: 2, 20: 2, 25: 2}


def _varint(buf: bytes, at: int) -> tuple[int, int] | None:
    value = shift = 0
    while at < len(buf) and shift < 64:
        b = buf[at]
        value |= (b & 0x7F) << shift
        at += 1
        if not b & 0x80:
            return value, at
        shift += 7
    return None


_ONNX_MAX_FIELDS = 64  # fields followed before the graph must have shown up


def sniff_onnx(p: Probe) -> Identification | None:
    """A protobuf ModelProto: ir_version (field 1) first, only known fields with the right wire
    types, lengths inside the file, and a graph (field 7). Fields are followed past the head
    with small reads (a long doc_string can come before the graph)."""
    head = p.head
    if len(head) < 4 or head[0] != 0x08:
        return None
    first = _varint(head, 1)
    if first is None or not 1 <= first[0] <= 64:
        return None
    at = first[1]
    for _ in range(_ONNX_MAX_FIELDS):
        if at + 20 <= len(head) or p.whole:
            buf, base = head, 0
        elif p.prefix_only:
            return None  # the rest is not available
        else:
            buf, base = p.read_at(at, 20), at  # a tag and a length take at most 15 bytes
        if at - base >= len(buf):
            return None
        tag = _varint(buf, at - base)
        if tag is None:
            return None
        field, wire = tag[0] >> 3, tag[0] & 7
        if _ONNX_FIELDS.get(field) != wire:
            return None
        value = _varint(buf, tag[1])
        if value is None:
            return None
        if wire == 0:
            at = base + value[1]
            continue
        end = base + value[1] + value[0]
        if end > p.size:
            return None
        if field == 7:
            return found("onnx")
        at = end
    return None


_ONNX_DATA_SUFFIXES = (".onnx.data", ".onnx_data")
_MODEL_HEAD = 4096


def sniff_onnx_external_data(p: Probe) -> Identification | None:
    """Weights an ONNX model keeps beside it (external data, required above 2 GB): raw tensors
    with no structure of their own, so they are named by their place — `<model>.onnx.data` (what
    torch and onnx write) next to a `<model>.onnx` that is an ONNX model. A late check."""
    name = p.name
    if not name.endswith(_ONNX_DATA_SUFFIXES):
        return None
    model = p.directory + "/" + name[: -len(".data")]
    try:
        size = p.view.lstat(model).st_size
        with p.view.open_read(model) as handle:
            head = handle.read(min(size, _MODEL_HEAD))
    except OSError:
        return None
    p.bytes_read += len(head)
    model_probe = Probe(p.view, model, size, head)
    model_probe.prefix_only = True  # only its start was read
    if sniff_onnx(model_probe) is None:
        return None
    return found("onnx", "external data beside its model")


# torch.save before 1.6 wrote several pickles, the first being this magic number (LONG1).
_TORCH_LEGACY = b"\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19"
# Opcodes that can follow PROTO at the start of a pickle.
_PICKLE_SECOND = frozenset(b"}](cq)NKJMXGUTCB\x95\x8a\x8c\x88\x89\x8e\x93\x80")


def sniff_pickle(p: Probe) -> Identification | None:
    """Pickle protocol 2-5: PROTO opcode, a plausible next opcode (FRAME with a length inside
    the file for protocol 4+), and STOP (`.`) as the last byte; legacy torch.save files start
    with torch's magic number. A decompressed prefix has no last byte to check: its first
    opcodes must parse instead."""
    head = p.head
    if len(head) < 3 or head[0] != 0x80 or not 2 <= head[1] <= 5:
        return None
    if head.startswith(_TORCH_LEGACY):
        return found("pytorch", "legacy torch.save")
    if head[2] not in _PICKLE_SECOND:
        return None
    if p.prefix_only:
        return found("pickle") if _opcodes_parse(head) else None
    if head[2] == 0x95 and (len(head) < 11 or _U64.unpack_from(head, 3)[0] > p.size):
        return None  # a FRAME (u64 length) that cannot fit
    if p.tail[-1:] != b".":
        return None
    return found("pickle")


_OPCODES_CHECKED = 16
# Protocol 0 and 1 have no PROTO opcode. Files of them start a container or name a class:
# MARK, EMPTY_DICT, EMPTY_LIST, EMPTY_TUPLE, or GLOBAL ("c" + module + newline + name).
_UNFRAMED_FIRST = frozenset(b"(}])c")
_GLOBAL_LINE = re.compile(rb"c[A-Za-z_][\w.]*\n[A-Za-z_][\w.]*\n")


def _opcodes_parse(data: bytes) -> bool:
    """The first opcodes of `data` parse (pickletools reads opcodes and arguments and builds
    nothing), up to STOP or _OPCODES_CHECKED of them; a prefix may end after them."""
    try:
        for count, (opcode, _arg, _pos) in enumerate(pickletools.genops(data), 1):
            if opcode.name == "STOP" or count >= _OPCODES_CHECKED:
                return True
    except (ValueError, EOFError, OverflowError, UnicodeDecodeError):
        return False
    return False


def sniff_pickle_unframed(p: Probe) -> Identification | None:
    """Pickle protocol 0 (text opcodes, Python 2's default) or 1: a plausible first opcode,
    the first opcodes parse, and STOP (`.`) is the last byte."""
    head = p.head
    if len(head) < 2 or head[0] not in _UNFRAMED_FIRST:
        return None
    if head[0] == 0x63 and not _GLOBAL_LINE.match(head, 0, 512):  # "c": text starts so too
        return None
    if not _opcodes_parse(head) or (not p.prefix_only and p.tail[-1:] != b"."):
        return None
    return found("pickle", "protocol 0/1")
