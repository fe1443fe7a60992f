import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CREATE, SECRETS, startGateway, type Gateway } from '../test/harness.js';

let g: Gateway;
beforeEach(async () => {
  g = await startGateway({ client: { timeoutMs: 300 } });
});
afterEach(() => g.close());

describe('upstream faults reach the frontend as the client’s codes, after exactly one create POST', () => {
  it.each([
    ['a 5xx after creating', { kind: 'status', status: 503 }, 'after', 'ZAPI_OUTCOME_UNKNOWN'],
    ['a hang (timeout)', { kind: 'hang' }, 'after', 'ZAPI_OUTCOME_UNKNOWN'],
    ['a connection reset', { kind: 'reset' }, 'after', 'ZAPI_OUTCOME_UNKNOWN'],
    ['a malformed 2xx', { kind: 'malformed' }, 'after', 'ZAPI_OUTCOME_UNKNOWN'],
    [
      'a 401',
      { kind: 'status', status: 401, body: { error: 'Unauthorized' } },
      'before',
      'ZAPI_UNAUTHORIZED',
    ],
    ['a 429', { kind: 'rate-limit', retryAfterSeconds: 30 }, 'before', 'ZAPI_RATE_LIMITED'],
  ] as const)('%s → %s', async (_label, fault, phase, code) => {
    g.sandbox.faults.inject({ route: 'create', phase, fault });
    const res = await g.gql(CREATE, { input: { name: 'Loja Incerta' } });
    expect(res.body.errors?.[0]?.extensions?.code).toBe(code);
    expect(res.body.data?.createInstance ?? null).toBeNull();
    expect(g.sandbox.count('create')).toBe(1);
    if (code === 'ZAPI_RATE_LIMITED')
      expect(res.body.errors?.[0]?.extensions).toMatchObject({
        retryAfterMs: 30_000,
        retryable: true,
      });
    expect(g.logs.some((line) => line.includes(`"outcome":"${code}"`))).toBe(true);
  });

  it('an unknown outcome lists the candidates found (without tokens) and says to check them', async () => {
    g.sandbox.faults.inject({
      route: 'create',
      phase: 'after',
      fault: { kind: 'status', status: 502 },
    });
    const res = await g.gql(CREATE, { input: { name: 'Loja Incerta' } });
    const error = res.body.errors?.[0];
    const [stored] = g.sandbox.instances.all();
    expect(error?.message).toMatch(/may or may not have created.*Check before creating it again/);
    expect(error?.extensions).toMatchObject({
      code: 'ZAPI_OUTCOME_UNKNOWN',
      reason: 'ZAPI_UPSTREAM_ERROR',
      candidates: [
        {
          id: stored?.id,
          name: 'Loja Incerta',
          due: expect.any(String),
          created: expect.any(String),
        },
      ],
    });
    expect(res.text).not.toContain(stored?.token ?? 'no-token');
  });

  it('a 403 whose body echoes the Client-Token: FORBIDDEN, the token nowhere', async () => {
    await g.close();
    g = await startGateway({ client: { clientToken: 'CANARY-wrong-client-token-42' } });
    const res = await g.gql(CREATE, { input: { name: 'x' } });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'ZAPI_FORBIDDEN', status: 403 });
    expect(res.text).not.toContain('CANARY-wrong-client-token-42');
    expect(g.logs.join('\n')).not.toContain('CANARY-wrong-client-token-42');
    expect(g.sandbox.count('create')).toBe(1);
  });

  it('shows no secret in any response or log line across every fault', async () => {
    const texts: string[] = [];
    for (const fault of [
      { kind: 'status', status: 500 },
      { kind: 'hang' },
      { kind: 'reset' },
      { kind: 'malformed' },
    ] as const) {
      g.sandbox.faults.clear();
      g.sandbox.faults.inject({ route: 'create', phase: 'after', fault });
      texts.push((await g.gql(CREATE, { input: { name: 'segredo' } })).text);
    }
    const tokens = g.sandbox.instances.all().map((instance) => instance.token);
    expect(tokens.length).toBe(4);
    const everything = [...texts, ...g.logs].join('\n');
    for (const secret of [...SECRETS, ...tokens]) expect(everything).not.toContain(secret);
  });
});
