import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { ZapiCallReport } from '@zapikit/client';

/** Seconds: Z-API usually answers in tens of milliseconds; a timeout is 15 s by default. */
const ZAPI_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30];

export interface AppMetricsOptions {
  /** Prefix of every metric name: `zapikit_gateway` or `zapikit_bot`. */
  prefix: string;
  /** Node's process metrics (CPU, memory, event loop lag); default true. */
  processMetrics?: boolean;
}

/**
 * The metrics every app reports about Z-API, in a registry of its own (never prom-client's
 * global one, so two apps in one process, as in tests, never mix). Label values come from
 * closed sets only: operation names, HTTP statuses, error codes. Never a token, an id or a name.
 */
export interface AppMetrics {
  readonly registry: Registry;
  /** Pass as the client's `onCall`. */
  readonly onZapiCall: (report: ZapiCallReport) => void;
  /** A create's outcome: `created`, or the code it failed with (ZAPI_OUTCOME_UNKNOWN included). */
  readonly creates: Counter<'outcome'>;
}

export function createAppMetrics(options: AppMetricsOptions): AppMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true)
    collectDefaultMetrics({ register: registry, prefix: `${options.prefix}_` });
  const calls = new Counter({
    name: `${options.prefix}_zapi_calls_total`,
    help: 'Calls to Z-API by endpoint (the client operation) and status (HTTP status, or the code of why no answer came).',
    labelNames: ['endpoint', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: `${options.prefix}_zapi_call_duration_seconds`,
    help: 'Time from sending a call to Z-API to reading its whole answer, retries included.',
    labelNames: ['endpoint'] as const,
    buckets: ZAPI_BUCKETS,
    registers: [registry],
  });
  const creates = new Counter({
    name: `${options.prefix}_creates_total`,
    help: 'Instance creates by outcome: created, or the error code (ZAPI_OUTCOME_UNKNOWN: may or may not exist).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  return {
    registry,
    creates,
    onZapiCall: (report) => {
      calls.inc({
        endpoint: report.operation,
        status: String(report.status ?? report.code ?? 'error'),
      });
      latency.observe({ endpoint: report.operation }, report.durationMs / 1000);
    },
  };
}

/** Every label value a registry holds, for tests that prove no secret or name is one. */
export async function labelValuesOf(registry: Registry): Promise<string[]> {
  const values: string[] = [];
  for (const metric of await registry.getMetricsAsJSON()) {
    for (const sample of metric.values) {
      values.push(...Object.values(sample.labels).map(String));
    }
  }
  return values;
}
