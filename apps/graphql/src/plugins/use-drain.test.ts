import { getEventListeners } from 'node:events';
import { afterEach, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../../test/harness.js';

let gateway: Gateway | undefined;
afterEach(() => gateway?.close());

it('listens to the drain only while a request runs, and answers ZAPI_TIMEOUT at the backstop', async () => {
  const answer = new AbortController();
  const backstop = new AbortController();
  gateway = await startGateway({
    app: { shutdown: { answer: answer.signal, backstop: backstop.signal } },
  });
  for (let i = 0; i < 30; i += 1) {
    const { body } = await gateway.gql('{ instances { totalPages } }');
    expect(body.errors).toBeUndefined();
  }
  // Nothing is left behind per request served.
  expect(getEventListeners(backstop.signal, 'abort')).toHaveLength(0);

  gateway.sandbox.faults.inject({ route: 'list', fault: { kind: 'hang' } });
  const pending = gateway.gql('{ instances { totalPages } }');
  await expect.poll(() => getEventListeners(backstop.signal, 'abort').length).toBe(1);
  backstop.abort();
  const { body } = await pending;
  expect(body.errors?.[0]?.extensions?.code).toBe('ZAPI_TIMEOUT');
  expect(getEventListeners(backstop.signal, 'abort')).toHaveLength(0);
});
