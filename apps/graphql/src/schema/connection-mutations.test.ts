import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CREATE, KEYS, startGateway, type Gateway } from '../../test/harness.js';
import { simulatePhone } from '../../test/simulated-phone.js';
import { schema } from './index.js';

let g: Gateway;
beforeEach(async () => {
  g = await startGateway();
});
afterEach(() => g.close());

async function create(name: string, extra: Record<string, unknown> = {}) {
  const res = await g.gql(CREATE, { input: { name, ...extra } });
  return (res.body.data?.createInstance as { instance: { id: string; token: string } }).instance;
}

const RESTART =
  'mutation ($id: ID!) { restartInstance(id: $id) { instance { id connected } userErrors { field message code } } }';
const DISCONNECT =
  'mutation ($id: ID!) { disconnectInstance(id: $id) { instance { id connected whatsappConnected } userErrors { field message code } } }';
const PAIRING =
  'mutation ($id: ID!, $phone: String!) { requestPairingCode(id: $id, phone: $phone) { code instance { id } userErrors { field message code } } }';
const WEBHOOKS = `mutation ($id: ID!, $input: UpdateInstanceWebhooksInput!) {
  updateInstanceWebhooks(id: $id, input: $input) {
    instance { id callbackUrls { receivedCallbackUrl } webhooks { receivedCallbackUrl deliveryCallbackUrl notifySentByMe } }
    userErrors { field message code }
  }
}`;

/** Each new mutation with variables that would work on `id`, and the sandbox route it calls. */
const MUTATIONS = (id: string) =>
  [
    ['restartInstance', RESTART, { id }, 'restart'],
    ['disconnectInstance', DISCONNECT, { id }, 'disconnect'],
    ['requestPairingCode', PAIRING, { id, phone: '5511999999999' }, 'phone-code'],
    [
      'updateInstanceWebhooks',
      WEBHOOKS,
      { id, input: { receivedCallbackUrl: 'https://hooks.example/r' } },
      'update-webhook',
    ],
  ] as const;

describe('restartInstance and disconnectInstance', () => {
  it('restarts a connected instance, which stays connected, sending one restart', async () => {
    const a = await create('reinicio');
    await simulatePhone(g.sandbox, 'connect', a.id);
    const res = await g.gql(RESTART, { id: a.id });
    expect(res.body.data?.restartInstance).toEqual({
      instance: { id: a.id, connected: true },
      userErrors: [],
    });
    expect(g.sandbox.count('restart')).toBe(1);
  });

  it('never sends a restart twice: a connection reset is answered, not retried', async () => {
    const a = await create('reinicio perdido');
    g.sandbox.faults.inject({ route: 'restart', fault: { kind: 'reset' }, times: 1 });
    const res = await g.gql(RESTART, { id: a.id });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'ZAPI_NETWORK' });
    expect(g.sandbox.count('restart')).toBe(1);
    // A disconnect is safe to repeat, so the client retries the same fault.
    g.sandbox.faults.inject({ route: 'disconnect', fault: { kind: 'reset' }, times: 1 });
    const disconnect = await g.gql(DISCONNECT, { id: a.id });
    expect(disconnect.body.errors).toBeUndefined();
    expect(g.sandbox.count('disconnect')).toBe(2);
  });

  it('restarts once per idempotencyKey: a repeat answers the instance and sends nothing', async () => {
    const a = await create('reinicio com chave');
    const keyed =
      'mutation ($id: ID!, $key: String) { restartInstance(id: $id, idempotencyKey: $key) { instance { id } userErrors { code } } }';
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const res = await g.gql(keyed, { id: a.id, key: 'restart-1' });
      expect(res.body.data?.restartInstance).toEqual({ instance: { id: a.id }, userErrors: [] });
    }
    expect(g.sandbox.count('restart')).toBe(1);
    await g.gql(keyed, { id: a.id, key: 'restart-2' });
    expect(g.sandbox.count('restart')).toBe(2);
  });

  it('remembers a restart that may have happened under its key, and never sends it again', async () => {
    const a = await create('reinicio incerto');
    g.sandbox.faults.inject({
      route: 'restart',
      fault: { kind: 'reset' },
      phase: 'after',
      times: 1,
    });
    const keyed =
      'mutation ($id: ID!) { restartInstance(id: $id, idempotencyKey: "restart-1") { instance { id } } }';
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const res = await g.gql(keyed, { id: a.id });
      expect(res.body.errors?.[0]?.extensions).toMatchObject({
        code: 'ZAPI_OUTCOME_UNKNOWN',
        reason: 'ZAPI_NETWORK',
        candidates: [{ id: a.id, name: 'reinicio incerto' }],
      });
    }
    expect(g.sandbox.count('restart')).toBe(1);
  });

  it('disconnects the phone: the answer and the next read show it', async () => {
    const a = await create('desconectar');
    await simulatePhone(g.sandbox, 'connect', a.id);
    const before = await g.gql('query ($id: ID!) { instance(id: $id) { connected } }', {
      id: a.id,
    });
    expect(before.body.data?.instance).toEqual({ connected: true });
    const res = await g.gql(DISCONNECT, { id: a.id });
    expect(res.body.data?.disconnectInstance).toEqual({
      instance: { id: a.id, connected: false, whatsappConnected: false },
      userErrors: [],
    });
    expect(g.sandbox.count('disconnect')).toBe(1);
    const status = await g.gql('query ($id: ID!) { instanceStatus(id: $id) { connected } }', {
      id: a.id,
    });
    expect(status.body.data?.instanceStatus).toEqual({ connected: false });
  });
  it('answers the instance after the change, even when the same request read it before', async () => {
    const a = await create('mesma requisicao');
    await simulatePhone(g.sandbox, 'connect', a.id);
    const res = await g.gql(
      `mutation ($id: ID!) {
        restart: restartInstance(id: $id) { instance { connected } }
        disconnect: disconnectInstance(id: $id) { instance { connected } }
      }`,
      { id: a.id },
    );
    expect(res.body.data).toEqual({
      restart: { instance: { connected: true } },
      disconnect: { instance: { connected: false } },
    });
  });
});

