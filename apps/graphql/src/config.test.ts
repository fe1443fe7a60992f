import { describe, expect, it } from 'vitest';
import { API_KEYS_ENV, KEYS } from '../test/harness.js';
import { bearerToken, findApiKey, parseApiKeys } from './auth/api-keys.js';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to the sandbox, open, on 127.0.0.1:4000', () => {
    expect(loadConfig({})).toMatchObject({
      upstream: { mode: 'sandbox' },
      port: 4000,
      host: '127.0.0.1',
      apiKeys: [],
      introspection: true,
      graphiql: true,
      timeoutMs: 15_000,
      corsOrigins: [],
    });
  });

  it('reads the receiver secret, PUBLIC_URL and the connection timings, and validates them', () => {
    const secret = 'CANARY-webhook-0123456789abcdef0123456789';
    expect(loadConfig({}).events).toEqual({
      webhookSecret: undefined,
      publicUrl: undefined,
      qrRotationMs: 20_000,
      connectionTimeoutMs: 300_000,
      statusPollMs: 5_000,
    });
    expect(
      loadConfig({
        ZAPI_WEBHOOK_SECRET: secret,
        PUBLIC_URL: 'https://gateway.example.com',
        GRAPHQL_CONNECTION_TIMEOUT_MS: '60000',
      }).events,
    ).toMatchObject({
      webhookSecret: secret,
      publicUrl: 'https://gateway.example.com',
      connectionTimeoutMs: 60_000,
    });
    // Plain http only to loopback, for local tests.
    expect(
      loadConfig({ ZAPI_WEBHOOK_SECRET: secret, PUBLIC_URL: 'http://127.0.0.1:4000' }).events
        .publicUrl,
    ).toBe('http://127.0.0.1:4000');
    for (const bad of ['http://gateway.example.com', 'https://u:p@x.example.com', 'nope']) {
      expect(() => loadConfig({ ZAPI_WEBHOOK_SECRET: secret, PUBLIC_URL: bad })).toThrow(
        /PUBLIC_URL/,
      );
    }
    expect(() => loadConfig({ PUBLIC_URL: 'https://gateway.example.com' })).toThrow(
      /PUBLIC_URL: set ZAPI_WEBHOOK_SECRET/,
    );
    let message = '';
    try {
      loadConfig({ ZAPI_WEBHOOK_SECRET: 'CANARY-short' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/ZAPI_WEBHOOK_SECRET/);
    expect(message).not.toContain('CANARY-short');
    expect(() => loadConfig({ GRAPHQL_CONNECTION_TIMEOUT_MS: '10' })).toThrow(
      /GRAPHQL_CONNECTION_TIMEOUT_MS/,
    );
  });

  it('reads the origins allowed to call from a browser', () => {
    expect(
      loadConfig({ GRAPHQL_CORS_ORIGINS: 'https://app.example.com, http://localhost:5173' })
        .corsOrigins,
    ).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(loadConfig({ GRAPHQL_CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
  });

  it('goes live with a partner token, and then requires API keys', () => {
    expect(() => loadConfig({ ZAPI_PARTNER_TOKEN: 'CANARY-live' })).toThrow(
      /^Invalid|GRAPHQL_API_KEYS: required/,
    );
    const config = loadConfig({
      ZAPI_PARTNER_TOKEN: 'CANARY-live',
      GRAPHQL_API_KEYS: API_KEYS_ENV,
      NODE_ENV: 'production',
    });
    expect(config).toMatchObject({
      upstream: { mode: 'live', baseUrl: 'https://api.z-api.io' },
      introspection: false,
      graphiql: false,
    });
    expect(
      loadConfig({ GRAPHQL_GRAPHIQL: 'true', NODE_ENV: 'production', ZAPI_SANDBOX: 'true' })
        .graphiql,
    ).toBe(true);
  });

  it('turns introspection off in live mode unless GRAPHQL_INTROSPECTION=true asks for it', () => {
    const live = { ZAPI_PARTNER_TOKEN: 'CANARY-live', GRAPHQL_API_KEYS: API_KEYS_ENV };
    expect(loadConfig(live).introspection).toBe(false);
    expect(loadConfig({ ...live, NODE_ENV: 'development' }).introspection).toBe(false);
    expect(loadConfig({ ...live, GRAPHQL_INTROSPECTION: 'true' }).introspection).toBe(true);
    expect(loadConfig({}).introspection).toBe(true);
    expect(loadConfig({ GRAPHQL_INTROSPECTION: 'false' }).introspection).toBe(false);
  });

  it('serves GraphiQL in live mode only when GRAPHQL_GRAPHIQL=true asks for it, as introspection', () => {
    const live = { ZAPI_PARTNER_TOKEN: 'CANARY-live', GRAPHQL_API_KEYS: API_KEYS_ENV };
    expect(loadConfig(live).graphiql).toBe(false);
    expect(loadConfig({ ...live, GRAPHQL_GRAPHIQL: 'true' }).graphiql).toBe(true);
    expect(loadConfig({}).graphiql).toBe(true);
  });

  it('refuses production without a partner token unless ZAPI_SANDBOX=true asks for the sandbox', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /^ZAPI_PARTNER_TOKEN: required when NODE_ENV=production/,
    );
    expect(loadConfig({ NODE_ENV: 'production', ZAPI_SANDBOX: 'true' }).upstream).toEqual({
      mode: 'sandbox',
    });
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['ZAPI_BASE_URL', { ZAPI_BASE_URL: 'not a url' }],
    ['ZAPI_TIMEOUT_MS', { ZAPI_TIMEOUT_MS: '5' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['ZAPI_SANDBOX', { ZAPI_SANDBOX: 'maybe' }],
    ['GRAPHQL_API_KEYS', { GRAPHQL_API_KEYS: 'short' }],
    ['GRAPHQL_CORS_ORIGINS', { GRAPHQL_CORS_ORIGINS: 'app.example.com' }],
    ['GRAPHQL_CORS_ORIGINS', { GRAPHQL_CORS_ORIGINS: 'https://app.example.com/path' }],
    ['GRAPHQL_API_KEYS', { GRAPHQL_API_KEYS: `${KEYS.full}=admin` }],
    // A key with "=" in it, listed without scopes: the part after that "=" is secret too.
    ['GRAPHQL_API_KEYS', { GRAPHQL_API_KEYS: `${KEYS.full}=CANARY-tail-9f8e7d` }],
  ])('names %s when it is wrong, never echoing a key', (variable, env) => {
    expect(() => loadConfig(env)).toThrow(variable);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).not.toContain(KEYS.full);
      expect((error as Error).message).not.toContain('CANARY-tail');
    }
  });
});

describe('API keys', () => {
  it('parses scopes, defaulting to read and write', () => {
    const [full, write, read] = parseApiKeys(API_KEYS_ENV);
    expect([...(full?.scopes ?? [])]).toEqual(['read', 'write', 'token']);
    expect([...(write?.scopes ?? [])]).toEqual(['read', 'write']);
    expect([...(read?.scopes ?? [])]).toEqual(['read']);
    expect(full?.id).toMatch(/^[0-9a-f]{8}$/);
    expect(JSON.stringify(full)).not.toContain(KEYS.full);
  });

  it('finds the matching key and nothing for another', () => {
    const keys = parseApiKeys(API_KEYS_ENV);
    expect(findApiKey(keys, KEYS.read)?.scopes.has('write')).toBe(false);
    expect(findApiKey(keys, `${KEYS.read}x`)).toBeUndefined();
    expect(findApiKey(keys, '')).toBeUndefined();
    expect(bearerToken(`Bearer ${KEYS.read}`)).toBe(KEYS.read);
    expect(bearerToken(`Basic ${KEYS.read}`)).toBeUndefined();
  });

  it('refuses duplicates', () => {
    expect(() => parseApiKeys(`${KEYS.read},${KEYS.read}=read`)).toThrow('listed twice');
  });
});
