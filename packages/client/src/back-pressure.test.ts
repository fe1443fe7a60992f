import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { rejectionOf, startHarness, type Harness } from '../test/fixtures.js';

// Generous margins: the machine running the tests is shared and slow. What matters is the order
// of magnitude: seconds, not the 30 s and more a queue behind hanging connections took.
const TIMEOUT_MS = 3_000;
const MARGIN_MS = 2_500;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function settleAll<T>(promises: Promise<T>[]): Promise<PromiseSettledResult<T>[]> {
  return Promise.allSettled(promises);
}

describe('back-pressure: a hanging Z-API', () => {
  it('answers 300 concurrent creates within the timeout, waiting included, sends no more than the write pool holds, and keeps reads prompt', async () => {
    h = await startHarness({
      timeoutMs: TIMEOUT_MS,
      connections: { reads: 8, writes: 16 },
      circuitBreaker: { consecutiveFailures: 5, halfOpenAfterMs: 60_000 },
    });
    const harness = h;
    harness.sandbox.faults.inject({ route: 'create', fault: { kind: 'hang' } });

    const started = performance.now();
    const finished: number[] = [];
    const creates = Array.from({ length: 300 }, (_, index) =>
      harness.client.createInstance({ name: `burst-${index}` }).finally(() => {
        finished.push(performance.now() - started);
      }),
    );
    // A read while the write pool is full and 284 creates wait for it.
    await sleep(200);
    const readStarted = performance.now();
    const page = await harness.client.listInstances();
    const readMs = performance.now() - readStarted;

    const results = await settleAll(creates);
    // Under the 3 s a wait behind the hanging creates would take, on a loaded machine.
    expect(readMs).toBeLessThan(2_500);
    expect(page.total).toBe(0);
    expect(Math.max(...finished)).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    expect(results.every((result) => result.status === 'rejected')).toBe(true);

    const codes = new Map<string, number>();
    for (const result of results) {
      const error = (result as PromiseRejectedResult).reason as {
        code: string;
        causeCode?: string;
      };
      const key = `${error.code}${error.causeCode ? `/${error.causeCode}` : ''}`;
      codes.set(key, (codes.get(key) ?? 0) + 1);
    }
    // Only what the pool holds was sent, and a few to replace those that timed out before the
    // fifth timeout in a row opened the circuit. The rest were refused once the circuit opened, or
    // timed out waiting, and say they were never sent (safe to retry). A create that may have
    // been sent is never said not to have been.
    expect(harness.sandbox.count('create')).toBeLessThanOrEqual(16 + 5);
    const sentAndUnknown = [...codes]
      .filter(([key]) => key.startsWith('ZAPI_OUTCOME_UNKNOWN'))
      .reduce((sum, [, count]) => sum + count, 0);
    expect(sentAndUnknown).toBeGreaterThanOrEqual(harness.sandbox.count('create'));
    expect(sentAndUnknown).toBeLessThanOrEqual(16 + 5);
    const neverSent =
      (codes.get('ZAPI_TIMEOUT/ZAPI_QUEUE_TIMEOUT') ?? 0) + (codes.get('ZAPI_CIRCUIT_OPEN') ?? 0);
    expect(neverSent + sentAndUnknown).toBe(300);
    expect(codes.get('ZAPI_CIRCUIT_OPEN')).toBeGreaterThan(0);
  });

  it('times out creates still waiting for a connection as never sent, without a breaker', async () => {
    h = await startHarness({
      timeoutMs: 1_000,
      connections: { reads: 2, writes: 4 },
      circuitBreaker: false,
    });
    const harness = h;
    harness.sandbox.faults.inject({ route: 'create', fault: { kind: 'hang' } });
    const started = performance.now();
    const errors = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        rejectionOf(harness.client.createInstance({ name: `wait-${index}` })),
      ),
    );
    expect(performance.now() - started).toBeLessThan(1_000 + MARGIN_MS);
    const waited = errors.filter((error) => error.causeCode === 'ZAPI_QUEUE_TIMEOUT');
    // 4 in flight; those freed by a timeout let a few more go before their own deadline, more so
    // on a loaded machine. Most never leave.
    expect(waited.length).toBeGreaterThanOrEqual(20);
    for (const error of waited) {
      expect(error).toMatchObject({ code: 'ZAPI_TIMEOUT', retryable: true });
      expect(error.message).toContain('not sent');
    }
    // A create that reached Z-API is never said not to have been sent.
    expect(harness.sandbox.count('create')).toBeLessThanOrEqual(40 - waited.length);
    for (const error of errors.filter((error) => !waited.includes(error))) {
      expect(error).toMatchObject({ code: 'ZAPI_OUTCOME_UNKNOWN' });
    }
  });

  it('opens the circuit after consecutive timeouts, refuses creates at once with ZAPI_CIRCUIT_OPEN, and lets one trial create close it again', async () => {
    // A timeout long enough for a loaded machine's healthy answers; the hanging creates run
    // together so the test does not wait three times for it.
    h = await startHarness({
      timeoutMs: 1_500,
      circuitBreaker: { consecutiveFailures: 3, halfOpenAfterMs: 1_000 },
    });
    const harness = h;
    const hang = harness.sandbox.faults.inject({ route: 'create', fault: { kind: 'hang' } });
    const failed = await Promise.all(
      [0, 1, 2].map((index) => rejectionOf(harness.client.createInstance({ name: `t${index}` }))),
    );
    for (const error of failed) expect(error).toMatchObject({ code: 'ZAPI_OUTCOME_UNKNOWN' });
    expect(harness.sandbox.count('create')).toBe(3);

    // Open: refused at once, nothing sent, safe to retry later, and no lookup by name either.
    const listsBefore = harness.sandbox.count('list');
    const refusedAt = performance.now();
    const refused = await rejectionOf(harness.client.createInstance({ name: 'refused' }));
    expect(performance.now() - refusedAt).toBeLessThan(250);
    expect(refused).toMatchObject({ code: 'ZAPI_CIRCUIT_OPEN', retryable: true });
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(1_000);
    expect(harness.sandbox.count('create')).toBe(3);
    expect(harness.sandbox.count('list')).toBe(listsBefore);
    // Other writes too; reads still go through.
    expect(
      await rejectionOf(harness.client.cancelInstance({ id: 'abc', token: 'def' })),
    ).toMatchObject({ code: 'ZAPI_CIRCUIT_OPEN' });
    await expect(harness.client.listInstances()).resolves.toMatchObject({ total: 0 });
    expect(harness.logs.join('\n')).toContain('ZAPI_CIRCUIT_OPEN');

    // Z-API recovers; after halfOpenAfterMs one trial create goes through (slowly), the others
    // wait for its outcome rather than pile up on Z-API.
    hang.remove();
    harness.sandbox.faults.inject({
      route: 'create',
      times: 1,
      fault: { kind: 'latency', ms: 150 },
    });
    await sleep(1_100);
    const sentBefore = harness.sandbox.count('create');
    const afterRecovery = Array.from({ length: 5 }, (_, index) =>
      harness.client.createInstance({ name: `after-${index}` }),
    );
    await expect.poll(() => harness.sandbox.count('create')).toBe(sentBefore + 1);
    await sleep(50);
    expect(harness.sandbox.count('create')).toBe(sentBefore + 1);
    const created = await Promise.all(afterRecovery);
    expect(created.map((instance) => instance.id)).toHaveLength(5);
    expect(harness.sandbox.count('create')).toBe(sentBefore + 5);
    await expect(harness.client.createInstance({ name: 'closed' })).resolves.toHaveProperty('id');
  });

  it('opens on 5xx answers as well, but not on 4xx', async () => {
    h = await startHarness({ circuitBreaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 } });
    const harness = h;
    const refusal = harness.sandbox.faults.inject({
      route: 'subscribe',
      fault: { kind: 'status', status: 400, body: { error: 'no' } },
    });
    for (let index = 0; index < 4; index += 1) {
      expect(
        await rejectionOf(harness.client.subscribeInstance({ id: 'a', token: 'b' })),
      ).toMatchObject({ code: 'ZAPI_REJECTED' });
    }
    refusal.remove();
    harness.sandbox.faults.inject({ route: 'subscribe', fault: { kind: 'status', status: 502 } });
    for (let index = 0; index < 2; index += 1) {
      expect(
        await rejectionOf(harness.client.subscribeInstance({ id: 'a', token: 'b' })),
      ).toMatchObject({ code: 'ZAPI_UPSTREAM_ERROR' });
    }
    expect(
      await rejectionOf(harness.client.subscribeInstance({ id: 'a', token: 'b' })),
    ).toMatchObject({ code: 'ZAPI_CIRCUIT_OPEN' });
    expect(harness.sandbox.count('subscribe')).toBe(6);
  });

  it('can be turned off', async () => {
    h = await startHarness({ timeoutMs: 200, circuitBreaker: false });
    const harness = h;
    harness.sandbox.faults.inject({ route: 'cancel', fault: { kind: 'hang' } });
    for (let index = 0; index < 7; index += 1) {
      expect(
        await rejectionOf(harness.client.cancelInstance({ id: 'a', token: 'b' })),
      ).toMatchObject({ code: 'ZAPI_TIMEOUT' });
    }
    expect(harness.sandbox.count('cancel')).toBe(7);
  });
});
