import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../test/http.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';
import { startSandbox, type Sandbox } from './server.js';
import { phoneFor } from './simulated-phone.js';

let sandbox: Sandbox;
let hooks: WebhookReceiver;
let clock: number;

beforeEach(async () => {
  clock = Date.UTC(2026, 11, 2, 12);
  sandbox = await startSandbox({ now: () => clock });
  hooks = await startWebhookReceiver();
});
afterEach(async () => {
  await sandbox.close();
  await hooks.close();
});

const partner = () => ({ token: sandbox.partnerToken });
const instancePath = (i: { id: string; token: string }, rest: string) =>
  `/instances/${i.id}/token/${i.token}${rest}`;

async function create(extra: Record<string, unknown> = {}) {
  const res = await call(sandbox.url, 'POST', '/instances/integrator/on-demand', {
    ...partner(),
    body: { name: 'phone', ...extra },
  });
  expect(res.status).toBe(200);
  return res.json as { id: string; token: string };
}

async function withHooks() {
  return create({
    connectedCallbackUrl: `${hooks.url}/connected`,
    disconnectedCallbackUrl: `${hooks.url}/disconnected`,
  });
}

const connect = (id: string, body?: unknown) =>
  call(sandbox.url, 'POST', `/__sandbox/instances/${id}/connect`, {
    ...partner(),
    ...(body === undefined ? {} : { body }),
  });
const disconnect = (id: string) =>
  call(sandbox.url, 'POST', `/__sandbox/instances/${id}/disconnect`, partner());

describe('the simulated phone over the control path', () => {
  it('connects: status, /me and the list show it, QR codes are refused, ConnectedCallback sent', async () => {
    const i = await withHooks();
    const res = await connect(i.id, { phone: '5511988887777' });
    expect(res).toMatchObject({
      status: 200,
      json: { id: i.id, connected: true, phone: '5511988887777' },
    });

    expect((await call(sandbox.url, 'GET', instancePath(i, '/status'))).json).toEqual({
      connected: true,
      error: null,
      smartphoneConnected: true,
    });
    expect((await call(sandbox.url, 'GET', instancePath(i, '/me'))).json).toMatchObject({
      id: i.id,
      connected: true,
      phone: '5511988887777',
      connectedCallbackUrl: `${hooks.url}/connected`,
    });
    const list = await call(sandbox.url, 'GET', '/instances', partner());
    expect((list.json as { content: unknown[] }).content).toEqual([
      expect.objectContaining({ id: i.id, whatsappConnected: true, phoneConnected: true }),
    ]);
    for (const qr of ['/qr-code/image', '/qr-code']) {
      expect((await call(sandbox.url, 'GET', instancePath(i, qr))).json).toEqual({
        connected: true,
        error: 'You are already connected.',
      });
    }

    await expect.poll(() => hooks.received.length).toBe(1);
    expect(hooks.received[0]).toMatchObject({
      path: '/connected',
      headers: { 'content-type': 'application/json' },
      body: {
        type: 'ConnectedCallback',
        connected: true,
        phone: '5511988887777',
        momment: clock,
        instanceId: i.id,
      },
    });
  });

  it('connects a phone derived from the id when the body has none, and only once', async () => {
    const i = await withHooks();
    expect((await connect(i.id)).json).toMatchObject({ phone: phoneFor(i.id) });
    expect((await connect(i.id, {})).status).toBe(200);
    await sandbox.callbacksSettled();
    expect(hooks.received).toHaveLength(1);
  });

  it('disconnects: the status shows it, QR codes come back, DisconnectedCallback sent', async () => {
    const i = await withHooks();
    await connect(i.id);
    expect((await disconnect(i.id)).json).toEqual({ id: i.id, connected: false });
    expect((await call(sandbox.url, 'GET', instancePath(i, '/status'))).json).toMatchObject({
      connected: false,
    });
    const qr = await call(sandbox.url, 'GET', instancePath(i, '/qr-code/image'));
    expect((qr.json as { value: string }).value).toMatch(/^data:image\/png;base64,/);
    await expect
      .poll(() => hooks.received.map((r) => r.body.type))
      .toEqual(['ConnectedCallback', 'DisconnectedCallback']);
    expect(hooks.received[1]?.body).toEqual({
      type: 'DisconnectedCallback',
      disconnected: true,
      error: 'Device has been disconnected',
      momment: clock,
      instanceId: i.id,
    });
  });

  it('writes momment in seconds when the sandbox writes dates so', async () => {
    await sandbox.close();
    sandbox = await startSandbox({ now: () => clock, dateFormat: 'seconds' });
    const i = await withHooks();
    await connect(i.id);
    await expect.poll(() => hooks.received[0]?.body.momment).toBe(clock / 1000);
  });

  it('takes the partner token only, and names what is wrong', async () => {
    const i = await create();
    const path = `/__sandbox/instances/${i.id}/connect`;
    expect((await call(sandbox.url, 'POST', path)).status).toBe(401);
    expect((await call(sandbox.url, 'POST', path, { token: 'wrong' })).status).toBe(401);
    expect((await connect('UNKNOWN')).status).toBe(404);
    expect(await connect(i.id, { phone: '+55 11' })).toMatchObject({
      status: 400,
      json: { error: 'phone must be international digits only (5511999999999)' },
    });
    expect((await connect(i.id, { phone: '5511988887777', extra: 1 })).json).toMatchObject({
      error: 'extra is not a known field',
    });
    expect(sandbox.instances.get(i.id)?.whatsappConnected).toBe(false);
  });

  it('the embedded sandbox does the same in process', async () => {
    const i = await withHooks();
    expect(sandbox.connectInstance(i.id, '5521977776666')).toBe(true);
    expect(sandbox.disconnectInstance(i.id)).toBe(true);
    expect(sandbox.connectInstance('UNKNOWN')).toBe(false);
    await sandbox.callbacksSettled();
    expect(hooks.received.map((r) => r.body.type)).toEqual([
      'ConnectedCallback',
      'DisconnectedCallback',
    ]);
    expect(sandbox.callbacks.map((c) => c.status)).toEqual([200, 200]);
  });

  it('sends nothing to an instance without webhooks, nor to plain http off loopback', async () => {
    const i = await create();
    sandbox.instances.get(i.id)!.attributes.connectedCallbackUrl = 'http://hooks.example/c';
    await connect(i.id);
    await sandbox.callbacksSettled();
    expect(sandbox.callbacks).toEqual([]);
  });
});

