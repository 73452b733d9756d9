"""Sniffers for model weights: safetensors, gguf, legacy ggml, tflite, onnx, TensorFlow
SavedModel and checkpoints, pickle (pytorch zips and keras archives: archives.py)."""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from typing import Final

from inspector.core.content.identify.jsonparse import parse_json
from inspector.core.content.identify.model import Identification, found, suspect
from inspector.core.content.identify.probe import Probe

_U32: Final = struct.Struct("<I")
_U64: Final = struct.Struct("<Q")
SAFETENSORS_MAX_HEADER: Final = 100 * 1024 * 1024  # the format's own limit
_SAFETENSORS_PARSE: Final = 256 * 1024  # headers up to this size are parsed in full


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
        if not (
            isinstance(entry, dict)
            and "dtype" in entry
            and "shape" in entry
            and "data_offsets" in entry
        ):
            return suspect("safetensors header entry without dtype/shape/data_offsets")
        offsets = entry["data_offsets"]
        if not (isinstance(offsets, list) and len(offsets) == 2):
            return suspect("safetensors data_offsets is not a pair")
        start, stop = offsets
        if not (isinstance(start, int) and isinstance(stop, int)):
            return suspect("safetensors data_offsets are not integers")
        end = max(end, stop)
        tensors += 1
    if 8 + n + end != p.size:
        return suspect(f"safetensors tensors end at {8 + n + end}, the file at {p.size}")
    return found("safetensors", f"{tensors} tensors")


_GGUF_MAX_COUNT: Final = 1 << 24  # far above any real model's tensor or metadata count


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
_ONNX_FIELDS: Final = {1: 0, 2: 2, 3: 2, 4: 2, 5: 0, 6: 2, 7: 2, 8: 2, 14: 2, 20: 2, 25: 2}


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


_ONNX_MAX_FIELDS: Final = 64  # fields followed before the graph must have shown up


def _protobuf_field(p: Probe, at: int) -> tuple[int, int, int, int] | None:
    """(field number, wire type, value, offset just after it) of the protobuf field whose tag
    starts at `at`; `value` is the varint itself or a length. From the head, or one small read
    past it (a tag and a length take at most 15 bytes). None when malformed or not available."""
    head = p.head
    if at + 20 <= len(head) or p.whole:
        buf, base = head, 0
    elif p.prefix_only:
        return None  # the rest is not available
    else:
        buf, base = p.read_at(at, 20), at
    if at - base >= len(buf):
        return None
    tag = _varint(buf, at - base)
    if tag is None:
        return None
    value = _varint(buf, tag[1])
    if value is None:
        return None
    return tag[0] >> 3, tag[0] & 7, value[0], base + value[1]


def _schema_fields(
    p: Probe, at: int, end: int, schema: dict[int, int], limit: int
) -> Iterator[tuple[int, int, int]]:
    """(field number, length, offset of its bytes) of each length-delimited field of a message
    from `at` to `end` (varint fields are stepped over). The walk stops at the first field
    whose number is not in `schema` (number -> wire type) or has another wire type, whose
    bytes run past `end`, that is malformed, or after `limit` fields: hostile bytes cannot
    steer it beyond that."""
    for _ in range(limit):
        if at >= end:
            return
        parsed = _protobuf_field(p, at)
        if parsed is None:
            return
        field, wire, value, after = parsed
        if schema.get(field) != wire:
            return
        if wire == 0:
            at = after
            continue
        if after + value > end:
            return
        yield field, value, after
        at = after + value


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
    for field, _length, _start in _schema_fields(
        p, first[1], p.size, _ONNX_FIELDS, _ONNX_MAX_FIELDS
    ):
        if field == 7:
            return found("onnx")
    return None


_ONNX_DATA_SUFFIXES: Final = (".onnx.data", ".onnx_data")
_MODEL_HEAD: Final = 4096


def sniff_onnx_external_data(p: Probe) -> Identification | None:
    """Weights an ONNX model keeps beside it (external data, required above 2 GB): raw tensors
    with no structure of their own, so they are named by their place — `<model>.onnx.data` (what
    torch and onnx write) next to a `<model>.onnx` that is an ONNX model. A late check."""
    name = p.name
    if not name.endswith(_ONNX_DATA_SUFFIXES):
        return None
    model = name[: -len(".data")]
    sibling = p.read_sibling(model, _MODEL_HEAD)
    if sibling is None:
        return None
    size, head, _ = sibling
    model_probe = Probe(p.view, p.directory + "/" + model, size, head)
    model_probe.prefix_only = True  # only its start was read
    if sniff_onnx(model_probe) is None:
        return None
    return found("onnx", "external data beside its model")


