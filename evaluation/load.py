"""Load benchmark (not a test): N concurrent clients against a running `minutebook serve`.

    minutebook --home DIR serve --port 8765 &      # in another shell
    python -m evaluation.load --url http://127.0.0.1:8765 --clients 20 --seconds 30

Each client loops over the dev questions, alternating GET /api/search?q=... and
GET /api/ask?q=.... Only 127.0.0.1 /
localhost targets are allowed; the run is bounded by --seconds and --max-requests.
Prints requests/s, p50/p95/p99 latency and the error count (JSON with --json).
"""
from __future__ import annotations

import argparse
import json
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Optional

from .bench import DEFAULT_QUESTIONS, load_questions, percentile

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
MAX_CLIENTS = 100
MAX_SECONDS = 600


def request_once(base: str, kind: str, question: str, timeout: float) -> None:
    """One /api/search or /api/ask call; raises on transport error or HTTP status >= 400."""
    url = f"{base}/api/{kind}?{urllib.parse.urlencode({'q': question})}"
    with urllib.request.urlopen(url, timeout=timeout) as resp:   # HTTPError on status >= 400
        resp.read()


def run_load(base: str, clients: int, seconds: float, questions: list[str],
             max_requests: int, timeout: float = 30.0) -> dict:
    """Run the clients until time or the request budget runs out; return the figures."""
    latencies: dict[str, list[float]] = {"search": [], "ask": []}
    errors: list[str] = []
    lock = threading.Lock()
    budget = [max_requests]
    deadline = time.monotonic() + seconds

    def client(n: int) -> None:
        i = n
        while time.monotonic() < deadline:
            with lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            kind = "search" if i % 2 == 0 else "ask"
            question = questions[(i // 2) % len(questions)]   # both kinds see every question
            i += 1
            t0 = time.perf_counter()
            try:
                request_once(base, kind, question, timeout)
            except Exception as exc:   # count it, keep the client going
                with lock:
                    errors.append(f"{kind}: {exc}")
                continue
            with lock:
                latencies[kind].append((time.perf_counter() - t0) * 1000)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + timeout + 5)
    elapsed = time.perf_counter() - started
    every = latencies["search"] + latencies["ask"]

    def summary(ms: list[float]) -> dict:
        return {"n": len(ms), "p50_ms": _r(percentile(ms, 50)), "p95_ms": _r(percentile(ms, 95)),
                "p99_ms": _r(percentile(ms, 99))}

    return {"url": base, "clients": clients, "seconds": round(elapsed, 1),
            "requests": len(every), "requests_per_s": round(len(every) / elapsed, 2),
            "errors": len(errors), "error_examples": sorted(set(errors))[:5],
            "all": summary(every), "search": summary(latencies["search"]),
            "ask": summary(latencies["ask"])}


def _r(x: Optional[float]) -> Optional[float]:
    return round(x, 1) if x is not None else None


def check_local(url: str) -> str:
    parsed = urllib.parse.urlparse(url)
    if parsed.scheme != "http" or parsed.hostname not in LOCAL_HOSTS:
        raise SystemExit(f"refusing {url!r}: only http://127.0.0.1 (or localhost) targets")
    return url.rstrip("/")


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", default="http://127.0.0.1:8765")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--max-requests", type=int, default=20_000)
    ap.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    base = check_local(args.url)
    if not 1 <= args.clients <= MAX_CLIENTS:
        ap.error(f"--clients must be 1..{MAX_CLIENTS}")
    if not 0 < args.seconds <= MAX_SECONDS:
        ap.error(f"--seconds must be in (0, {MAX_SECONDS}]")
    questions = load_questions(args.questions, limit=40)
    try:
        request_once(base, "search", questions[0], timeout=10)
    except Exception as exc:
        print(f"server at {base} is not answering /api/search: {exc}", file=sys.stderr)
        return 2
    result = run_load(base, args.clients, args.seconds, questions, args.max_requests)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{result['clients']} clients, {result['seconds']} s: {result['requests']} requests, "
              f"{result['requests_per_s']} req/s, {result['errors']} errors")
        for kind in ("all", "search", "ask"):
            s = result[kind]
            print(f"  {kind:<6} n={s['n']:<6} p50 {s['p50_ms']} ms  p95 {s['p95_ms']} ms  "
                  f"p99 {s['p99_ms']} ms")
        for e in result["error_examples"]:
            print(f"  error: {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
