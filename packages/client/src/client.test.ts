import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CANARY_CLIENT_TOKEN,
  CANARY_PARTNER_TOKEN,
  rejectionOf,
  startHarness,
  type Harness,
} from '../test/fixtures.js';
import { createZapiClient } from './client.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('createInstance against the sandbox', () => {
  it('creates an instance and normalises its due date', async () => {
    const before = Date.now();
    const created = await h.client.createInstance({
      name: '  Loja Centro ',
      receivedCallbackUrl: 'https://hooks.example/in',
    });
    expect(created.id).toMatch(/^[0-9A-F]{32}$/);
    expect(created.token).toMatch(/^[0-9A-F]{24}$/);
    expect(created.due).toBeInstanceOf(Date);
    expect(created.due!.getTime() - before).toBeGreaterThan(47 * 3600_000);
    expect(h.sandbox.count('create')).toBe(1);
    const [sent] = h.sandbox.requests;
    expect(sent?.body).toEqual({
      name: 'Loja Centro',
      receivedCallbackUrl: 'https://hooks.example/in',
    });
    expect(sent?.headers['content-type']).toBe('application/json');
  });

  it('sends nothing when the input is invalid, and names every bad field', async () => {
    const error = await rejectionOf(
      h.client.createInstance({
        name: '',
        receivedCallbackUrl: 'http://hooks.example',
        bogus: 1,
      } as never),
    );
    expect(error).toMatchObject({
      code: 'ZAPI_INVALID_INPUT',
      problems: [
        { path: ['name'], message: 'name must not be empty' },
        {
          path: ['receivedCallbackUrl'],
          // The sandbox is on loopback, where plain http to loopback is also accepted.
          message:
            'receivedCallbackUrl must be an https:// URL (plain http only to a loopback address)',
        },
        { path: ['bogus'], message: 'bogus is not a known field' },
      ],
    });
    expect(error.message).toContain('receivedCallbackUrl must be an https:// URL');
    expect(h.sandbox.count()).toBe(0);
  });

  it('maps a 401 from a wrong partner token', async () => {
    const other = createZapiClient({
      partnerToken: 'not-the-token',
      clientToken: 'CANARY-client-2d8e4b6a0f',
      baseUrl: h.sandbox.url,
    });
    const error = await rejectionOf(other.createInstance({ name: 'x' }));
    expect(error).toMatchObject({ code: 'ZAPI_UNAUTHORIZED', status: 401, retryable: false });
    await other.close();
  });

  it.each([
    [405, 'ZAPI_METHOD_NOT_ALLOWED'],
    [415, 'ZAPI_UNSUPPORTED_MEDIA_TYPE'],
    [400, 'ZAPI_REJECTED'],
    [409, 'ZAPI_REJECTED'],
    [404, 'ZAPI_NOT_FOUND'],
    [403, 'ZAPI_FORBIDDEN'],
  ])('maps a %i to %s, sent once, with Z-API message', async (status, code) => {
    h.sandbox.faults.inject({
      route: 'create',
      fault: { kind: 'status', status, body: { error: 'nope from Z-API' } },
    });
    const error = await rejectionOf(h.client.createInstance({ name: 'x' }));
    expect(error).toMatchObject({ code, status, zapiMessage: 'nope from Z-API', retryable: false });
    expect(h.sandbox.count('create')).toBe(1);
  });
});