describe('instance calls', () => {
  it('restart answers {value: true} and keeps the phone connected', async () => {
    const i = await create();
    await connect(i.id);
    expect((await call(sandbox.url, 'GET', instancePath(i, '/restart'))).json).toEqual({
      value: true,
    });
    expect(sandbox.instances.get(i.id)?.whatsappConnected).toBe(true);
  });

  it('GET /disconnect disconnects the phone, with a DisconnectedCallback', async () => {
    const i = await withHooks();
    await connect(i.id);
    expect((await call(sandbox.url, 'GET', instancePath(i, '/disconnect'))).json).toEqual({
      value: true,
    });
    expect(sandbox.instances.get(i.id)?.whatsappConnected).toBe(false);
    await expect.poll(() => hooks.received.at(-1)?.body.type).toBe('DisconnectedCallback');
  });

  it('/me answers the instance data, dates in the sandbox form', async () => {
    const i = await create({ callRejectAuto: true, callRejectMessage: 'busy' });
    expect((await call(sandbox.url, 'GET', instancePath(i, '/me'))).json).toMatchObject({
      id: i.id,
      token: i.token,
      name: 'phone',
      created: clock,
      connected: false,
      phone: null,
      paymentStatus: 'TRIAL',
      callRejectAuto: true,
      callRejectMessage: 'busy',
      receiveCallbackSentByMe: false,
      receivedCallbackUrl: null,
    });
  });

  it('changes one webhook, every webhook, and the sent-by-me flag; https or loopback only', async () => {
    const i = await create();
    const put = (route: string, body: unknown) =>
      call(sandbox.url, 'PUT', instancePath(i, `/${route}`), { body });
    expect(
      (await put('update-webhook-chat-presence', { value: 'https://h.example/p' })).json,
    ).toEqual({ value: true });
    expect(await put('update-webhook-received', { value: 'http://h.example/r' })).toMatchObject({
      status: 400,
      json: { error: 'only https webhooks are accepted' },
    });
    expect((await put('update-webhook-nope', { value: 'https://h.example' })).status).toBe(404);
    expect((await put('update-webhook-received', { value: `${hooks.url}/r` })).status).toBe(200);
    let me = (await call(sandbox.url, 'GET', instancePath(i, '/me'))).json;
    expect(me).toMatchObject({
      presenceChatCallbackUrl: 'https://h.example/p',
      receivedCallbackUrl: `${hooks.url}/r`,
    });

    await put('update-every-webhooks', { value: 'https://h.example/all', notifySentByMe: true });
    me = (await call(sandbox.url, 'GET', instancePath(i, '/me'))).json;
    expect(me).toMatchObject({
      receivedCallbackUrl: 'https://h.example/all',
      connectedCallbackUrl: 'https://h.example/all',
      messageStatusCallbackUrl: 'https://h.example/all',
      receiveCallbackSentByMe: true,
    });
    expect((await put('update-notify-sent-by-me', { notifySentByMe: false })).status).toBe(200);
    me = (await call(sandbox.url, 'GET', instancePath(i, '/me'))).json;
    expect(me).toMatchObject({ receiveCallbackSentByMe: false });
  });

  it('rotates the QR code at the interval it is given', async () => {
    await sandbox.close();
    sandbox = await startSandbox({ now: () => clock, qrRotationMs: 1_000 });
    const i = await create();
    const qr = async () =>
      (
        (await call(sandbox.url, 'GET', instancePath(i, '/qr-code/image'))).json as {
          value: string;
        }
      ).value;
    const first = await qr();
    clock += 500;
    expect(await qr()).toBe(first);
    clock += 600;
    expect(await qr()).not.toBe(first);
  });
});