# torch.save before 1.6 wrote several pickles, the first being this magic number (LONG1).
_TORCH_LEGACY: Final = b"\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19"
# Opcodes that can follow PROTO at the start of a pickle.
_PICKLE_SECOND: Final = frozenset(b"}](cq)NKJMXGUTCB\x95\x8a\x8c\x88\x89\x8e\x93\x80")


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


_OPCODES_CHECKED: Final = 16
# Protocol 0 and 1 have no PROTO opcode. Files of them start a container or name a class:
# MARK, EMPTY_DICT, EMPTY_LIST, EMPTY_TUPLE, or GLOBAL ("c" + module + newline + name).
_UNFRAMED_FIRST: Final = frozenset(b"(}])c")
_GLOBAL_LINE: Final = re.compile(rb"c[A-Za-z_][\w.]*\n[A-Za-z_][\w.]*\n")


def _opcodes_parse(data: bytes) -> bool:
    """The first opcodes of `data` parse (pickletools reads opcodes and arguments and builds
    nothing), up to STOP or _OPCODES_CHECKED of them; a prefix may end after them."""
    import pickletools  # lazily: only pickle-like heads get here (2-3 ms of every start)

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


# ---- TensorFlow Lite ----------------------------------------------------------------------

# A FlatBuffer (tensorflow/lite/schema/schema.fbs, flatbuffers' binary format): u32 offset of
# the root table, then the file identifier "TFL3". A table starts with an i32 that points back
# to its vtable (vtable = table - value); a vtable is u16 vtable size, u16 table size, then one
# u16 offset per field (0 = absent). The root is a Model: field 0 version (TFLITE_SCHEMA_VERSION,
# 3 as the identifier says; the interpreter refuses others), field 2 subgraphs (an offset to a
# vector).
TFLITE_FIRST_BYTES: Final[bytes] = bytes(
    range(0, 256, 4)
)  # the root offset is 4-aligned, little-endian
_TFLITE_SCHEMA_VERSION: Final = 3
_TFLITE_MAX_VTABLE: Final = 64  # Model has 8 fields (20 bytes of vtable); room for 30


def sniff_tflite(p: Probe) -> Identification | None:
    """The identifier "TFL3" at 4, a root table inside the file whose vtable is inside the
    file too, schema version 3 and a subgraphs vector inside the file."""
    head = p.head
    if head[4:8] != b"TFL3":
        return None
    (root,) = _U32.unpack_from(head, 0)
    if root % 4 or not 8 <= root <= p.size - 8:
        return suspect(f"tflite identifier but the root table offset {root} is not in the file")
    start = p.read_at(root, 4)
    if len(start) != 4:
        return None  # a prefix, or the per-file read limit
    vtable = root - struct.unpack("<i", start)[0]
    vt = p.read_at(vtable, _TFLITE_MAX_VTABLE) if vtable >= 8 and not vtable % 2 else b""
    if len(vt) < 6:
        return suspect("tflite root table whose vtable is not in the file")
    vt_size, table_size = struct.unpack_from("<HH", vt)
    if vt_size < 6 or vt_size % 2 or vt_size > len(vt) or not 8 <= table_size <= p.size - root:
        return suspect(f"tflite vtable of {vt_size} bytes for a table of {table_size}")
    slots = struct.unpack_from(f"<{(vt_size - 4) // 2}H", vt, 4)
    table = p.read_at(root, table_size)
    version_at = slots[0]
    if not 4 <= version_at <= len(table) - 4:
        return suspect("tflite model without a schema version")
    (version,) = _U32.unpack_from(table, version_at)
    if version != _TFLITE_SCHEMA_VERSION:
        return suspect(f"tflite model of schema version {version}")
    subgraphs_at = slots[2] if len(slots) > 2 else 0
    if not 4 <= subgraphs_at <= len(table) - 4:
        return suspect("tflite model without subgraphs")
    if root + subgraphs_at + _U32.unpack_from(table, subgraphs_at)[0] + 4 > p.size:
        return suspect("tflite subgraphs vector lies past the end of the file")
    return found("tflite")


# ---- legacy GGML (llama.cpp, whisper.cpp, rwkv.cpp before GGUF) ----------------------------