describe('lifecycle against the sandbox', () => {
  it('lists, finds by name, subscribes, adds calls, cancels, and reads status and QR code', async () => {
    const a = await h.client.createInstance({ name: 'Loja A' });
    await h.client.createInstance({ name: 'Loja AB' });
    await h.client.createInstance({ name: 'Outra', isDevice: true });

    const page = await h.client.listInstances({ pageSize: 2 });
    // The gateway's page shape; Z-API's own is under raw.
    expect(Object.keys(page).sort()).toEqual(['items', 'page', 'pageSize', 'total', 'totalPages']);
    expect(page).toMatchObject({ total: 3, totalPages: 2, page: 1, pageSize: 2 });
    expect(page.items).toHaveLength(2);
    const raw = await h.client.raw.listInstances({ pageSize: 2 });
    expect(raw).toMatchObject({ total: 3, totalPage: 2, page: 1, pageSize: 2 });
    expect(raw.content.map((i) => i.id)).toEqual(page.items.map((i) => i.id));
    expect(
      (await h.client.listInstances({ middleware: 'mobile' })).items.map((i) => i.name),
    ).toEqual(['Outra']);

    const found = await h.client.findInstancesByName(' Loja A ');
    expect(found.map((i) => i.id)).toEqual([a.id]);

    await h.client.subscribeInstance(a, { withCalls: false });
    await h.client.enableCalls(a);
    expect(h.sandbox.instances.find(a.id, a.token)).toMatchObject({
      paymentStatus: 'PAID',
      withCalls: true,
    });
    await h.client.cancelInstance(a);
    expect(h.sandbox.instances.find(a.id, a.token)).toMatchObject({ paymentStatus: 'CANCELED' });

    expect(await h.client.getInstanceStatus(a)).toMatchObject({
      connected: false,
      smartphoneConnected: false,
    });
    const qr = await h.client.getQrCode(a);
    expect(qr).toMatchObject({
      connected: false,
      image: expect.stringMatching(/^data:image\/png;base64,/),
    });
    h.sandbox.connectInstance(a.id);
    expect(await h.client.getQrCode(a)).toEqual({ connected: true });
    expect(await h.client.getInstanceStatus(a)).toMatchObject({ connected: true });
  });

  it('uses the configured add-calls path', async () => {
    await h.close();
    h = await startHarness({
      updatePath: '/instances/{id}/token/{token}/integrator/on-demand/subscription/update',
    });
    const a = await h.client.createInstance({ name: 'x' });
    await h.client.subscribeInstance(a);
    await h.client.enableCalls(a);
    expect(h.sandbox.requests.at(-1)?.path).toBe(
      `/instances/${a.id}/token/${a.token}/integrator/on-demand/subscription/update`,
    );
  });

  it('acts on an instance by id alone, finding its token through the partner list', async () => {
    const fresh = createZapiClient({
      partnerToken: CANARY_PARTNER_TOKEN,
      clientToken: CANARY_CLIENT_TOKEN,
      baseUrl: h.sandbox.url,
    });
    const other = await h.client.createInstance({ name: 'por id' });
    try {
      // Created by another client: this one finds the token with one list call, then reuses it.
      const before = h.sandbox.count('list');
      expect(await fresh.getInstanceStatus(other.id)).toMatchObject({ connected: false });
      // The connection calls too.
      expect(await fresh.getInstanceData(other.id)).toMatchObject({ id: other.id });
      await fresh.subscribeInstance(other.id, { withCalls: true });
      expect(h.sandbox.requests.at(-1)?.path).toBe(
        `/instances/${other.id}/token/${other.token}/integrator/on-demand/subscription`,
      );
      expect(h.sandbox.count('list')).toBe(before + 1);
      // The subscribe dropped the cached listing: the next lookup shows the new state.
      expect(await fresh.findInstance(other.id)).toMatchObject({ paymentStatus: 'PAID' });
      await fresh.cancelInstance(other.id);
      expect(h.sandbox.instances.find(other.id, other.token)).toMatchObject({
        paymentStatus: 'CANCELED',
      });

      const sentBefore = h.sandbox.requests.length;
      const unknown = await rejectionOf(fresh.enableCalls('NOPE'));
      expect(unknown).toMatchObject({ code: 'ZAPI_NOT_FOUND', operation: 'enableCalls' });
      // Only the lookup went out, never the paid call.
      expect(h.sandbox.requests.slice(sentBefore).map((r) => r.route)).toEqual(['list']);
    } finally {
      await fresh.close();
    }
  });

  it('acts by id right after its own create, with no lookup', async () => {
    const created = await h.client.createInstance({ name: 'recém criada' });
    const before = h.sandbox.count('list');
    await h.client.subscribeInstance(created.id);
    expect(h.sandbox.count('list')).toBe(before);
    expect(h.sandbox.instances.find(created.id, created.token)).toMatchObject({
      paymentStatus: 'PAID',
    });
  });

  it('reports an unknown instance or a wrong token as ZAPI_NOT_FOUND', async () => {
    const a = await h.client.createInstance({ name: 'x' });
    const error = await rejectionOf(h.client.getInstanceStatus({ id: a.id, token: 'WRONGTOKEN' }));
    expect(error).toMatchObject({ code: 'ZAPI_NOT_FOUND', status: 404 });
    const subscribe = await rejectionOf(h.client.subscribeInstance({ id: 'NOPE', token: a.token }));
    expect(subscribe).toMatchObject({ code: 'ZAPI_NOT_FOUND' });
  });

  it('refuses credentials that would change the path, before sending', async () => {
    const error = await rejectionOf(h.client.cancelInstance({ id: '../../instances', token: 'x' }));
    expect(error).toMatchObject({ code: 'ZAPI_INVALID_INPUT', problems: [{ path: ['id'] }] });
    expect(h.sandbox.count()).toBe(0);
  });

  it('refuses a bad list query before sending', async () => {
    const error = await rejectionOf(h.client.listInstances({ pageSize: 500 }));
    expect(error).toMatchObject({
      code: 'ZAPI_INVALID_INPUT',
      message: 'pageSize must be at most 100',
    });
    expect(h.sandbox.count()).toBe(0);
  });

  it('reports a 2xx that breaks the promised shape as ZAPI_BAD_RESPONSE', async () => {
    h.sandbox.faults.inject({
      route: 'list',
      fault: { kind: 'status', status: 200, body: { total: 'many' } },
    });
    expect(await rejectionOf(h.client.listInstances())).toMatchObject({
      code: 'ZAPI_BAD_RESPONSE',
      status: 200,
    });
    h.sandbox.faults.inject({
      route: 'cancel',
      fault: { kind: 'status', status: 201, body: 'NOT OK' },
    });
    const a = await h.client.createInstance({ name: 'x' });
    expect(await rejectionOf(h.client.cancelInstance(a))).toMatchObject({
      code: 'ZAPI_BAD_RESPONSE',
    });
  });

  it('sends the partner token only to integrator endpoints', async () => {
    const a = await h.client.createInstance({ name: 'x' });
    await h.client.getInstanceStatus(a);
    await h.client.subscribeInstance(a);
    const auth = h.sandbox.requests.map((r) => [r.route, r.headers.authorization !== undefined]);
    expect(auth).toEqual([
      ['create', true],
      ['status', false],
      ['subscribe', true],
    ]);
    expect(
      h.sandbox.requests.every((r) => r.headers['client-token'] === 'CANARY-client-2d8e4b6a0f'),
    ).toBe(true);
  });
});

