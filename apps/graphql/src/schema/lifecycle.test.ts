import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CREATE, KEYS, startGateway, type Gateway } from '../../test/harness.js';

let g: Gateway;
beforeEach(async () => {
  g = await startGateway();
});
afterEach(() => g.close());

async function create(name: string, extra: Record<string, unknown> = {}) {
  const res = await g.gql(CREATE, { input: { name, ...extra } });
  return (res.body.data?.createInstance as { instance: { id: string; token: string } }).instance;
}

describe('queries', () => {
  it('lists, pages, searches and filters instances, with their callback URLs', async () => {
    await create('Loja A', { receivedCallbackUrl: 'https://hooks.example/a' });
    await create('Loja B', { isDevice: true });
    const res = await g.gql(
      `{ instances(pageSize: 1, query: "loja") { total totalPages page pageSize items { name middleware sandbox paymentStatus callbackUrls { receivedCallbackUrl deliveryCallbackUrl } } } }`,
    );
    expect(res.body.data?.instances).toEqual({
      total: 2,
      totalPages: 2,
      page: 1,
      pageSize: 1,
      items: [
        {
          name: 'Loja A',
          middleware: 'web',
          sandbox: true,
          paymentStatus: 'TRIAL',
          callbackUrls: {
            receivedCallbackUrl: 'https://hooks.example/a',
            deliveryCallbackUrl: null,
          },
        },
      ],
    });
    const mobile = await g.gql('{ instances(middleware: mobile) { items { name } } }');
    expect(mobile.body.data?.instances).toEqual({ items: [{ name: 'Loja B' }] });
  });

  it('refuses a bad page size with ZAPI_INVALID_INPUT naming it', async () => {
    const res = await g.gql('{ instances(pageSize: 500) { total } }');
    expect(res.body.errors?.[0]).toMatchObject({
      message: 'pageSize must be at most 100',
      extensions: { code: 'ZAPI_INVALID_INPUT' },
    });
    expect(g.sandbox.count()).toBe(0);
  });

  it('finds one instance by id, its status and its QR code, without the frontend holding a token', async () => {
    const a = await create('qr');
    const res = await g.gql(
      `query ($id: ID!) { instance(id: $id) { id name due } instanceStatus(id: $id) { connected smartphoneConnected error } instanceQrCode(id: $id) { connected image } }`,
      { id: a.id },
    );
    expect(res.body.data?.instance).toMatchObject({ id: a.id, name: 'qr' });
    expect(res.body.data?.instanceStatus).toEqual({
      connected: false,
      smartphoneConnected: false,
      error: 'You are not connected.',
    });
    expect(res.body.data?.instanceQrCode).toMatchObject({
      connected: false,
      image: expect.stringMatching(/^data:image\/png;base64,/),
    });
    const none = await g.gql(
      '{ instance(id: "NOPE") { id } instanceStatus(id: "NOPE") { connected } }',
    );
    expect(none.body.data).toEqual({ instance: null, instanceStatus: null });
  });

  it('hides the token from keys without the token scope', async () => {
    const a = await create('x');
    const res = await g.gql(
      'query ($id: ID!) { instance(id: $id) { name token } }',
      { id: a.id },
      KEYS.write,
    );
    expect(res.body.data?.instance).toEqual({ name: 'x', token: null });
    expect(res.body.errors).toBeUndefined();
    expect(res.text).not.toContain(a.token);
  });
});

describe('lifecycle mutations by id', () => {
  it('subscribe (with calls), enable calls and cancel, the gateway finding the token itself', async () => {
    const a = await create('ciclo');
    const subscribe = await g.gql(
      'mutation ($id: ID!) { subscribeInstance(id: $id) { instance { id paymentStatus } userErrors { code } } }',
      { id: a.id },
    );
    expect(subscribe.body.data?.subscribeInstance).toEqual({
      instance: { id: a.id, paymentStatus: 'PAID' },
      userErrors: [],
    });
    const calls = await g.gql(
      'mutation ($id: ID!) { enableCalls(id: $id) { instance { id } userErrors { code } } }',
      { id: a.id },
    );
    expect(calls.body.data?.enableCalls).toEqual({ instance: { id: a.id }, userErrors: [] });
    expect(g.sandbox.instances.find(a.id, a.token)).toMatchObject({ withCalls: true });
    const cancel = await g.gql(
      'mutation ($id: ID!) { cancelInstance(id: $id) { instance { paymentStatus } userErrors { code } } }',
      { id: a.id },
    );
    expect(cancel.body.data?.cancelInstance).toEqual({
      instance: { paymentStatus: 'CANCELED' },
      userErrors: [],
    });
    const subscribeRequest = g.sandbox.requests.find((r) => r.route === 'subscribe');
    expect(subscribeRequest?.body).toEqual({ withCalls: false });
  });

  it('answers an unknown id with a userError, sending no paid call', async () => {
    const res = await g.gql(
      'mutation { subscribeInstance(id: "NOPE", withCalls: true) { instance { id } userErrors { field message code } } }',
    );
    expect(res.body.data?.subscribeInstance).toEqual({
      instance: null,
      userErrors: [
        {
          field: ['id'],
          message: 'id "NOPE" is not an instance of this partner',
          code: 'ZAPI_NOT_FOUND',
        },
      ],
    });
    expect(g.sandbox.count('subscribe')).toBe(0);
  });

  it('maps an upstream refusal to its code', async () => {
    const a = await create('sem assinatura');
    const res = await g.gql('mutation ($id: ID!) { enableCalls(id: $id) { instance { id } } }', {
      id: a.id,
    });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'ZAPI_REJECTED', status: 400 });
  });
});
