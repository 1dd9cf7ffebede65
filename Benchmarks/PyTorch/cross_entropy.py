"""PyTorch's side of the cross-entropy benchmark: F.cross_entropy forward + backward, one thread.

Same workload as the Swift benchmark: logits [8, 21, 256, 256] ~ N(0, 2²),
uniform class targets, default options (mean reduction). One untimed warm-up,
then --runs timed runs; prints lines in the Swift harness's format:

    <name>\tmedian_ms=..\tmin_ms=..\tmax_ms=..\tcpu_median_ms=..\tcpu_min_ms=..\tcpu_max_ms=..\truns=N
"""
import argparse
import statistics
import time

import torch
import torch.nn.functional as F


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    runs = max(args.runs, 5)
    torch.set_num_threads(1)
    for dtype, label in ((torch.float32, "Float"), (torch.float64, "Double")):
        g = torch.Generator().manual_seed(12)
        x = (torch.randn(8, 21, 256, 256, generator=g, dtype=dtype) * 2).requires_grad_()
        t = torch.randint(0, 21, (8, 256, 256), generator=g)
        walls, cpus = [], []
        for k in range(runs + 1):
            x.grad = None
            wall, cpu = time.perf_counter(), time.thread_time()
            F.cross_entropy(x, t).backward()
            wall, cpu = (time.perf_counter() - wall) * 1e3, (time.thread_time() - cpu) * 1e3
            if k > 0:
                walls.append(wall)
                cpus.append(cpu)
        print(f"cross-entropy [8,21,256,256] {label}"
              f"\tmedian_ms={statistics.median(walls):.2f}\tmin_ms={min(walls):.2f}\tmax_ms={max(walls):.2f}"
              f"\tcpu_median_ms={statistics.median(cpus):.2f}\tcpu_min_ms={min(cpus):.2f}\tcpu_max_ms={max(cpus):.2f}"
              f"\truns={runs}", flush=True)


if __name__ == "__main__":
    main()
