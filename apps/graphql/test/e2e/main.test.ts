import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--conditions=@zapikit/source', '--import', 'tsx', main], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const url = /listening on (http:\/\/\S+?)\/graphql/.exec(output)?.[1];
      if (url) {
        clearInterval(timer);
        resolve(url);
      }
    }, 25);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`exited with ${String(code)}: ${output}`));
    });
  });
  return { child, listening, output: () => output };
}

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
