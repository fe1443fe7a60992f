import { createZapiClient, type ZapiClient } from '@zapikit/client';
import { startSandbox, type Sandbox } from '@zapikit/sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SUGGESTION_TTL_MS, SuggestionSearches } from './suggestions.js';

describe('SuggestionSearches', () => {
  let sandbox: Sandbox;
  let zapi: ZapiClient;
  let now = 1_000_000;
  beforeEach(async () => {
    sandbox = await startSandbox();
    zapi = createZapiClient({
      partnerToken: sandbox.partnerToken,
      baseUrl: sandbox.url,
      retry: { maxRetries: 0 },
    });
    sandbox.instances.create({ name: 'Loja Centro' });
  });
  afterEach(async () => {
    await zapi.close();
    await sandbox.close();
  });

  it('shares a search in flight and reuses it until it is a few seconds old', async () => {
    const searches = new SuggestionSearches(zapi, () => now);
    const [first, second] = await Promise.all([searches.search('Loja'), searches.search('Loja')]);
    expect(first).toBe(second);
    expect(first.items.map((instance) => instance.name)).toEqual(['Loja Centro']);
    expect(sandbox.count('list')).toBe(1);

    now += SUGGESTION_TTL_MS - 1;
    await searches.search('Loja');
    expect(sandbox.count('list')).toBe(1);
    now += 1;
    await searches.search('Loja');
    expect(sandbox.count('list')).toBe(2);
  });

  it('does not reuse a failed search', async () => {
    const searches = new SuggestionSearches(zapi, () => now);
    sandbox.faults.inject({ route: 'list', fault: { kind: 'status', status: 500 }, times: 1 });
    await expect(searches.search('Loja')).rejects.toMatchObject({ code: 'ZAPI_UPSTREAM_ERROR' });
    expect((await searches.search('Loja')).items).toHaveLength(1);
    expect(sandbox.count('list')).toBe(2);
  });
});
