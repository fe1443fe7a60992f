import { afterEach, expect, it } from 'vitest';
import {
  CANARY_CLIENT_TOKEN,
  CANARY_PARTNER_TOKEN,
  startHarness,
  type Harness,
} from '../test/fixtures.js';
import type { ZapiCallReport } from './index.js';

let h: Harness | undefined;
afterEach(() => h?.close());

it('reports each call to onCall: operation, route template, status or code, duration; no secret, id or name', async () => {
  const reports: ZapiCallReport[] = [];
  h = await startHarness({ onCall: (report) => reports.push(report), timeoutMs: 300 });
  const created = await h.client.createInstance({ name: 'Loja Secreta' });
  await h.client.getInstanceStatus(created);
  h.sandbox.faults.inject({ route: 'status', fault: { kind: 'hang' } });
  await h.client.getInstanceStatus(created).catch(() => undefined);

  expect(reports.slice(0, 2)).toEqual([
    {
      operation: 'createInstance',
      method: 'POST',
      route: '/instances/integrator/on-demand',
      status: 200,
      durationMs: expect.any(Number),
    },
    {
      operation: 'getInstanceStatus',
      method: 'GET',
      route: '/instances/{id}/token/{token}/status',
      status: 200,
      durationMs: expect.any(Number),
    },
  ]);
  expect(reports[2]).toMatchObject({ operation: 'getInstanceStatus', code: 'ZAPI_TIMEOUT' });
  expect(reports[2]).not.toHaveProperty('status');
  const text = JSON.stringify(reports);
  for (const secret of [
    CANARY_PARTNER_TOKEN,
    CANARY_CLIENT_TOKEN,
    created.token,
    created.id,
    'Loja Secreta',
  ])
    expect(text).not.toContain(secret);
});
