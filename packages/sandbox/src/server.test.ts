import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../test/http.js';
import { startSandbox, type Sandbox } from './server.js';
import { TRIAL_MS } from './state.js';

let sandbox: Sandbox;
let clock: number;
const CREATE = '/instances/integrator/on-demand';

beforeEach(async () => {
  clock = Date.UTC(2026, 10, 25, 12);
  sandbox = await startSandbox({ now: () => clock });
});
afterEach(() => sandbox.close());

async function create(name: string, extra: Record<string, unknown> = {}) {
  const res = await call(sandbox.url, 'POST', CREATE, {
    token: sandbox.partnerToken,
    body: { name, ...extra },
  });
  expect(res.status).toBe(200);
  return res.json as { id: string; token: string; due: string };
}

const instancePath = (i: { id: string; token: string }, rest: string) =>
  `/instances/${i.id}/token/${i.token}${rest}`;

describe('create', () => {
  it('answers 200 with id, token and a due two days ahead, as a digit string', async () => {
    const created = await create('Loja Centro');
    expect(created.id).toMatch(/^[0-9A-F]{32}$/);
    expect(created.token).toMatch(/^[0-9A-F]{24}$/);
    expect(created.due).toBe(String(clock + TRIAL_MS));
    expect(sandbox.count('create')).toBe(1);
  });

  it('answers due as a number when asked to, as newer docs show', async () => {
    await sandbox.close();
    sandbox = await startSandbox({ createDueFormat: 'number', now: () => clock });
    expect((await create('n')).due).toBe(clock + TRIAL_MS);
  });

  it.each([
    ['millis', String(Date.UTC(2026, 10, 27, 12)), Date.UTC(2026, 10, 25, 12)],
    ['seconds', String(Date.UTC(2026, 10, 27, 12) / 1000), Date.UTC(2026, 10, 25, 12) / 1000],
    ['iso', '2026-11-27T12:00:00.000Z', '2026-11-25T12:00:00.000Z'],
    ['empty', '', ''],
  ] as const)(
    'writes the dates of create and list in the %s form when asked to',
    async (dateFormat, due, created) => {
      await sandbox.close();
      sandbox = await startSandbox({ dateFormat, now: () => clock });
      expect((await create('dated')).due).toBe(due);
      const res = await call(sandbox.url, 'GET', '/instances', { token: sandbox.partnerToken });
      const [item] = (res.json as { content: Record<string, unknown>[] }).content;
      // The list writes epoch forms as numbers, as Z-API's list page does.
      const listed = (value: string) => (/^\d+$/.test(value) ? Number(value) : value);
      expect(item).toMatchObject({ created, due: listed(due) });
    },
  );

  it('refuses a webhook that is not https with 400, and creates nothing', async () => {
    const res = await call(sandbox.url, 'POST', CREATE, {
      token: sandbox.partnerToken,
      body: { name: 'x', receivedCallbackUrl: 'http://hooks.example/in' },
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: 'receivedCallbackUrl: only https webhooks are accepted' });
    expect(sandbox.instances.all()).toHaveLength(0);
  });

  it('refuses a body without a name, or that is not JSON', async () => {
    expect(
      (await call(sandbox.url, 'POST', CREATE, { token: sandbox.partnerToken, body: {} })).status,
    ).toBe(400);
    const notJson = await call(sandbox.url, 'POST', CREATE, {
      token: sandbox.partnerToken,
      body: '{nope',
    });
    expect(notJson).toMatchObject({ status: 400, json: { error: 'Invalid JSON body' } });
  });
});

