/** What one closed-loop load run measured. */
export interface LoadResult {
  requests: number;
  errors: number;
  durationMs: number;
  throughput: number;
  p50Ms: number;
  p99Ms: number;
}

/** The value below which `q` (0-1) of the sorted samples fall (nearest rank). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** The middle value (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Runs `task` from `concurrency` loops for `durationMs`, each loop starting its next call when the
 * last ends. Throughput is completed calls per second; latencies are per call.
 */
export async function closedLoop(
  task: (sequence: number) => Promise<unknown>,
  options: { concurrency: number; durationMs: number },
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let sequence = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const begin = performance.now();
      try {
        await task((sequence += 1));
        latencies.push(performance.now() - begin);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return summarize(latencies, errors, performance.now() - started);
}

/**
 * Sends calls at a fixed rate (an open loop) for `durationMs`, so latency is measured at a load
 * the system is meant to carry rather than at saturation.
 */
export async function openLoop(
  task: (sequence: number) => Promise<unknown>,
  options: { ratePerSecond: number; durationMs: number },
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const interval = 1000 / options.ratePerSecond;
  const total = Math.floor((options.durationMs / 1000) * options.ratePerSecond);
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let n = 0; n < total; n += 1) {
    const due = started + n * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const begin = performance.now();
    pending.push(
      task(n).then(
        () => void latencies.push(performance.now() - begin),
        () => void (errors += 1),
      ),
    );
  }
  await Promise.all(pending);
  return summarize(latencies, errors, performance.now() - started);
}

function summarize(latencies: number[], errors: number, durationMs: number): LoadResult {
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    durationMs,
    throughput: (latencies.length / durationMs) * 1000,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
  };
}
