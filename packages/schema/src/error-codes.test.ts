import { describe, expect, it } from 'vitest';
import { ERROR_CODE_MEANINGS, ZAPI_ERROR_CODES, isZapiErrorCode } from './error-codes.js';

describe('ZAPI_ERROR_CODES', () => {
  it('lists each code once, in upper snake case', () => {
    expect(new Set(ZAPI_ERROR_CODES).size).toBe(ZAPI_ERROR_CODES.length);
    expect(ZAPI_ERROR_CODES).toHaveLength(16);
    for (const code of ZAPI_ERROR_CODES) expect(code).toMatch(/^[A-Z]+(_[A-Z]+)+$/);
  });
  it('holds the shared-state codes beside the Z-API ones', () => {
    expect(ZAPI_ERROR_CODES).toContain('IDEMPOTENCY_KEY_REUSED');
    expect(ZAPI_ERROR_CODES).toContain('STORE_UNAVAILABLE');
  });
  it('says what every code means, and nothing else', () => {
    expect(Object.keys(ERROR_CODE_MEANINGS).sort()).toEqual([...ZAPI_ERROR_CODES].sort());
    for (const words of Object.values(ERROR_CODE_MEANINGS))
      expect(words.length).toBeGreaterThan(10);
  });
  it('recognises its own codes only', () => {
    expect(isZapiErrorCode('ZAPI_OUTCOME_UNKNOWN')).toBe(true);
    expect(isZapiErrorCode('STORE_UNAVAILABLE')).toBe(true);
    expect(isZapiErrorCode('UND_ERR_SOCKET')).toBe(false);
    expect(isZapiErrorCode(undefined)).toBe(false);
  });
});