describe('requestPairingCode', () => {
  it('answers the code for the phone, normalised to international digits', async () => {
    const a = await create('pareamento');
    const res = await g.gql(PAIRING, { id: a.id, phone: '+55 (11) 99999-9999' });
    const payload = res.body.data?.requestPairingCode as { code: string; instance: unknown };
    expect(payload).toMatchObject({ instance: { id: a.id }, userErrors: [] });
    expect(payload.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const sent = g.sandbox.requests.filter((r) => r.route === 'phone-code');
    expect(sent.map((r) => r.path)).toEqual([
      `/instances/${a.id}/token/${a.token}/phone-code/5511999999999`,
    ]);
  });

  it('answers a bad phone with a userError naming it, sending nothing', async () => {
    const a = await create('telefone ruim');
    const res = await g.gql(PAIRING, { id: a.id, phone: '12ab' });
    expect(res.body.data?.requestPairingCode).toEqual({
      code: null,
      instance: null,
      userErrors: [
        {
          field: ['phone'],
          message:
            'phone must be a phone number in international form, digits only (5511999999999)',
          code: 'ZAPI_INVALID_INPUT',
        },
      ],
    });
    expect(g.sandbox.count('phone-code')).toBe(0);
  });

  it('maps an upstream failure through the one error mapping', async () => {
    const a = await create('falha');
    g.sandbox.faults.inject({ route: 'phone-code', fault: { kind: 'status', status: 500 } });
    const res = await g.gql(PAIRING, { id: a.id, phone: '5511999999999' });
    expect(res.body.data).toBeNull();
    expect(res.body.errors?.[0]).toMatchObject({
      path: ['requestPairingCode'],
      extensions: { code: 'ZAPI_UPSTREAM_ERROR', status: 500, retryable: true },
    });
    expect(res.text).not.toContain(a.token);
  });
});

describe('updateInstanceWebhooks', () => {
  it('changes the webhooks given and answers the instance with them', async () => {
    const a = await create('ganchos', { deliveryCallbackUrl: 'https://hooks.example/d' });
    const res = await g.gql(WEBHOOKS, {
      id: a.id,
      input: { receivedCallbackUrl: 'https://hooks.example/new', notifySentByMe: true },
    });
    expect(res.body.data?.updateInstanceWebhooks).toEqual({
      instance: {
        id: a.id,
        callbackUrls: { receivedCallbackUrl: 'https://hooks.example/new' },
        webhooks: {
          receivedCallbackUrl: 'https://hooks.example/new',
          deliveryCallbackUrl: 'https://hooks.example/d',
          notifySentByMe: true,
        },
      },
      userErrors: [],
    });
    expect(g.sandbox.count('update-webhook')).toBe(1);
    expect(g.sandbox.count('update-notify-sent-by-me')).toBe(1);
  });

  it('answers each change with what Z-API holds after it, even within one request', async () => {
    const a = await create('duas vezes');
    const res = await g.gql(
      `mutation ($id: ID!) {
        first: updateInstanceWebhooks(id: $id, input: { receivedCallbackUrl: "https://hooks.example/1" }) { instance { webhooks { receivedCallbackUrl } } }
        second: updateInstanceWebhooks(id: $id, input: { receivedCallbackUrl: "https://hooks.example/2" }) { instance { webhooks { receivedCallbackUrl } } }
      }`,
      { id: a.id },
    );
    expect(res.body.data).toEqual({
      first: { instance: { webhooks: { receivedCallbackUrl: 'https://hooks.example/1' } } },
      second: { instance: { webhooks: { receivedCallbackUrl: 'https://hooks.example/2' } } },
    });
  });

  it('refuses a URL that is not https, even to loopback, naming the field and sending nothing', async () => {
    const a = await create('http');
    const res = await g.gql(WEBHOOKS, {
      id: a.id,
      input: {
        receivedCallbackUrl: 'http://127.0.0.1:9/hook',
        deliveryCallbackUrl: 'https://hooks.example/ok',
      },
    });
    expect(res.body.data?.updateInstanceWebhooks).toEqual({
      instance: null,
      userErrors: [
        {
          field: ['input', 'receivedCallbackUrl'],
          message: expect.stringMatching(/^receivedCallbackUrl .*https/) as unknown,
          code: 'ZAPI_INVALID_INPUT',
        },
      ],
    });
    const empty = await g.gql(WEBHOOKS, { id: a.id, input: {} });
    expect(empty.body.data?.updateInstanceWebhooks).toMatchObject({
      instance: null,
      userErrors: [{ field: ['input'], code: 'ZAPI_INVALID_INPUT' }],
    });
    expect(g.sandbox.count('update-webhook')).toBe(0);
    expect(g.sandbox.count('update-notify-sent-by-me')).toBe(0);
  });

  it('maps a refusal by Z-API to its code', async () => {
    const a = await create('recusado');
    g.sandbox.faults.inject({
      route: 'update-webhook',
      fault: { kind: 'status', status: 400, body: { error: 'only https webhooks are accepted' } },
      times: 1,
    });
    const res = await g.gql(WEBHOOKS, {
      id: a.id,
      input: { receivedCallbackUrl: 'https://hooks.example/r' },
    });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'ZAPI_REJECTED', status: 400 });
    expect(g.sandbox.count('update-webhook')).toBe(1);
  });
});

