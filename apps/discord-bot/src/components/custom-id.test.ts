import { describe, expect, it } from 'vitest';
import { CUSTOM_ID_PREFIX, customId, parseCustomId } from './custom-id.js';

describe('customId and parseCustomId', () => {
  it('round-trips an action and its arguments', () => {
    const id = customId('subscribe', '3C1A2B', '2', 'with_calls-1');
    expect(id).toBe('zapi:subscribe:3C1A2B:2:with_calls-1');
    expect(parseCustomId(id)).toStrictEqual({
      action: 'subscribe',
      args: ['3C1A2B', '2', 'with_calls-1'],
    });
  });

  it('round-trips an action without arguments', () => {
    expect(parseCustomId(customId('dismiss'))).toStrictEqual({ action: 'dismiss', args: [] });
  });

  it.each([
    ['a colon in the action', () => customId('a:b')],
    ['a colon in an argument', () => customId('list', 'a:b')],
    ['a space in an argument', () => customId('list', 'a b')],
    ['an empty argument', () => customId('list', '')],
    ['an empty action', () => customId('')],
  ])('refuses %s', (_, build) => {
    expect(build).toThrow(/not allowed/);
  });

  it('refuses ids longer than 100 characters, and accepts exactly 100', () => {
    const prefix = `${CUSTOM_ID_PREFIX}:a:`;
    expect(customId('a', 'x'.repeat(100 - prefix.length))).toHaveLength(100);
    expect(() => customId('a', 'x'.repeat(101 - prefix.length))).toThrow(/too long/);
  });

  it.each(['other:x', '', 'zapi', 'zapi:', 'zapi:bad part', 'zapi:list:bad part', 'ZAPI:list'])(
    'returns undefined for the foreign id %j',
    (id) => {
      expect(parseCustomId(id)).toBeUndefined();
    },
  );
});
