"""Puts the outputs of one bench/run.sh run side by side: python3 report.py DIR WORKERS TRANSPORT...

DIR holds, for rounds N = 1, 2, ...: python.N.txt, floor.N.txt, floor-pinned.N.txt, and per
transport java-TRANSPORT.N.txt (PoolBenchmark, parent on the default java), java25-TRANSPORT.N.txt
(PoolBenchmark --only startup, parent on JDK 25; absent if there is none), java25aot-TRANSPORT.N.txt
(the same, the parent with an AOT cache of its own) and
capture-TRANSPORT.N.txt (CaptureBenchmark). Each is lines of 'name value unit [...]'. A figure
printed more than once in a round (start-up and idle RSS: every JVM prints them) counts as its
median; each figure in the table is the median over rounds, except the rows marked 'worst
round', which are the worst round's.
"""
import glob
import math
import os
import statistics
import sys


def read(path):
    """Each figure of one output file: the median of the values printed under its name."""
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
    return {name: statistics.median(v) for name, v in values.items()}


def rounds_of(directory, prefix):
    """{round number: figures} for the files PREFIX.N.txt."""
    found = {}
    for path in glob.glob(os.path.join(directory, prefix + ".*.txt")):
        number = path[len(os.path.join(directory, prefix)) + 1:-len(".txt")]
        if number.isdigit():
            found[int(number)] = read(path)
    return found


def fmt(value, unit=""):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    text = f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}"
    return f"{text} {unit}".strip()


# A row: label, form, state, source, figure name, Python's figure name (or "floor"), unit,
# kind of target, target, stretch target.
#   source: java (parent on the default java), java25 (parent on JDK 25), java25aot (the same with
#           the parent's own -XX:AOTCache), capture (CaptureBenchmark)
#   kind: ratio>= / ratio<= : procpool / Python at least / at most the target
#         floor<=           : procpool / raw pipe round trip of the same round at most the target
#         abs<= / abs>=     : procpool's own figure against the target
#         worst>=           : as ratio>=, taking the worst round's ratio (and figure)
#         None              : information, no target
HIGHER_IS_BETTER = {"ratio>=", "worst>=", "abs>="}


def rows():
    out = []
    for form in ("ref", "lambda"):
        out.append(("start to first result, Java 17", form, "cold", "java", f"startup_to_first_result.{form}.cold",
                    "startup_to_first_result", "ms", "ratio<=", 2.0, None))
    out.append(("start to first result, JDK 25 parent and workers", "ref", "cold", "java25",
                "startup_to_first_result.ref.cold", "startup_to_first_result", "ms", "ratio<=", 1.0, 0.75))
    out.append(("  same, the parent with its own AOT cache", "ref", "cold", "java25aot",
                "startup_to_first_result.ref.cold", "startup_to_first_result", "ms", "ratio<=", 1.0, 0.75))
    for form in ("ref", "lambda"):
        for state in ("cold", "warm"):
            name = f"apply_latency_median.{form}.{state}"
            out.append(("apply no-op, median latency", form, state, "java", name, "apply_latency_median", "us",
                        "ratio<=", 0.1, None))
            out.append(("  same, vs raw pipe round trip", form, state, "java", name, "floor", "us", "floor<=", 2.0, None))
    for label, name, cold, warm in (("20k applyAsync then get", "apply_async_throughput", 5, 30),
                                    ("imap chunk size 1, 20k items", "imap_chunksize1", 3, 20),
                                    ("map 1M items, default chunks", "map_1M_default_chunks", 1.5, 3)):
        for form in ("ref", "lambda"):
            for state, target in (("cold", cold), ("warm", warm)):
                unit = "items/s" if "map" in name else "tasks/s"
                out.append((label, form, state, "java", f"{name}.{form}.{state}", name, unit, "ratio>=", target, None))
                if name.startswith("map_1M"):
                    out.append(("  same, worst round", form, state, "java", f"{name}.{form}.{state}", name, unit,
                                "worst>=", target, None))
    out.append(("idle worker RSS (largest worker)", "", "idle", "java", "idle_worker_rss", "idle_worker_rss", "MiB",
                "abs<=", 40, None))
    out.append(("worker RSS after 3x map 1M + 100k applyAsync, 2 s idle", "ref", "after", "java",
                "worker_rss_after_load.ref", "idle_worker_rss_after_load", "MiB", "abs<=", 64, None))
    for label, name in (("imap 200 items, lambda captures 20 MB", "imap_200_chunk1"),
                        ("map 20k items chunk 100, lambda captures 20 MB", "map_20k_chunk100"),
                        ("50 apply, lambda captures 20 MB", "apply_50")):
        out.append((label + ", in transfers per worker", "lambda", "warm", "capture", f"capture_{name}_over_transfer",
                    None, "x", "abs<=", 2, None))
    out.append(("  one transfer: apply carrying the 20 MB as argument (info)", "ref", "warm", "capture",
                "capture_transfer", None, "ms", None, None, None))
    out.append(("50 apply via Pool.share, in transfers per worker (info)", "lambda", "warm", "capture",
                "capture_apply_50_share_over_transfer", None, "x", None, None, None))
    out.append(("4 x busy(10M) on 2 workers, speed-up (info)", "ref", "warm", "java", "cpu_speedup", "cpu_speedup",
                "x", None, None, None))
    out.append(("  same, tasks as long as Python's (info)", "ref", "warm", "java", "cpu_speedup_python_duration",
                "cpu_speedup", "x", None, None, None))
    return out


