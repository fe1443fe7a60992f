// Property tests over Z-API's callbacks: whatever form `momment` comes in, whatever Z-API adds,
// and whatever type it names, a JSON object is read; its kind follows its type, its date is one
// Date whether sent in seconds or milliseconds, and nothing it carried is lost.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALLBACK_TYPES, callbackKind, readCallback, type CallbackKind } from './callbacks.js';

const KNOWN = Object.entries(CALLBACK_TYPES) as [Exclude<CallbackKind, 'unknown'>, string][];
const KNOWN_FIELDS = new Set([
  'type',
  'kind',
  'instanceId',
  'momment',
  'connected',
  'disconnected',
  'phone',
  'error',
  'status',
  'ids',
  'phoneDevice',
  'isGroup',
  'lastSeen',
  'zaapId',
  'messageId',
  'fromMe',
]);

// 2019-01-01 to 2100-01-01, in whole seconds: every date Z-API can mean.
const seconds = fc.integer({ min: 1_546_300_800, max: 4_102_444_800 });

/** The forms one instant takes in a callback's `momment`. */
const mommentForms = (s: number) =>
  fc.constantFrom<unknown>(
    s,
    s * 1000,
    String(s),
    String(s * 1000),
    new Date(s * 1000).toISOString(),
  );

// A type as Z-API may write a known one: any case, with stray white space.
const knownType = fc
  .tuple(fc.constantFrom(...KNOWN), fc.boolean(), fc.boolean())
  .map(([[kind, type], upper, padded]) => {
    const written = upper ? type.toUpperCase() : type;
    return { kind, type: padded ? ` ${written}\n` : written };
  });
const unknownType = fc
  .string({ minLength: 1, maxLength: 30 })
  .filter((type) => callbackKind(type) === 'unknown')
  .map((type) => ({ kind: 'unknown' as const, type }));

const extras = fc.dictionary(
  fc
    .string({ minLength: 1, maxLength: 12 })
    .filter((key) => !KNOWN_FIELDS.has(key) && key !== '__proto__'),
  fc.jsonValue(),
  { maxKeys: 4 },
);

const callback = fc
  .record({
    typed: fc.oneof(knownType, unknownType),
    instanceId: fc.stringMatching(/^[0-9A-F]{32}$/),
    seconds,
    extras,
    phone: fc.option(fc.stringMatching(/^55\d{10,11}$/), { nil: undefined }),
  })
  .chain((parts) => mommentForms(parts.seconds).map((momment) => ({ ...parts, momment })));

describe('readCallback', () => {
  it('reads every callback object: kind from type, type and unknown fields kept, one date', () => {
    fc.assert(
      fc.property(callback, ({ typed, instanceId, seconds: s, extras: more, phone, momment }) => {
        const body = {
          ...more,
          type: typed.type,
          instanceId,
          momment,
          ...(phone === undefined ? {} : { phone }),
        };
        const result = readCallback(body);
        expect(result.success).toBe(true);
        if (!result.success) return;
        expect(result.dropped).toEqual([]);
        const read = result.data;
        expect(read.kind).toBe(typed.kind);
        expect(read.type).toBe(typed.type);
        expect(read.instanceId).toBe(instanceId);
        expect(read.momment).toEqual(new Date(s * 1000));
        for (const [key, value] of Object.entries(more)) {
          expect((read as Record<string, unknown>)[key]).toEqual(value);
        }
        if (phone !== undefined && 'phone' in read) expect(read.phone).toBe(phone);
      }),
    );
  });

  it('never fails an object over a field it cannot read: the field is null and listed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KNOWN.map(([, type]) => type), 'SomethingNewCallback'),
        fc.oneof(fc.object(), fc.array(fc.jsonValue()), fc.constant(-5), fc.constant('yesterday')),
        (type, garbage) => {
          const result = readCallback({ type, momment: garbage, instanceId: 'I' });
          expect(result.success).toBe(true);
          if (!result.success) return;
          expect(result.data.momment).toBeNull();
          expect(result.dropped).toEqual([expect.objectContaining({ path: ['momment'] })]);
        },
      ),
    );
  });

  it('reads a callback with every field left out as its kind, the fields absent', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KNOWN), ([kind, type]) => {
        const result = readCallback({ type });
        expect(result.success && result.data.kind).toBe(kind);
        expect(result.success ? result.data.momment : 'failed').toBeUndefined();
      }),
    );
  });

  it('refuses only what is not a JSON object', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.double(),
          fc.boolean(),
          fc.constant(null),
          fc.array(fc.jsonValue()),
        ),
        (body) => {
          const result = readCallback(body);
          expect(result.success).toBe(false);
          if (!result.success) expect(result.problems[0]?.message).toBe('input must be an object');
        },
      ),
    );
  });
});

describe('the callbacks Z-API documents', () => {
  it('reads each documented example as its kind', () => {
    const examples: [unknown, Record<string, unknown>][] = [
      [
        {
          type: 'ConnectedCallback',
          connected: true,
          phone: '5544999999999',
          momment: 1_580_163_342,
          instanceId: 'A',
        },
        {
          kind: 'connected',
          connected: true,
          phone: '5544999999999',
          momment: new Date(1_580_163_342_000),
        },
      ],
      [
        {
          type: 'DisconnectedCallback',
          disconnected: true,
          error: 'Device has been disconnected',
          momment: 1_580_163_342_000,
          instanceId: 'A',
        },
        {
          kind: 'disconnected',
          disconnected: true,
          error: 'Device has been disconnected',
          momment: new Date(1_580_163_342_000),
        },
      ],
      [
        {
          type: 'MessageStatusCallback',
          status: 'READ',
          ids: ['999999'],
          momment: 1_632_234_645_000,
          phoneDevice: 0,
          phone: '554499999999',
          isGroup: false,
          instanceId: 'A',
        },
        {
          kind: 'message-status',
          status: 'READ',
          ids: ['999999'],
          phoneDevice: '0',
          isGroup: false,
        },
      ],
      [
        {
          type: 'PresenceChatCallback',
          phone: '5544999999999',
          status: 'COMPOSING',
          lastSeen: null,
          instanceId: 'A',
        },
        { kind: 'presence-chat', status: 'COMPOSING', lastSeen: null },
      ],
      [
        {
          type: 'DeliveryCallback',
          phone: '554499999999',
          zaapId: 'Z',
          messageId: 'M',
          instanceId: 'A',
        },
        { kind: 'delivery', zaapId: 'Z', messageId: 'M' },
      ],
      [
        {
          type: 'ReceivedCallback',
          phone: '5544999999999',
          messageId: 'M',
          fromMe: false,
          text: { message: 'oi' },
          momment: 1_632_228_638_000,
          instanceId: 'A',
        },
        { kind: 'received', fromMe: false, text: { message: 'oi' } },
      ],
    ];
    for (const [body, expected] of examples) {
      const result = readCallback(body);
      expect(result.success && result.data).toMatchObject({ instanceId: 'A', ...expected });
    }
  });
});
