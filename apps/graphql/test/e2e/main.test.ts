import { once } from 'node:events';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { startGatewayProcess as start } from '../gateway-process.js';

describe('pnpm start (the gateway process)', () => {
  it('starts on the embedded sandbox, says so loudly, serves, and drains on SIGTERM', async () => {
    const gateway = start({});
    const url = await gateway.listening;
    expect(gateway.output()).toContain('SANDBOX MODE');
    expect(gateway.output()).toContain('the gateway is open');
    const res = await request(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation { createInstance(input: {name: "from main"}) { instance { name sandbox } } }',
      }),
    });
    expect(await res.body.json()).toEqual({
      data: { createInstance: { instance: { name: 'from main', sandbox: true } } },
    });
    expect((await request(`${url}/health`)).statusCode).toBe(200);
    expect((await request(`${url}/ready`)).statusCode).toBe(200);
    gateway.child.kill('SIGTERM');
    const [code] = (await once(gateway.child, 'exit')) as [number];
    expect(code).toBe(0);
    expect(gateway.output()).toContain('"msg":"stopped"');
  });

  it('refuses to start live without API keys, naming the variable', async () => {
    const gateway = start({ ZAPI_PARTNER_TOKEN: 'CANARY-live-token' });
    await expect(gateway.listening).rejects.toThrow(/GRAPHQL_API_KEYS/);
    expect(gateway.output()).not.toContain('CANARY-live-token');
  });

  it('refuses NODE_ENV=production without a partner token, naming it, unless ZAPI_SANDBOX=true', async () => {
    const refused = start({ NODE_ENV: 'production' });
    await expect(refused.listening).rejects.toThrow(
      /ZAPI_PARTNER_TOKEN: required when NODE_ENV=production; set ZAPI_SANDBOX=true/,
    );
    const gateway = start({ NODE_ENV: 'production', ZAPI_SANDBOX: 'true' });
    await gateway.listening;
    expect(gateway.output()).toContain('SANDBOX MODE');
    gateway.child.kill('SIGTERM');
    expect(((await once(gateway.child, 'exit')) as [number])[0]).toBe(0);
  });

  it('refuses a bad PORT, naming it', async () => {
    const gateway = start({ PORT: 'eighty' });
    await expect(gateway.listening).rejects.toThrow(/PORT/);
  });
});
