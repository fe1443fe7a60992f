import { RequestCache } from '@pothos/plugin-scope-auth';
import { afterEach, describe, expect, it } from 'vitest';
import { CREATE, startGateway, type Gateway } from '../../test/harness.js';
import { builder } from '../builder.js';

const fromContext = RequestCache.fromContext.bind(RequestCache);
let g: Gateway | undefined;
afterEach(async () => {
  RequestCache.fromContext = fromContext;
  await g?.close();
});

describe('scope-auth request cache', () => {
  it('is dropped when execution ends, so the request does not outlive its answer', async () => {
    // Keep each request's context and the cache its resolvers used.
    const used = new Map<object, RequestCache<never>>();
    RequestCache.fromContext = ((context: object, b: never) => {
      const cache = fromContext(context as never, b);
      used.set(context, cache as never);
      return cache;
    }) as typeof RequestCache.fromContext;
    g = await startGateway();
    const res = await g.gql(CREATE, {
      input: { name: 'Cache', receivedCallbackUrl: 'https://hooks.example/in' },
    });
    expect(res.body.data?.createInstance).toMatchObject({ userErrors: [] });
    expect(used.size).toBe(1);
    for (const [context, cache] of used)
      // Still cached, the same object would come back; dropped, a fresh one is built.
      expect(fromContext(context as never, builder as never)).not.toBe(cache);
  });
});
