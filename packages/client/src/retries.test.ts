import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejectionOf, startHarness, type Harness } from '../test/fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('reads are retried with backoff', () => {
  it('on 5xx, then succeed', async () => {
    h.sandbox.faults.inject({ route: 'list', times: 2, fault: { kind: 'status', status: 503 } });
    await expect(h.client.listInstances()).resolves.toMatchObject({ total: 0 });
    expect(h.sandbox.count('list')).toBe(3);
  });

  it('on a reset connection, then succeed', async () => {
    h.sandbox.faults.inject({ route: 'list', times: 1, fault: { kind: 'reset' } });
    await expect(h.client.listInstances()).resolves.toMatchObject({ total: 0 });
    expect(h.sandbox.count('list')).toBe(2);
  });

  it('on 429, honouring Retry-After', async () => {
    h.sandbox.faults.inject({
      route: 'list',
      times: 1,
      fault: { kind: 'rate-limit', retryAfterSeconds: 1 },
    });
    await h.close();
    h = await startHarness({
      retry: { maxRetries: 2, minDelayMs: 1, maxDelayMs: 2_000, totalTimeoutMs: 5_000 },
    });
    h.sandbox.faults.inject({
      route: 'list',
      times: 1,
      fault: { kind: 'rate-limit', retryAfterSeconds: 1 },
    });
    const started = performance.now();
    await h.client.listInstances();
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(h.sandbox.count('list')).toBe(2);
  });

  it('gives up after maxRetries with the last error, retryable', async () => {
    h.sandbox.faults.inject({
      route: 'status',
      fault: { kind: 'status', status: 502, body: { error: 'bad gateway' } },
    });
    const error = await rejectionOf(h.client.getInstanceStatus({ id: 'A', token: 'B' }));
    expect(error).toMatchObject({
      code: 'ZAPI_UPSTREAM_ERROR',
      status: 502,
      retryable: true,
      zapiMessage: 'bad gateway',
    });
    expect(h.sandbox.count('status')).toBe(3);
  });

  it('reports a persistent 429 as ZAPI_RATE_LIMITED with Retry-After', async () => {
    h.sandbox.faults.inject({ route: 'list', fault: { kind: 'rate-limit', retryAfterSeconds: 0 } });
    const error = await rejectionOf(h.client.listInstances());
    expect(error).toMatchObject({
      code: 'ZAPI_RATE_LIMITED',
      status: 429,
      retryable: true,
      retryAfterMs: 0,
    });
  });

  it('stays within the total time, however long Retry-After asks', async () => {
    await h.close();
    h = await startHarness({
      retry: { maxRetries: 5, minDelayMs: 1, maxDelayMs: 10_000, totalTimeoutMs: 400 },
    });
    h.sandbox.faults.inject({ route: 'list', fault: { kind: 'rate-limit', retryAfterSeconds: 5 } });
    const started = performance.now();
    const error = await rejectionOf(h.client.listInstances());
    expect(performance.now() - started).toBeLessThan(1500);
    expect(error).toMatchObject({ code: 'ZAPI_TIMEOUT', retryable: true });
  });

  it('on a hang, reports ZAPI_TIMEOUT once timeoutMs is spent, however many retries are left', async () => {
    await h.close();
    h = await startHarness({
      timeoutMs: 300,
      retry: { maxRetries: 3, minDelayMs: 1, maxDelayMs: 5, totalTimeoutMs: 5_000 },
    });
    h.sandbox.faults.inject({ route: 'list', fault: { kind: 'hang' } });
    const started = performance.now();
    const error = await rejectionOf(h.client.listInstances());
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error).toMatchObject({ code: 'ZAPI_TIMEOUT', retryable: true });
    expect(h.sandbox.count('list')).toBeGreaterThanOrEqual(1);
  });

  it('does not retry a subscribe (it is paid) on 5xx', async () => {
    const a = await h.client.createInstance({ name: 'x' });
    h.sandbox.faults.inject({ route: 'subscribe', fault: { kind: 'status', status: 503 } });
    const error = await rejectionOf(h.client.subscribeInstance(a));
    expect(error).toMatchObject({ code: 'ZAPI_UPSTREAM_ERROR', status: 503 });
    expect(h.sandbox.count('subscribe')).toBe(1);
  });

  it('does not retry 4xx reads', async () => {
    h.sandbox.faults.inject({
      route: 'list',
      fault: { kind: 'status', status: 400, body: { error: 'bad query' } },
    });
    expect(await rejectionOf(h.client.listInstances())).toMatchObject({
      code: 'ZAPI_REJECTED',
      zapiMessage: 'bad query',
    });
    expect(h.sandbox.count('list')).toBe(1);
  });
});
