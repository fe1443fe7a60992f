import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE, startGateway, type Gateway } from '../test/harness.js';

let g: Gateway;
beforeAll(async () => {
  g = await startGateway();
});
afterAll(() => g.close());

describe('instance names through the gateway', () => {
  it('refuses a name with a bidirectional control as a user error naming the field and the character; nothing is sent', async () => {
    const res = await g.gql(CREATE, { input: { name: 'Fatura\u202Efdp.exe' } });
    expect(res.body.data?.createInstance).toEqual({
      instance: null,
      userErrors: [
        {
          field: ['input', 'name'],
          message: expect.stringMatching(
            /^name must not contain U\+202E \(a bidirectional control/,
          ),
          code: expect.any(String),
        },
      ],
    });
    expect(g.sandbox.count('create')).toBe(0);
  });

  it('creates, answers and finds a name in NFC however it was typed', async () => {
    const res = await g.gql(CREATE, { input: { name: 'Padaria Sa\u0303o Joa\u0303o' } });
    const instance = (res.body.data?.createInstance as { instance: { id: string; name: string } })
      .instance;
    expect(instance.name).toBe('Padaria S\u00E3o Jo\u00E3o');
    expect(g.sandbox.instances.all().map((stored) => stored.name)).toContain(
      'Padaria S\u00E3o Jo\u00E3o',
    );
    const search = await g.gql('query ($q: String) { instances(query: $q) { total } }', {
      q: 'Sa\u0303o Joa\u0303o',
    });
    expect(search.body.data).toEqual({ instances: { total: 1 } });
  });
});
