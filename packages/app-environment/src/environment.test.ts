import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  commaSeparated,
  EnvironmentError,
  ZapiEnvironment,
  readEnvironment,
  RedisEnvironment,
  upstreamFromEnvironment,
} from './environment.js';

describe('readEnvironment', () => {
  it('reads the Z-API variables with their defaults, on the sandbox without a partner token', () => {
    const env = readEnvironment(ZapiEnvironment, {});
    expect(env).toEqual({
      NODE_ENV: 'development',
      ZAPI_BASE_URL: 'https://api.z-api.io',
      ZAPI_TIMEOUT_MS: 15_000,
    });
    expect(upstreamFromEnvironment(env)).toEqual({ mode: 'sandbox' });
  });

  it('goes live with a partner token, keeping the client token when set', () => {
    const env = readEnvironment(ZapiEnvironment, {
      ZAPI_PARTNER_TOKEN: ' CANARY-partner ',
      ZAPI_CLIENT_TOKEN: 'CANARY-client',
    });
    expect(upstreamFromEnvironment(env)).toEqual({
      mode: 'live',
      partnerToken: 'CANARY-partner',
      baseUrl: 'https://api.z-api.io',
      clientToken: 'CANARY-client',
    });
  });

  it('names every bad variable in one EnvironmentError', () => {
    let caught: unknown;
    try {
      readEnvironment(ZapiEnvironment, {
        ZAPI_BASE_URL: 'ftp://nope',
        ZAPI_TIMEOUT_MS: '5',
        ZAPI_PARTNER_TOKEN: 'CANARY-x',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvironmentError);
    expect((caught as EnvironmentError).code).toBe('INVALID_ENVIRONMENT');
    const message = (caught as Error).message;
    expect(message).toMatch(/^Invalid environment: /);
    expect(message).toMatch(/ZAPI_BASE_URL: /);
    expect(message).toMatch(/ZAPI_TIMEOUT_MS: /);
    expect(message).not.toContain('CANARY');
  });
});

describe('upstreamFromEnvironment in production', () => {
  const upstream = (env: Record<string, string>) =>
    upstreamFromEnvironment(readEnvironment(ZapiEnvironment, env));

  it('refuses to start without a partner token, naming the variable and the way out', () => {
    expect(() => upstream({ NODE_ENV: 'production' })).toThrow(EnvironmentError);
    expect(() => upstream({ NODE_ENV: 'production' })).toThrow(
      /^ZAPI_PARTNER_TOKEN: required when NODE_ENV=production; set ZAPI_SANDBOX=true/,
    );
  });

  it('runs on the sandbox when ZAPI_SANDBOX=true asks for it', () => {
    expect(upstream({ NODE_ENV: 'production', ZAPI_SANDBOX: 'true' })).toEqual({
      mode: 'sandbox',
    });
    expect(upstream({ NODE_ENV: 'production', ZAPI_SANDBOX: '1' })).toEqual({ mode: 'sandbox' });
  });

  it('goes live with a partner token', () => {
    expect(upstream({ NODE_ENV: 'production', ZAPI_PARTNER_TOKEN: 'CANARY-p' })).toMatchObject({
      mode: 'live',
    });
  });

  it('refuses contradictions, never showing the token', () => {
    const both = () => upstream({ ZAPI_SANDBOX: 'true', ZAPI_PARTNER_TOKEN: 'CANARY-p' });
    expect(both).toThrow(/^ZAPI_SANDBOX: true asks for the sandbox, but ZAPI_PARTNER_TOKEN/);
    expect(both).not.toThrow(/CANARY/);
    expect(() => upstream({ ZAPI_SANDBOX: 'false' })).toThrow(
      /^ZAPI_PARTNER_TOKEN: required when ZAPI_SANDBOX=false/,
    );
    expect(() => upstream({ ZAPI_SANDBOX: 'yes' })).toThrow(/ZAPI_SANDBOX: must be true, false/);
  });

  it('keeps the sandbox default outside production', () => {
    expect(upstream({})).toEqual({ mode: 'sandbox' });
    expect(upstream({ NODE_ENV: 'test' })).toEqual({ mode: 'sandbox' });
  });
});

describe('commaSeparated', () => {
  const Env = z.object({ IDS: commaSeparated((id) => /^\d+$/.test(id), 'a number') });

  it('trims items, drops empty ones, and defaults to none', () => {
    expect(readEnvironment(Env, { IDS: ' 1, 2,,3 ' }).IDS).toEqual(['1', '2', '3']);
    expect(readEnvironment(Env, {}).IDS).toEqual([]);
  });

  it('names the variable and every bad item', () => {
    expect(() => readEnvironment(Env, { IDS: '1, x, y' })).toThrow(
      /IDS: "x" is not a number; separate items with commas; IDS: "y" is not a number/,
    );
  });
});

describe('RedisEnvironment', () => {
  const read = (REDIS_URL?: string) => readEnvironment(RedisEnvironment, { REDIS_URL });

  it('accepts redis:// and rediss:// with a password and a database number', () => {
    expect(read('redis://:secret@cache.internal:6380/2').REDIS_URL).toBe(
      'redis://:secret@cache.internal:6380/2',
    );
    expect(read('rediss://user:pw@cache.example.com').REDIS_URL).toBe(
      'rediss://user:pw@cache.example.com',
    );
    expect(read().REDIS_URL).toBeUndefined();
  });

  it('names REDIS_URL for another scheme or a path that is not a database number', () => {
    expect(() => read('http://cache:6379')).toThrow(
      /REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/,
    );
    expect(() => read('redis://cache:6379/cache')).toThrow(
      /REDIS_URL: the path must be a database number/,
    );
  });
});