# A u32 magic written little-endian (llama.cpp's LLAMA_FILE_MAGIC_*; rwkv.cpp's RWKV_FILE_MAGIC):
# 'ggml' (0x67676d6c, no version), 'ggmf' (0x67676d66: llama.cpp version 1, rwkv.cpp 100-101),
# 'ggjt' (0x67676a74, versions 1-3), 'ggla' (0x67676c61, LoRA adapters, version 1). Model
# hyperparameters (u32) follow: n_vocab first, then sizes (n_embd or n_ctx, n_mult, ...), or
# (whisper.cpp's VAD models) a length-prefixed model type and its version. A
# 'ggla' file has the LoRA rank and alpha, or (later converters) the first tensor's n_dims and
# name length.
GGML_FIRST_BYTES: Final[bytes] = b"lfta"
_GGML_MAGIC: Final = {b"lmgg": "ggml", b"fmgg": "ggmf", b"tjgg": "ggjt", b"algg": "ggla"}
_GGML_VERSIONS: Final = {"ggmf": (1, 100, 101), "ggjt": (1, 2, 3), "ggla": (1,)}
_GGML_MAX_VOCAB: Final = 10_000_000
_GGML_MAX_DIM: Final = 1 << 20
_GGML_MAX_NAME: Final = 64  # longest model-type name believed


def sniff_ggml(p: Probe) -> Identification | None:
    head = p.head
    kind = _GGML_MAGIC.get(head[:4])
    if kind is None:
        return None
    if len(head) < 20:
        return suspect(f"ggml magic ({kind}) but the header is truncated")
    if kind == "ggml":
        version, at = 0, 4
    else:
        (version,) = _U32.unpack_from(head, 4)
        if version not in _GGML_VERSIONS[kind]:
            return suspect(f"ggml magic ({kind}) with unknown version {version}")
        at = 8
    first, second, third = struct.unpack_from("<III", head, at)
    if kind == "ggml" and 1 <= first <= _GGML_MAX_NAME:
        # whisper.cpp's newer converters (Silero VAD) write a length-prefixed model type
        # ("silero-16k") and a version triple before their hyperparameters.
        name = head[at + 4 : at + 4 + first]
        if len(name) == first and name.isascii() and name.decode().isprintable():
            return found("ggml", f"ggml {name.decode()}")
    if kind == "ggla":
        if not 1 <= first <= 1 << 16 or second > _GGML_MAX_DIM:
            return suspect(f"ggla adapter with rank {first} and alpha {second}")
        return found("ggml", "ggla LoRA adapter")
    if not (
        1 <= first <= _GGML_MAX_VOCAB
        and 1 <= second <= _GGML_MAX_DIM
        and 1 <= third <= _GGML_MAX_DIM
    ):
        return suspect(f"ggml magic ({kind}) but implausible hyperparameters")
    return found("ggml", f"{kind} v{version}" if version else kind)


# ---- TensorFlow SavedModel ------------------------------------------------------------------

# tensorflow/core/protobuf/saved_model.proto: SavedModel {int64 saved_model_schema_version = 1
# (always 1); repeated MetaGraphDef meta_graphs = 2}. meta_graph.proto: a MetaGraphDef starts
# with MetaInfoDef meta_info_def = 1, whose fields are meta_graph_version 1, stripped_op_list 2,
# any_info 3, repeated string tags 4 ("serve", "train"), tensorflow_version 5,
# tensorflow_git_version 6, stripped_default_attrs 7 (bool), function_aliases 8 (map).
_META_INFO_FIELDS: Final = {1: 2, 2: 2, 3: 2, 4: 2, 5: 2, 6: 2, 7: 0, 8: 2}
_MAX_TAG: Final = 64


def sniff_tf_savedmodel(p: Probe) -> Identification | None:
    """saved_model.pb: schema version 1, a meta graph that fits in the file and starts with its
    MetaInfoDef, whose fields (known numbers and wire types, lengths inside it) reach a tag.
    An ONNX model (ir_version, then producer_name as field 2) fails at the MetaInfoDef."""
    head = p.head
    if len(head) < 8 or not head.startswith(b"\x08\x01\x12"):
        return None
    graph = _varint(head, 3)
    if graph is None or head[graph[1] : graph[1] + 1] != b"\x0a":
        return None
    graph_end = graph[1] + graph[0]
    info = _varint(head, graph[1] + 1)
    if info is None or graph_end > p.size or info[1] + info[0] > graph_end:
        return None
    start, end = info[1], info[1] + info[0]
    # Each field at most once, and the tags come before the later ones.
    for field, length, at in _schema_fields(
        p, start, end, _META_INFO_FIELDS, len(_META_INFO_FIELDS)
    ):
        if field == 4:
            if not 0 < length <= _MAX_TAG:
                return None
            name = p.read_at(at, length)
            if len(name) != length or not name.isascii() or not name.decode().isprintable():
                return None
            return found("tf-savedmodel", f"tag {name.decode()}")
    return None


