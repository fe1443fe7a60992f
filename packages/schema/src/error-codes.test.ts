import { describe, expect, it } from 'vitest';
import { ZAPI_ERROR_CODES, isZapiErrorCode } from './error-codes.js';

describe('ZAPI_ERROR_CODES', () => {
  it('lists each code once, all prefixed ZAPI_', () => {
    expect(new Set(ZAPI_ERROR_CODES).size).toBe(ZAPI_ERROR_CODES.length);
    expect(ZAPI_ERROR_CODES).toHaveLength(14);
    for (const code of ZAPI_ERROR_CODES) expect(code).toMatch(/^ZAPI_[A-Z_]+$/);
  });
  it('recognises its own codes only', () => {
    expect(isZapiErrorCode('ZAPI_OUTCOME_UNKNOWN')).toBe(true);
    expect(isZapiErrorCode('UND_ERR_SOCKET')).toBe(false);
    expect(isZapiErrorCode(undefined)).toBe(false);
  });
});