def figure(row, transport, data):
    """(value, ratio, met) of one row for one transport; met is 'yes', 'NO', '' (no target) or 'n/a'."""
    label, form, state, source, name, py_name, unit, kind, target, stretch = row
    java_rounds = data[source, transport]
    python, floor = data["python"], data["floor"]
    numbers = sorted(java_rounds)
    values = [java_rounds[n][name] for n in numbers if name in java_rounds[n]]
    if not values:
        return None, None, "n/a" if kind else ""

    def reference(n):
        if py_name == "floor":
            return floor.get(n, {}).get("pipe_roundtrip")
        return python.get(n, {}).get(py_name) if py_name else None

    if kind == "worst>=":
        pairs = [(java_rounds[n][name], reference(n)) for n in numbers if name in java_rounds[n] and reference(n)]
        if not pairs:
            return min(values), None, "n/a"
        value, ref = min(pairs, key=lambda p: p[0] / p[1])
        ratio = value / ref
    else:
        value = statistics.median(values)
        refs = [reference(n) for n in numbers if reference(n)]
        ratio = value / statistics.median(refs) if refs and py_name else None
    if kind is None:
        met = ""
    elif kind.startswith("abs"):
        met = "yes" if (value >= target if kind == "abs>=" else value <= target) else "NO"
    elif ratio is None:
        met = "n/a"
    else:
        met = "yes" if (ratio >= target if kind in HIGHER_IS_BETTER else ratio <= target) else "NO"
        if met == "yes" and stretch is not None and ratio <= stretch:
            met = "yes, stretch too"
    return value, ratio, met


def target_text(kind, target, stretch):
    if kind is None:
        return ""
    text = {"ratio>=": ">= {}x Python", "worst>=": ">= {}x Python", "ratio<=": "<= {}x Python",
            "floor<=": "<= {}x pipe rt", "abs<=": "<= {}", "abs>=": ">= {}"}[kind].format(target)
    return text + (f" (stretch {stretch}x)" if stretch else "")


def main():
    directory, workers, transports = sys.argv[1], sys.argv[2], sys.argv[3:]
    transports = sorted(transports, key=lambda t: t != "pipes")  # pipes first: the others are compared with it
    data = {"python": rounds_of(directory, "python"), "floor": rounds_of(directory, "floor")}
    pinned = rounds_of(directory, "floor-pinned")
    for transport in transports:
        data["java", transport] = rounds_of(directory, "java-" + transport)
        data["java25", transport] = rounds_of(directory, "java25-" + transport)
        data["java25aot", transport] = rounds_of(directory, "java25aot-" + transport)
        data["capture", transport] = rounds_of(directory, "capture-" + transport)
    others = [t for t in transports if t != "pipes"] if "pipes" in transports else []
    header = ["row", "form", "state", "target", "Python spawn"]
    for transport in transports:
        header += [transport, "met"]
    for other in others:
        header += [f"{other} vs pipes (<= 1.3x)"]
    table = []
    missed = {t: 0 for t in transports}
    slow = {t: 0 for t in others}
    for row in rows():
        label, form, state, source, name, py_name, unit, kind, target, stretch = row
        if py_name == "floor":
            refs = [r["pipe_roundtrip"] for r in data["floor"].values() if "pipe_roundtrip" in r]
            ref_text = fmt(statistics.median(refs), unit) + " (pipe rt)" if refs else "n/a"
        elif py_name:
            refs = [r[py_name] for r in data["python"].values() if py_name in r]
            ref_text = fmt(statistics.median(refs) if kind != "worst>=" else None if not refs else refs[0], unit) \
                if refs else "n/a"
            if kind == "worst>=":
                ref_text = "per round"
        else:
            ref_text = ""
        cells = [label, form, state, target_text(kind, target, stretch), ref_text]
        results = {}
        for transport in transports:
            value, ratio, met = figure(row, transport, data)
            results[transport] = value
            text = fmt(value, unit)
            if ratio is not None and kind not in ("abs<=", "abs>="):
                text += f" = {ratio:.2f}x"
            cells += [text, met]
            missed[transport] += met == "NO"
        for other in others:
            a, b = results.get("pipes"), results.get(other)
            if a is None or b is None or not a or not b or math.isnan(a) or math.isnan(b):
                cells.append("n/a")
                continue
            higher = kind in HIGHER_IS_BETTER or (kind is None and unit == "x" and "speed" in label)
            slower = a / b if higher else b / a
            ok = slower <= 1.3
            slow[other] += not ok and kind is not None
            cells.append(f"{slower:.2f}x {'yes' if ok else 'NO'}")
        table.append(cells)
    widths = [max(len(str(r[i])) for r in [header] + table) for i in range(len(header))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"
    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in table:
        print(line(r))
    print()
    pinned_refs = [r["pipe_roundtrip"] for r in pinned.values() if "pipe_roundtrip" in r]
    print(f"{workers} workers. 'x' after a figure: procpool / Python spawn of the same run (for the pipe rows:"
          " / the raw pipe round trip between two C processes, bench/pipe_pingpong.c"
          + (f"; on one CPU it takes {fmt(statistics.median(pinned_refs), 'us')}" if pinned_refs else "") + ").")
    print("form: ref = static method reference with its argument, lambda = capturing lambda."
          " state: cold = the pool's first run of the workload in a fresh JVM, no warm-up;"
          " warm = median of 5 runs after >= 10 s of warm-up (1 s with --quick). 'vs pipes': how many times"
          " slower (or larger) than pipes. See bench/README.md for how each row is measured.")
    for transport in transports:
        print(f"targets missed on {transport}: {missed[transport]}")
    for other in others:
        print(f"rows with a target where {other} is more than 1.3x behind pipes: {slow[other]}")


if __name__ == "__main__":
    main()
