import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { call } from '../http.js';
import { startWebhookReceiver } from '../../src/webhook-receiver.js';
import { DEFAULT_SANDBOX_PARTNER_TOKEN } from '../../src/defaults.js';

const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

function runCli(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--conditions=@zapikit/source', '--import', 'tsx', cli], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

describe('pnpm sandbox (the CLI)', () => {
  it('listens on ZAPI_SANDBOX_PORT with the documented default token, prints both, stops on SIGTERM', async () => {
    const { child, output } = runCli({ ZAPI_SANDBOX_PORT: '0' });
    const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
    const url = /listening on (http:\/\/\S+)/.exec(chunk.toString())?.[1];
    expect(url).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(output()).toContain(`partner token: ${DEFAULT_SANDBOX_PARTNER_TOKEN}`);
    const res = await call(url ?? '', 'GET', '/instances', {
      token: DEFAULT_SANDBOX_PARTNER_TOKEN,
    });
    expect(res.status).toBe(200);
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(0);
  });

  it('writes dates in the form ZAPI_SANDBOX_DATE_FORMAT names, and refuses an unknown one', async () => {
    const { child } = runCli({ ZAPI_SANDBOX_PORT: '0', ZAPI_SANDBOX_DATE_FORMAT: 'iso' });
    const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
    const url = /listening on (http:\/\/\S+)/.exec(chunk.toString())?.[1] ?? '';
    const created = await call(url, 'POST', '/instances/integrator/on-demand', {
      token: DEFAULT_SANDBOX_PARTNER_TOKEN,
      body: { name: 'dated' },
    });
    expect((created.json as { due: string }).due).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/);
    child.kill('SIGTERM');
    await once(child, 'exit');

    const bad = runCli({ ZAPI_SANDBOX_PORT: '0', ZAPI_SANDBOX_DATE_FORMAT: 'julian' });
    const [code] = (await once(bad.child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(bad.output()).toContain('ZAPI_SANDBOX_DATE_FORMAT');
  });

  it('refuses a bad port, naming the variable', async () => {
    const { child, output } = runCli({ ZAPI_SANDBOX_PORT: 'eighty' });
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(output()).toContain('ZAPI_SANDBOX_PORT');
  });
});

describe('the standalone sandbox driven over HTTP', () => {
  it('connects a phone, posts the callback to a loopback webhook, and takes fault rules', async () => {
    const hooks = await startWebhookReceiver();
    const { child } = runCli({ ZAPI_SANDBOX_PORT: '0', ZAPI_SANDBOX_QR_ROTATION_MS: '1000' });
    try {
      const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
      const url = /listening on (http:\/\/\S+)/.exec(chunk.toString())?.[1] ?? '';
      const token = DEFAULT_SANDBOX_PARTNER_TOKEN;
      const created = await call(url, 'POST', '/instances/integrator/on-demand', {
        token,
        body: { name: 'e2e', connectedCallbackUrl: `${hooks.url}/connected` },
      });
      const { id, token: instanceToken } = created.json as { id: string; token: string };

      const faulted = await call(url, 'POST', '/__sandbox/faults', {
        token,
        body: { route: 'status', times: 1, fault: { kind: 'status', status: 502 } },
      });
      expect(faulted.status).toBe(201);
      const status = `/instances/${id}/token/${instanceToken}/status`;
      expect((await call(url, 'GET', status)).status).toBe(502);

      const connected = await call(url, 'POST', `/__sandbox/instances/${id}/connect`, {
        token,
        body: { phone: '5511912345678' },
      });
      expect(connected.status).toBe(200);
      expect((await call(url, 'GET', status)).json).toMatchObject({ connected: true });
      await expect
        .poll(() => hooks.received[0]?.body)
        .toMatchObject({
          type: 'ConnectedCallback',
          phone: '5511912345678',
          instanceId: id,
        });
      expect((await call(url, 'DELETE', '/__sandbox/faults', { token })).status).toBe(204);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
      await hooks.close();
    }
  });

  it('refuses a bad QR rotation, naming the variable', async () => {
    const { child, output } = runCli({ ZAPI_SANDBOX_PORT: '0', ZAPI_SANDBOX_QR_ROTATION_MS: '5' });
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(output()).toContain('ZAPI_SANDBOX_QR_ROTATION_MS');
  });
});
