import { describe, expect, it } from 'vitest';
import { createPageExample, createPageResponseExample } from '../test/create-page-example.js';
import {
  CreateInstanceInput,
  CreateInstanceResponse,
  createInstanceFields,
} from './create-instance.js';
import { validate } from './problems.js';

const URL_FIELDS = [
  'deliveryCallbackUrl',
  'receivedCallbackUrl',
  'receivedAndDeliveryCallbackUrl',
  'presenceChatCallbackUrl',
  'disconnectedCallbackUrl',
  'connectedCallbackUrl',
  'messageStatusCallbackUrl',
] as const;

function problemsOf(input: unknown) {
  const result = validate(CreateInstanceInput, input);
  return result.success ? [] : result.problems;
}

describe('CreateInstanceInput', () => {
  it("accepts the create page's example and round-trips it unchanged", () => {
    const result = validate(CreateInstanceInput, createPageExample);
    expect(result).toEqual({ success: true, data: createPageExample });
    if (!result.success) return;
    expect(JSON.parse(JSON.stringify(result.data))).toEqual(createPageExample);
  });

  it('declares the 16 attributes of the create page, in its order', () => {
    expect(Object.keys(CreateInstanceInput.shape)).toEqual([
      'name',
      'sessionName',
      ...URL_FIELDS,
      'callRejectAuto',
      'callRejectMessage',
      'autoReadMessage',
      'autoReadStatus',
      'isDevice',
      'businessDevice',
      'disableEnqueueWhenDisconnected',
    ]);
    expect(new Set(Object.keys(createPageExample))).toEqual(
      new Set(Object.keys(CreateInstanceInput.shape)),
    );
  });

  it('leaves an absent optional field absent, never null', () => {
    const result = validate(CreateInstanceInput, { name: 'only a name' });
    expect(result).toEqual({ success: true, data: { name: 'only a name' } });
    if (result.success) expect(JSON.stringify(result.data)).toBe('{"name":"only a name"}');
  });

  it('refuses null for an optional field, naming it', () => {
    expect(problemsOf({ name: 'a', sessionName: null })).toEqual([
      { path: ['sessionName'], reason: 'must be a text', message: 'sessionName must be a text' },
    ]);
  });

  it('refuses unknown keys, one problem per key', () => {
    expect(problemsOf({ name: 'a', nmae: 'b', extra: 1 }).map((p) => p.message)).toEqual([
      'nmae is not a known field',
      'extra is not a known field',
    ]);
  });

  describe('name', () => {
    it('is required', () => {
      expect(problemsOf({}).map((p) => p.message)).toEqual(['name is required']);
    });
    it('is trimmed before it is measured and sent', () => {
      expect(validate(CreateInstanceInput, { name: `  ${'x'.repeat(100)}  ` })).toEqual({
        success: true,
        data: { name: 'x'.repeat(100) },
      });
    });
    it('takes 1 to 100 characters', () => {
      expect(problemsOf({ name: 'x' })).toEqual([]);
      expect(problemsOf({ name: 'x'.repeat(100) })).toEqual([]);
      expect(problemsOf({ name: 'x'.repeat(101) }).map((p) => p.message)).toEqual([
        'name must be at most 100 characters',
      ]);
      expect(problemsOf({ name: '' }).map((p) => p.message)).toEqual(['name must not be empty']);
      expect(problemsOf({ name: '   ' }).map((p) => p.message)).toEqual(['name must not be empty']);
    });
    it('refuses control characters, naming the field and the character', () => {
      for (const [bad, codePoint] of [
        ['a\u0000b', 'U+0000'],
        ['tab\there', 'U+0009'],
        ['bell\u0007', 'U+0007'],
        ['c1\u0085x', 'U+0085'],
        ['line\nbreak', 'U+000A'],
      ]) {
        expect(problemsOf({ name: bad }).map((p) => p.message)).toEqual([
          `name must not contain ${codePoint} (a control character)`,
        ]);
      }
      // White space around a pasted name is trimmed, as before.
      expect(validate(CreateInstanceInput, { name: '\tLoja\r\n' })).toEqual({
        success: true,
        data: { name: 'Loja' },
      });
      expect(problemsOf({ name: 'Instância Z-API 🚀 – São Paulo' })).toEqual([]);
    });
    it('refuses characters that make names look alike, naming each, and sends names in NFC', () => {
      expect(problemsOf({ name: 'Loja\u202Etxt.exe' })).toEqual([
        expect.objectContaining({
          path: ['name'],
          message:
            'name must not contain U+202E (a bidirectional control, which reorders the text around it)',
          reasonPtBr:
            'não pode conter U+202E (um controle bidirecional, que reordena o texto ao redor)',
        }),
      ]);
      expect(problemsOf({ name: 'Lo\u200Bja' })[0]?.message).toMatch(
        /^name must not contain U\+200B/,
      );
      expect(problemsOf({ name: '\uFEFFLoja' })[0]?.message).toMatch(
        /^name must not contain U\+FEFF/,
      );
      expect(problemsOf({ name: 'Loja \uFFFD' })[0]?.message).toMatch(
        /^name must not contain U\+FFFD/,
      );
      expect(validate(CreateInstanceInput, { name: 'Sa\u0303o Paulo' })).toEqual({
        success: true,
        data: { name: 'S\u00E3o Paulo' },
      });
    });
    it('must be a text', () => {
      expect(problemsOf({ name: 42 }).map((p) => p.message)).toEqual(['name must be a text']);
    });
  });

  describe.each(URL_FIELDS)('%s', (field) => {
    const check = (value: unknown) =>
      problemsOf({ name: 'n', [field]: value }).map((p) => p.message);

    it('accepts an absolute https URL', () => {
      expect(check('https://example.com/hook?x=1#y')).toEqual([]);
      expect(check('https://127.0.0.1:8443/a')).toEqual([]);
    });
    it('must be https', () => {
      for (const bad of ['http://example.com/hook', 'ftp://example.com', 'HTTPS://example.com']) {
        expect(check(bad)).toEqual([`${field} must be an https:// URL`]);
      }
    });
    it('must be absolute and well formed', () => {
      for (const bad of [
        '/relative/path',
        'example.com/hook',
        '',
        'https://',
        'https://exa mple.com',
      ]) {
        expect(check(bad)).toHaveLength(1);
      }
      expect(check('https://')).toEqual([`${field} must be a valid absolute https:// URL`]);
      expect(check(' https://example.com')).toEqual([`${field} must be an https:// URL`]);
      expect(check('https://example.com/a b')).toEqual([
        `${field} must not contain spaces or control characters`,
      ]);
    });
    it('must not carry a user name or password', () => {
      expect(check('https://user:secret@example.com/hook')).toEqual([
        `${field} must not contain a user name or password`,
      ]);
      expect(check('https://user@example.com/hook')).toEqual([
        `${field} must not contain a user name or password`,
      ]);
    });
    it('takes at most 2048 characters', () => {
      const base = 'https://example.com/';
      expect(check(base + 'a'.repeat(2048 - base.length))).toEqual([]);
      expect(check(base + 'a'.repeat(2049 - base.length))).toEqual([
        `${field} must be at most 2048 characters`,
      ]);
    });
  });

  it.each([
    ['sessionName', 100],
    ['callRejectMessage', 500],
  ] as const)('%s takes at most %i characters', (field, max) => {
    expect(problemsOf({ name: 'n', [field]: 'y'.repeat(max) })).toEqual([]);
    expect(problemsOf({ name: 'n', [field]: 'y'.repeat(max + 1) }).map((p) => p.message)).toEqual([
      `${field} must be at most ${max} characters`,
    ]);
  });

  it('wants true or false for flags, not the strings the page shows', () => {
    expect(problemsOf({ name: 'n', isDevice: 'true' }).map((p) => p.message)).toEqual([
      'isDevice must be true or false',
    ]);
  });

  it('reports every problem at once', () => {
    expect(
      problemsOf({ name: '', receivedCallbackUrl: 'http://x.com', callRejectAuto: 1 }).map(
        (p) => p.message,
      ),
    ).toEqual([
      'name must not be empty',
      'receivedCallbackUrl must be an https:// URL',
      'callRejectAuto must be true or false',
    ]);
  });
});

