import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejectionOf, startHarness, type Harness } from '../test/fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const NFD = 'Loja Sa\u0303o Jose\u0301';
const NFC = 'Loja S\u00E3o Jos\u00E9';

describe('instance names people can tell apart', () => {
  it('sends a name in NFC, and finds it again however it is typed', async () => {
    const created = await h.client.createInstance({ name: NFD });
    expect(h.sandbox.requests.find((r) => r.route === 'create')?.body).toEqual({ name: NFC });
    expect(h.sandbox.instances.all().map((instance) => instance.name)).toEqual([NFC]);
    expect((await h.client.findInstancesByName(NFD)).map((item) => item.id)).toEqual([created.id]);
    expect((await h.client.findInstancesByName(NFC)).map((item) => item.id)).toEqual([created.id]);
  });

  it('refuses a name with a bidirectional control or a zero-width character before sending it', async () => {
    for (const [name, codePoint] of [
      ['Loja\u202Egpj.exe', 'U+202E'],
      ['Lo\u200Dja', 'U+200D'],
    ] as const) {
      const error = await rejectionOf(h.client.createInstance({ name }));
      expect(error).toMatchObject({ code: 'ZAPI_INVALID_INPUT' });
      expect(error.message).toContain(`name must not contain ${codePoint}`);
    }
    expect(h.sandbox.count('create')).toBe(0);
  });
});
