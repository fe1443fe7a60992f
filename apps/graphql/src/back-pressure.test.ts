import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { CREATE, startGateway, type Gateway } from '../test/harness.js';

// The scenario, over real HTTP: 300 concurrent creates into a hanging Z-API with
// ZAPI_TIMEOUT_MS=3000, the client's default pools and breaker (as main.ts builds it), and an
// `instances` query meanwhile. Before, the creates answered after 33-36 s and the query after 32 s.
const TIMEOUT_MS = 3_000;
// Generous: the machine is shared. The point is seconds, not half a minute.
const MARGIN_MS = 3_000;

let g: Gateway | undefined;
afterEach(async () => {
  await g?.close();
  g = undefined;
});

describe('the gateway in front of a hanging Z-API', () => {
  it('answers 300 concurrent creates within ZAPI_TIMEOUT_MS, keeps `instances` prompt, then refuses creates at once with ZAPI_CIRCUIT_OPEN', async () => {
    g = await startGateway({
      client: { timeoutMs: TIMEOUT_MS },
    });
    const gateway = g;
    gateway.sandbox.faults.inject({ route: 'create', fault: { kind: 'hang' } });

    const started = performance.now();
    const creates = Array.from({ length: 300 }, (_, index) =>
      gateway.gql(CREATE, { input: { name: `Loja ${index}` } }).then((res) => ({
        res,
        ms: performance.now() - started,
      })),
    );
    await sleep(300);
    const readStarted = performance.now();
    const list = await gateway.gql('{ instances { total } }');
    const readMs = performance.now() - readStarted;
    const answers = await Promise.all(creates);

    expect(list.body.errors).toBeUndefined();
    expect(list.body.data).toEqual({ instances: { total: 0 } });
    // End to end the query also waits for this one process (test client, gateway and sandbox)
    // to take in 300 requests, about 2 s here; its call to Z-API itself waits for no create.
    // With other suites sharing the CPU, only the order of magnitude holds end to end (it was
    // 31.8 s); test/e2e/back-pressure measures the gateway as its own process.
    expect(readMs).toBeLessThan(4 * TIMEOUT_MS);
    const listCall = gateway.logs
      .map((line) => JSON.parse(line) as { operation?: string; durationMs?: number })
      .find((entry) => entry.operation === 'listInstances');
    // Under the 3 s a wait behind the hanging creates would take, on a loaded machine.
    expect(listCall?.durationMs).toBeLessThan(2_000);
    // Every call to Z-API ended by ZAPI_TIMEOUT_MS, waiting for a connection included. End to end,
    // this one process also takes about 2 s to read 300 requests in (test/e2e/back-pressure
    // measures the gateway as its own process).
    const createCalls = gateway.logs
      .map((line) => JSON.parse(line) as { operation?: string; durationMs?: number })
      .filter((entry) => entry.operation === 'createInstance');
    expect(createCalls.length).toBeGreaterThan(0);
    for (const call of createCalls) expect(call.durationMs).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    // End to end only an order of magnitude can be asserted here (other suites share the CPU):
    // seconds, where it was 33-36 s.
    expect(Math.max(...answers.map((answer) => answer.ms))).toBeLessThan(4 * TIMEOUT_MS);

    const codes = new Set<unknown>();
    for (const { res } of answers) {
      expect(res.status).toBe(200);
      const extensions = res.body.errors?.[0]?.extensions;
      codes.add(extensions?.code);
      if (extensions?.code !== 'ZAPI_OUTCOME_UNKNOWN') {
        expect(extensions).toMatchObject({ retryable: true });
      }
    }
    expect([...codes].sort()).toEqual(
      expect.arrayContaining(['ZAPI_CIRCUIT_OPEN', 'ZAPI_OUTCOME_UNKNOWN']),
    );
    for (const code of codes) {
      expect(['ZAPI_CIRCUIT_OPEN', 'ZAPI_OUTCOME_UNKNOWN', 'ZAPI_TIMEOUT']).toContain(code);
    }
    // At most the write pool (32) at once; a few more replace those that timed out before the
    // fifth timeout in a row opened the circuit. Never the 300.
    expect(gateway.sandbox.count('create')).toBeLessThanOrEqual(32 + 5);

    // The circuit is open: a create is answered at once, with the code and when to try again.
    const sent = gateway.sandbox.count('create');
    const refusedAt = performance.now();
    const refused = await gateway.gql(CREATE, { input: { name: 'Loja depois' } });
    expect(performance.now() - refusedAt).toBeLessThan(1_000);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'ZAPI_CIRCUIT_OPEN',
      retryable: true,
      retryAfterMs: expect.any(Number),
    });
    expect(refused.body.errors?.[0]?.message).toMatch(/not sent/);
    expect(gateway.sandbox.count('create')).toBe(sent);
    expect(gateway.logs.some((line) => line.includes('"outcome":"ZAPI_CIRCUIT_OPEN"'))).toBe(true);
  });
});