describe("Z-API's documented errors", () => {
  it('405 on a wrong method', async () => {
    const res = await call(sandbox.url, 'GET', CREATE, { token: sandbox.partnerToken });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
  });

  it('415 without a JSON content type', async () => {
    const res = await call(sandbox.url, 'POST', CREATE, {
      token: sandbox.partnerToken,
      headers: { 'content-type': 'text/plain' },
      body: '{"name":"x"}',
    });
    expect(res.status).toBe(415);
  });

  it('401 on an absent or wrong bearer token', async () => {
    expect((await call(sandbox.url, 'POST', CREATE, { body: { name: 'x' } })).status).toBe(401);
    expect((await call(sandbox.url, 'GET', '/instances', { token: 'wrong' })).status).toBe(401);
    expect(sandbox.instances.all()).toHaveLength(0);
  });

  it('404 on an unknown instance or a wrong token', async () => {
    const created = await create('a');
    const wrongToken = { id: created.id, token: 'NOTTHETOKEN' };
    const unknown = { id: 'UNKNOWN', token: created.token };
    for (const target of [wrongToken, unknown]) {
      const res = await call(sandbox.url, 'GET', instancePath(target, '/status'));
      expect(res).toMatchObject({ status: 404, json: { error: 'Instance not found' } });
    }
  });

  it('404 on a path Z-API does not have', async () => {
    expect((await call(sandbox.url, 'GET', '/nope', { token: sandbox.partnerToken })).status).toBe(
      404,
    );
  });

  it('413 on a body over 1 MiB', async () => {
    const res = await call(sandbox.url, 'POST', CREATE, {
      token: sandbox.partnerToken,
      body: { name: 'x'.repeat(1024 * 1024 + 1) },
    });
    expect(res.status).toBe(413);
  });

  describe('with an account security token', () => {
    beforeEach(async () => {
      await sandbox.close();
      sandbox = await startSandbox({ clientToken: 'CANARY-client-token' });
    });

    it('400 without the Client-Token header', async () => {
      const res = await call(sandbox.url, 'GET', '/instances', { token: sandbox.partnerToken });
      expect(res).toMatchObject({
        status: 400,
        json: { error: 'your client-token is not configured' },
      });
    });

    it('403 with a wrong one, echoing it back as Z-API does', async () => {
      const res = await call(sandbox.url, 'GET', '/instances', {
        token: sandbox.partnerToken,
        headers: { 'client-token': 'CANARY-wrong' },
      });
      expect(res).toMatchObject({
        status: 403,
        json: { error: 'Client-Token CANARY-wrong not allowed' },
      });
    });

    it('passes with the right one', async () => {
      const res = await call(sandbox.url, 'GET', '/instances', {
        token: sandbox.partnerToken,
        headers: { 'client-token': 'CANARY-client-token' },
      });
      expect(res.status).toBe(200);
    });
  });
});

describe('list', () => {
  it('pages, searches by name or id, and filters by middleware', async () => {
    for (let n = 1; n <= 5; n += 1) await create(`Loja ${n}`, n === 5 ? { isDevice: true } : {});
    const other = await create('Outra coisa');
    const page2 = await call(sandbox.url, 'GET', '/instances?page=2&pageSize=2', {
      token: sandbox.partnerToken,
    });
    expect(page2.json).toMatchObject({ total: 6, totalPage: 3, pageSize: 2, page: 2 });
    expect((page2.json as { content: { name: string }[] }).content.map((i) => i.name)).toEqual([
      'Loja 3',
      'Loja 4',
    ]);

    const byName = await call(sandbox.url, 'GET', '/instances?query=loja', {
      token: sandbox.partnerToken,
    });
    expect(byName.json).toMatchObject({ total: 5 });
    const byId = await call(sandbox.url, 'GET', `/instances?query=${other.id}`, {
      token: sandbox.partnerToken,
    });
    expect(byId.json).toMatchObject({
      total: 1,
      content: [{ name: 'Outra coisa', token: other.token }],
    });
    const mobile = await call(sandbox.url, 'GET', '/instances?middleware=mobile', {
      token: sandbox.partnerToken,
    });
    expect(mobile.json).toMatchObject({
      total: 1,
      content: [{ name: 'Loja 5', middleware: 'mobile' }],
    });
  });

  it('lists every field Z-API documents, with the callback URLs sent', async () => {
    await create('Com webhook', { receivedCallbackUrl: 'https://hooks.example/in' });
    const res = await call(sandbox.url, 'GET', '/instances', { token: sandbox.partnerToken });
    const [item] = (res.json as { content: Record<string, unknown>[] }).content;
    expect(item).toMatchObject({
      name: 'Com webhook',
      created: clock,
      due: clock + TRIAL_MS,
      paymentStatus: 'TRIAL',
      receivedCallbackUrl: 'https://hooks.example/in',
      deliveryCallbackUrl: null,
      receivedStatusCallbackUrl: null,
      phoneConnected: false,
      whatsappConnected: false,
      middleware: 'web',
    });
    expect(Object.keys(item ?? {})).toEqual(expect.arrayContaining(['id', 'token', 'tenant']));
  });

  it('deletes a trial nobody subscribed within two days, and keeps a subscribed one', async () => {
    const trial = await create('trial');
    const paid = await create('paid');
    await call(sandbox.url, 'POST', instancePath(paid, '/integrator/on-demand/subscription'), {
      token: sandbox.partnerToken,
      body: {},
    });
    clock += TRIAL_MS;
    const res = await call(sandbox.url, 'GET', '/instances', { token: sandbox.partnerToken });
    expect((res.json as { content: { id: string }[] }).content.map((i) => i.id)).toEqual([paid.id]);
    expect((await call(sandbox.url, 'GET', instancePath(trial, '/status'))).status).toBe(404);
  });
});

