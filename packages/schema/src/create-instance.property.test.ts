import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CreateInstanceInput } from './create-instance.js';
import { validate } from './problems.js';

const URL_FIELDS = Object.keys(CreateInstanceInput.shape).filter((key) =>
  key.endsWith('CallbackUrl'),
);

// Names that satisfy the rules: no control characters, no edge white space, 1-100 characters.
const validName = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 60 })
  .map((s) => s.replace(/\p{Cc}/gu, '').trim())
  .filter((s) => s.length >= 1 && s.length <= 100);

const validHttpsUrl = fc
  .webUrl({ validSchemes: ['https'], withQueryParameters: true, withFragments: true })
  .filter((url) => url.length <= 2048 && !/[\s@]/.test(url));

const validInput = fc.record(
  {
    name: validName,
    sessionName: validName,
    callRejectMessage: validName,
    callRejectAuto: fc.boolean(),
    autoReadMessage: fc.boolean(),
    autoReadStatus: fc.boolean(),
    isDevice: fc.boolean(),
    businessDevice: fc.boolean(),
    disableEnqueueWhenDisconnected: fc.boolean(),
    ...Object.fromEntries(URL_FIELDS.map((field) => [field, validHttpsUrl])),
  },
  { requiredKeys: ['name'] },
);

describe('CreateInstanceInput, property-based', () => {
  it('lets every valid input through unchanged, and it survives JSON serialisation', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const result = validate(CreateInstanceInput, input);
        expect(result).toEqual({ success: true, data: input });
        if (result.success) expect(JSON.parse(JSON.stringify(result.data))).toEqual(input);
      }),
      { numRuns: 300 },
    );
  });

  it('lets no URL with another scheme through', () => {
    const otherScheme = fc.webUrl({ validSchemes: ['http', 'ftp', 'ws', 'wss', 'file', 'data'] });
    fc.assert(
      fc.property(otherScheme, fc.constantFrom(...URL_FIELDS), (url, field) => {
        const result = validate(CreateInstanceInput, { name: 'n', [field]: url });
        expect(result.success).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('lets no string through that the URL parser rejects or reads as another https URL', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.constantFrom(...URL_FIELDS), (tail, field) => {
        const candidate = `https://${tail}`;
        const result = validate(CreateInstanceInput, { name: 'n', [field]: candidate });
        const parsed = URL.parse(candidate);
        if (parsed === null || parsed.hostname === '' || /[\s\p{Cc}]/u.test(candidate)) {
          expect(result.success).toBe(false);
        }
        if (result.success) {
          expect(parsed?.protocol).toBe('https:');
          expect(parsed?.username).toBe('');
          expect(parsed?.password).toBe('');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never turns a field into null, and drops nothing it accepted', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const result = validate(CreateInstanceInput, input);
        if (!result.success) return;
        expect(Object.values(result.data)).not.toContain(null);
        expect(Object.keys(result.data).sort()).toEqual(Object.keys(input).sort());
      }),
    );
  });
});