describe('every new mutation', () => {
  it('is refused to a read-only key, sending nothing', async () => {
    const a = await create('somente leitura');
    const before = g.sandbox.count();
    for (const [name, query, variables, route] of MUTATIONS(a.id)) {
      const res = await g.gql(query, variables, KEYS.read);
      expect(res.body.errors?.[0], name).toMatchObject({
        message: `This API key may not use Mutation.${name}`,
        extensions: { code: 'FORBIDDEN' },
      });
      expect(res.body.data, name).toBeNull();
      expect(g.sandbox.count(route), name).toBe(0);
    }
    expect(g.sandbox.count()).toBe(before);
  });

  it('answers an unknown id with a userError, sending nothing to it', async () => {
    for (const [name, query, variables, route] of MUTATIONS('NOPE')) {
      const res = await g.gql(query, variables);
      expect(res.body.data?.[name], name).toMatchObject({
        instance: null,
        userErrors: [
          {
            field: ['id'],
            message: 'id "NOPE" is not an instance of this partner',
            code: 'ZAPI_NOT_FOUND',
          },
        ],
      });
      expect(g.sandbox.count(route), name).toBe(0);
    }
  });

  it('takes an idempotencyKey only on restartInstance, the one that must not happen twice', async () => {
    const a = await create('chaves');
    for (const name of ['disconnectInstance', 'requestPairingCode', 'updateInstanceWebhooks']) {
      const field = schema.getMutationType()?.getFields()[name];
      expect(
        field?.args.map((arg) => arg.name),
        name,
      ).not.toContain('idempotencyKey');
    }
    const res = await g.gql(
      'mutation ($id: ID!) { disconnectInstance(id: $id, idempotencyKey: "k") { userErrors { code } } }',
      { id: a.id },
    );
    expect(res.body.errors?.[0]?.message).toMatch(/Unknown argument "idempotencyKey"/);
    expect(g.sandbox.count('disconnect')).toBe(0);
  });
});
