import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CreateInstanceInput } from './create-instance.js';
import { validate } from './problems.js';

const URL_FIELDS = Object.keys(CreateInstanceInput.shape).filter((key) =>
  key.endsWith('CallbackUrl'),
);

// Names that satisfy the rules: no control, format or separator characters, in NFC, no edge
// white space, 1-100 characters.
const validName = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 60 })
  .map((s) =>
    s
      .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\uFFFD]/gu, '')
      .normalize('NFC')
      .trim(),
  )
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

// Every code point of a kind, found by Unicode's own properties, to sample from.
function codePointsWhere(test: RegExp): number[] {
  const found: number[] = [];
  for (let code = 0; code <= 0x10ffff; code += 1) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    if (test.test(String.fromCodePoint(code))) found.push(code);
  }
  return found;
}
const FORMAT_CHARACTERS = codePointsWhere(/^\p{Cf}$/u);
const CONTROL_CHARACTERS = codePointsWhere(/^\p{Cc}$/u);
// The ones the issue names, so they are tried every run, not only when sampled.
const NAMED = [
  0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c,
  0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0xfffd, 0x2028, 0x2029,
];
const refusedCharacter = fc.oneof(
  fc.constantFrom(...NAMED).map((code) => String.fromCodePoint(code)),
  fc.constantFrom(...FORMAT_CHARACTERS).map((code) => String.fromCodePoint(code)),
  fc.constantFrom(...CONTROL_CHARACTERS).map((code) => String.fromCodePoint(code)),
  // A lone surrogate, as a broken UTF-16 string carries it.
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
);
const codePointOf = (character: string) =>
  `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

describe('instance names people can tell apart, property-based', () => {
  it('refuses a name with a control, format or separator character, a lone surrogate or U+FFFD anywhere inside, naming the field and the character', () => {
    fc.assert(
      fc.property(validName, refusedCharacter, validName, (left, bad, right) => {
        const name = `${left}${bad}${right}`;
        fc.pre(name.length <= 100);
        const result = validate(CreateInstanceInput, { name });
        expect(result.success).toBe(false);
        if (result.success) return;
        expect(result.problems).toHaveLength(1);
        expect(result.problems[0]?.path).toEqual(['name']);
        expect(result.problems[0]?.message).toMatch(
          new RegExp(`^name must not contain ${codePointOf(bad).replace('+', '\\+')} \\(.+\\)$`),
        );
        expect(result.problems[0]?.reasonPtBr).toMatch(
          new RegExp(`^não pode conter ${codePointOf(bad).replace('+', '\\+')} \\(.+\\)$`),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts a name typed in any canonically equivalent form as one name, in NFC', () => {
    fc.assert(
      fc.property(validName, (name) => {
        const forms = [name, name.normalize('NFD'), name.normalize('NFC')];
        const results = forms.map((form) => validate(CreateInstanceInput, { name: form }));
        for (const result of results) {
          expect(result).toEqual({ success: true, data: { name: name.normalize('NFC') } });
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never lets through a name that is not well-formed NFC or that holds a refused character, whatever the input', () => {
    const anyCodeUnits = fc
      .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 })
      .map((units) => String.fromCharCode(...units));
    const anyText = fc.oneof(anyCodeUnits, fc.string({ unit: 'binary', maxLength: 40 }));
    fc.assert(
      fc.property(anyText, (name) => {
        const result = validate(CreateInstanceInput, { name });
        if (!result.success) return;
        const sent = result.data.name;
        expect(sent).toBe(sent.normalize('NFC'));
        expect(sent).not.toMatch(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\uFFFD]/u);
      }),
      { numRuns: 2000 },
    );
  });
});
