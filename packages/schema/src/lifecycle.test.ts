import { describe, expect, it } from 'vitest';
import {
  EnableCallsInput,
  InstanceCredentials,
  OkResponse,
  QrCode,
  QrCodeImage,
  SubscribeInstanceInput,
} from './lifecycle.js';
import { validate } from './problems.js';
import { ZapiErrorBody } from './upstream-error.js';

describe('lifecycle inputs', () => {
  it('subscribe takes an optional withCalls flag', () => {
    expect(SubscribeInstanceInput.parse({})).toEqual({});
    expect(SubscribeInstanceInput.parse({ withCalls: true })).toEqual({ withCalls: true });
    expect(SubscribeInstanceInput.safeParse({ withCalls: 'yes' }).success).toBe(false);
  });

  it('adding calls takes withCalls: true only', () => {
    expect(EnableCallsInput.parse({ withCalls: true })).toEqual({ withCalls: true });
    const result = validate(EnableCallsInput, { withCalls: false });
    expect(result.success ? [] : result.problems.map((p) => p.message)).toEqual([
      'withCalls must be true (calls cannot be removed)',
    ]);
  });

  it('instance credentials cannot change the URL path they go into', () => {
    expect(InstanceCredentials.safeParse({ id: '3C7A1B', token: 'F00D-x_1' }).success).toBe(true);
    for (const bad of ['../../instances', 'a/b', 'a?b', 'a%2F', '']) {
      expect(InstanceCredentials.safeParse({ id: bad, token: 't' }).success).toBe(false);
      expect(InstanceCredentials.safeParse({ id: 'i', token: bad }).success).toBe(false);
    }
  });
});

describe('responses', () => {
  it.each(['OK', 'ok', '"OK"', ' OK\n', '" OK "'])('accepts %j as OK', (body) => {
    expect(OkResponse.parse(body)).toBe('OK');
  });
  it.each(['', 'NOT OK', '{"ok":true}', 'OKAY'])('refuses %j as OK', (body) => {
    expect(OkResponse.safeParse(body).success).toBe(false);
  });

  it('reads a QR code image as a data URL or as bare base64, and nothing else', () => {
    expect(QrCodeImage.parse({ value: 'data:image/png;base64,iVBORw0KGgo=' }).value).toMatch(
      /^data:/,
    );
    expect(QrCodeImage.parse({ base64: 'iVBORw0KGgo=' }).value).toBe(
      'data:image/png;base64,iVBORw0KGgo=',
    );
    expect(QrCodeImage.safeParse({ value: 'javascript:alert(1)' }).success).toBe(false);
    expect(QrCodeImage.safeParse({ base64: '<svg onload=x>' }).success).toBe(false);
  });

  it('reads an already connected instance as connected, without an image', () => {
    expect(QrCode.parse({ connected: true })).toEqual({ connected: true });
    expect(QrCode.parse({ value: 'data:image/png;base64,AAAA' })).toEqual({
      connected: false,
      image: 'data:image/png;base64,AAAA',
    });
  });

  it("reads Z-API's error bodies", () => {
    expect(ZapiErrorBody.parse({ error: 'null not allowed' })).toEqual({
      error: 'null not allowed',
    });
    expect(ZapiErrorBody.parse({ error: 'x', message: 'y', status: 400 })).toMatchObject({
      status: 400,
    });
  });
});
