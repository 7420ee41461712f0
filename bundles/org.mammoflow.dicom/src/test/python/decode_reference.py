#!/usr/bin/python3
"""pydicom's side of DicomDecodingBenchmark: writes the benchmark's image as DICOM, uncompressed
(Explicit VR Little Endian) and JPEG Lossless SV1 (dcmcjpeg), then times pydicom reading each file
and decoding its pixels. Needs Debian's python3-pydicom, python3-gdcm (pydicom's JPEG Lossless
handler here) and dcmtk.

usage: decode_reference.py RAW_U16 WIDTH HEIGHT REPEATS FOLDER
prints one line per file: NAME PATH MEDIAN_SECONDS
"""
import os
import subprocess
import sys
import time

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

raw, width, height, repeats, folder = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
pixels = np.fromfile(raw, dtype="<u2").reshape(height, width)

ds = Dataset()
ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.1.2"
ds.SOPInstanceUID = generate_uid(entropy_srcs=["benchmark"])
ds.Modality = "MG"
ds.PatientID = "BENCH"
ds.SamplesPerPixel = 1
ds.PhotometricInterpretation = "MONOCHROME2"
ds.Rows, ds.Columns = height, width
ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 0
ds.PixelData = pixels.tobytes()
ds.file_meta = FileMetaDataset()
ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
ds.is_little_endian, ds.is_implicit_VR = True, False
ds.preamble = b"\0" * 128
uncompressed = os.path.join(folder, "uncompressed.dcm")
ds.save_as(uncompressed, write_like_original=False)
jpeg = os.path.join(folder, "jpeg-lossless.dcm")
subprocess.run(["dcmcjpeg", "+e1", uncompressed, jpeg], check=True)

for name, path in [("uncompressed", uncompressed), ("jpeg-lossless", jpeg)]:
    times = []
    for i in range(repeats + 2):
        start = time.perf_counter()
        decoded = pydicom.dcmread(path).pixel_array
        if i >= 2:
            times.append(time.perf_counter() - start)
    assert np.array_equal(decoded, pixels), name + ": pydicom's pixels differ from the source"
    print(name, path, sorted(times)[len(times) // 2])
