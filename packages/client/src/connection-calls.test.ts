// Restart, disconnect, pairing code, /me and webhook updates: against the sandbox over real HTTP
// (its simulated phone driven through its control path), and against scripted answers Z-API may
// give that the sandbox does not.
import { startWebhookReceiver, type WebhookReceiver } from '@zapikit/sandbox/testing';
import { MockAgent, request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CANARY_PARTNER_TOKEN, rejectionOf, startHarness, type Harness } from '../test/fixtures.js';
import { createZapiClient } from './client.js';

let h: Harness;
let hooks: WebhookReceiver;
beforeEach(async () => {
  h = await startHarness();
  hooks = await startWebhookReceiver();
});
afterEach(async () => {
  await h.close();
  await hooks.close();
});

/** A request to the sandbox's control path, as another tool would send it. */
async function control(path: string, body?: unknown) {
  const res = await request(`${h.sandbox.url}/__sandbox${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${CANARY_PARTNER_TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  await res.body.dump();
  return { status: res.statusCode };
}

describe('the connect flow against the sandbox', () => {
  it('sees the phone connect in status, /me and the list, gets the callback, and no QR code', async () => {
    // The sandbox is on loopback, so the client sends plain http webhooks to loopback too.
    const created = await h.client.createInstance({
      name: 'Loja conectada',
      connectedCallbackUrl: `${hooks.url}/connected`,
      disconnectedCallbackUrl: `${hooks.url}/disconnected`,
    });
    expect(await h.client.getQrCode(created)).toMatchObject({ connected: false });
    expect(await h.client.getInstanceData(created)).toMatchObject({ connected: false });

    const res = await control(`/instances/${created.id}/connect`, { phone: '5511987654321' });
    expect(res.status).toBe(200);

    expect(await h.client.getInstanceStatus(created)).toMatchObject({ connected: true });
    expect(await h.client.getInstanceData(created)).toMatchObject({
      id: created.id,
      name: 'Loja conectada',
      connected: true,
      paymentStatus: 'TRIAL',
      due: created.due,
      connectedCallbackUrl: `${hooks.url}/connected`,
    });
    const page = await h.client.listInstances();
    expect(page.items[0]).toMatchObject({ whatsappConnected: true, phoneConnected: true });
    expect(await h.client.getQrCode(created)).toEqual({ connected: true });
    await expect
      .poll(() => hooks.received[0]?.body)
      .toMatchObject({
        type: 'ConnectedCallback',
        phone: '5511987654321',
        instanceId: created.id,
      });

    await h.client.disconnectInstance(created);
    expect(await h.client.getInstanceStatus(created)).toMatchObject({ connected: false });
    await expect.poll(() => hooks.received.at(-1)?.body.type).toBe('DisconnectedCallback');
  });

  it('restarts, and asks a pairing code for a phone given in any usual form', async () => {
    const created = await h.client.createInstance({ name: 'r' });
    await h.client.restartInstance(created);
    expect(h.sandbox.count('restart')).toBe(1);
    const code = await h.client.getPairingCode(created, '+55 (11) 98765-4321');
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(h.sandbox.requests.at(-1)?.path).toBe(
      `/instances/${created.id}/token/${created.token}/phone-code/5511987654321`,
    );
    // The token never shows in what the client logs.
    expect(h.logs.join('\n')).not.toContain(created.token);
  });

  it('refuses a phone that is not one before sending anything', async () => {
    const created = await h.client.createInstance({ name: 'p' });
    const error = await rejectionOf(h.client.getPairingCode(created, '12'));
    expect(error).toMatchObject({ code: 'ZAPI_INVALID_INPUT', problems: [{ path: ['phone'] }] });
    expect(h.sandbox.count('phone-code')).toBe(0);
  });

  it('a fault rule set over HTTP applies to the client, with its usual error', async () => {
    const created = await h.client.createInstance({ name: 'f' });
    const added = await control('/faults', {
      route: 'restart',
      fault: { kind: 'status', status: 500, body: { error: 'restart failed' } },
    });
    expect(added.status).toBe(201);
    const error = await rejectionOf(h.client.restartInstance(created));
    // A restart that may have reached Z-API is not sent again.
    expect(error).toMatchObject({ code: 'ZAPI_UPSTREAM_ERROR', zapiMessage: 'restart failed' });
    expect(h.sandbox.count('restart')).toBe(1);

    await control('/faults', {
      route: 'disconnect',
      times: 1,
      fault: { kind: 'status', status: 503 },
    });
    await h.client.disconnectInstance(created);
    expect(h.sandbox.count('disconnect')).toBe(2);
  });
});

describe('webhook updates against the sandbox', () => {
  it('changes each webhook given, in one call each, and the flag', async () => {
    const created = await h.client.createInstance({ name: 'w' });
    await h.client.updateWebhooks(created, {
      receivedCallbackUrl: 'https://hooks.example/in',
      presenceChatCallbackUrl: 'https://hooks.example/presence',
      notifySentByMe: true,
    });
    expect(h.sandbox.count('update-webhook')).toBe(2);
    expect(h.sandbox.count('update-notify-sent-by-me')).toBe(1);
    expect(await h.client.getInstanceData(created)).toMatchObject({
      receivedCallbackUrl: 'https://hooks.example/in',
      presenceChatCallbackUrl: 'https://hooks.example/presence',
      receiveCallbackSentByMe: true,
    });

    await h.client.updateWebhook(created, 'disconnectedCallbackUrl', 'https://hooks.example/off');
    await h.client.updateEveryWebhook(created, { value: 'https://hooks.example/all' });
    const data = await h.client.getInstanceData(created);
    expect(data.disconnectedCallbackUrl).toBe('https://hooks.example/all');
    expect(h.sandbox.requests.at(-2)?.body).toEqual({ value: 'https://hooks.example/all' });
  });

  it('sends nothing when any URL is not https, and names each bad field', async () => {
    const created = await h.client.createInstance({ name: 'w' });
    const before = h.sandbox.count();
    const error = await rejectionOf(
      h.client.updateWebhooks(created, {
        receivedCallbackUrl: 'https://hooks.example/in',
        connectedCallbackUrl: 'http://hooks.example/c',
      }),
    );
    expect(error).toMatchObject({
      code: 'ZAPI_INVALID_INPUT',
      problems: [
        {
          message:
            'connectedCallbackUrl must be an https:// URL (plain http only to a loopback address)',
        },
      ],
    });
    const one = await rejectionOf(
      h.client.updateWebhook(created, 'nope' as never, 'https://hooks.example'),
    );
    expect(one).toMatchObject({ code: 'ZAPI_INVALID_INPUT', problems: [{ path: ['webhook'] }] });
    expect(h.sandbox.count()).toBe(before);
  });
});

describe('plain http webhooks to loopback', () => {
  it('are refused, unsent, by a client whose Z-API is not on loopback', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const client = createZapiClient({
      baseUrl: 'https://api.z-api.io',
      partnerToken: CANARY_PARTNER_TOKEN,
      dispatcher: agent,
    });
    const ref = { id: '3C7A1B', token: 'F00DCAFE0123456789ABCDEF' };
    for (const attempt of [
      client.createInstance({ name: 'x', connectedCallbackUrl: 'http://127.0.0.1:4000/hook' }),
      client.updateWebhook(ref, 'connectedCallbackUrl', 'http://localhost:4000/hook'),
      client.updateEveryWebhook(ref, { value: 'http://[::1]:4000/hook' }),
    ]) {
      expect(await rejectionOf(attempt)).toMatchObject({
        code: 'ZAPI_INVALID_INPUT',
        problems: [{ reason: 'must be an https:// URL' }],
      });
    }
    await client.close();
    await agent.close();
  });
});

describe('answers the sandbox does not give', () => {
  const ref = { id: '3C7A1B', token: 'F00DCAFE0123456789ABCDEF' };
  const base = `/instances/${ref.id}/token/${ref.token}`;
  let agent: MockAgent;
  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
  });
  afterEach(async () => {
    agent.assertNoPendingInterceptors();
    await agent.close();
  });
  const client = () =>
    createZapiClient({
      partnerToken: CANARY_PARTNER_TOKEN,
      dispatcher: agent,
      retry: { maxRetries: 0 },
    });

  it('reads the pairing code from `value` too', async () => {
    agent
      .get('https://api.z-api.io')
      .intercept({ path: `${base}/phone-code/5511999999999`, method: 'GET' })
      .reply(200, { value: 'WXYZ-1234' });
    expect(await client().getPairingCode(ref, '5511999999999')).toBe('WXYZ-1234');
  });

  it('fails a pairing code answer without a code, as a bad response', async () => {
    agent
      .get('https://api.z-api.io')
      .intercept({ path: `${base}/phone-code/5511999999999`, method: 'GET' })
      .reply(200, { something: 'else' });
    const error = await rejectionOf(client().getPairingCode(ref, '5511999999999'));
    expect(error).toMatchObject({ code: 'ZAPI_BAD_RESPONSE' });
    expect(error.message).toContain('code is required');
  });

  it('takes {value: false} as Z-API refusing, and an unreadable value as done', async () => {
    const pool = agent.get('https://api.z-api.io');
    pool.intercept({ path: `${base}/restart`, method: 'GET' }).reply(200, { value: false });
    pool
      .intercept({ path: `${base}/update-webhook-received`, method: 'PUT' })
      .reply(200, { value: 'sure' });
    const error = await rejectionOf(client().restartInstance(ref));
    expect(error).toMatchObject({ code: 'ZAPI_REJECTED', operation: 'restartInstance' });
    await client().updateWebhook(ref, 'receivedCallbackUrl', 'https://hooks.example/in');
  });

  it('reads /me with fields missing, unreadable or unknown', async () => {
    agent
      .get('https://api.z-api.io')
      .intercept({ path: `${base}/me`, method: 'GET' })
      .reply(200, { connected: 'yes?', due: '1764000000', paymentStatus: 'PAID', novo: [1] });
    expect(await client().getInstanceData(ref)).toMatchObject({
      connected: null,
      due: new Date(1_764_000_000_000),
      paymentStatus: 'PAID',
      novo: [1],
    });
  });
});
