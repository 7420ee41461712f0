"""Python PyTorch reference for WholeImageBenchmark: torchvision ResNet50 without pooling and fc, topped by
the paper's ResNet head (two blocks of two bottleneck units [512-512-1024], the first of each with stride 2),
global average pooling and a 2-class fc; Adam; batch 1 of 1152 x 896; every layer trains; in float32, or with
a fourth argument 1 under torch.autocast("cpu", torch.bfloat16). Then inference on the same image (eval mode).

Prints one line: `seconds_per_step peak_rss_mib images_per_s` (the Java benchmark reads it).
"""
import sys
import time

import torch
import torchvision
from torchvision.models.resnet import Bottleneck


def head_block(inplanes):
    downsample = torch.nn.Sequential(torch.nn.Conv2d(inplanes, 1024, 1, stride=2, bias=False),
                                     torch.nn.BatchNorm2d(1024))
    return [Bottleneck(inplanes, 256, stride=2, downsample=downsample, base_width=128),
            Bottleneck(1024, 256, base_width=128)]


def main():
    threads, warmup, steps = (int(a) for a in sys.argv[1:4])
    bf16 = len(sys.argv) > 4 and sys.argv[4] == "1"
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    backbone = torchvision.models.resnet50()
    model = torch.nn.Sequential(*list(backbone.children())[:-2], *head_block(2048), *head_block(1024),
                                torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten(), torch.nn.Dropout(0.5),
                                torch.nn.Linear(1024, 2))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-5, weight_decay=1e-4)
    loss_fn = torch.nn.CrossEntropyLoss()
    x = torch.randn(1, 3, 1152, 896)
    y = torch.tensor([1])

    def train_step():
        optimizer.zero_grad()
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

    def infer():
        with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            model(x)

    model.train()
    for _ in range(warmup):
        train_step()
    start = time.perf_counter()
    for _ in range(steps):
        train_step()
    seconds = (time.perf_counter() - start) / steps
    peak = peak_mib()
    model.eval()
    infer()
    start = time.perf_counter()
    for _ in range(steps):
        infer()
    print("%.4f %.1f %.4f" % (seconds, peak, steps / (time.perf_counter() - start)))


def peak_mib():
    """VmHWM, this process's own peak (getrusage's maxrss would carry a parent's peak across exec)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


if __name__ == "__main__":
    main()
