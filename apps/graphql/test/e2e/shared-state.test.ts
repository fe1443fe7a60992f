import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@zapikit/sandbox';
import { redisAvailable, redisSkipReason, startRedis, type TestRedis } from '@zapikit/test-redis';
import { REDIS_GIVE_UP_MS } from '@zapikit/shared-state';
import { DRAIN_MS } from '../../src/drain.js';
import { startGatewayProcess, type GatewayProcess } from './gateway-process.js';

// Gateway processes in live mode against one standalone sandbox (so it outlives them and counts
// every create), sharing one real redis-server: what an operator runs with replicas.

const API_KEY = 'e2e-shared-state-key-0123456789abcdef0123';
const CREATE = `mutation ($name: String!, $key: String) {
  createInstance(input: { name: $name }, idempotencyKey: $key) { instance { id name } }
}`;

interface Answer {
  data?: { createInstance?: { instance: { id: string; name: string } | null } } | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function create(url: string, name: string, key?: string): Promise<Answer> {
  const res = await request(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
    body: JSON.stringify({ query: CREATE, variables: { name, key } }),
  });
  return (await res.body.json()) as Answer;
}

const idOf = (answer: Answer) => answer.data?.createInstance?.instance?.id;
const codeOf = (answer: Answer) => answer.errors?.[0]?.extensions?.code;
const ready = async (url: string) => (await request(`${url}/ready`)).statusCode;

