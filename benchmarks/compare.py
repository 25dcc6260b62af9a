#!/usr/bin/env python3
"""Times Chainrule and its two peers on the same workloads, back to back, and prints the ratios.

The peers are the programs in ../shared/bench (see its README): PyTorch from Python (torch_reference.py and
torch_layers_reference.py; skipped when `import torch` fails) and PyTorch 2.7 with MKL from Java through DJL
(djl/run.sh; skipped when it cannot run, e.g. without Maven or the network for its first download). Each run
times every program once, in turn, so that all three see the same machine; a figure is the median of the runs,
and "spread" is the largest run's figure over the smallest. Ratios are speeds: above 1 means Chainrule is faster.

    mvn -q -DskipTests package
    python3 benchmarks/compare.py --runs 5                  # matmul, MLP and XOR
    python3 benchmarks/compare.py --runs 5 --parts layers   # LeNet, ResNet block, LSTM, tiny GPT
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# Our CLI's line name -> (workload key, how to read the value: "ms", "us" or "gflops").
OURS = [
    (re.compile(r"fma_peak_(\d+)_threads?_f64_gflops (\S+)"),
     lambda m: (f"FMA ceiling, {m[1]} thread{'s' if m[1] != '1' else ''}", float(m[2]), "gflops")),
    (re.compile(r"matmul_n(\d+)_f64_gflops (\S+)"), lambda m: (f"matmul n={m[1]}", float(m[2]), "gflops")),
    (re.compile(r"mlp1024_b(\d+)_f64_step_ms (\S+)"), lambda m: (f"mlp1024-500-10 batch={m[1]}", float(m[2]), "ms")),
    (re.compile(r"xor_231_f64_step_us (\S+)"), lambda m: ("xor 2-3-1", float(m[1]) / 1e3, "ms")),
    (re.compile(r"lenet5_b64_f64_step_ms (\S+)"), lambda m: ("lenet5 batch=64", float(m[1]), "ms")),
    (re.compile(r"resblock64_32x32_b16_f64_step_ms (\S+)"),
     lambda m: ("resblock64 32x32 batch=16", float(m[1]), "ms")),
    (re.compile(r"lstm128_seq32_b32_f64_step_ms (\S+)"), lambda m: ("lstm128 seq=32 batch=32", float(m[1]), "ms")),
    (re.compile(r"tinygpt_seq32_b32_f64_step_ms (\S+)"), lambda m: ("tinygpt seq=32 batch=32", float(m[1]), "ms")),
]
# The peers print the same lines from Python ("torch.float64") and from DJL ("float64").
PEERS = [
    (re.compile(r"matmul (?:torch\.)?float64 n=(\d+): (\S+) GFLOP/s"),
     lambda m: (f"matmul n={m[1]}", float(m[2]), "gflops")),
    (re.compile(r"mlp1024-500-10 (?:torch\.)?float64 batch=(\d+): (\S+) us/step"),
     lambda m: (f"mlp1024-500-10 batch={m[1]}", float(m[2]) / 1e3, "ms")),
    (re.compile(r"xor 2-3-1 float64: (\S+) us/step"), lambda m: ("xor 2-3-1", float(m[1]) / 1e3, "ms")),
    (re.compile(r"^(lenet5 batch=64|resblock64 32x32 batch=16|lstm128 seq=32 batch=32|tinygpt seq=32 batch=32): "
                r"(\S+) ms/step"), lambda m: (m[1], float(m[2]), "ms")),
]
PARTS = {
    "core": {"ours": "peak,matmul,mlp,xor", "torch": ["torch_reference.py", "{threads}"], "djl": []},
    "layers": {"ours": "lenet,resblock,lstm,tinygpt",
               "torch": ["torch_layers_reference.py", "{threads}", "float64"], "djl": ["layers"]},
}


def parse(text, patterns):
    """{workload: (value, unit)} from a program's output."""
    found = {}
    for line in text.splitlines():
        for pattern, read in patterns:
            m = pattern.match(line)
            if m:
                key, value, unit = read(m)
                found[key] = (value, unit)
    return found


