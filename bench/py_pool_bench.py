"""Python multiprocessing baselines for the same workloads the Java pool is measured on.

Usage: python3 py_pool_bench.py [fork|spawn|forkserver] [workers]
Prints one line per workload: name value unit.

procpool's copy of /work/shared/bench/py_pool_bench.py (bench/run.sh runs it). Changes from the
shared original, which measures the same workloads otherwise: it also prints the resident memory
of an idle worker (VmRSS from /proc/PID/status), right after start-up and after the workloads.
"""
import multiprocessing as mp
import sys, time, statistics
from concurrent.futures import ProcessPoolExecutor

def noop(x):
    return x

def busy(n):
    s = 0
    for _ in range(n):
        s += 1
    return s

def worker_rss_mib(pool):
    """The largest VmRSS among the pool's workers, in MiB (Linux only; nan elsewhere)."""
    best = float("nan")
    for proc in pool._pool:
        try:
            with open(f"/proc/{proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        mib = int(line.split()[1]) / 1024
                        best = mib if best != best else max(best, mib)
        except OSError:
            pass
    return best

def main():
    method = sys.argv[1] if len(sys.argv) > 1 else "fork"
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    ctx = mp.get_context(method)

    t0 = time.perf_counter()
    p = ctx.Pool(workers)
    p.apply(noop, (0,))
    startup = time.perf_counter() - t0
    print(f"startup_to_first_result {startup*1000:.1f} ms")
    p.map(noop, [1, 2, 3, 4], chunksize=1)  # make sure every worker is up before measuring it
    print(f"idle_worker_rss {worker_rss_mib(p):.1f} MiB")

    lat = []
    for i in range(2000):
        t = time.perf_counter(); p.apply(noop, (i,)); lat.append(time.perf_counter() - t)
    print(f"apply_latency_median {statistics.median(lat)*1e6:.1f} us")

    n = 20000
    t = time.perf_counter()
    rs = [p.apply_async(noop, (i,)) for i in range(n)]
    out = [r.get() for r in rs]
    dt = time.perf_counter() - t
    assert out == list(range(n))
    print(f"apply_async_throughput {n/dt:.0f} tasks/s")

    n = 1_000_000
    t = time.perf_counter(); out = p.map(noop, range(n)); dt = time.perf_counter() - t
    assert out == list(range(n))
    print(f"map_1M_default_chunks {n/dt:.0f} items/s")

    n = 20000
    t = time.perf_counter(); out = list(p.imap(noop, range(n))); dt = time.perf_counter() - t
    print(f"imap_chunksize1 {n/dt:.0f} items/s")

    # CPU-bound, like the seed's busy loops: 8 tasks of 10M iterations
    t = time.perf_counter(); [busy(10_000_000) for _ in range(4)]; serial = time.perf_counter() - t
    t = time.perf_counter(); p.map(busy, [10_000_000]*4, chunksize=1); par = time.perf_counter() - t
    print(f"cpu_speedup {serial/par:.2f} x ({workers} workers)")
    print(f"idle_worker_rss_after_load {worker_rss_mib(p):.1f} MiB")
    p.close(); p.join()

    t0 = time.perf_counter()
    with ProcessPoolExecutor(workers, mp_context=ctx) as ex:
        ex.submit(noop, 0).result()
        startup = time.perf_counter() - t0
        n = 20000
        t = time.perf_counter()
        fs = [ex.submit(noop, i) for i in range(n)]
        out = [f.result() for f in fs]
        dt = time.perf_counter() - t
    print(f"ppe_startup_to_first_result {startup*1000:.1f} ms")
    print(f"ppe_submit_throughput {n/dt:.0f} tasks/s")

if __name__ == "__main__":
    main()
