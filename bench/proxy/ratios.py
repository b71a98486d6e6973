"""Reads run.sh's table rows on stdin; prints per round and load: each proxy target against nginx
(throughput, CPU per request) and against direct (added p50 and p99 latency, in ms)."""
import collections
import sys


def ms(text):
    text = text.strip()
    for suffix, factor in (("us", 1e-3), ("ms", 1.0), ("s", 1e3)):
        if text.endswith(suffix):
            return float(text[: -len(suffix)]) * factor
    raise ValueError(text)


rows = collections.defaultdict(dict)
for line in sys.stdin:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    round_, target, load, rate, p50, p99, cpu = cells
    rows[(int(round_), load)][target] = (float(rate.split()[0]), ms(p50), ms(p99), float(cpu))

proxies = sorted({t for r in rows.values() for t in r} - {"direct", "nginx"})
print("| round | load | target | throughput / nginx | CPU per request / nginx | p50 added over direct | p99 added over direct |")
print("|---|---|---|---|---|---|---|")
for (round_, load), r in sorted(rows.items()):
    for t in proxies:
        if t not in r or "nginx" not in r or "direct" not in r:
            continue
        rate, p50, p99, cpu = r[t]
        n_rate, _, _, n_cpu = r["nginx"]
        _, d50, d99, _ = r["direct"]
        print(f"| {round_} | {load} | {t} | {rate / n_rate:.2f} | {cpu / n_cpu:.2f} | {p50 - d50:+.3f} ms | {p99 - d99:+.3f} ms |")
