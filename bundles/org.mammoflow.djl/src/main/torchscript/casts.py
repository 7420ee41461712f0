"""Writes the TorchScript casts the backend loads (src/main/resources/org/mammoflow/djl/*.pt).

DJL 0.36's JNI maps no DJL data type to torch.bfloat16 (its dtype switch aborts the JVM), so the backend
casts between float32 and bfloat16 through these two scripted modules, which autograd differentiates like
any other operation. Run with Debian's python3-torch: /usr/bin/python3 src/main/torchscript/casts.py
"""
import os

import torch


class ToBfloat16(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.to(torch.bfloat16)


class ToFloat32(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.to(torch.float32)


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    target = os.path.join(here, "..", "resources", "org", "mammoflow", "djl")
    for name, module in (("to-bfloat16.pt", ToBfloat16()), ("to-float32.pt", ToFloat32())):
        torch.jit.save(torch.jit.script(module), os.path.join(target, name))
