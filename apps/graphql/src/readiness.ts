import type { ZapiClient } from '@zapikit/client';

/** How long one answer of the upstream serves `/ready`. */
export const READINESS_CACHE_MS = 5_000;

/** Backs `/ready`: whether the upstream answers, asked at most every few seconds. */
export interface UpstreamReadiness {
  /** True while the upstream (Z-API or the sandbox) answers a one-item list and no drain began. */
  check(): Promise<boolean>;
  /** Says no from now on: a drain has begun. */
  drain(): void;
}

/**
 * Readiness from a one-item list call. It depends only on Z-API answering that call, never on
 * the optional fields of its answer, which the client reads leniently.
 */
export function upstreamReadiness(
  zapi: ZapiClient,
  { cacheMs = READINESS_CACHE_MS, now = Date.now }: { cacheMs?: number; now?: () => number } = {},
): UpstreamReadiness {
  let draining = false;
  let last = { at: Number.NEGATIVE_INFINITY, ok: false };
  return {
    async check() {
      if (draining) return false;
      if (now() - last.at < cacheMs) return last.ok;
      const ok = await zapi.listInstances({ pageSize: 1 }).then(
        () => true,
        () => false,
      );
      last = { at: now(), ok };
      return ok;
    },
    drain() {
      draining = true;
    },
  };
}

/**
 * `/ready` for the whole gateway: the upstream answers (cached as above) and the idempotency
 * store answers (asked every time: a Redis PING is cheap, and a load balancer should see an
 * outage, and the recovery, at once). While Redis is down, /ready says 503.
 */
export function gatewayReadiness(
  upstream: UpstreamReadiness,
  store: { ready(): Promise<boolean> },
): () => Promise<boolean> {
  return async () => {
    const [upstreamOk, storeOk] = await Promise.all([upstream.check(), store.ready()]);
    return upstreamOk && storeOk;
  };
}
