"""The reference for PreprocessingEndToEndBenchmark: mammo:preprocess's steps in OpenCV.

For each image of a folder-form dataset.csv: read the 16-bit PNG, keep the largest region brighter
than 5% of the maximum (its outer contour filled: holes included), zero outside it, resize to
896 x 1152 (INTER_AREA, antialiased as Mammoflow's filter is) and write it; resize each ROI mask
(nearest neighbour) and write it. Prints the seconds per image, interpreter start not counted.

usage: python3 preprocess_opencv.py DATASET_CSV OUT_FOLDER
"""
import csv
import os
import sys
import time

import cv2
import numpy as np

WIDTH, HEIGHT = 896, 1152


def preprocess(image_path, mask_paths, out, name):
    image = cv2.imread(image_path, cv2.IMREAD_UNCHANGED)
    if image is None:
        raise SystemExit(image_path + ": not readable")
    bright = (image > 0.05 * image.max()).astype(np.uint8)
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    breast = np.zeros_like(bright)
    cv2.drawContours(breast, [max(contours, key=cv2.contourArea)], -1, 1, thickness=cv2.FILLED)
    image[breast == 0] = 0
    cv2.imwrite(os.path.join(out, "images", name + ".png"),
                cv2.resize(image, (WIDTH, HEIGHT), interpolation=cv2.INTER_AREA))
    for k, mask_path in enumerate(mask_paths):
        mask = cv2.imread(mask_path, cv2.IMREAD_UNCHANGED)
        cv2.imwrite(os.path.join(out, "masks", "%s_%d.png" % (name, k + 1)),
                    cv2.resize(mask, (WIDTH, HEIGHT), interpolation=cv2.INTER_NEAREST))


def main(manifest, out):
    root = os.path.dirname(os.path.abspath(manifest))
    images = {}
    with open(manifest, newline="") as f:
        for row in csv.DictReader(f):
            masks = images.setdefault(row["image"], [])
            if row["mask"]:
                masks.append(os.path.join(root, row["mask"]))
    os.makedirs(os.path.join(out, "images"), exist_ok=True)
    os.makedirs(os.path.join(out, "masks"), exist_ok=True)
    start = time.perf_counter()
    for i, (image, masks) in enumerate(sorted(images.items())):
        preprocess(os.path.join(root, image), masks, out, "img%03d" % i)
    print((time.perf_counter() - start) / len(images))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
