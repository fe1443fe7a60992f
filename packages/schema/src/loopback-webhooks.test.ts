import { describe, expect, it } from 'vitest';
import { CreateInstanceInput, createInstanceFields } from './create-instance.js';
import { describeFields } from './field-meta.js';
import { withLoopbackWebhooks } from './loopback-webhooks.js';
import { validate } from './problems.js';
import { UpdateEveryWebhookInput, UpdateWebhooksInput } from './webhooks.js';

const messages = (result: ReturnType<typeof validate>) =>
  result.success ? [] : result.problems.map((problem) => problem.message);

describe('withLoopbackWebhooks', () => {
  const create = withLoopbackWebhooks(CreateInstanceInput);

  it('accepts plain http to a loopback address only in the variant', () => {
    for (const url of [
      'http://127.0.0.1:4000/webhooks/zapi/s',
      'http://127.9.9.9/x',
      'http://localhost:8080/',
      'http://[::1]:3000/hook',
    ]) {
      const input = { name: 'Loja', connectedCallbackUrl: url };
      expect(messages(validate(create, input))).toEqual([]);
      expect(messages(validate(CreateInstanceInput, input))).toEqual([
        'connectedCallbackUrl must be an https:// URL',
      ]);
    }
  });

  it('still refuses plain http elsewhere, credentials, and what the original refuses', () => {
    expect(
      messages(validate(create, { name: 'Loja', receivedCallbackUrl: 'http://example.com/x' })),
    ).toEqual([
      'receivedCallbackUrl must be an https:// URL (plain http only to a loopback address)',
    ]);
    expect(
      messages(validate(create, { name: 'Loja', receivedCallbackUrl: 'http://u:p@127.0.0.1/x' })),
    ).toEqual(['receivedCallbackUrl must not contain a user name or password']);
    expect(messages(validate(create, { receivedCallbackUrl: 'https://a.example/x' }))).toEqual([
      'name is required',
    ]);
    expect(messages(validate(create, { name: 'Loja', extra: 1 }))).not.toEqual([]);
  });

  it('keeps the words, the required fields and the object refinements', () => {
    expect(describeFields(create)).toEqual(createInstanceFields);
    const webhooks = withLoopbackWebhooks(UpdateWebhooksInput);
    expect(messages(validate(webhooks, {}))).toEqual(['input must change at least one webhook']);
    expect(messages(validate(webhooks, { connectedCallbackUrl: 'http://127.0.0.1:1/x' }))).toEqual(
      [],
    );
    const every = withLoopbackWebhooks(UpdateEveryWebhookInput);
    expect(messages(validate(every, {}))).toEqual(['value is required']);
  });
});