# ---- TensorFlow checkpoints (tensor bundles) -------------------------------------------------

# `<prefix>.index` is a table in TF's copy of LevelDB's format (tensorflow/core/lib/io/format.h,
# table_builder.cc): blocks, then a 48-byte footer of two block handles (varint offset and size,
# padded to 40 bytes) and the magic number 0xdb4775248b80fb57 (fixed64, little-endian); every
# block is followed by a 5-byte trailer (type, crc). BundleWriter writes it uncompressed, and its
# first entry has the empty key (kHeaderEntryKey) with a BundleHeaderProto value (num_shards = 1,
# field 1, first) — a block entry is varints shared (0), key length (0), value length. LevelDB
# tables of other programs (browser profiles) never start so: their keys carry 8 bytes of
# sequence number.
_TABLE_MAGIC: Final = struct.pack("<Q", 0xDB4775248B80FB57)
_TABLE_FOOTER: Final = 48
_BLOCK_TRAILER: Final = 5
_BUNDLE_HEADER_MAX: Final = (
    127  # num_shards, endianness, version: a few bytes; one-byte varint length
)


def _bundle_header(first: bytes) -> bool:
    """The first entry: empty key, a short value starting with num_shards (>= 1)."""
    if len(first) < 6 or first[0] or first[1] or first[3] != 0x08:
        return False
    shards = _varint(first, 4)
    return 2 <= first[2] <= _BUNDLE_HEADER_MAX and shards is not None and shards[0] >= 1


def _table_footer(footer: bytes, size: int) -> bool:
    """The magic, and both block handles (metaindex, index) inside the file before the footer."""
    if len(footer) != _TABLE_FOOTER or footer[40:] != _TABLE_MAGIC:
        return False
    at = 0
    for _ in range(2):
        offset = _varint(footer, at)
        length = _varint(footer, offset[1]) if offset else None
        if offset is None or length is None or length[1] > 40:
            return False
        if offset[0] + length[0] + _BLOCK_TRAILER > size - _TABLE_FOOTER:
            return False
        at = length[1]
    return True


def sniff_tf_checkpoint(p: Probe) -> Identification | None:
    """A checkpoint's `.index` (tf.train.Checkpoint, Saver V2, a SavedModel's variables/)."""
    head = p.head
    if len(head) < 8 or head[1] or head[3] != 0x08 or not _bundle_header(head):
        return None
    if p.prefix_only or p.size < _TABLE_FOOTER + 8:
        return None  # no footer, or too short for one after the header entry
    footer = p.read_at(p.size - _TABLE_FOOTER, _TABLE_FOOTER)
    if footer[40:] != _TABLE_MAGIC:
        return None
    if not _table_footer(footer, p.size):
        return suspect("tf checkpoint index whose block handles lie outside the file")
    return found("tf-checkpoint", "index")


_TF_SHARD: Final = re.compile(r"\.data-([0-9]{5})-of-([0-9]{5})\Z")
_INDEX_HEAD: Final = 16


def sniff_tf_checkpoint_data(p: Probe) -> Identification | None:
    """A checkpoint's data shard, `<prefix>.data-00000-of-00001`: raw tensor bytes named by
    their place, next to a `<prefix>.index` that passes the index check. A late check."""
    name = p.name
    if "-of-" not in name:
        return None
    match = _TF_SHARD.search(name)
    if match is None or match.start() == 0 or int(match[1]) >= int(match[2]):
        return None
    index = name[: match.start()] + ".index"
    sibling = p.read_sibling(index, _INDEX_HEAD, _TABLE_FOOTER, min_size=_TABLE_FOOTER + 8)
    if sibling is None:
        return None
    size, first, footer = sibling
    if not (_bundle_header(first) and _table_footer(footer, size)):
        return None
    return found("tf-checkpoint", "data shard beside its index")
