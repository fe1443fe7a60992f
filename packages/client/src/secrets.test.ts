import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CANARY_CLIENT_TOKEN,
  CANARY_PARTNER_TOKEN,
  captureLogger,
  rejectionOf,
  startHarness,
  type Harness,
} from '../test/fixtures.js';
import { createZapiClient } from './client.js';
import { redact } from './redact.js';

let h: Harness;
let instanceToken: string;
let instance: { id: string; token: string };

beforeEach(async () => {
  h = await startHarness({ timeoutMs: 300 });
  instance = await h.client.createInstance({ name: 'segredo' });
  instanceToken = instance.token;
});
afterEach(() => h.close());

/** Every way an error or a client can be shown: none may hold a secret. */
function renderings(value: unknown): string[] {
  return [
    String(value),
    value instanceof Error ? (value.stack ?? '') : '',
    JSON.stringify(value),
    inspect(value, { depth: 10, showHidden: true }),
  ];
}

function expectNoSecret(texts: string[]) {
  for (const text of texts) {
    for (const secret of [CANARY_PARTNER_TOKEN, CANARY_CLIENT_TOKEN, instanceToken]) {
      expect(text).not.toContain(secret);
    }
  }
}

describe('secrets never show', () => {
  it('an error echoing the token of an instance seen earlier, not the one the call is about', async () => {
    // The create in beforeEach showed this client `instanceToken`; a list also shows tokens.
    const other = await h.client.createInstance({ name: 'outro' });
    await h.client.listInstances();
    for (const [route, token] of [
      ['list', instanceToken],
      ['create', other.token],
    ] as const) {
      h.sandbox.faults.clear();
      h.sandbox.faults.inject({
        route,
        phase: 'before',
        fault: {
          kind: 'status',
          status: 400,
          body: { error: `bad ${token}; also /token/${token}/x` },
        },
      });
      const error = await rejectionOf(
        route === 'list' ? h.client.listInstances() : h.client.createInstance({ name: 'terceiro' }),
      );
      expect(error).toMatchObject({ status: 400 });
      for (const text of renderings(error)) expect(text).not.toContain(token);
      expect(String(error)).toContain('[REDACTED]');
    }
  });

  it('a 403 whose body echoes the Client-Token back', async () => {
    const wrongClientToken = 'CANARY-wrong-client-token-91';
    const client = createZapiClient({
      partnerToken: CANARY_PARTNER_TOKEN,
      clientToken: wrongClientToken,
      baseUrl: h.sandbox.url,
    });
    const error = await rejectionOf(client.listInstances());
    expect(error).toMatchObject({
      code: 'ZAPI_FORBIDDEN',
      status: 403,
      zapiMessage: 'Client-Token [REDACTED] not allowed',
    });
    for (const text of renderings(error)) expect(text).not.toContain(wrongClientToken);
    await client.close();
  });

  it('an upstream error that quotes the partner token, instance token and a bearer header', async () => {
    h.sandbox.faults.inject({
      route: 'status',
      fault: {
        kind: 'status',
        status: 400,
        body: {
          error: `token ${instanceToken} of ${CANARY_PARTNER_TOKEN} (Authorization: Bearer abc.def)`,
        },
      },
    });
    const error = await rejectionOf(h.client.getInstanceStatus(instance));
    expect(error.message).toContain('[REDACTED]');
    expect(error.message).not.toContain('abc.def');
    expectNoSecret(renderings(error));
  });

  it('every fault, the errors they raise, and every log line', async () => {
    const errors: unknown[] = [];
    const faults = [
      { kind: 'status', status: 500 },
      { kind: 'hang' },
      { kind: 'reset' },
      { kind: 'malformed' },
      { kind: 'rate-limit', retryAfterSeconds: 0 },
    ] as const;
    for (const fault of faults) {
      h.sandbox.faults.clear();
      h.sandbox.faults.inject({ route: 'create', fault });
      errors.push(await rejectionOf(h.client.createInstance({ name: 'segredo' })));
      h.sandbox.faults.clear();
      h.sandbox.faults.inject({ fault, times: 3, route: 'status' });
      errors.push(await rejectionOf(h.client.getInstanceStatus(instance)));
      h.sandbox.faults.inject({ fault, times: 1, route: 'subscribe' });
      errors.push(await rejectionOf(h.client.subscribeInstance(instance)));
    }
    errors.push(
      await rejectionOf(
        h.client.getInstanceStatus({ id: instance.id, token: 'WRONG' + instanceToken }),
      ),
    );
    expect(errors.length).toBeGreaterThan(10);
    for (const error of errors) expectNoSecret(renderings(error));
    expect(h.logs.length).toBeGreaterThan(10);
    expectNoSecret(h.logs);
    expect(h.logs.join('\n')).toContain('/instances/{id}/token/{token}/status');
  });

  it('an inspected or serialised client', () => {
    const client = createZapiClient({
      partnerToken: CANARY_PARTNER_TOKEN,
      clientToken: CANARY_CLIENT_TOKEN,
      logger: captureLogger(),
    });
    expectNoSecret([...renderings(client), inspect(client, { showHidden: true, depth: 20 })]);
    expect(inspect(client)).toBe("ZapiClient { baseUrl: 'https://api.z-api.io/' }");
    void client.close();
  });
});

describe('redact', () => {
  it('removes each secret, its URL-encoded form, and bearer values', () => {
    expect(redact('a SECRET+1 b SECRET%2B1 c', ['SECRET+1'])).toBe('a [REDACTED] b [REDACTED] c');
    expect(redact('Authorization: Bearer xyz123', [])).toBe('Authorization: Bearer [REDACTED]');
    expect(redact('short ab', ['ab'])).toBe('short ab');
    expect(redact('LONGSECRET and LONG', ['LONG', 'LONGSECRET'])).toBe('[REDACTED] and [REDACTED]');
  });
});
