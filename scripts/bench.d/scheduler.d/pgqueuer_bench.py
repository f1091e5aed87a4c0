"""The peer half of `scripts/bench scheduler`: the same workloads through pgqueuer (the script pins its version).

    python pgqueuer_bench.py install URL
    python pgqueuer_bench.py throughput URL WORKERS JOBS BATCH WARMUP
    python pgqueuer_bench.py latency URL WORKERS JOBS INTERVAL_MS

Each mode prints one line of JSON, like banso-bench. The protocol mirrors the Swift side exactly:

- throughput: one QueueManager (one process, pgqueuer's asyncpg pool driver on 10 connections, as Banso's worker
  has) dequeuing batches of WORKERS jobs (`batch_size`); a producer on its own connection enqueues JOBS no-op jobs
  in batches of BATCH (one multi-row `enqueue` call per batch) while it runs. The clock runs from the first
  enqueue until the queue table holds none of them (pgqueuer moves a finished job to its log table). A warm-up
  of WARMUP jobs runs first.
- latency: one job every INTERVAL_MS, each enqueued on its own; the time from just before the enqueue to the
  handler's start; the dequeue timeout (pgqueuer's poll) is 5 s, so NOTIFY is what brings the job in.
"""

import asyncio
import json
import sys
import time
from datetime import timedelta

import asyncpg
from pgqueuer import AsyncpgPoolDriver, Queries, QueueManager
from pgqueuer.models import Job

ENTRYPOINT = "bench"


async def install(url: str) -> None:
    conn = await asyncpg.connect(url)
    try:
        queries = Queries.from_asyncpg_connection(conn)
        if not await queries.schema_is_installed():
            await queries.install()
    finally:
        await conn.close()
    print(json.dumps({"installed": True}))


async def clear(conn: asyncpg.Connection) -> None:
    await conn.execute("TRUNCATE pgqueuer, pgqueuer_log, pgqueuer_statistics")


async def start_worker(url: str, workers: int, handler, dequeue_timeout: float):
    pool = await asyncpg.create_pool(url, min_size=2, max_size=10)
    qm = QueueManager(Queries.from_asyncpg_pool(pool))
    # No per-entrypoint limit: pgqueuer's `concurrency_limit` gate throttled it to 95–431 jobs/s here (a saturated
    # entrypoint waits for its 0.1 s re-poll), so the peer runs in its faster mode, dequeuing batches of WORKERS.
    qm.entrypoint(ENTRYPOINT)(handler)
    task = asyncio.create_task(
        qm.run(batch_size=workers, dequeue_timeout=timedelta(seconds=dequeue_timeout))
    )
    await asyncio.sleep(0.5)  # let it LISTEN before the first enqueue
    return qm, task, pool


async def stop_worker(qm, task, pool) -> None:
    qm.shutdown.set()
    await asyncio.wait_for(task, timeout=30)
    await pool.close()


async def throughput(url: str, workers: int, jobs: int, batch: int, warmup: int) -> None:
    producer = await asyncpg.connect(url)
    queries = Queries.from_asyncpg_connection(producer)
    await clear(producer)
    handled = 0

    async def noop(job: Job) -> None:
        nonlocal handled
        handled += 1

    qm, task, pool = await start_worker(url, workers, noop, dequeue_timeout=1)

    async def pipeline(count: int) -> float:
        before = handled
        start = time.perf_counter()
        sent = 0
        while sent < count:
            n = min(batch, count - sent)
            await queries.enqueue([ENTRYPOINT] * n, [None] * n, [0] * n)
            sent += n
        while handled - before < count:
            await asyncio.sleep(0.0005)
        while await producer.fetchval("SELECT count(*) FROM pgqueuer WHERE entrypoint = $1", ENTRYPOINT) > 0:
            await asyncio.sleep(0.0005)
        return time.perf_counter() - start

    if warmup > 0:
        await pipeline(warmup)
    elapsed = await pipeline(jobs)
    await stop_worker(qm, task, pool)
    await producer.close()
    print(json.dumps({"workers": workers, "jobs": jobs, "seconds": round(elapsed, 3), "jobs_per_s": round(jobs / elapsed, 1)}))


async def latency(url: str, workers: int, jobs: int, interval_ms: int) -> None:
    producer = await asyncpg.connect(url)
    queries = Queries.from_asyncpg_connection(producer)
    await clear(producer)
    started: dict[int, float] = {}

    async def mark(job: Job) -> None:
        started[int(job.payload)] = time.perf_counter()

    qm, task, pool = await start_worker(url, workers, mark, dequeue_timeout=5)
    interval = interval_ms / 1000
    for n in range(20):  # unmeasured: warm the connections
        await queries.enqueue(ENTRYPOINT, str(-1 - n).encode())
        await asyncio.sleep(interval)
    sent: dict[int, float] = {}
    next_at = time.perf_counter()
    for n in range(jobs):
        next_at += interval
        before = time.perf_counter()
        await queries.enqueue(ENTRYPOINT, str(n).encode())
        sent[n] = before
        await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
    deadline = time.perf_counter() + 30
    while any(n not in started for n in range(jobs)):
        if time.perf_counter() > deadline:
            raise SystemExit("not every latency job started within 30 s")
        await asyncio.sleep(0.01)
    await stop_worker(qm, task, pool)
    await producer.close()
    samples = sorted((started[n] - sent[n]) * 1000 for n in range(jobs))

    def percentile(p: float) -> float:
        import math

        return samples[min(len(samples) - 1, max(0, math.ceil(p * len(samples)) - 1))]

    print(json.dumps({
        "workers": workers, "jobs": jobs, "p50_ms": round(percentile(0.5), 2), "p99_ms": round(percentile(0.99), 2),
        "max_ms": round(samples[-1], 2),
    }))


def main() -> None:
    mode, url, *rest = sys.argv[1:]
    if mode == "install":
        asyncio.run(install(url))
    elif mode == "throughput":
        asyncio.run(throughput(url, *map(int, rest)))
    elif mode == "latency":
        asyncio.run(latency(url, *map(int, rest)))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
