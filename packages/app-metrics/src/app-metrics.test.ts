import { afterEach, expect, it } from 'vitest';
import { createZapiClient } from '@zapikit/client';
import { startSandbox, type Sandbox } from '@zapikit/sandbox';
import { createAppMetrics, labelValuesOf } from './app-metrics.js';

let sandbox: Sandbox | undefined;
afterEach(() => sandbox?.close());

it('counts Z-API calls by endpoint and status with a latency histogram, in its own registry', async () => {
  sandbox = await startSandbox();
  const metrics = createAppMetrics({ prefix: 'zapikit_test', processMetrics: false });
  const other = createAppMetrics({ prefix: 'zapikit_test', processMetrics: false });
  const client = createZapiClient({
    partnerToken: sandbox.partnerToken,
    baseUrl: sandbox.url,
    onCall: metrics.onZapiCall,
  });
  const created = await client.createInstance({ name: 'Padaria do Zé' });
  sandbox.faults.inject({ route: 'status', fault: { kind: 'status', status: 503 }, times: 3 });
  await client.getInstanceStatus(created).catch(() => undefined);
  await client.close();

  const text = await metrics.registry.metrics();
  expect(text).toContain('zapikit_test_zapi_calls_total{endpoint="createInstance",status="200"} 1');
  expect(text).toContain(
    'zapikit_test_zapi_calls_total{endpoint="getInstanceStatus",status="503"} 1',
  );
  expect(text).toMatch(
    /zapikit_test_zapi_call_duration_seconds_count\{endpoint="createInstance"\} 1/,
  );
  expect(await other.registry.metrics()).not.toContain('endpoint="createInstance"');
  const labels = await labelValuesOf(metrics.registry);
  for (const secret of [sandbox.partnerToken, created.token, created.id, 'Padaria do Zé'])
    expect(labels).not.toContain(secret);
});
