#!/usr/bin/env python3
"""Writes pytorch-reference.json: PyTorch's values and gradients for every
LossKit loss configuration (float64 and float32) and optimiser trajectories.

CI never runs this; it reads the committed JSON. Rerun after changing a case:
    python3 Tests/Reference/make_reference.py
Inputs are drawn from fixed seeds and stored in the JSON, so Swift uses the
very same numbers. Non-finite numbers are written as the strings "nan",
"inf" and "-inf" because JSON has no literal for them.
"""
import json
import math
import os

import torch
import torch.nn as nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pytorch-reference.json")
# Literals below are float64 first; each case then casts to the dtype under test.
torch.set_default_dtype(torch.float64)
DTYPES = {"float64": torch.float64, "float32": torch.float32}


def num(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def tensor_json(t):
    return {"shape": list(t.shape), "data": [num(v) for v in t.detach().reshape(-1).tolist()]}


def logits(gen, shape, scale=2.0):
    return torch.randn(shape, generator=gen, dtype=torch.float64) * scale


def case(name, loss, dtype, options, module, inp, target, target_is_indices=False):
    """Runs module(inp, target), sums the result and backpropagates to inp."""
    x = inp.to(DTYPES[dtype]).clone().requires_grad_(True)
    t = target if target_is_indices else target.to(DTYPES[dtype])
    value = module(x, t)
    value.sum().backward()
    out = {
        "name": name, "loss": loss, "dtype": dtype, "options": options,
        "input": tensor_json(x),
        "value": tensor_json(value), "gradient": tensor_json(x.grad),
    }
    if target_is_indices:
        out["indices"] = t.reshape(-1).tolist()
    else:
        out["target"] = tensor_json(t)
    return out


def ce_options(weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    return {"weight": weight, "ignore_index": ignore_index, "reduction": reduction,
            "label_smoothing": label_smoothing}


def ce_module(o, dtype):
    w = None if o["weight"] is None else torch.tensor(o["weight"], dtype=DTYPES[dtype])
    return nn.CrossEntropyLoss(weight=w, ignore_index=o["ignore_index"], reduction=o["reduction"],
                               label_smoothing=o["label_smoothing"])


def cross_entropy_cases(dtype):
    gen = torch.Generator().manual_seed(1)
    cases = []
    x45 = logits(gen, (4, 5))
    y4 = torch.tensor([0, 3, 4, 1])
    xs = logits(gen, (2, 3, 2, 3))
    ys = torch.randint(0, 3, (2, 2, 3), generator=gen)
    w5 = [0.5, 2.0, 1.0, 0.25, 3.0]
    w3 = [0.2, 1.0, 5.0]
    configs = [
        ("ce-mean", x45, y4, ce_options()),
        ("ce-sum", x45, y4, ce_options(reduction="sum")),
        ("ce-none", x45, y4, ce_options(reduction="none")),
        ("ce-weight-mean", x45, y4, ce_options(weight=w5)),
        ("ce-weight-sum", x45, y4, ce_options(weight=w5, reduction="sum")),
        ("ce-weight-none", x45, y4, ce_options(weight=w5, reduction="none")),
        ("ce-pixelwise-mean", xs, ys, ce_options()),
        ("ce-pixelwise-weight-none", xs, ys, ce_options(weight=w3, reduction="none")),
        ("ce-ignore-100-weight-mean", x45, torch.tensor([0, -100, 4, -100]), ce_options(weight=w5)),
        ("ce-ignore-255-mean", x45, torch.tensor([255, 3, 255, 1]), ce_options(ignore_index=255)),
        ("ce-ignore-0-mean", x45, y4, ce_options(ignore_index=0)),
        ("ce-ignore-0-pixelwise-sum", xs, ys, ce_options(ignore_index=0, reduction="sum")),
        ("ce-smoothing-mean", x45, y4, ce_options(label_smoothing=0.1)),
        ("ce-smoothing-sum", x45, y4, ce_options(label_smoothing=0.2, reduction="sum")),
        ("ce-smoothing-none", x45, y4, ce_options(label_smoothing=0.1, reduction="none")),
        ("ce-smoothing-weight-ignore-mean", x45, torch.tensor([0, -100, 4, 2]),
         ce_options(weight=w5, label_smoothing=0.15)),
        ("ce-smoothing-weight-pixelwise-mean", xs, ys, ce_options(weight=w3, label_smoothing=0.1)),
        ("ce-c1-mean", logits(gen, (3, 1)), torch.tensor([0, 0, 0]), ce_options()),
        ("ce-c1-smoothing-sum", logits(gen, (3, 1)), torch.tensor([0, 0, 0]),
         ce_options(label_smoothing=0.3, reduction="sum")),
        ("ce-all-ignored-mean", x45, torch.tensor([-100] * 4), ce_options()),
        ("ce-all-ignored-weight-mean", x45, torch.tensor([-100] * 4), ce_options(weight=w5)),
        ("ce-all-ignored-sum", x45, torch.tensor([-100] * 4), ce_options(reduction="sum")),
        ("ce-all-ignored-none", x45, torch.tensor([-100] * 4), ce_options(reduction="none")),
        ("ce-large-1e4-mean", torch.tensor([[1e4, -1e4, 0.0], [-1e4, 1e4, 5e3], [1e4, 1e4, -1e4]]),
         torch.tensor([1, 1, 0]), ce_options()),
        ("ce-large-1e4-smoothing-none", torch.tensor([[1e4, -1e4, 0.0], [-1e4, 1e4, 5e3]]),
         torch.tensor([1, 2]), ce_options(label_smoothing=0.1, reduction="none")),
    ]
    if dtype == "float64":
        configs.append(("ce-large-1e300-mean", torch.tensor([[1e300, -1e300, 0.0], [-1e300, 1e300, 1e299]]),
                        torch.tensor([1, 2]), ce_options()))
        configs.append(("ce-large-1e300-weight-none", torch.tensor([[1e300, -1e300, 0.0], [-1e300, 1e300, 1e299]]),
                        torch.tensor([1, 2]), ce_options(weight=[1.0, 2.0, 3.0], reduction="none")))
    for name, x, y, o in configs:
        cases.append(case(name, "cross_entropy", dtype, o, ce_module(o, dtype), x, y, target_is_indices=True))

    def soft(shape):
        return torch.softmax(torch.randn(shape, generator=gen, dtype=torch.float64) * 2, dim=1)

    t45 = soft((4, 5))
    ts = soft((2, 3, 2, 3))
    soft_configs = [
        ("ce-soft-mean", x45, t45, ce_options()),
        ("ce-soft-sum", x45, t45, ce_options(reduction="sum")),
        ("ce-soft-none", x45, t45, ce_options(reduction="none")),
        ("ce-soft-weight-mean", x45, t45, ce_options(weight=w5)),
        ("ce-soft-smoothing-weight-sum", x45, t45, ce_options(weight=w5, label_smoothing=0.2, reduction="sum")),
        ("ce-soft-pixelwise-mean", xs, ts, ce_options()),
        ("ce-soft-pixelwise-smoothing-none", xs, ts, ce_options(label_smoothing=0.1, reduction="none")),
        ("ce-soft-large-1e4-mean", torch.tensor([[1e4, -1e4, 0.0], [-1e4, 1e4, 5e3]]),
         torch.tensor([[0.2, 0.3, 0.5], [0.0, 1.0, 0.0]]), ce_options()),
    ]
    for name, x, t, o in soft_configs:
        cases.append(case(name, "cross_entropy_soft", dtype, o, ce_module(o, dtype), x, t))
    return cases


def bce_logits_cases(dtype):
    gen = torch.Generator().manual_seed(2)
    cases = []
    x = logits(gen, (4, 3), scale=3.0)
    t = (torch.rand((4, 3), generator=gen, dtype=torch.float64) > 0.6).double()
    t_soft = torch.rand((4, 3), generator=gen, dtype=torch.float64)
    x3 = logits(gen, (2, 2, 3))
    t3 = (torch.rand((2, 2, 3), generator=gen, dtype=torch.float64) > 0.5).double()
    big = torch.tensor([[1e4, -1e4, 30.0], [-1e4, 1e4, -30.0]])
    big_t = torch.tensor([[0.0, 1.0, 0.0], [0.0, 1.0, 1.0]])
    configs = [
        ("bcel-mean", x, t, None, None, "mean"),
        ("bcel-sum", x, t, None, None, "sum"),
        ("bcel-none", x, t_soft, None, None, "none"),
        ("bcel-weight-mean", x, t, [0.5, 1.0, 2.0], None, "mean"),
        ("bcel-posweight-mean", x, t, None, [3.0, 0.5, 10.0], "mean"),
        ("bcel-weight-posweight-none", x, t_soft, [0.5, 1.0, 2.0], [3.0, 0.5, 10.0], "none"),
        ("bcel-rank3-posweight-sum", x3, t3, None, [4.0, 1.0, 0.25], "sum"),
        ("bcel-large-mean", big, big_t, None, [2.0, 2.0, 2.0], "mean"),
    ]
    for name, xi, ti, w, pw, red in configs:
        module = nn.BCEWithLogitsLoss(
            weight=None if w is None else torch.tensor(w, dtype=DTYPES[dtype]),
            pos_weight=None if pw is None else torch.tensor(pw, dtype=DTYPES[dtype]), reduction=red)
        cases.append(case(name, "bce_with_logits", dtype, {"weight": w, "pos_weight": pw, "reduction": red},
                          module, xi, ti))
    return cases


def bce_cases(dtype):
    gen = torch.Generator().manual_seed(3)
    cases = []
    p = torch.rand((4, 3), generator=gen, dtype=torch.float64) * 0.98 + 0.01
    t = (torch.rand((4, 3), generator=gen, dtype=torch.float64) > 0.5).double()
    edge_p = torch.tensor([[0.0, 1.0, 0.0], [1.0, 0.5, 1e-30]])
    edge_t = torch.tensor([[0.0, 1.0, 1.0], [0.0, 0.5, 1.0]])
    configs = [
        ("bce-mean", p, t, None, "mean"),
        ("bce-sum", p, t, None, "sum"),
        ("bce-none", p, t, None, "none"),
        ("bce-weight-mean", p, t, [0.5, 1.0, 2.0], "mean"),
        ("bce-clamp-none", edge_p, edge_t, None, "none"),
        ("bce-clamp-weight-mean", edge_p, edge_t, [0.5, 1.0, 2.0], "mean"),
    ]
    for name, pi, ti, w, red in configs:
        module = nn.BCELoss(weight=None if w is None else torch.tensor(w, dtype=DTYPES[dtype]), reduction=red)
        cases.append(case(name, "bce", dtype, {"weight": w, "reduction": red}, module, pi, ti))
    return cases


def regression_cases(dtype):
    gen = torch.Generator().manual_seed(4)
    cases = []
    x = torch.randn((3, 4), generator=gen, dtype=torch.float64)
    y = torch.randn((3, 4), generator=gen, dtype=torch.float64)
    for red in ["mean", "sum", "none"]:
        cases.append(case("mse-" + red, "mse", dtype, {"reduction": red}, nn.MSELoss(reduction=red), x, y))
    for beta in [0.5, 4.0]:
        for red in ["mean", "sum", "none"]:
            nll = nn.GaussianNLLLoss(full=True, reduction=red)
            var = torch.full((3, 4), 1.0 / beta, dtype=DTYPES[dtype])
            cases.append(case(f"gauss-nll-beta{beta}-{red}", "gaussian_nll", dtype,
                              {"precision": beta, "reduction": red},
                              lambda a, b, nll=nll, var=var: nll(a, b, var), x, y))
    return cases


def optimizer_cases():
    """Each optimiser minimises sum a·d²/2 + 0.025·d⁴ with d = p − c, whose
    gradient a·d + 0.1·d³ Swift evaluates in the same operation order."""
    gen = torch.Generator().manual_seed(5)
    a = torch.rand(4, generator=gen, dtype=torch.float64) * 3 + 0.2
    c = torch.randn(4, generator=gen, dtype=torch.float64)
    p0 = torch.randn(4, generator=gen, dtype=torch.float64) * 2
    steps = 60
    configs = [
        ("sgd", torch.optim.SGD, {"lr": 0.1}),
        ("sgd-momentum", torch.optim.SGD, {"lr": 0.05, "momentum": 0.9}),
        ("sgd-momentum-dampening-wd", torch.optim.SGD,
         {"lr": 0.05, "momentum": 0.8, "dampening": 0.3, "weight_decay": 0.01}),
        ("sgd-nesterov", torch.optim.SGD, {"lr": 0.05, "momentum": 0.9, "nesterov": True}),
        ("adagrad-default", torch.optim.Adagrad, {}),
        ("adagrad-all", torch.optim.Adagrad,
         {"lr": 0.3, "lr_decay": 0.01, "weight_decay": 0.02, "initial_accumulator_value": 0.1, "eps": 1e-10}),
        ("adadelta-default", torch.optim.Adadelta, {}),
        ("adadelta-paper", torch.optim.Adadelta, {"lr": 1.0, "rho": 0.95, "eps": 1e-6}),
        ("adadelta-wd", torch.optim.Adadelta, {"lr": 0.5, "rho": 0.8, "eps": 1e-4, "weight_decay": 0.01}),
        ("adam-default", torch.optim.Adam, {}),
        ("adam-all", torch.optim.Adam, {"lr": 0.05, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.01}),
        ("rmsprop-default", torch.optim.RMSprop, {}),
        ("rmsprop-centered", torch.optim.RMSprop, {"lr": 0.01, "centered": True}),
        ("rmsprop-momentum", torch.optim.RMSprop, {"lr": 0.005, "momentum": 0.9}),
        ("rmsprop-all", torch.optim.RMSprop,
         {"lr": 0.01, "alpha": 0.9, "eps": 1e-6, "momentum": 0.5, "centered": True, "weight_decay": 0.02}),
    ]
    out = []
    for name, cls, kwargs in configs:
        p = p0.clone().requires_grad_(True)
        opt = cls([p], foreach=False, **kwargs)
        trajectory = []
        for _ in range(steps):
            with torch.no_grad():
                d = p - c
                p.grad = a * d + 0.1 * d * d * d
            opt.step()
            trajectory.append([num(v) for v in p.detach().tolist()])
        options = {k: (list(v) if isinstance(v, tuple) else v) for k, v in kwargs.items()}
        out.append({"name": name, "optimizer": cls.__name__, "options": options,
                    "a": a.tolist(), "c": c.tolist(), "initial": p0.tolist(), "trajectory": trajectory})
    return out


def activation_cases(dtype):
    """Each activation's output and the gradient of sum(upstream * output)."""
    gen = torch.Generator().manual_seed(6)
    x = torch.randn((2, 3, 4), generator=gen, dtype=torch.float64) * 3
    x[0, 0, 0], x[0, 0, 1], x[1, 2, 3] = 40.0, -40.0, 0.0
    upstream = torch.randn((2, 3, 4), generator=gen, dtype=torch.float64)
    functions = {
        "sigmoid": torch.sigmoid, "logSigmoid": nn.functional.logsigmoid, "relu": torch.relu, "tanh": torch.tanh,
        "softmax0": lambda t: torch.softmax(t, 0), "softmax1": lambda t: torch.softmax(t, 1),
        "softmax2": lambda t: torch.softmax(t, 2), "logSoftmax1": lambda t: torch.log_softmax(t, 1),
        "logSoftmax2": lambda t: torch.log_softmax(t, 2),
    }
    out = []
    for name, f in functions.items():
        xi = x.to(DTYPES[dtype]).clone().requires_grad_(True)
        u = upstream.to(DTYPES[dtype])
        y = f(xi)
        (y * u).sum().backward()
        out.append({"name": name, "dtype": dtype, "input": tensor_json(xi), "upstream": tensor_json(u),
                    "output": tensor_json(y), "gradient": tensor_json(xi.grad)})
    return out


def model_cases():
    """Linear and Conv2d (3×3 and 1×1, padding 'same') forward and backward, to pin
    LossKit's parameter layouts to PyTorch's: gradients of sum(upstream * output)."""
    gen = torch.Generator().manual_seed(7)
    out = []
    specs = [
        ("dense-tanh", nn.Linear(4, 3), torch.tanh, (5, 4)),
        ("conv3-relu", nn.Conv2d(2, 3, 3, padding=1), torch.relu, (2, 2, 4, 5)),
        ("conv1-identity", nn.Conv2d(3, 4, 1), lambda t: t, (2, 3, 2, 3)),
    ]
    for name, layer, activation, shape in specs:
        with torch.no_grad():
            for prm in layer.parameters():
                prm.copy_(torch.randn(prm.shape, generator=gen))
        x = torch.randn(shape, generator=gen).requires_grad_(True)
        y = activation(layer(x))
        u = torch.randn(y.shape, generator=gen)
        (y * u).sum().backward()
        flat = torch.cat([layer.weight.detach().reshape(-1), layer.bias.detach().reshape(-1)])
        flat_grad = torch.cat([layer.weight.grad.reshape(-1), layer.bias.grad.reshape(-1)])
        out.append({"name": name, "parameters": [num(v) for v in flat.tolist()],
                    "parameter_gradient": [num(v) for v in flat_grad.tolist()],
                    "input": tensor_json(x), "upstream": tensor_json(u), "output": tensor_json(y),
                    "input_gradient": tensor_json(x.grad)})
    return out


def rng_reference():
    """xoshiro256** seeded by SplitMix64, written from the authors' C reference, to pin
    the Swift generator's stream (integers as decimal strings: JSON numbers lose bits)."""
    mask = (1 << 64) - 1
    seed = 20240611
    state = []
    sm = seed
    for _ in range(4):
        sm = (sm + 0x9E3779B97F4A7C15) & mask
        z = sm
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        state.append(z ^ (z >> 31))

    def rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & mask

    def nxt():
        s0, s1, s2, s3 = state
        result = (rotl((s1 * 5) & mask, 7) * 9) & mask
        t = (s1 << 17) & mask
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        state[:] = [s0, s1, s2, s3]
        return result

    integers = [str(nxt()) for _ in range(8)]
    uniforms = [(nxt() >> 11) * 2.0 ** -53 for _ in range(4)]
    normals = []
    for _ in range(4):
        u1 = 1 - (nxt() >> 11) * 2.0 ** -53
        u2 = (nxt() >> 11) * 2.0 ** -53
        normals.append(math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2))
    return {"seed": seed, "integers": integers, "uniforms": uniforms, "normals": normals}


def main():
    losses = []
    for dtype in DTYPES:
        losses += cross_entropy_cases(dtype) + bce_logits_cases(dtype) + bce_cases(dtype) + regression_cases(dtype)
    activations = activation_cases("float64") + activation_cases("float32")
    doc = {"torch": torch.__version__, "losses": losses, "optimizers": optimizer_cases(),
           "activations": activations, "models": model_cases(), "rng": rng_reference()}
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(losses)} loss cases and {len(doc['optimizers'])} optimiser runs to {OUT}")


if __name__ == "__main__":
    main()
