import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CREATE, KEYS, startGateway, type Gateway } from '../../test/harness.js';
import { simulatePhone } from '../../test/simulated-phone.js';
import { INSTANCE_DATA_CALLS_PER_REQUEST } from './instance-data.js';

let g: Gateway;
beforeEach(async () => {
  g = await startGateway();
});
afterEach(() => g.close());

async function create(name: string, extra: Record<string, unknown> = {}) {
  const res = await g.gql(CREATE, { input: { name, ...extra } });
  return (res.body.data?.createInstance as { instance: { id: string; token: string } }).instance;
}

const ME_FIELDS =
  'connected callRejectAuto callRejectMessage autoReadMessage webhooks { receivedCallbackUrl connectedCallbackUrl notifySentByMe }';

describe("the instance's /me data", () => {
  it('is not fetched when no /me field is selected', async () => {
    const a = await create('barato');
    const res = await g.gql(
      'query ($id: ID!) { instance(id: $id) { id name paymentStatus whatsappConnected callbackUrls { receivedCallbackUrl } } }',
      { id: a.id },
    );
    expect(res.body.data?.instance).toMatchObject({ id: a.id, name: 'barato' });
    expect(g.sandbox.count('me')).toBe(0);
  });

  it('is fetched once per instance per request, however many fields and aliases select it', async () => {
    const a = await create('configurada', {
      receivedCallbackUrl: 'https://hooks.example/r',
      callRejectAuto: true,
      callRejectMessage: 'Ligue mais tarde',
    });
    const res = await g.gql(
      `query ($id: ID!) {
        first: instance(id: $id) { ${ME_FIELDS} }
        again: instance(id: $id) { connected webhooks { receivedCallbackUrl } }
        instances { items { id connected } }
      }`,
      { id: a.id },
      KEYS.write,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.first).toEqual({
      connected: false,
      callRejectAuto: true,
      callRejectMessage: 'Ligue mais tarde',
      autoReadMessage: false,
      webhooks: {
        receivedCallbackUrl: 'https://hooks.example/r',
        connectedCallbackUrl: null,
        notifySentByMe: false,
      },
    });
    expect(res.body.data?.again).toEqual({
      connected: false,
      webhooks: { receivedCallbackUrl: 'https://hooks.example/r' },
    });
    expect(res.body.data?.instances).toEqual({ items: [{ id: a.id, connected: false }] });
    expect(g.sandbox.count('me')).toBe(1);
    // /me carries the instance token; no field shows it to a key without the token scope.
    expect(res.text).not.toContain(a.token);
  });

  it('follows the simulated phone, fresh on every request', async () => {
    const a = await create('telefone');
    const read = async () =>
      (await g.gql('query ($id: ID!) { instance(id: $id) { connected } }', { id: a.id })).body.data
        ?.instance;
    expect(await read()).toEqual({ connected: false });
    await simulatePhone(g.sandbox, 'connect', a.id);
    expect(await read()).toEqual({ connected: true });
    await simulatePhone(g.sandbox, 'disconnect', a.id);
    expect(await read()).toEqual({ connected: false });
    expect(g.sandbox.count('me')).toBe(3);
  });

  it(`bounds a list's /me calls to ${INSTANCE_DATA_CALLS_PER_REQUEST} at a time per request`, async () => {
    for (let index = 0; index < 10; index += 1) await create(`lista ${index}`);
    g.sandbox.faults.inject({ route: 'me', fault: { kind: 'latency', ms: 60 } });
    let most = 0;
    const sampler = setInterval(() => {
      const pending = g.sandbox.requests.filter((r) => r.route === 'me' && r.status === undefined);
      most = Math.max(most, pending.length);
    }, 2);
    try {
      const res = await g.gql('{ instances(pageSize: 20) { items { name connected } } }');
      expect(res.body.errors).toBeUndefined();
      const items = (res.body.data?.instances as { items: { connected: boolean }[] }).items;
      expect(items).toHaveLength(10);
      expect(items.map((item) => item.connected)).toEqual(Array(10).fill(false));
    } finally {
      clearInterval(sampler);
    }
    expect(g.sandbox.count('me')).toBe(10);
    expect(most).toBe(INSTANCE_DATA_CALLS_PER_REQUEST);
  });

  it('answers a failed /me as a coded error on those fields only, the rest of the instance intact', async () => {
    const a = await create('sem me');
    g.sandbox.faults.inject({ route: 'me', fault: { kind: 'status', status: 503 } });
    const res = await g.gql(
      'query ($id: ID!) { instance(id: $id) { name connected callRejectAuto } }',
      { id: a.id },
    );
    expect(res.body.data?.instance).toEqual({
      name: 'sem me',
      connected: null,
      callRejectAuto: null,
    });
    expect(res.body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['instance', 'connected'], 'ZAPI_UPSTREAM_ERROR'],
      [['instance', 'callRejectAuto'], 'ZAPI_UPSTREAM_ERROR'],
    ]);
    // One call and the client's one retry, shared by both fields.
    expect(g.sandbox.count('me')).toBe(2);
  });
});
