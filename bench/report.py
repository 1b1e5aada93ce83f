"""Puts the outputs of one bench/run.sh run side by side: python3 report.py DIR WORKERS TRANSPORT...

DIR holds python.N.txt, floor.N.txt and java-TRANSPORT.N.txt for rounds N = 1, 2, ...; each is
lines of 'name value unit [...]'. Each figure is the median over the rounds.
"""
import glob
import math
import os
import statistics
import sys


def read(path):
    """Each figure of one output file. run.sh forks a JVM per workload, so the start-up and idle
    figures appear once per fork: their median is taken; for the RSS after a workload, the
    largest (the heaviest workload's)."""
    values = {}
    if not os.path.exists(path):
        return values
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and not line.startswith("#"):
                try:
                    values.setdefault(parts[0], []).append(float(parts[1]))
                except ValueError:
                    pass
    return {name: max(v) if name.endswith("_after_load") else statistics.median(v)
            for name, v in values.items()}


def median_over_rounds(directory, prefix):
    rounds = [read(p) for p in sorted(glob.glob(os.path.join(directory, prefix + ".*.txt")))]
    names = {name for r in rounds for name in r}
    return {name: statistics.median([r[name] for r in rounds if name in r]) for name in names}


def fmt(value, unit=""):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    text = f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}"
    return f"{text} {unit}".strip()


# name in the outputs, label, unit, kind of target, target value
#   ratio<=  : procpool / Python must be at most the target (lower is better)
#   ratio>=  : procpool / Python must be at least the target (higher is better)
#   floor<=  : procpool / raw pipe round trip must be at most the target
#   abs>= / abs<= : procpool's own figure against the target
ROWS = [
    ("startup_to_first_result", "1. pool start to first result", "ms", "ratio<=", 0.75),
    ("apply_latency_median", "2. apply no-op, median latency", "us", "ratio<=", 0.10),
    ("apply_latency_median", "2b. apply median vs raw pipe round trip", "us", "floor<=", 2.0),
    ("apply_latency_median", "2c. same, vs the pipe round trip on one CPU (info)", "us", "pinned", None),
    ("apply_async_throughput", "3. 20k applyAsync then get", "tasks/s", "ratio>=", 20),
    ("apply_async_throughput_first_run", "3x. same, first (cold) run (info)", "tasks/s", None, None),
    ("map_1M_default_chunks", "4. map 1M items, default chunks", "items/s", "ratio>=", 3),
    ("map_1M_default_chunks_first_run", "4x. same, first (cold) run (info)", "items/s", None, None),
    ("imap_chunksize1", "5. imap chunksize 1, 20k items", "items/s", "ratio>=", 15),
    ("imap_chunksize1_first_run", "5x. same, first (cold) run (info)", "items/s", None, None),
    ("cpu_speedup", "6. 4 x busy(10M) on 2 workers, speed-up", "x", "abs>=", 1.9),
    ("cpu_speedup_python_duration", "6b. same, tasks as long as Python's (~0.3 s)", "x", "abs>=", 1.9),
    ("idle_worker_rss", "7. idle worker RSS", "MiB", "abs<=", 48),
    ("idle_worker_rss_after_load", "7b. worker RSS after its workload, largest (info)", "MiB", None, None),
]

# Rows whose Python figure has another name: the long-task speed-up is compared with Python's
# own (its tasks are that long), a cold first run with Python's figure (Python has no warm-up).
PYTHON_NAME = {"cpu_speedup_python_duration": "cpu_speedup",
               "apply_async_throughput_first_run": "apply_async_throughput",
               "map_1M_default_chunks_first_run": "map_1M_default_chunks",
               "imap_chunksize1_first_run": "imap_chunksize1"}

TARGET_TEXT = {"ratio<=": "<= {}x Python", "ratio>=": ">= {}x Python", "floor<=": "<= {}x pipe rt",
               "abs>=": ">= {}", "abs<=": "<= {}"}


def main():
    directory, workers, transports = sys.argv[1], sys.argv[2], sys.argv[3:]
    python = median_over_rounds(directory, "python")
    floor = median_over_rounds(directory, "floor").get("pipe_roundtrip")
    pinned_floor = median_over_rounds(directory, "floor-pinned").get("pipe_roundtrip")
    header = ["workload", "transport", "procpool", "Python spawn", "ratio", "target", "met?"]
    table = []
    missed = 0
    for transport in transports:
        java = median_over_rounds(directory, "java-" + transport)
        if not java:
            table.append(["(no figures)", transport, "skipped", "", "", "", ""])
            continue
        for name, label, unit, kind, target in ROWS:
            value = java.get(name)
            reference = {"floor<=": floor, "pinned": pinned_floor}.get(kind, python.get(PYTHON_NAME.get(name, name)))
            ref_text = fmt(reference, unit) + {"floor<=": " (pipe floor)", "pinned": " (one CPU)"}.get(kind, "")
            ratio = value / reference if value is not None and reference else None
            if kind is None or kind == "pinned":
                met = ""
            elif value is None:
                met = "n/a"
            elif kind.startswith("ratio") or kind.startswith("floor"):
                met = "n/a" if ratio is None else ("yes" if (ratio <= target if kind.endswith("<=") else ratio >= target) else "NO")
            else:
                met = "yes" if (value >= target if kind == "abs>=" else value <= target) else "NO"
            missed += met == "NO"
            table.append([label, transport, fmt(value, unit), ref_text,
                          "n/a" if ratio is None else f"{ratio:.2f}x",
                          TARGET_TEXT[kind].format(target) if target else "", met])
    widths = [max(len(str(row[i])) for row in [header] + table) for i in range(len(header))]
    line = lambda row: "| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths)) + " |"
    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in table:
        print(line(row))
    print()
    print(f"{workers} workers. ratio = procpool / Python (for 2b: / raw pipe round trip, C, bench/pipe_pingpong.c;"
          " for 2c: the same with both processes pinned to one CPU, where a wake-up is a context switch"
          " instead of a cross-CPU interrupt). Rows marked (info) have no target.")
    print(f"targets missed: {missed}")


if __name__ == "__main__":
    main()
