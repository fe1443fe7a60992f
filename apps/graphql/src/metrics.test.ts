import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { createAppMetrics, labelValuesOf, type AppMetrics } from '@zapikit/app-metrics';
import {
  API_KEYS_ENV,
  CREATE,
  KEYS,
  SECRETS,
  startGateway,
  type Gateway,
} from '../test/harness.js';

const METRICS_KEY = 'CANARY-key-metrics-0123456789abcdef0123456';

let gateway: Gateway | undefined;
afterEach(() => gateway?.close());

async function withMetrics(
  apiKeys: string,
  host?: string,
): Promise<{ gateway: Gateway; metrics: AppMetrics }> {
  const metrics = createAppMetrics({ prefix: 'zapikit_gateway', processMetrics: false });
  gateway = await startGateway({
    apiKeys,
    client: { onCall: metrics.onZapiCall, timeoutMs: 300 },
    app: { metrics },
    ...(host ? { host } : {}),
  });
  return { gateway, metrics };
}

const scrape = (g: Gateway, key?: string) =>
  g.raw('/metrics', { headers: key ? { authorization: `Bearer ${key}` } : {} });

describe('GET /metrics', () => {
  it('needs a key with the metrics scope when keys are configured', async () => {
    const { gateway: g } = await withMetrics(`${API_KEYS_ENV},${METRICS_KEY}=metrics`);
    const anonymous = await scrape(g);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const unscoped = await scrape(g, KEYS.full);
    expect(unscoped.status).toBe(403);
    expect(unscoped.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const scoped = await scrape(g, METRICS_KEY);
    expect(scoped.status).toBe(200);
    expect(scoped.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    // The metrics scope alone cannot run GraphQL.
    expect(
      (await g.gql('{ instances { totalPages } }', {}, METRICS_KEY)).body.errors?.[0]?.extensions
        ?.code,
    ).toBe('FORBIDDEN');
  });

  it('counts what each idempotency key did: claimed, replayed, reused', async () => {
    const { gateway: g } = await withMetrics(`${API_KEYS_ENV},${METRICS_KEY}=metrics`);
    await g.gql(CREATE, { input: { name: 'uma vez' }, key: 'order-42' });
    await g.gql(CREATE, { input: { name: 'uma vez' }, key: 'order-42' });
    await g.gql(CREATE, { input: { name: 'outra' }, key: 'order-42' });
    await g.gql(CREATE, { input: { name: 'sem chave' } });
    const text = (await scrape(g, METRICS_KEY)).text;
    for (const [outcome, count] of [
      ['claimed', 1],
      ['replayed', 1],
      ['reused', 1],
    ] as const) {
      expect(text).toContain(
        `zapikit_gateway_idempotency_keys_total{operation="createInstance",outcome="${outcome}"} ${String(count)}`,
      );
    }
    expect(g.sandbox.count('create')).toBe(2);
  });

  it('counts operations by root field and outcome, creates by outcome, and Z-API calls; no secret, name or id as a label', async () => {
    const { gateway: g, metrics } = await withMetrics(`${API_KEYS_ENV},${METRICS_KEY}=metrics`);
    const created = await g.gql(CREATE, { input: { name: 'Padaria Segredo' } });
    const id = (created.body.data?.createInstance as { instance: { id: string; token: string } })
      .instance.id;
    const token = (created.body.data?.createInstance as { instance: { id: string; token: string } })
      .instance.token;
    await g.gql(CREATE, { input: { name: '' } });
    g.sandbox.faults.inject({ route: 'create', fault: { kind: 'hang' }, times: 1 });
    await g.gql(CREATE, { input: { name: 'Padaria Talvez' } });
    await g.gql('query Mine { instances { totalPages } }');
    await g.gql(CREATE, { input: { name: 'Padaria Chave' }, key: 'k-metrics' });
    await g.gql(CREATE, { input: { name: 'Padaria Outra' }, key: 'k-metrics' });

    const text = (await scrape(g, METRICS_KEY)).text;
    expect(text).toContain(
      'zapikit_gateway_operations_total{operation="createInstance",type="mutation",outcome="OK"} 2',
    );
    expect(text).toContain(
      'zapikit_gateway_operations_total{operation="createInstance",type="mutation",outcome="ZAPI_INVALID_INPUT"} 1',
    );
    expect(text).toContain(
      'zapikit_gateway_operations_total{operation="instances",type="query",outcome="OK"} 1',
    );
    expect(text).toContain(
      'zapikit_gateway_operations_total{operation="createInstance",type="mutation",outcome="IDEMPOTENCY_KEY_REUSED"} 1',
    );
    expect(text).toContain('zapikit_gateway_creates_total{outcome="created"} 2');
    expect(text).toContain('zapikit_gateway_creates_total{outcome="ZAPI_OUTCOME_UNKNOWN"} 1');
    expect(text).toContain(
      'zapikit_gateway_zapi_calls_total{endpoint="createInstance",status="200"} 2',
    );
    expect(text).toContain(
      'zapikit_gateway_zapi_calls_total{endpoint="createInstance",status="ZAPI_TIMEOUT"} 1',
    );
    expect(text).toMatch(
      /zapikit_gateway_zapi_call_duration_seconds_bucket\{le="[\d.]+",endpoint="createInstance"\}/,
    );
    expect(text).toMatch(/graphql_envelop_phase_execute_count\{operationType="mutation"\} \d/);
    expect(text).not.toContain('operationName');
    const labels = await labelValuesOf(metrics.registry);
    for (const secret of [
      ...SECRETS,
      METRICS_KEY,
      id,
      token,
      'Padaria Segredo',
      'Padaria Talvez',
      'Padaria Chave',
      'k-metrics',
      'Mine',
    ])
      expect(
        labels.some((value) => value.includes(secret)),
        secret,
      ).toBe(false);
  });

  it('without keys, answers on loopback only', async () => {
    const { gateway: g } = await withMetrics('');
    expect((await scrape(g)).status).toBe(200);
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && !address.internal && address.family === 'IPv4')?.address;
  it.skipIf(!external)(
    `without keys, refuses a scrape from another address (${external ?? 'no non-loopback interface here'})`,
    async () => {
      const { gateway: g } = await withMetrics('', '0.0.0.0');
      const port = new URL(g.url).port;
      const response = await request(`http://${external}:${port}/metrics`);
      expect(response.statusCode).toBe(403);
      expect(await response.body.text()).toContain('FORBIDDEN');
      // The same server still answers on loopback.
      expect((await scrape(g)).status).toBe(200);
    },
  );
});