describe('subscription lifecycle', () => {
  it('subscribe, add calls on both documented paths, then cancel: 201 OK each', async () => {
    const i = await create('ciclo');
    const post = (rest: string, body: unknown) =>
      call(sandbox.url, 'POST', instancePath(i, rest), { token: sandbox.partnerToken, body });
    const put = (rest: string, body: unknown) =>
      call(sandbox.url, 'PUT', instancePath(i, rest), { token: sandbox.partnerToken, body });

    expect(await put('/integrator/subscription/update', { withCalls: true })).toMatchObject({
      status: 400,
      json: { error: 'Instance is not subscribed' },
    });
    expect(await post('/integrator/on-demand/subscription', { withCalls: false })).toMatchObject({
      status: 201,
      text: 'OK',
    });
    expect(await put('/integrator/subscription/update', { withCalls: true })).toMatchObject({
      status: 201,
      text: 'OK',
    });
    expect(
      await put('/integrator/on-demand/subscription/update', { withCalls: true }),
    ).toMatchObject({ status: 201 });
    expect(await put('/integrator/subscription/update', { withCalls: false })).toMatchObject({
      status: 400,
    });
    expect(await post('/integrator/on-demand/cancel', {})).toMatchObject({
      status: 201,
      text: 'OK',
    });

    const stored = sandbox.instances.find(i.id, i.token);
    expect(stored).toMatchObject({ paymentStatus: 'CANCELED', withCalls: true });
    expect(sandbox.count('update')).toBe(4);
  });

  it('subscribe needs the partner token as well as the instance token', async () => {
    const i = await create('x');
    const res = await call(
      sandbox.url,
      'POST',
      instancePath(i, '/integrator/on-demand/subscription'),
      { body: {} },
    );
    expect(res.status).toBe(401);
  });
});

describe('status and QR code', () => {
  it('reports a new instance disconnected, and connected once its phone scanned', async () => {
    const i = await create('qr');
    expect((await call(sandbox.url, 'GET', instancePath(i, '/status'))).json).toEqual({
      connected: false,
      error: 'You are not connected.',
      smartphoneConnected: false,
    });
    sandbox.connectInstance(i.id);
    expect((await call(sandbox.url, 'GET', instancePath(i, '/status'))).json).toEqual({
      connected: true,
      error: null,
      smartphoneConnected: true,
    });
    expect((await call(sandbox.url, 'GET', instancePath(i, '/qr-code/image'))).json).toEqual({
      connected: true,
      error: 'You are already connected.',
    });
  });

  it('serves a real PNG QR code that rotates every 20 seconds', async () => {
    const i = await create('qr');
    const first = (await call(sandbox.url, 'GET', instancePath(i, '/qr-code/image'))).json as {
      value: string;
    };
    expect(first.value).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(first.value.split(',')[1] ?? '', 'base64');
    expect(png.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(200); // IHDR width

    const same = (await call(sandbox.url, 'GET', instancePath(i, '/qr-code/image'))).json as {
      value: string;
    };
    expect(same.value).toBe(first.value);
    clock += 20_000;
    const next = (await call(sandbox.url, 'GET', instancePath(i, '/qr-code/image'))).json as {
      value: string;
    };
    expect(next.value).not.toBe(first.value);

    const bytes = await call(sandbox.url, 'GET', instancePath(i, '/qr-code'));
    expect(bytes.headers['content-type']).toBe('image/png');
  });

  it('gives a phone pairing code', async () => {
    const i = await create('pair');
    const res = await call(sandbox.url, 'GET', instancePath(i, '/phone-code/5511999999999'));
    expect(res.json).toMatchObject({ code: expect.stringMatching(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/) });
  });
});

describe('memory', () => {
  it('keeps at most maxInstances, forgetting the oldest', async () => {
    await sandbox.close();
    sandbox = await startSandbox({ maxInstances: 2 });
    for (const name of ['a', 'b', 'c']) await create(name);
    expect(sandbox.instances.all().map((i) => i.name)).toEqual(['b', 'c']);
  });
});

describe('requests', () => {
  it('records each request with its route, and counts only the right method per route', async () => {
    await create('a');
    await call(sandbox.url, 'GET', CREATE, { token: sandbox.partnerToken });
    expect(sandbox.requests.map((r) => [r.route, r.method, r.status])).toEqual([
      ['create', 'POST', 200],
      ['create', 'GET', 405],
    ]);
    expect(sandbox.requests[0]?.body).toEqual({ name: 'a' });
    expect(sandbox.count('create')).toBe(1);
    expect(sandbox.count()).toBe(2);
  });

  it('keeps only the most recent requests, but counts all', async () => {
    await sandbox.close();
    sandbox = await startSandbox({ maxRecordedRequests: 2 });
    for (let n = 0; n < 4; n += 1)
      await call(sandbox.url, 'GET', '/instances', { token: sandbox.partnerToken });
    expect(sandbox.requests).toHaveLength(2);
    expect(sandbox.count('list')).toBe(4);
  });
});
