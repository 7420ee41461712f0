"""Writes the torchvision side of TorchvisionParityTest (run from the bundle folder):

    python3 src/test/python/torchvision_parity.py

torchvision's ResNet50 (5 classes) gets weights from a formula the Java test computes too, so no
100 MB weights file is committed; what is committed is torchvision's output on a formula input, and
a small state dict (the stem) written by numpy.savez exactly as the README tells users to export.
"""
import os
import numpy as np
import torch
import torchvision

HERE = os.path.join(os.path.dirname(__file__), "..", "resources", "parity")


def formula(k, n):
    """n values in [0, 1): splitmix64 of (k << 32) + i, exact integer arithmetic as in the Java test."""
    z = (np.uint64(k) << np.uint64(32)) + np.arange(n, dtype=np.uint64) + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) / 2.0 ** 53


def value(name, k, shape):
    u = formula(k, int(np.prod(shape)))
    if name.endswith("running_var"):
        v = 0.5 + u
    elif name.endswith("running_mean") or name.endswith("bias"):
        v = 0.1 * (2 * u - 1)
    elif len(shape) == 1:  # BatchNorm weight
        v = 0.5 + 0.5 * u
    else:
        fan_in = int(np.prod(shape[1:]))
        v = (2 * u - 1) * np.sqrt(6.0 / fan_in) if len(shape) == 4 else (2 * u - 1) / np.sqrt(fan_in)
    return torch.from_numpy(v.astype(np.float32).reshape(shape))


def main():
    torch.set_num_threads(2)
    model = torchvision.models.resnet50(num_classes=5)
    state = model.state_dict()
    k = 0
    for name, tensor in state.items():
        if name.endswith("num_batches_tracked"):
            continue
        tensor.copy_(value(name, k, tuple(tensor.shape)))
        k += 1
    model.eval()
    x = torch.from_numpy((2 * formula(1000, 2 * 3 * 96 * 80) - 1).astype(np.float32).reshape(2, 3, 96, 80))
    with torch.no_grad():
        logits = model(x)
    with open(os.path.join(HERE, "resnet50-logits.txt"), "w") as out:
        out.write("# torchvision %s, torch %s: resnet50(num_classes=5), formula weights, input 2x3x96x80\n"
                  % (torchvision.__version__, torch.__version__))
        for v in logits.flatten().tolist():
            out.write("%.9g\n" % v)
    stem = {n: t for n, t in model.state_dict().items() if n.startswith("conv1.") or n.startswith("bn1.")}
    np.savez(os.path.join(HERE, "resnet50-stem.npz"), **{n: t.numpy() for n, t in stem.items()})
    print("logits", logits)


if __name__ == "__main__":
    main()
