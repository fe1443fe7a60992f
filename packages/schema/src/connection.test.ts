import { describe, expect, it } from 'vitest';
import { readAnswer } from './answer-reading.js';
import { PairingCode, PairingCodeInput, ValueResponse } from './connection.js';
import { InstanceData } from './instance-data.js';
import { validate } from './problems.js';
import {
  UpdateEveryWebhookInput,
  UpdateWebhookInput,
  UpdateWebhooksInput,
  WEBHOOK_FIELDS,
  updateWebhooksFields,
} from './webhooks.js';

const messages = (result: ReturnType<typeof validate>) =>
  result.success ? [] : result.problems.map((problem) => problem.message);

describe('pairing code', () => {
  it.each(['5511999999999', '+55 11 99999-9999', ' 5511999999999 ', '(55) 11 9999.99999'])(
    'takes %j as international digits',
    (phone) => {
      expect(PairingCodeInput.parse({ phone }).phone).toMatch(/^55\d{11}$/);
    },
  );

  it.each(['', '123', '0011999999999', '55119999999999999', 'phone', '55/11'])(
    'refuses %j, naming the field',
    (phone) => {
      expect(messages(validate(PairingCodeInput, { phone }))).toEqual([
        expect.stringMatching(/^phone /),
      ]);
    },
  );

  it('reads the code from `code` or `value`, and fails without one', () => {
    expect(readAnswer(PairingCode, { code: 'ABCD-1234' })).toMatchObject({
      success: true,
      data: { code: 'ABCD-1234' },
    });
    expect(readAnswer(PairingCode, { value: 'ABCD-1234', extra: 1 })).toMatchObject({
      success: true,
      data: { code: 'ABCD-1234', extra: 1 },
    });
    const missing = readAnswer(PairingCode, {});
    expect(missing.success ? [] : missing.problems.map((p) => p.message)).toEqual([
      'code is required',
    ]);
  });
});

describe('restart and disconnect answers', () => {
  it('reads {value: true} in any plausible form, and never fails over it', () => {
    expect(readAnswer(ValueResponse, { value: true })).toMatchObject({ data: { value: true } });
    expect(readAnswer(ValueResponse, { value: 'false' })).toMatchObject({ data: { value: false } });
    expect(readAnswer(ValueResponse, { value: 'maybe' })).toMatchObject({
      success: true,
      data: { value: null },
      dropped: [{ path: ['value'], kind: 'string' }],
    });
    expect(readAnswer(ValueResponse, {}).success).toBe(true);
  });
});

describe('instance data (/me)', () => {
  it('reads the documented fields, dates in any form, unknown fields kept', () => {
    const result = readAnswer(InstanceData, {
      id: 'ID',
      token: 'TOKEN',
      name: 'Loja',
      due: 1_764_000_000,
      created: '',
      connected: 'true',
      paymentStatus: 'PAID',
      connectedCallbackUrl: 'https://hooks.example/c',
      receivedAndDeliveryCallbackUrl: null,
      receiveCallbackSentByMe: false,
      callRejectAuto: 0,
      callRejectMessage: 'busy',
      autoReadMessage: false,
      initialDataCallbackUrl: '',
      somethingNew: { a: 1 },
    });
    expect(result).toMatchObject({
      success: true,
      dropped: [],
      data: {
        id: 'ID',
        due: new Date(1_764_000_000_000),
        created: null,
        connected: true,
        paymentStatus: 'PAID',
        connectedCallbackUrl: 'https://hooks.example/c',
        receivedAndDeliveryCallbackUrl: null,
        callRejectAuto: false,
        somethingNew: { a: 1 },
      },
    });
  });

  it('never fails over a field it cannot read', () => {
    const result = readAnswer(InstanceData, { connected: 'sometimes', due: {} });
    expect(result).toMatchObject({ success: true, data: { connected: null, due: null } });
    expect(result.success && result.dropped.map((d) => d.path.join('.')).sort()).toEqual([
      'connected',
      'due',
    ]);
  });
});

describe('webhook updates', () => {
  it('take https URLs only, naming the field', () => {
    expect(UpdateWebhookInput.parse({ value: 'https://hooks.example/in' })).toEqual({
      value: 'https://hooks.example/in',
    });
    expect(messages(validate(UpdateWebhookInput, { value: 'http://hooks.example/in' }))).toEqual([
      'value must be an https:// URL',
    ]);
    expect(
      messages(validate(UpdateWebhookInput, { value: 'https://x.example', extra: 1 })),
    ).toEqual(['extra is not a known field']);
  });

  it('every webhook at once takes the URL and the notifySentByMe flag', () => {
    expect(
      UpdateEveryWebhookInput.parse({ value: 'https://hooks.example/all', notifySentByMe: true }),
    ).toEqual({ value: 'https://hooks.example/all', notifySentByMe: true });
    expect(
      messages(
        validate(UpdateEveryWebhookInput, { value: 'https://h.example', notifySentByMe: 'y' }),
      ),
    ).toEqual(['notifySentByMe must be true or false']);
  });

  it('the several-at-once input names each webhook as create does, and needs one at least', () => {
    expect(updateWebhooksFields.map((field) => field.name)).toEqual([
      ...WEBHOOK_FIELDS,
      'notifySentByMe',
    ]);
    expect(updateWebhooksFields.every((f) => f.description && f.descriptionPtBr)).toBe(true);
    expect(messages(validate(UpdateWebhooksInput, {}))).toEqual([
      'input must change at least one webhook',
    ]);
    expect(
      messages(validate(UpdateWebhooksInput, { connectedCallbackUrl: 'ftp://x', typo: 1 })),
    ).toEqual(['connectedCallbackUrl must be an https:// URL', 'typo is not a known field']);
  });
});
