"""Report reader benchmark: F1 on the gold facts, throughput on 1 MB of text, CLI latency.

Run from the repository root:  .venv/bin/python benchmarks/reader_bench.py [GOLD_DIR]
The baseline for throughput is the time to read the same text with a plain regex scan for
numbers in the same run, so the ratio is comparable across machines.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mujun.reader.text.extract import extract  # noqa: E402
from mujun.reader.text.score import Score, gold_files, load_gold, score_doc  # noqa: E402

GOLD = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "gold"
TARGET_F1 = 0.90
TARGET_MB_SECONDS = 1.0
TARGET_CLI_SECONDS = 1.0


def _gold_paths() -> list[Path]:
    # the seeds and, beside them, the development set (gold/dev)
    return gold_files(GOLD) + (gold_files(GOLD / "dev") if (GOLD / "dev").is_dir() else [])


def gold_f1() -> tuple[Score, list[tuple[str, Score]]]:
    total, per = Score(), []
    for path in _gold_paths():
        gold = load_gold(path)
        s = score_doc(gold, extract(gold.doc["text"], gold.doc.get("date"), gold.id))
        per.append((gold.id, s))
        total += s
    return total, per


def megabyte_of_reports() -> str:
    texts = [load_gold(p).doc["text"] for p in _gold_paths()]
    # vary each copy so that the duplicate-paragraph filter cannot drop the repeats
    out, i = [], 0
    while sum(len(t.encode("utf-8")) for t in out) < 1_000_000:
        out.append(texts[i % len(texts)].replace("。", f"。第{i}段", 1))
        i += 1
    return "\n".join(out)


def main() -> int:
    if not GOLD.is_dir():
        print(f"no gold directory at {GOLD}")
        return 2
    total, per = gold_f1()
    for name, s in per:
        print(f"F1 {name}: {s.f1:.3f} (P {s.precision:.3f}, R {s.recall:.3f})")
    print(f"F1 overall: {total.f1:.3f} (target >= {TARGET_F1})")

    text = megabyte_of_reports()
    mb = len(text.encode("utf-8")) / 1_000_000
    t0, c0 = time.perf_counter(), time.process_time()
    facts = extract(text, "2022-07-22")
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - c0  # the reader's own time, whatever else runs on the machine
    t0 = time.perf_counter()
    n_numbers = len(re.findall(r"\d+(?:\.\d+)?", text))
    baseline = time.perf_counter() - t0
    print(
        f"throughput: {mb:.2f} MB in {elapsed:.2f} s ({len(facts)} facts, {mb / elapsed:.2f} MB/s; "
        f"target < {TARGET_MB_SECONDS} s per MB; CPU {cpu:.2f} s); ratio to a bare number scan "
        f"({n_numbers} numbers, {baseline * 1000:.1f} ms): {elapsed / max(baseline, 1e-9):.0f}x"
    )

    report = next(GOLD.glob("*.jsonl"))
    cmd = [sys.executable, "-m", "mujun.reader.cli", str(report)]
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    cli = time.perf_counter() - t0
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    bare = time.perf_counter() - t0
    print(
        f"CLI on one report: {cli:.2f} s (target < {TARGET_CLI_SECONDS} s); "
        f"bare interpreter start {bare:.2f} s, ratio {cli / bare:.1f}x"
    )
    ok = total.f1 >= TARGET_F1 and elapsed / mb < TARGET_MB_SECONDS and cli < TARGET_CLI_SECONDS
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
