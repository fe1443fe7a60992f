import { createInstanceFields } from '@zapikit/schema';
import { describe, expect, it } from 'vitest';
import { checkField, checkForm, CREATE_FIELDS, SubmissionKeys, toInput } from './create-form.js';

describe('the create form', () => {
  it('is the schema’s field list (run `pnpm --filter @zapikit/console create-fields` if not)', () => {
    expect(CREATE_FIELDS).toEqual(JSON.parse(JSON.stringify(createInstanceFields)));
  });

  it('applies the schema’s rules: name required, lengths, https webhooks (loopback http on the sandbox)', () => {
    const name = CREATE_FIELDS.find((field) => field.name === 'name')!;
    const url = CREATE_FIELDS.find((field) => field.kind === 'url')!;
    expect(checkField(name, '  ', false)).toBe('required');
    expect(checkField(name, 'x'.repeat((name.maxLength ?? 0) + 1), false)).toBe('tooLong');
    expect(checkField(url, 'http://example.com/hook', false)).toBe('notHttps');
    expect(checkField(url, 'not a url', false)).toBe('notHttps');
    expect(checkField(url, 'https://example.com/hook', false)).toBeUndefined();
    expect(checkField(url, 'http://127.0.0.1:9/hook', true)).toBeUndefined();
    expect(checkField(url, 'http://127.0.0.1:9/hook', false)).toBe('notHttps');
    expect(checkForm({ name: 'Shop' }, false)).toEqual({});
  });

  it('sends trimmed text and ticked flags only', () => {
    expect(
      toInput({ name: ' Shop ', sessionName: '', isDevice: false, autoReadMessage: true }),
    ).toEqual({
      name: 'Shop',
      autoReadMessage: true,
    });
  });

  it('keeps one idempotency key per submission: same input, same key, until settled', () => {
    let n = 0;
    const keys = new SubmissionKeys(() => `key-${++n}`);
    expect(keys.keyFor({ name: 'a' })).toBe('key-1');
    expect(keys.keyFor({ name: 'a' })).toBe('key-1');
    expect(keys.keyFor({ name: 'b' })).toBe('key-2');
    keys.settle();
    expect(keys.keyFor({ name: 'b' })).toBe('key-3');
  });
});
