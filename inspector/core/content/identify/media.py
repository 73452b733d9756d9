"""Pictures, sound and video whose marks are too short for a prefix table, or not at byte 0:
PCX, SGI, binary netpbm, EMF, MPEG transport streams, RF64 and DSDIFF (dispatched by their
first byte), and DICOM, M2TS, Truevision TGA and HCOM (checked late, after the text test); and
the few archive and data formats marked alike (ARJ, ORC; ACE late).

A short mark is checked together with the header fields that follow it, as the format's readers
do, so a text or binary file that merely starts with the same byte stays unclaimed.
"""

from __future__ import annotations

from typing import Final

from inspector.core.content.identify.binary import u16le, u32le
from inspector.core.content.identify.model import Identification, found
from inspector.core.content.identify.probe import Probe

FIRST_BYTES: Final = b"\x01\x0aPGRBF`O"  # EMF and SGI, PCX, netpbm, MPEG-TS, RF64/BW64, DSDIFF,
# ARJ, ORC
_TS_PACKET: Final = 188
_TS_PACKETS: Final = 4  # sync bytes in a row (a text or binary file rarely has 0x47 so spaced)
_M2TS_PACKET: Final = 192  # Blu-ray / AVCHD: a 4-byte timestamp before each TS packet
_NETPBM_BYTES: Final = {ord("4"): 0, ord("5"): 1, ord("6"): 3, ord("7"): 0}
_WHITESPACE: Final = b" \t\r\n"
_TGA_FOOTER: Final = b"TRUEVISION-XFILE.\x00"
_TGA_TYPES: Final = (1, 2, 3)  # uncompressed colour-mapped, true-colour, grey
_TGA_DEPTHS: Final = (8, 15, 16, 24, 32)


