"""Python PyTorch reference for ResNetBenchmark: torchvision ResNet50, Adam, batch 16, 224 x 224, in float32
and under torch.autocast("cpu", torch.bfloat16) (bfloat16 convolutions and matrix products, float32 weights).

Prints one line: `fp32_train fp32_infer bf16_train bf16_infer` in images/s (the Java benchmark reads it).
"""
import sys
import time

import torch
import torchvision


def main():
    threads, warmup, steps = (int(a) for a in sys.argv[1:4])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = torchvision.models.resnet50(num_classes=5)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4, weight_decay=1e-4)
    loss_fn = torch.nn.CrossEntropyLoss()
    x = torch.randn(16, 3, 224, 224)
    y = torch.arange(16) % 5

    def train_step(bf16):
        optimizer.zero_grad()
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

    def infer(bf16):
        with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            model(x)

    figures = []
    for bf16 in (False, True):
        model.train()
        train = timed(lambda: train_step(bf16), warmup, steps)
        model.eval()
        figures += [16 / train, 16 / timed(lambda: infer(bf16), warmup, steps)]
    print(" ".join("%.4f" % f for f in figures))


def timed(step, warmup, steps):
    for _ in range(warmup):
        step()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    return (time.perf_counter() - start) / steps


if __name__ == "__main__":
    main()
