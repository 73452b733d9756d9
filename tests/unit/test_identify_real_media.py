"""Pictures, sound and video written by the real writers: Pillow, ImageMagick, ffmpeg, sox,
pydicom. Where no writer exists on PyPI or Debian (EMF, DSF, DSDIFF), the header is built from
the format's specification. Every file must land in its media category, named.

ffmpeg, sox and ImageMagick come from Debian (scripts/run-tests.sh installs them); a test skips,
saying which, only where one cannot be installed."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from inspector.core.content.identify import Identifier
from inspector.core.survey.fsview import LocalFS


def _identify(path: Path):
    return Identifier(LocalFS()).identify(str(path), path.stat().st_size)


def _expect(path: Path, fmt: str, category: str) -> None:
    result = _identify(path)
    assert (result.format, result.category, result.warning) == (fmt, category, False), result


def _tool(name: str) -> str:
    found = shutil.which(name, path="/usr/bin:/usr/sbin:/bin")  # not a stand-in on PATH
    if found is None:
        pytest.skip(f"{name} is not installed (scripts/run-tests.sh installs it)")
    return found


def _picture(size: tuple[int, int] = (61, 37), mode: str = "RGB") -> Image.Image:
    image = Image.new(mode, size)
    image.putdata(
        [((x * 7) % 256, (x * 13) % 256, (x * 3) % 256) for x in range(size[0] * size[1])]
    )
    return image


@pytest.mark.parametrize(
    ("pil_format", "suffix", "mode", "fmt"),
    [
        ("PCX", "pcx", "RGB", "pcx"),
        ("PCX", "pcx", "L", "pcx"),
        ("TGA", "tga", "RGB", "tga"),
        ("TGA", "tga", "RGBA", "tga"),
        ("QOI", "qoi", "RGB", "qoi"),
        ("SGI", "sgi", "RGB", "sgi"),
        ("SGI", "rgb", "L", "sgi"),
        ("PPM", "ppm", "RGB", "netpbm"),
        ("PPM", "pgm", "L", "netpbm"),
        ("PPM", "pbm", "1", "netpbm"),
    ],
)
def test_images_written_by_pillow(tmp_path, pil_format, suffix, mode, fmt):
    path = tmp_path / f"picture.{suffix}"
    _picture().convert(mode).save(path, pil_format)
    _expect(path, fmt, "image")


def test_tga_1_0_without_footer_is_known_by_its_sizes(tmp_path):
    """TGA 1.0 files have no footer: an uncompressed one is known by sizes that add up."""
    path = tmp_path / "frame.tga"
    _picture().save(path, "TGA", compression=None)
    data = path.read_bytes()
    footer = data.rfind(b"TRUEVISION-XFILE.\x00")
    plain = tmp_path / "plain.tga"
    plain.write_bytes(data[: footer - 8] if footer > 0 else data)  # drop the 26-byte footer
    _expect(plain, "tga", "image")


@pytest.mark.parametrize(
    ("coder", "suffix", "fmt"),
    [
        ("SUN", "ras", "sun-raster"),
        ("PCX", "pcx", "pcx"),
        ("TGA", "tga", "tga"),
        ("SGI", "sgi", "sgi"),
        ("PPM", "ppm", "netpbm"),
        ("PGM", "pgm", "netpbm"),
        ("PBM", "pbm", "netpbm"),
        ("PAM", "pam", "netpbm"),
    ],
)
def test_images_written_by_imagemagick(tmp_path, coder, suffix, fmt):
    source = tmp_path / "source.png"
    _picture().save(source)
    path = tmp_path / f"picture.{suffix}"
    subprocess.run([_tool("convert"), str(source), f"{coder}:{path}"], check=True)
    _expect(path, fmt, "image")


@pytest.mark.parametrize(
    ("codec", "suffix", "fmt"),
    [
        ("exr", "exr", "exr"),
        ("sunrast", "ras", "sun-raster"),
        ("qoi", "qoi", "qoi"),
        ("pcx", "pcx", "pcx"),
        ("sgi", "sgi", "sgi"),
        ("targa", "tga", "tga"),
        ("ppm", "ppm", "netpbm"),
    ],
)
def test_images_written_by_ffmpeg(tmp_path, codec, suffix, fmt):
    path = tmp_path / f"frame.{suffix}"
    _ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=64x48:rate=1",
        "-frames:v",
        "1",
        "-c:v",
        codec,
        "-f",
        "image2",
        str(path),
    )
    _expect(path, fmt, "image")


def _ffmpeg(*args: str) -> None:
    command = [_tool("ffmpeg"), "-hide_banner", "-loglevel", "error", "-y", *args]
    subprocess.run(command, check=True)


_VIDEO = ("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-t", "1")


@pytest.mark.parametrize(
    ("options", "name", "fmt"),
    [
        (("-c:v", "mpeg2video", "-f", "mpegts"), "clip.ts", "mpeg-ts"),
        (("-c:v", "mpeg2video", "-f", "mpegts", "-mpegts_m2ts_mode", "1"), "clip.m2ts", "mpeg-ts"),
        (("-c:v", "mpeg2video", "-f", "vob"), "clip.mpg", "mpeg"),
    ],
)
def test_video_written_by_ffmpeg(tmp_path, options, name, fmt):
    path = tmp_path / name
    _ffmpeg(*_VIDEO, *options, str(path))
    _expect(path, fmt, "video")


def test_transport_stream_named_ts_is_not_a_disguised_typescript_file(tmp_path):
    from inspector.core.content.identify import is_disguised

    path = tmp_path / "recording.ts"
    _ffmpeg(*_VIDEO, "-c:v", "mpeg2video", "-f", "mpegts", str(path))
    result = _identify(path)
    assert not is_disguised("ts", result.format, result.category)


_TONE = ("-f", "lavfi", "-i", "sine=frequency=440:duration=0.5")


@pytest.mark.parametrize(
    ("options", "name", "fmt", "note"),
    [
        (("-rf64", "always", "-f", "wav"), "long.wav", "wav", "RF64"),
        (("-f", "w64"), "take.w64", "w64", ""),
    ],
)
def test_audio_written_by_ffmpeg(tmp_path, options, name, fmt, note):
    path = tmp_path / name
    _ffmpeg(*_TONE, *options, str(path))
    _expect(path, fmt, "audio")
    assert _identify(path).note == note


@pytest.mark.parametrize(
    ("name", "options", "fmt"),
    [
        ("voice.hcom", ("-r", "22050", "-c", "1", "-b", "8"), "hcom"),
        ("sample.8svx", ("-r", "8000", "-c", "1", "-b", "8"), "8svx"),
        ("speech.voc", ("-r", "8000", "-c", "1", "-b", "8"), "voc"),
        ("song.aiff", (), "aiff"),
    ],
)
def test_audio_written_by_sox(tmp_path, name, options, fmt):
    path = tmp_path / name
    command = [_tool("sox"), "-n", *options, str(path), "synth", "0.3", "sine", "440"]
    subprocess.run(command, check=True)
    _expect(path, fmt, "audio")


def test_dicom_written_by_pydicom(tmp_path):
    pydicom = pytest.importorskip("pydicom", reason="pydicom is in the test extra")
    from pydicom.dataset import FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, generate_uid

    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"  # CT image storage
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = pydicom.Dataset()
    ds.file_meta = meta
    ds.PatientName = "Test^Traveller"
    ds.Rows, ds.Columns, ds.BitsAllocated, ds.BitsStored, ds.HighBit = 16, 16, 16, 12, 11
    ds.SamplesPerPixel, ds.PixelRepresentation = 1, 0
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.PixelData = bytes(range(256)) * 2
    path = tmp_path / "scan.dcm"
    ds.save_as(path, enforce_file_format=True)
    _expect(path, "dicom", "image")


def _emf() -> bytes:
    """An enhanced metafile: EMR_HEADER (type 1, 108 bytes, " EMF" signature at 40, version
    0x10000), one EMR_EOF record (type 14) — MS-EMF 2.3.4.2."""
    header = struct.pack(
        "<II4i4i4sIIIHHIII2i2i",
        1,
        108,
        0,
        0,
        99,
        99,
        0,
        0,
        2646,
        2646,
        b" EMF",
        0x10000,
        108 + 20,
        2,
        1,
        0,
        0,
        0,
        0,
        1920,
        1080,
        508,
        286,
    )
    header += struct.pack("<IIIII", 0, 0, 0, 508000, 286000)  # pixel format, OpenGL, microns
    eof = struct.pack("<IIIII", 14, 20, 0, 0x10, 20)
    return header + eof


def _dsf(samples: int = 4096) -> bytes:
    """Sony DSF: "DSD " chunk (28 bytes), "fmt " chunk (52 bytes), "data" chunk — DSF spec 1.01."""
    data = bytes([0x69]) * samples * 2
    total = 28 + 52 + 12 + len(data)
    dsd = b"DSD " + struct.pack("<QQQ", 28, total, 0)
    fmt = b"fmt " + struct.pack("<QIIIIIIQII", 52, 1, 0, 2, 2, 2822400, 1, samples * 8, 4096, 0)
    return dsd + fmt + b"data" + struct.pack("<Q", 12 + len(data)) + data


def _dff(samples: int = 4096) -> bytes:
    """Philips DSDIFF: FRM8 form of type "DSD " with FVER, PROP/SND and DSD chunks (big-endian
    64-bit sizes) — DSDIFF 1.5."""
    fver = b"FVER" + struct.pack(">QI", 4, 0x01050000)
    fs = b"FS  " + struct.pack(">QI", 4, 2822400)
    chnl = b"CHNL" + struct.pack(">QH", 10, 2) + b"SLFTSRGT"
    prop = b"PROP" + struct.pack(">Q", 4 + len(fs) + len(chnl)) + b"SND " + fs + chnl
    data = bytes([0x69]) * samples * 2
    dsd = b"DSD " + struct.pack(">Q", len(data)) + data
    body = b"DSD " + fver + prop + dsd
    return b"FRM8" + struct.pack(">Q", len(body)) + body


@pytest.mark.parametrize(
    ("name", "build", "fmt", "category"),
    [
        ("drawing.emf", _emf, "emf", "image"),
        ("track.dsf", _dsf, "dsf", "audio"),
        ("track.dff", _dff, "dff", "audio"),
    ],
)
def test_formats_without_a_writer_from_their_specifications(tmp_path, name, build, fmt, category):
    path = tmp_path / name
    path.write_bytes(build())
    _expect(path, fmt, category)


@pytest.mark.parametrize(
    "content",
    [
        b"P5 is the name of our project\n",  # text starting like a netpbm header
        b"P6 640 480 255\n" + b"x" * 20,  # a header promising far more pixels than follow
        b"G" * 4000,  # 0x47 everywhere, not spaced as transport-stream packets
        b"\n" + b"notes\n" * 100,  # a text file starting with a line feed (PCX's 0x0A)
    ],
)
def test_short_marks_alone_claim_nothing(tmp_path, content):
    path = tmp_path / "note.txt"
    path.write_bytes(content)
    assert _identify(path).category not in ("image", "video"), _identify(path)
