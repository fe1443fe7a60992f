import { describe, expect, it } from 'vitest';
import { ZAPI_ERROR_CODES, ZAPI_ERROR_WORDS, isZapiErrorCode } from './error-codes.js';

describe('ZAPI_ERROR_CODES', () => {
  it('lists each code once, all prefixed ZAPI_', () => {
    expect(new Set(ZAPI_ERROR_CODES).size).toBe(ZAPI_ERROR_CODES.length);
    expect(ZAPI_ERROR_CODES).toHaveLength(14);
    for (const code of ZAPI_ERROR_CODES) expect(code).toMatch(/^ZAPI_[A-Z_]+$/);
  });
  it('words every code: what happened, whether a retry is safe, what to do', () => {
    expect(Object.keys(ZAPI_ERROR_WORDS).sort()).toEqual([...ZAPI_ERROR_CODES].sort());
    for (const words of Object.values(ZAPI_ERROR_WORDS)) {
      expect(words.meaning).toMatch(/\.$/);
      expect(words.action).toMatch(/\.$/);
      expect(['yes', 'later', 'check', 'no']).toContain(words.retry);
    }
    expect(ZAPI_ERROR_WORDS.ZAPI_CIRCUIT_OPEN.meaning).toContain('nothing was sent');
  });
  it('recognises its own codes only', () => {
    expect(isZapiErrorCode('ZAPI_OUTCOME_UNKNOWN')).toBe(true);
    expect(isZapiErrorCode('UND_ERR_SOCKET')).toBe(false);
    expect(isZapiErrorCode(undefined)).toBe(false);
  });
});