def _transport_stream(head: bytes, packet: int, first: int, size: int) -> bool:
    wanted = min(_TS_PACKETS, size // packet)
    if wanted < 2 or len(head) < first + (wanted - 1) * packet + 4:
        return False
    for k in range(wanted):
        at = first + k * packet
        # sync byte, no transport error flag, adaptation field control not the reserved 0
        if head[at] != 0x47 or head[at + 1] & 0x80 or not head[at + 3] & 0x30:
            return False
    return True


def _netpbm_header(head: bytes) -> tuple[int, int, int] | None:
    """(width, height, maxval) of a P4-P6 header ("P6 640 480 255", comments allowed); a P4
    bitmap has no maxval (1)."""
    fields: list[int] = []
    at, wanted = 2, 2 if head[1] == ord("4") else 3
    while len(fields) < wanted:
        while at < len(head) and head[at] in _WHITESPACE:
            at += 1
        if at < len(head) and head[at] == ord("#"):  # a comment runs to the end of the line
            end = head.find(b"\n", at)
            if end < 0:
                return None
            at = end + 1
            continue
        start = at
        while at < len(head) and 0x30 <= head[at] <= 0x39:
            at += 1
        if at == start or at - start > 9 or at >= len(head) or head[at] not in _WHITESPACE:
            return None
        fields.append(int(head[start:at]))
    if wanted == 2:
        fields.append(1)
    return fields[0], fields[1], fields[2]


def _netpbm(p: Probe) -> Identification | None:
    head = p.head
    if head[1] not in _NETPBM_BYTES:
        return None
    if head[1] == ord("7"):  # PAM: named fields, then ENDHDR
        ok = head[2:3] == b"\n" and b"WIDTH " in head[:512] and b"ENDHDR\n" in head[:1024]
        return found("netpbm", "PAM") if ok else None
    fields = _netpbm_header(head)
    if fields is None:
        return None
    width, height, maxval = fields
    if not width or not height or not 1 <= maxval <= 65535:
        return None
    channels = _NETPBM_BYTES[head[1]]
    pixels = (width + 7) // 8 * height if not channels else width * height * channels
    if maxval > 255:
        pixels *= 2
    # The header is at most a few dozen bytes; a file may hold several images in a row.
    return found("netpbm", f"P{chr(head[1])}") if pixels <= p.size <= 64 * (pixels + 64) else None


_TAGGED: Final = b"RBF`O"


def _tagged(p: Probe, head: bytes) -> Identification | None:
    """Containers with a 4-byte tag whose form is told further in, and archive and data
    formats with a short mark (ARJ, ORC): here rather than in the magic table, so that only
    files starting with these letters pay for the checks."""
    tag = head[:4]
    if tag in (b"RF64", b"BW64") and head[8:12] == b"WAVE":
        return found("wav", tag.decode())  # WAV past 4 GiB: sizes in a ds64 chunk
    if tag == b"FRM8" and head[12:16] == b"DSD ":
        return found("dff")  # DSDIFF: 64-bit chunk sizes, form type at 12
    if head[:2] == b"\x60\xea" and head[4] >= 30 and u16le(head, 2) <= 2600:
        return found("arj")  # main header: size <= 2600, then its first part (>= 30 bytes)
    if head[:3] == b"ORC" and p.tail[-4:-1] == b"ORC":  # the postscript ends in "ORC"
        return found("orc")
    return None


def sniff_media(p: Probe) -> Identification | None:
    """Formats with a one- or two-byte mark at 0 (FIRST_BYTES), checked with their header."""
    head = p.head
    if len(head) < 16:
        return None
    first = head[0]
    if first in _TAGGED:
        return _tagged(p, head)
    if first == 0x47:
        ok = _transport_stream(head, _TS_PACKET, 0, p.size)
        return found("mpeg-ts") if ok else None
    if first == 0x50:
        return _netpbm(p)
    if len(head) < 128:
        return None
    if first == 0x0A:
        # ZSoft PCX: version 0-5, RLE encoding 1, 1-8 bits a plane, 1-4 planes, xmax >= xmin
        version, encoding, bits, planes = head[1], head[2], head[3], head[65]
        ok = version in (0, 2, 3, 4, 5) and encoding == 1 and bits in (1, 2, 4, 8)
        ok = ok and 1 <= planes <= 4 and u16le(head, 8) >= u16le(head, 4) and not head[64]
        return found("pcx") if ok else None
    if head[1] == 0xDA:
        # SGI image: magic 474 (big-endian), storage 0/1, 1 or 2 bytes a channel, 1-3 dims
        ok = head[2] in (0, 1) and head[3] in (1, 2) and head[4] == 0 and 1 <= head[5] <= 3
        return found("sgi") if ok else None
    if head[1:4] == b"\0\0\0" and head[40:44] == b" EMF" and u32le(head, 4) >= 88:
        return found("emf")  # EMR_HEADER record (type 1, size >= 88) with its signature
    return None


def _tga_header(p: Probe) -> bool:
    """A TGA 1.0 file (no footer): an uncompressed image whose header fields say exactly how
    long the file is."""
    head = p.head
    id_len, has_map, kind = head[0], head[1], head[2]
    if has_map > 1 or kind not in _TGA_TYPES or (kind == 1) != (has_map == 1):
        return False
    map_len, map_depth = u16le(head, 5), head[7]
    width, height, depth = u16le(head, 12), u16le(head, 14), head[16]
    if not width or not height or depth not in _TGA_DEPTHS or head[17] & 0xC0:
        return False
    palette = map_len * ((map_depth + 7) // 8) if has_map else 0
    return p.size == 18 + id_len + palette + width * height * ((depth + 7) // 8)


def sniff_media_late(p: Probe) -> Identification | None:
    """Marks past byte 0: ACE's "**ACE**" after its CRC and sizes, DICOM's "DICM" after a
    128-byte preamble, M2TS timestamps, HCOM in a MacBinary wrapper, a TGA 2.0 footer (or a
    TGA 1.0 header whose sizes add up)."""
    head = p.head
    if head[7:14] == b"**ACE**":  # (an archive, checked here: its header starts with a CRC)
        return found("ace")
    if len(head) < 132:
        return None
    if head[128:132] == b"DICM":
        return found("dicom")
    if _transport_stream(head, _M2TS_PACKET, 4, p.size):
        return found("mpeg-ts", "M2TS")
    if head[65:69] == b"FSSD" and head[128:132] == b"HCOM":
        return found("hcom")
    if p.tail.endswith(_TGA_FOOTER) or (len(head) >= 18 and _tga_header(p)):
        return found("tga")
    return None
