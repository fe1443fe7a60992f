import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../test/http.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';
import { startSandbox, type Sandbox } from './server.js';

let sandbox: Sandbox;
let hooks: WebhookReceiver;

beforeEach(async () => {
  sandbox = await startSandbox();
  hooks = await startWebhookReceiver();
});
afterEach(async () => {
  await sandbox.close();
  await hooks.close();
});

const partner = () => ({ token: sandbox.partnerToken });
const addFault = (rule: unknown) =>
  call(sandbox.url, 'POST', '/__sandbox/faults', { ...partner(), body: rule });
const createAs = (name: string) =>
  call(sandbox.url, 'POST', '/instances/integrator/on-demand', {
    ...partner(),
    body: {
      name,
      connectedCallbackUrl: `${hooks.url}/c`,
      disconnectedCallbackUrl: `${hooks.url}/d`,
    },
  });
const phone = (id: string, action: 'connect' | 'disconnect') =>
  call(sandbox.url, 'POST', `/__sandbox/instances/${id}/${action}`, partner());

describe('fault rules over HTTP', () => {
  it('apply as in-process rules do, and DELETE removes them all', async () => {
    const added = await addFault({
      route: 'create',
      times: 1,
      fault: { kind: 'status', status: 503, body: { error: 'down' } },
    });
    expect(added).toMatchObject({ status: 201, json: { rule: { route: 'create', times: 1 } } });
    expect(await createAs('a')).toMatchObject({ status: 503, json: { error: 'down' } });
    expect((await createAs('b')).status).toBe(200);

    await addFault({ route: 'list', fault: { kind: 'rate-limit', retryAfterSeconds: 2 } });
    expect((await call(sandbox.url, 'GET', '/instances', partner())).status).toBe(429);
    expect((await call(sandbox.url, 'DELETE', '/__sandbox/faults', partner())).status).toBe(204);
    expect((await call(sandbox.url, 'GET', '/instances', partner())).status).toBe(200);
  });

  it('never apply to the control path itself', async () => {
    await addFault({ fault: { kind: 'status', status: 500 } });
    expect((await createAs('x')).status).toBe(500);
    expect((await call(sandbox.url, 'DELETE', '/__sandbox/faults', partner())).status).toBe(204);
    expect((await createAs('x')).status).toBe(200);
  });

  it.each([
    [{ fault: { kind: 'explode' } }, /^fault\.kind must be one of: latency, status/],
    [{ fault: { kind: 'latency' } }, /^fault\.ms is required$/],
    [{ fault: { kind: 'status', status: 99 } }, /^fault\.status must be 100 or more$/],
    [{ route: 'nowhere', fault: { kind: 'reset' } }, /^route must be one of: "create"/],
    [{ route: 'sandbox-connect', fault: { kind: 'reset' } }, /^route must be one of: "create"/],
    [{ fault: { kind: 'reset' }, typo: 1 }, /^typo is not a known field$/],
    [{ fault: { kind: 'callback-drop' }, route: 'create' }, /^route applies to requests only/],
    [{ fault: { kind: 'reset' }, callback: 'connected' }, /^callback applies to callback faults/],
    [{ times: 0, fault: { kind: 'hang' } }, /^times must be 1 or more$/],
    [{}, /^fault is required$/],
  ])('refuse %j with a 400 naming the field', async (rule, message) => {
    const res = await addFault(rule);
    expect(res.status).toBe(400);
    expect((res.json as { error: string }).error).toMatch(message);
  });

  it('take the partner token only', async () => {
    const rule = { fault: { kind: 'reset' } };
    expect((await call(sandbox.url, 'POST', '/__sandbox/faults', { body: rule })).status).toBe(401);
    expect((await call(sandbox.url, 'DELETE', '/__sandbox/faults', { token: 'x' })).status).toBe(
      401,
    );
    expect((await createAs('fine')).status).toBe(200);
  });

  it('refuse a bad rule in process too, naming the field', () => {
    expect(() => sandbox.faults.inject({ fault: { kind: 'latency', ms: -1 } })).toThrow(
      'Invalid fault rule: fault.ms must be 0 or more',
    );
  });
});

describe('callback faults', () => {
  async function connectedInstance(name: string) {
    const { id } = (await createAs(name)).json as { id: string };
    return id;
  }

  it('drop a callback: recorded as dropped, never sent', async () => {
    await addFault({ callback: 'connected', times: 1, fault: { kind: 'callback-drop' } });
    const id = await connectedInstance('dropped');
    await phone(id, 'connect');
    await phone(id, 'disconnect');
    await sandbox.callbacksSettled();
    expect(hooks.received.map((r) => r.body.type)).toEqual(['DisconnectedCallback']);
    expect(sandbox.callbacks.map((c) => c.fault)).toEqual(['callback-drop', undefined]);
  });

  it('duplicate a callback: the same body arrives as many times as asked', async () => {
    await addFault({ fault: { kind: 'callback-duplicate', copies: 3 }, instanceName: 'twice' });
    await phone(await connectedInstance('once'), 'connect');
    await phone(await connectedInstance('twice'), 'connect');
    await sandbox.callbacksSettled();
    const bodies = hooks.received.map((r) => r.body);
    expect(bodies).toHaveLength(4);
    const twice = bodies.filter((b) => b.instanceId === bodies.at(-1)?.instanceId);
    expect(twice).toHaveLength(3);
    expect(new Set(twice.map((b) => JSON.stringify(b))).size).toBe(1);
  });

  it('delay a callback: a later one overtakes it', async () => {
    await addFault({
      callback: 'connected',
      times: 1,
      fault: { kind: 'callback-delay', ms: 400 },
    });
    const id = await connectedInstance('late');
    await phone(id, 'connect');
    await phone(id, 'disconnect');
    await sandbox.callbacksSettled();
    expect(hooks.received.map((r) => r.body.type)).toEqual([
      'DisconnectedCallback',
      'ConnectedCallback',
    ]);
  });
});
