"""Reference for PreprocessingBenchmark: the same preprocessing in numpy/scipy.

Usage: python3 preprocess_reference.py RAW_UINT16_FILE WIDTH HEIGHT REPEATS
Prints the median seconds per image of: threshold at 5% of max, largest 8-connected region,
hole filling, zeroing outside, linear resize to 1152 x 896 (scipy.ndimage.zoom, order 1).
"""
import sys
import time

import numpy as np
from scipy import ndimage


def preprocess(image):
    mask = image > np.floor(image.max() * 0.05)
    labels, count = ndimage.label(mask, structure=np.ones((3, 3)))
    if count > 0:
        sizes = np.bincount(labels.ravel())
        sizes[0] = 0
        mask = ndimage.binary_fill_holes(labels == sizes.argmax())
    cleaned = np.where(mask, image, 0)
    zoom = (1152 / image.shape[0], 896 / image.shape[1])
    return ndimage.zoom(cleaned.astype(np.float32), zoom, order=1)


def main():
    path, width, height, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    image = np.fromfile(path, dtype="<u2").reshape(height, width)
    preprocess(image)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        preprocess(image)
        times.append(time.perf_counter() - start)
    print(f"{sorted(times)[len(times) // 2]:.6f}")


if __name__ == "__main__":
    main()
