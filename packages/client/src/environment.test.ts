import { describe, expect, it } from 'vitest';
import { ZapiEnvironment, readEnvironment, upstreamFromEnvironment } from './environment.js';

const fail = (message: string) => new RangeError(message);

describe('readEnvironment', () => {
  it('reads the Z-API variables with their defaults, on the sandbox without a partner token', () => {
    const env = readEnvironment(ZapiEnvironment, {}, fail);
    expect(env).toEqual({ ZAPI_BASE_URL: 'https://api.z-api.io', ZAPI_TIMEOUT_MS: 15_000 });
    expect(upstreamFromEnvironment(env)).toEqual({ mode: 'sandbox' });
  });

  it('goes live with a partner token, keeping the client token when set', () => {
    const env = readEnvironment(
      ZapiEnvironment,
      { ZAPI_PARTNER_TOKEN: ' CANARY-partner ', ZAPI_CLIENT_TOKEN: 'CANARY-client' },
      fail,
    );
    expect(upstreamFromEnvironment(env)).toEqual({
      mode: 'live',
      partnerToken: 'CANARY-partner',
      baseUrl: 'https://api.z-api.io',
      clientToken: 'CANARY-client',
    });
  });

  it('names every bad variable in the error the caller makes', () => {
    let caught: unknown;
    try {
      readEnvironment(
        ZapiEnvironment,
        { ZAPI_BASE_URL: 'ftp://nope', ZAPI_TIMEOUT_MS: '5', ZAPI_PARTNER_TOKEN: 'CANARY-x' },
        fail,
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RangeError);
    const message = (caught as Error).message;
    expect(message).toMatch(/^Invalid environment: /);
    expect(message).toMatch(/ZAPI_BASE_URL: /);
    expect(message).toMatch(/ZAPI_TIMEOUT_MS: /);
    expect(message).not.toContain('CANARY');
  });
});
