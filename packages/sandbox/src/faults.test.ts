import { Agent, request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../test/http.js';
import { startSandbox, type Sandbox } from './server.js';

let sandbox: Sandbox;
const CREATE = '/instances/integrator/on-demand';
const createAs = (name: string) =>
  call(sandbox.url, 'POST', CREATE, { token: sandbox.partnerToken, body: { name } });

beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(() => sandbox.close());

describe('fault injection', () => {
  it('answers a scripted status and body, the given number of times', async () => {
    const handle = sandbox.faults.inject({
      route: 'create',
      times: 2,
      fault: { kind: 'status', status: 503, body: { error: 'upstream down' } },
    });
    expect(await createAs('a')).toMatchObject({ status: 503, json: { error: 'upstream down' } });
    expect((await createAs('b')).status).toBe(503);
    expect((await createAs('c')).status).toBe(200);
    expect(handle.hits).toBe(2);
    expect(sandbox.instances.all().map((i) => i.name)).toEqual(['c']);
  });

  it('applies only to the instance name it names', async () => {
    sandbox.faults.inject({ instanceName: 'doomed', fault: { kind: 'status', status: 500 } });
    expect((await createAs('fine')).status).toBe(200);
    expect((await createAs('doomed')).status).toBe(500);
    expect((await createAs('doomed')).status).toBe(500);
  });

  it('after the sandbox acted: the instance exists though the answer failed', async () => {
    sandbox.faults.inject({
      route: 'create',
      phase: 'after',
      fault: { kind: 'status', status: 502 },
    });
    expect((await createAs('ghost')).status).toBe(502);
    expect(sandbox.instances.all().map((i) => i.name)).toEqual(['ghost']);
  });

  it('rate-limits with Retry-After', async () => {
    sandbox.faults.inject({
      route: 'list',
      times: 1,
      fault: { kind: 'rate-limit', retryAfterSeconds: 3 },
    });
    const res = await call(sandbox.url, 'GET', '/instances', { token: sandbox.partnerToken });
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('3');
  });

  it('adds latency and then answers normally', async () => {
    sandbox.faults.inject({ route: 'create', fault: { kind: 'latency', ms: 150 } });
    const started = performance.now();
    expect((await createAs('slow')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('sends a malformed 2xx body', async () => {
    sandbox.faults.inject({ route: 'create', fault: { kind: 'malformed' } });
    const res = await createAs('m');
    expect(res.status).toBe(200);
    expect(res.json).toBeUndefined();
  });

  it('resets the connection without an answer', async () => {
    sandbox.faults.inject({ route: 'create', phase: 'after', fault: { kind: 'reset' } });
    await expect(createAs('reset')).rejects.toMatchObject({
      code: expect.stringMatching(/ECONNRESET|UND_ERR_SOCKET/),
    });
    expect(sandbox.instances.all()).toHaveLength(1);
  });

  it('hangs until the client gives up, and close() still ends promptly', async () => {
    sandbox.faults.inject({ route: 'list', fault: { kind: 'hang' } });
    const agent = new Agent({ headersTimeout: 200 });
    await expect(
      request(`${sandbox.url}/instances`, {
        dispatcher: agent,
        headers: { authorization: `Bearer ${sandbox.partnerToken}` },
      }),
    ).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
    await agent.close();
    sandbox.faults.inject({ route: 'status', fault: { kind: 'hang' } });
    void request(`${sandbox.url}/instances/A/token/B/status`).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await sandbox.close();
    expect(performance.now() - started).toBeLessThan(1000);
    sandbox = await startSandbox();
  });

  it('clear() removes every fault', async () => {
    sandbox.faults.inject({ fault: { kind: 'status', status: 500 } });
    sandbox.faults.clear();
    expect((await createAs('ok')).status).toBe(200);
  });
});
