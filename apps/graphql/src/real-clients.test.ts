import {
  ApolloClient,
  CombinedGraphQLErrors,
  HttpLink,
  InMemoryCache,
  gql,
  type TypedDocumentNode,
} from '@apollo/client';
import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { afterEach, describe, expect, it } from 'vitest';
import { CSRF_REFUSAL } from './plugins/use-csrf-for-posts.js';
import { KEYS, startGateway, type Gateway } from '../test/harness.js';

// What frontends meet: Apollo Client 4 (core) and urql 6, each with its default settings, against
// the gateway over real HTTP on loopback in front of the sandbox.

interface Created {
  createInstance: {
    instance: { id: string; name: string; token: string | null } | null;
    userErrors: unknown[];
  };
}

// The README's example selection, token included.
const CREATE: TypedDocumentNode<Created, { name: string }> = gql`
  mutation Create($name: String!) {
    createInstance(input: { name: $name }) {
      instance {
        id
        name
        token
        due
        sandbox
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const INSTANCE: TypedDocumentNode<
  { instance: { id: string; name: string; paymentStatus: string | null } | null },
  { id: string }
> = gql`
  query One($id: ID!) {
    instance(id: $id) {
      id
      name
      paymentStatus
      middleware
    }
  }
`;

let g: Gateway | undefined;
afterEach(async () => {
  await g?.close();
  g = undefined;
});

function apollo(url: string, key?: string) {
  return new ApolloClient({
    link: new HttpLink({
      uri: `${url}/graphql`,
      headers: key ? { authorization: `Bearer ${key}` } : {},
    }),
    cache: new InMemoryCache(),
  });
}

/** An urql client with its defaults; `methods` records each request's method as sent. */
function urql(url: string, key?: string) {
  const methods: string[] = [];
  const client = new Client({
    url: `${url}/graphql`,
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: key ? { headers: { authorization: `Bearer ${key}` } } : {},
    fetch: (input, init) => {
      methods.push(init?.method ?? 'GET');
      return fetch(input, init);
    },
  });
  return { client, methods };
}

describe('Apollo Client 4', () => {
  it('sees a create by a read+write key (no token scope) succeed, token null, nothing thrown', async () => {
    g = await startGateway();
    const result = await apollo(g.url, KEYS.write).mutate({
      mutation: CREATE,
      variables: { name: 'Loja Apollo' },
    });
    expect(result.error).toBeUndefined();
    expect(result.data?.createInstance.userErrors).toEqual([]);
    expect(result.data?.createInstance.instance).toMatchObject({
      name: 'Loja Apollo',
      token: null,
    });
    expect(g.sandbox.count('create')).toBe(1);
  });

  it('gets the token with a key that has the token scope', async () => {
    g = await startGateway();
    const result = await apollo(g.url, KEYS.full).mutate({
      mutation: CREATE,
      variables: { name: 'Loja Token' },
    });
    const stored = g.sandbox.instances.all()[0];
    expect(result.data?.createInstance.instance?.token).toBe(stored?.token);
  });

  it('keeps one Instance:<id> in its cache for the created instance and the instance query', async () => {
    g = await startGateway();
    const client = apollo(g.url, KEYS.write);
    const created = await client.mutate({
      mutation: CREATE,
      variables: { name: 'Loja Cache' },
    });
    const id = created.data?.createInstance.instance?.id ?? '';
    const read = await client.query({
      query: INSTANCE,
      variables: { id },
    });
    expect(read.data?.instance).toMatchObject({ id, paymentStatus: 'TRIAL' });

    const key = client.cache.identify({ __typename: 'Instance', id });
    expect(key).toBe(`Instance:${id}`);
    const extracted = client.cache.extract() as Record<string, Record<string, unknown>>;
    const entries = Object.keys(extracted);
    expect(entries.filter((entry) => entry.includes(id))).toEqual([key]);
    expect(entries.filter((entry) => entry !== 'ROOT_QUERY' && entry !== 'ROOT_MUTATION')).toEqual([
      key,
    ]);
    // The one entry holds what both answers said.
    expect(extracted[key ?? '']).toMatchObject({
      name: 'Loja Cache',
      token: null,
      paymentStatus: 'TRIAL',
    });
  });

  it('surfaces a 401 as a GraphQL error with code UNAUTHENTICATED', async () => {
    g = await startGateway();
    const error = await apollo(g.url)
      .query({ query: INSTANCE, variables: { id: 'x' } })
      .then(
        () => undefined,
        (failure: unknown) => failure,
      );
    expect(CombinedGraphQLErrors.is(error)).toBe(true);
    expect((error as CombinedGraphQLErrors).errors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('urql 6 with its default settings', () => {
  it('queries the open sandbox gateway over GET and mutates over POST', async () => {
    g = await startGateway({ apiKeys: '' });
    const { client, methods } = urql(g.url);
    const created = await client.mutation(CREATE, { name: 'Loja urql' }).toPromise();
    expect(created.error).toBeUndefined();
    const id = created.data?.createInstance.instance?.id ?? '';
    const read = await client.query(INSTANCE, { id }).toPromise();
    expect(read.error).toBeUndefined();
    expect(read.data).toMatchObject({ instance: { id, name: 'Loja urql' } });
    expect(methods).toEqual(['POST', 'GET']);
  });

  it('queries over GET with an API key', async () => {
    g = await startGateway();
    const { client, methods } = urql(g.url, KEYS.read);
    const list = await client
      .query('{ instances { total totalPages items { id } } }', {})
      .toPromise();
    expect(list.error).toBeUndefined();
    expect(list.data).toMatchObject({ instances: { total: 0, totalPages: 0, items: [] } });
    expect(methods).toEqual(['GET']);
  });

  it('surfaces a 401 as a GraphQL error with code UNAUTHENTICATED', async () => {
    g = await startGateway();
    const { client } = urql(g.url);
    const result = await client.query(INSTANCE, { id: 'x' }).toPromise();
    expect(result.error?.graphQLErrors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(result.error?.response).toMatchObject({ status: 401 });
  });
});

describe('what a browser could send cross-site', () => {
  it('never runs a mutation over GET, and refuses a simple POST with a code and the fix', async () => {
    g = await startGateway({ apiKeys: '' });
    const mutation = 'mutation { createInstance(input: { name: "csrf" }) { instance { id } } }';
    const get = await g.raw(`/graphql?query=${encodeURIComponent(mutation)}`, {});
    expect(get.status).toBe(405);
    const form = await g.raw('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: mutation }),
    });
    expect(form.status).toBe(403);
    expect(form.body.errors?.[0]).toMatchObject({
      message: CSRF_REFUSAL.message,
      extensions: { code: 'CSRF_HEADER_REQUIRED' },
    });
    expect(g.sandbox.count()).toBe(0);
  });
});
