"""Python PyTorch reference for ResNetBenchmark: torchvision ResNet50, Adam, batch 16, 224 x 224.

Prints one line: `train_images_per_s infer_images_per_s` (the Java benchmark reads it).
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

    def train_step():
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

    model.train()
    train = timed(train_step, warmup, steps)
    model.eval()
    with torch.no_grad():
        infer = timed(lambda: model(x), warmup, steps)
    print("%.4f %.4f" % (16 / train, 16 / infer))


def timed(step, warmup, steps):
    for _ in range(warmup):
        step()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    return (time.perf_counter() - start) / steps


if __name__ == "__main__":
    main()
