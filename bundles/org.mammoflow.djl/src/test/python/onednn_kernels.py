"""Where a ResNet step spends its time in oneDNN, from oneDNN's own log (ONEDNN_VERBOSE=1).

Reads the log of a run with training steps, then inference steps (ResNetBenchmark's, from the forked
JVM's target/surefire-reports/*.dumpstream, or Python PyTorch's stdout) and prints the milliseconds
per step of each kind of convolution and of the reorders between layouts, averaged over the last
training steps (default 3), or with --inference over the last inference steps. A step starts at
the stem's 7x7 forward convolution.

    python3 src/test/python/onednn_kernels.py LOG [STEPS] [--inference]
"""
import collections
import re
import sys

TRAINING = ("forward_training", "backward_data", "backward_weights")


def records(path):
    """(kind, propagation, problem, milliseconds) of each executed primitive, in order."""
    with open(path, errors="replace") as log:
        for line in log:
            start = line.find("onednn_verbose")
            if start < 0 or ",exec," not in line:
                continue
            # oneDNN 3 writes "onednn_verbose,v1,primitive,exec,..." and oneDNN 2 "onednn_verbose,exec,...";
            # the JVM's dump quotes the line and ends it with "'."
            fields = [f for f in line[start:].strip().rstrip("'.").split(",") if f not in ("v1", "primitive")]
            yield fields[3], fields[5], fields[-2], float(fields[-1])


def main():
    inference = "--inference" in sys.argv[1:]
    arguments = [a for a in sys.argv[1:] if a != "--inference"]
    path = arguments[0]
    steps = int(arguments[1]) if len(arguments) > 1 else 3
    log = list(records(path))
    # inference runs after training and logs its forward convolutions as forward_training too
    last_backward = max(i for i, (kind, prop, _, _) in enumerate(log) if prop.startswith("backward"))
    first, end = (last_backward + 1, len(log)) if inference else (0, last_backward + 1)
    starts = [i for i in range(first, end) if log[i][0] == "convolution"
              and log[i][1] == "forward_training" and "kh7" in log[i][2]]
    if len(starts) < steps:
        sys.exit("%s: %d %s steps in the log, fewer than %d"
                 % (path, len(starts), "inference" if inference else "training", steps))
    # a reorder of a batch x C x H x W tensor moves activations, any other weights
    batch = re.search(r"mb(\d+)", log[starts[-1]][2]).group(1) + "x"
    totals = collections.Counter()
    for kind, prop, problem, ms in log[starts[-steps]:end]:
        if kind == "convolution" and prop in TRAINING:
            kernel = re.search(r"kh(\d+)", problem).group(1)
            totals["convolution %s %sx%s" % (prop, kernel, kernel)] += ms
        elif kind == "reorder":
            totals["reorder (activations)" if problem.startswith(batch) else "reorder (weights)"] += ms
    for name in sorted(totals):
        print("%-36s %8.1f ms/step" % (name, totals[name] / steps))
    print("%-36s %8.1f ms/step" % ("total", sum(totals.values()) / steps))


if __name__ == "__main__":
    main()
