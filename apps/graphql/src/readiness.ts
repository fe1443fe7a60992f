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
