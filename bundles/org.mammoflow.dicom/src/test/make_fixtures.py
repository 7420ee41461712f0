#!/usr/bin/python3
"""Makes the DICOM test fixtures in src/test/resources/dicom and pydicom's pixel values for each.

Needs Debian's python3-pydicom (2.3) and dcmtk (dcmconv, dcmcrle, dcmcjpeg). Run from the bundle's
folder:  python3 src/test/make_fixtures.py
For each readable fixture NAME.dcm it writes NAME.expected: a header line
"width height bits_stored signed inverted" and pydicom's stored values, row by row. pydicom 2.3
cannot decode JPEG Lossless without extra plugins, so a JPEG fixture's values are those pydicom
reads from the uncompressed file it was compressed from (the compression is lossless).
"""
import os
import subprocess
import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import (ExplicitVRLittleEndian, ImplicitVRLittleEndian, generate_uid)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "resources", "dicom")
MAMMOGRAPHY = "1.2.840.10008.5.1.4.1.1.1.2"  # Digital Mammography X-Ray Image Storage - For Presentation
rng = np.random.default_rng(20261128)


def image(width, height, bits, signed=False, photometric="MONOCHROME2", allocated=16):
    ds = Dataset()
    ds.SOPClassUID = MAMMOGRAPHY
    ds.SOPInstanceUID = generate_uid(entropy_srcs=[f"{width}{height}{bits}{signed}{photometric}{allocated}"])
    ds.Modality = "MG"
    ds.PatientID = "Mass-Training_P_00001_LEFT_CC"
    ds.ImageLaterality = "L"
    ds.ViewPosition = "CC"
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = photometric
    ds.Rows = height
    ds.Columns = width
    ds.BitsAllocated = allocated
    ds.BitsStored = bits
    ds.HighBit = bits - 1
    ds.PixelRepresentation = 1 if signed else 0
    lo, hi = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
    # a gradient with noise, the extremes included
    y, x = np.mgrid[0:height, 0:width]
    values = lo + (x * 7 + y * 13) * (hi - lo) // (7 * (width - 1) + 13 * (height - 1))
    values = np.clip(values + rng.integers(-50, 51, size=values.shape), lo, hi)
    values.flat[0], values.flat[-1] = lo, hi
    dtype = {(8, False): np.uint8, (8, True): np.int8, (16, False): np.uint16, (16, True): np.int16}[(allocated, signed)]
    data = values.astype(dtype).tobytes()
    ds.PixelData = data + (b"\0" if len(data) % 2 else b"")
    return ds


def save(ds, name, syntax=ExplicitVRLittleEndian, meta=True):
    path = os.path.join(OUT, name)
    ds.is_little_endian = True
    ds.is_implicit_VR = syntax == ImplicitVRLittleEndian
    if meta:
        ds.file_meta = FileMetaDataset()
        ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
        ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        ds.file_meta.TransferSyntaxUID = syntax
        ds.preamble = b"\0" * 128
        ds.save_as(path, write_like_original=False)
    else:
        ds.save_as(path, write_like_original=True)
    return path


def expect(name, source=None):
    ds = pydicom.dcmread(os.path.join(OUT, source or name), force=True)
    if "TransferSyntaxUID" not in ds.file_meta:  # a bare data set, written Implicit VR Little Endian
        ds.file_meta.TransferSyntaxUID = ImplicitVRLittleEndian
    values = ds.pixel_array.astype(np.int64)
    with open(os.path.join(OUT, name[:-4] + ".expected"), "w") as out:
        out.write(f"{ds.Columns} {ds.Rows} {ds.BitsStored} {ds.PixelRepresentation} "
                  f"{1 if ds.PhotometricInterpretation == 'MONOCHROME1' else 0}\n")
        for row in values.reshape(ds.Rows, ds.Columns):
            out.write(" ".join(str(v) for v in row) + "\n")


def dcmtk(tool, options, source, target):
    subprocess.run([tool, *options, os.path.join(OUT, source), os.path.join(OUT, target)], check=True)


os.makedirs(OUT, exist_ok=True)
for old in os.listdir(OUT):
    os.remove(os.path.join(OUT, old))

save(image(31, 23, 16), "explicit-le-16.dcm")
twelve = image(29, 17, 12)
item = Dataset()
item.ReferencedSOPClassUID = MAMMOGRAPHY
item.ReferencedSOPInstanceUID = "1.2.3.4"
twelve.ReferencedImageSequence = Sequence([item])
twelve["ReferencedImageSequence"].is_undefined_length = True  # skipped by the reader without a VR to go by
save(twelve, "implicit-le-12.dcm", ImplicitVRLittleEndian)
save(image(19, 13, 12, signed=True), "explicit-le-12-signed.dcm")
save(image(5, 7, 8, photometric="MONOCHROME1", allocated=8), "monochrome1-8-odd.dcm")
save(image(23, 11, 16), "bare-implicit.dcm", ImplicitVRLittleEndian, meta=False)
dcmtk("dcmconv", ["+tb"], "explicit-le-12-signed.dcm", "explicit-be-12-signed.dcm")
dcmtk("dcmconv", ["+td"], "explicit-le-16.dcm", "deflated-16.dcm")
dcmtk("dcmcrle", [], "implicit-le-12.dcm", "rle-12.dcm")
dcmtk("dcmcrle", [], "monochrome1-8-odd.dcm", "rle-8.dcm")
dcmtk("dcmcjpeg", ["+el"], "explicit-le-16.dcm", "jpeg-lossless-14-16.dcm")
dcmtk("dcmcjpeg", ["+e1"], "implicit-le-12.dcm", "jpeg-lossless-sv1-12.dcm")
for name in ["explicit-le-16.dcm", "implicit-le-12.dcm", "explicit-le-12-signed.dcm", "monochrome1-8-odd.dcm",
             "bare-implicit.dcm", "explicit-be-12-signed.dcm", "deflated-16.dcm", "rle-12.dcm", "rle-8.dcm"]:
    expect(name)
expect("jpeg-lossless-14-16.dcm", "explicit-le-16.dcm")
expect("jpeg-lossless-sv1-12.dcm", "implicit-le-12.dcm")

# files that must be refused, each with its reason
multi = image(8, 6, 16)
multi.NumberOfFrames = 2
multi.PixelData = multi.PixelData * 2
save(multi, "refused-multiframe.dcm")
rgb = image(8, 6, 8, allocated=8)
rgb.SamplesPerPixel = 3
rgb.PhotometricInterpretation = "RGB"
rgb.PlanarConfiguration = 0
rgb.PixelData = rgb.PixelData * 3
save(rgb, "refused-rgb.dcm")
huge = image(8, 6, 16)
huge.Rows, huge.Columns = 1000, 1100  # a header that claims 1.1 megapixels; nothing past it is read
save(huge, "refused-oversized.dcm")
dcmtk("dcmcjpeg", ["+eb"], "monochrome1-8-odd.dcm", "refused-jpeg-baseline.dcm")
with open(os.path.join(OUT, "refused-not-dicom.dcm"), "w") as out:
    out.write("this is a text file with a .dcm name\n")
with open(os.path.join(OUT, "explicit-le-16.dcm"), "rb") as whole:
    data = whole.read()
with open(os.path.join(OUT, "refused-truncated.dcm"), "wb") as out:
    out.write(data[: len(data) - 400])