def run(command, env=None):
    """The program's standard output, or None (with the reason on stderr) when it fails."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=3600)
    except (OSError, subprocess.TimeoutExpired) as e:
        print(f"# skipped {' '.join(command)}: {e}", file=sys.stderr)
        return None
    if done.returncode != 0:
        print(f"# {' '.join(command[:3])} ... failed ({done.returncode}): {done.stderr.strip()[-300:]}",
              file=sys.stderr)
        return None
    return done.stdout


def torch_available(python):
    return run([python, "-c", "import torch"]) is not None


def speed(value, unit):
    """Higher is faster: GFLOP/s as they are, times inverted."""
    return value if unit == "gflops" else 1.0 / value


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="sittings of all programs (default 5)")
    parser.add_argument("--parts", default="core", help="core, layers or core,layers (default core)")
    parser.add_argument("--threads", type=int, default=2, help="threads for every program (default 2)")
    parser.add_argument("--shared", default=os.path.join(ROOT, "..", "shared", "bench"),
                        help="the peers' folder (default ../shared/bench)")
    parser.add_argument("--python", default="/usr/bin/python3", help="the Python with torch (default /usr/bin/python3)")
    parser.add_argument("--java", default="java", help="the java launcher (default: java on PATH)")
    parser.add_argument("--jar", default=os.path.join(HERE, "target", "chainrule-bench.jar"))
    parser.add_argument("--raw", help="a folder to keep every program's full output in (run-N-part-name.txt)")
    args = parser.parse_args()
    parts = [p.strip() for p in args.parts.split(",")]
    for p in parts:
        if p not in PARTS:
            parser.error(f"--parts: unknown part '{p}'; choose from {', '.join(PARTS)}")
    if not os.path.exists(args.jar):
        parser.error(f"{args.jar} not found: run 'mvn -q -DskipTests package' first")

    have_torch = torch_available(args.python)
    have_djl = os.path.exists(os.path.join(args.shared, "djl", "run.sh"))
    if not have_torch:
        print(f"# PyTorch (Python) skipped: '{args.python} -c \"import torch\"' failed", file=sys.stderr)
    results = {"chainrule": {}, "pytorch": {}, "djl": {}}
    env = dict(os.environ, THREADS=str(args.threads))
    for r in range(args.runs):
        for part in parts:
            spec = PARTS[part]
            programs = [("chainrule", [args.java, "--add-modules", "jdk.incubator.vector", "-jar", args.jar,
                                       "--threads", str(args.threads), "--workloads", spec["ours"]], OURS)]
            if have_torch:
                programs.append(("pytorch", [args.python, os.path.join(args.shared, spec["torch"][0])]
                                 + [a.format(threads=args.threads) for a in spec["torch"][1:]], PEERS))
            if have_djl:
                programs.append(("djl", ["sh", os.path.join(args.shared, "djl", "run.sh")] + spec["djl"], PEERS))
            for name, command, patterns in programs:
                print(f"# run {r + 1}/{args.runs}, {part}: {name}", file=sys.stderr, flush=True)
                out = run(command, env)
                if out is not None and args.raw:
                    os.makedirs(args.raw, exist_ok=True)
                    with open(os.path.join(args.raw, f"run-{r + 1}-{part}-{name}.txt"), "w") as f:
                        f.write(out)
                if out is None:
                    if name == "djl":
                        have_djl = False
                    continue
                for key, (value, unit) in parse(out, patterns).items():
                    results[name].setdefault(key, []).append((value, unit))
    report(results)


def summary(samples):
    values = [v for v, _ in samples]
    return statistics.median(values), max(values) / min(values), samples[0][1]


def report(results):
    keys = list(results["chainrule"])
    print("| workload | Chainrule | spread | PyTorch 1.13 | Chainrule speed / PyTorch | DJL | Chainrule speed / DJL |")
    print("|---|---|---|---|---|---|---|")
    for key in keys:
        ours, spread, unit = summary(results["chainrule"][key])
        label = "GFLOP/s" if unit == "gflops" else "ms"
        cells = [key, f"{ours:.4g} {label}", f"{spread:.2f}"]
        for peer in ("pytorch", "djl"):
            if key in results[peer]:
                theirs, _, _ = summary(results[peer][key])
                cells += [f"{theirs:.4g} {label}", f"{speed(ours, unit) / speed(theirs, unit):.2f}x"]
            else:
                cells += ["-", "-"]
        print("| " + " | ".join(cells) + " |")
    ceiling = [key for key in keys if key.startswith("FMA ceiling")]   # the last is the one on every thread
    if ceiling:
        peak, _, _ = summary(results["chainrule"][ceiling[-1]])
        for key in (k for k in keys if k.startswith("matmul")):
            shares = [f"{who} {summary(results[who][key])[0] / peak:.0%}" for who in ("chainrule", "pytorch", "djl")
                      if key in results[who]]
            print(f"# {key} as a share of the {ceiling[-1]}: {', '.join(shares)}")


if __name__ == "__main__":
    main()