describe('createInstanceFields', () => {
  it('describes every attribute once, with both languages and a kind', () => {
    expect(createInstanceFields.map((f) => f.name)).toEqual(Object.keys(CreateInstanceInput.shape));
    for (const field of createInstanceFields) {
      expect(field.description.length).toBeGreaterThan(0);
      expect(field.description.length).toBeLessThanOrEqual(100);
      expect(field.descriptionPtBr.length).toBeGreaterThan(0);
      expect(field.descriptionPtBr.length).toBeLessThanOrEqual(100);
      expect(field.descriptionPtBr).not.toBe(field.description);
    }
  });

  it('reports requiredness, kind and length limits from the rules themselves', () => {
    const byName = Object.fromEntries(createInstanceFields.map((f) => [f.name, f]));
    expect(byName.name).toMatchObject({ required: true, kind: 'name', maxLength: 100 });
    expect(byName.sessionName).toMatchObject({ required: false, kind: 'text', maxLength: 100 });
    expect(byName.callRejectMessage).toMatchObject({ kind: 'text', maxLength: 500 });
    expect(byName.receivedCallbackUrl).toMatchObject({ kind: 'url', maxLength: 2048 });
    expect(byName.isDevice).toMatchObject({ required: false, kind: 'flag' });
    expect(byName.isDevice).not.toHaveProperty('maxLength');
    expect(createInstanceFields.filter((f) => f.required).map((f) => f.name)).toEqual(['name']);
  });
});

describe('CreateInstanceResponse', () => {
  it("normalises the page's digit-string due and a number of epoch ms to the same Date", () => {
    const fromString = CreateInstanceResponse.parse(createPageResponseExample);
    const fromNumber = CreateInstanceResponse.parse({
      ...createPageResponseExample,
      due: 329000002121,
    });
    expect(fromString.due).toBeInstanceOf(Date);
    expect(fromString.due?.getTime()).toBe(329000002121);
    expect(fromNumber.due).toEqual(fromString.due);
    expect(fromString).toMatchObject({
      id: createPageResponseExample.id,
      token: createPageResponseExample.token,
    });
  });

  it('reads an ISO-8601 due, reads an unreadable one as null, and refuses a missing token', () => {
    expect(CreateInstanceResponse.parse({ id: 'a', token: 'b', due: '2026-01-01' }).due).toEqual(
      new Date('2026-01-01T00:00:00Z'),
    );
    expect(CreateInstanceResponse.parse({ id: 'a', token: 'b', due: -1 }).due).toBeNull();
    expect(CreateInstanceResponse.safeParse({ id: 'a', due: 1 }).success).toBe(false);
  });
});