describe.skipIf(!redisAvailable)('gateway replicas sharing Redis', () => {
  let redis: TestRedis;
  let sandbox: Sandbox;
  const running: GatewayProcess[] = [];

  /** A replica on the shared Redis and sandbox, once it listens and its store answers. */
  async function replica(timeoutMs: number): Promise<{ url: string; process: GatewayProcess }> {
    const process = startGatewayProcess({
      ZAPI_PARTNER_TOKEN: sandbox.partnerToken,
      ZAPI_BASE_URL: sandbox.url,
      ZAPI_TIMEOUT_MS: String(timeoutMs),
      GRAPHQL_API_KEYS: API_KEY,
      REDIS_URL: redis.url,
    });
    running.push(process);
    const url = await process.listening;
    // Outside a test (beforeAll), so a plain poll: the store connects just after listening.
    for (const deadline = Date.now() + 10_000; (await ready(url)) !== 200;) {
      if (Date.now() > deadline) throw new Error(`not ready: ${process.output()}`);
      await sleep(50);
    }
    return { url, process };
  }

  let a: { url: string; process: GatewayProcess };
  // B waits longer for Z-API than the drain lasts, as the default ZAPI_TIMEOUT_MS (15 s) does.
  let b: { url: string; process: GatewayProcess };
  beforeAll(async () => {
    [redis, sandbox] = await Promise.all([startRedis(), startSandbox()]);
    [a, b] = await Promise.all([replica(3_000), replica(20_000)]);
    // Two gateway processes starting at once on a loaded 2-core CI machine took over 30 s once.
  }, 60_000);
  afterAll(async () => {
    for (const process of running) process.child.kill('SIGKILL');
    await sandbox.close();
    await redis.stop();
  });

  it('creates once for concurrent retries of one key across two replicas: one id in every answer', async () => {
    sandbox.faults.inject({
      route: 'create',
      instanceName: 'both',
      times: 1,
      fault: { kind: 'latency', ms: 500 },
    });
    const answers = await Promise.all(
      [a, b, a, b, a, b].map((replica) => create(replica.url, 'both', 'k-both')),
    );
    const ids = new Set(answers.map(idOf));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toEqual(expect.any(String));
    expect(sandbox.count('create')).toBe(1);
  });

  it('refuses the same key with another input, sending nothing', async () => {
    const before = sandbox.count('create');
    const reused = await create(b.url, 'another name', 'k-both');
    expect(codeOf(reused)).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(sandbox.count('create')).toBe(before);
  });

  it('after a kill -9 mid-create and a restart, a retry answers ZAPI_OUTCOME_UNKNOWN naming the candidate, never a second create', async () => {
    const before = sandbox.count('create');
    // Z-API creates the instance but answers late: the process dies before the answer comes.
    sandbox.faults.inject({
      route: 'create',
      instanceName: 'orphan',
      times: 1,
      phase: 'after',
      fault: { kind: 'latency', ms: 15_000 },
    });
    const lost = create(a.url, 'orphan', 'k-orphan').catch(() => 'connection lost');
    await expect.poll(() => sandbox.count('create'), { timeout: 5_000 }).toBe(before + 1);
    a.process.child.kill('SIGKILL');
    expect(await lost).toBe('connection lost');
    a = await replica(3_000);
    // Waits for the dead claim's lease (3 s timeout + 5 s margin), then looks the name up.
    const retry = await create(a.url, 'orphan', 'k-orphan');
    expect(codeOf(retry)).toBe('ZAPI_OUTCOME_UNKNOWN');
    const candidates = retry.errors?.[0]?.extensions?.candidates as { id: string; name: string }[];
    expect(candidates).toHaveLength(1);
    expect(candidates[0]?.name).toBe('orphan');
    // The other replica answers the recorded unknown outcome at once.
    const elsewhere = await create(b.url, 'orphan', 'k-orphan');
    expect(elsewhere.errors?.[0]?.extensions).toEqual(retry.errors?.[0]?.extensions);
    expect(sandbox.count('create')).toBe(before + 1);
  }, 40_000);

  it('answers a create completed before the restart from Redis, sending nothing', async () => {
    const before = sandbox.count('create');
    const first = await create(b.url, 'both', 'k-both');
    const restarted = await create(a.url, 'both', 'k-both');
    expect(idOf(restarted)).toBe(idOf(first));
    expect(sandbox.count('create')).toBe(before);
  });

  it('refuses keyed creates within 2 s while Redis is down, says 503 on /ready, and recovers by itself', async () => {
    await redis.kill();
    const before = sandbox.count('create');
    const started = Date.now();
    const refused = await create(a.url, 'during outage', 'k-outage');
    expect(Date.now() - started).toBeLessThan(REDIS_GIVE_UP_MS + 1_500);
    expect(codeOf(refused)).toBe('STORE_UNAVAILABLE');
    expect(sandbox.count('create')).toBe(before);
    expect(await ready(a.url)).toBe(503);
    // A create without a key does not need the store.
    expect(idOf(await create(a.url, 'no key needed'))).toEqual(expect.any(String));
    await redis.restart();
    await expect.poll(() => ready(a.url), { timeout: 10_000 }).toBe(200);
    await expect.poll(() => ready(b.url), { timeout: 10_000 }).toBe(200);
    expect(idOf(await create(a.url, 'after outage', 'k-outage'))).toEqual(expect.any(String));
  }, 30_000);

  it('on SIGTERM answers every create still waiting on a slow Z-API before exiting within the drain bound', async () => {
    sandbox.faults.inject({
      route: 'create',
      instanceName: 'slow',
      phase: 'after',
      fault: { kind: 'latency', ms: 60_000 },
    });
    const before = sandbox.count('create');
    const answers = Array.from({ length: 10 }, (_, i) =>
      create(b.url, 'slow', i % 2 === 0 ? `k-slow-${String(i)}` : undefined).catch(
        (error: unknown) => ({
          errors: [{ message: String(error), extensions: { code: 'RESET' } }],
        }),
      ),
    );
    await expect.poll(() => sandbox.count('create'), { timeout: 10_000 }).toBe(before + 10);
    const signalled = Date.now();
    b.process.child.kill('SIGTERM');
    const [code] = (await once(b.process.child, 'exit')) as [number];
    const exitedAfter = Date.now() - signalled;
    const settled = await Promise.all(answers);
    expect(settled.map(codeOf)).toEqual(Array(10).fill('ZAPI_OUTCOME_UNKNOWN'));
    expect(code).toBe(0);
    expect(exitedAfter).toBeLessThan(DRAIN_MS + 1_000);
    // The claim recorded the unknown outcome: another replica answers it at once, sending nothing.
    const retried = await create(a.url, 'slow', 'k-slow-0');
    expect(codeOf(retried)).toBe('ZAPI_OUTCOME_UNKNOWN');
    expect(sandbox.count('create')).toBe(before + 10);
  }, 30_000);
});

it.skipIf(redisAvailable)(`skips the replica tests: ${redisSkipReason}`, () => undefined);