describe('options', () => {
  it('refuses bad options at once, naming each option and never echoing its value', () => {
    expect(() => createZapiClient({ partnerToken: '' })).toThrow('partnerToken must not be empty');
    expect(() => createZapiClient({ partnerToken: 't', baseUrl: 'ftp://x' })).toThrow(
      'baseUrl must be an http(s) URL',
    );
    expect(() =>
      createZapiClient({ partnerToken: 't', baseUrl: 'https://u:CANARY-pw@x.example' }),
    ).toThrow(/^(?!.*CANARY).*baseUrl must not contain a user name or password/);
    expect(() => createZapiClient({ partnerToken: 't', timeoutMs: 0 })).toThrow('timeoutMs');
    expect(() => createZapiClient({ partnerToken: 't', updatePath: '/no/placeholders' })).toThrow(
      'updatePath',
    );
  });

  it('serves white-label hosts under a path prefix', async () => {
    const prefixed = createZapiClient({
      partnerToken: 'CANARY-partner-7f3a9c1e5b',
      clientToken: 'CANARY-client-2d8e4b6a0f',
      baseUrl: `${h.sandbox.url}/`,
    });
    await prefixed.listInstances();
    expect(h.sandbox.requests.at(-1)?.path).toBe('/instances?page=1&pageSize=20');
    await prefixed.close();
  });
});
