import { describe, expect, it } from 'vitest';
import { isBotError, type BotError } from './errors.js';
import { Guards } from './guards.js';

const MINUTE = 60_000;
const GUILD = '123456789012345678';
const OTHER_GUILD = '876543210987654321';
const MEMBER = '111111111111111111';
const OTHER_MEMBER = '222222222222222222';

/** A clock the test moves by hand. */
function manualClock(start = 1_700_000_000_000) {
  let time = start;
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}

/** Runs `action`, expecting a BotError; returns it. */
function botErrorOf(action: () => unknown): BotError {
  try {
    action();
  } catch (error) {
    expect(isBotError(error)).toBe(true);
    return error as BotError;
  }
  throw new Error('expected a BotError, but the action was allowed');
}

describe('Guards.firstDelivery', () => {
  it('is true for the first delivery of an id and false for a repeat', () => {
    const guards = new Guards({ cooldownMs: 0 });
    expect(guards.firstDelivery('interaction-1')).toBe(true);
    expect(guards.firstDelivery('interaction-1')).toBe(false);
    expect(guards.firstDelivery('interaction-1')).toBe(false);
  });

  it('is true for another id', () => {
    const guards = new Guards({ cooldownMs: 0 });
    expect(guards.firstDelivery('interaction-1')).toBe(true);
    expect(guards.firstDelivery('interaction-2')).toBe(true);
  });

  it('still remembers an id just under 15 minutes later', () => {
    const clock = manualClock();
    const guards = new Guards({ cooldownMs: 0, now: clock.now });
    guards.firstDelivery('old');
    clock.advance(15 * MINUTE - 1);
    expect(guards.firstDelivery('new')).toBe(true);
    expect(guards.firstDelivery('old')).toBe(false);
  });

  it('forgets ids after 15 minutes, so memory stays bounded', () => {
    const clock = manualClock();
    const guards = new Guards({ cooldownMs: 0, now: clock.now });
    guards.firstDelivery('old');
    clock.advance(15 * MINUTE);
    // The next delivery sweeps what has expired.
    expect(guards.firstDelivery('new')).toBe(true);
    expect(guards.firstDelivery('old')).toBe(true);
    expect(guards.firstDelivery('new')).toBe(false);
  });

  it('forgets the oldest id once 10 000 are remembered within 15 minutes', () => {
    const guards = new Guards({ cooldownMs: 0, now: () => 0 });
    for (let index = 0; index <= 10_000; index += 1) {
      expect(guards.firstDelivery(`interaction-${index}`)).toBe(true);
    }
    expect(guards.firstDelivery('interaction-10000')).toBe(false);
    expect(guards.firstDelivery('interaction-1')).toBe(false);
    expect(guards.firstDelivery('interaction-0')).toBe(true);
  });
});

describe('Guards.claimName', () => {
  it('refuses the same name in the same guild while held, naming the holder', () => {
    const guards = new Guards({ cooldownMs: 0 });
    guards.claimName(GUILD, 'shop', MEMBER);
    const error = botErrorOf(() => guards.claimName(GUILD, 'shop', OTHER_MEMBER));
    expect(error.code).toBe('BOT_NAME_IN_FLIGHT');
    expect(error.message).toContain(`<@${MEMBER}>`);
    expect(error.message).toContain('"shop"');
  });

  it('refuses the holder a second claim too', () => {
    const guards = new Guards({ cooldownMs: 0 });
    guards.claimName(GUILD, 'shop', MEMBER);
    expect(botErrorOf(() => guards.claimName(GUILD, 'shop', MEMBER)).code).toBe(
      'BOT_NAME_IN_FLIGHT',
    );
  });

  it('allows the same name in a different guild, and another name in the same guild', () => {
    const guards = new Guards({ cooldownMs: 0 });
    guards.claimName(GUILD, 'shop', MEMBER);
    expect(() => guards.claimName(OTHER_GUILD, 'shop', MEMBER)).not.toThrow();
    expect(() => guards.claimName(GUILD, 'shop-2', MEMBER)).not.toThrow();
  });

  it('frees the name on release', () => {
    const guards = new Guards({ cooldownMs: 0 });
    const release = guards.claimName(GUILD, 'shop', MEMBER);
    release();
    expect(() => guards.claimName(GUILD, 'shop', OTHER_MEMBER)).not.toThrow();
  });
  it('keeps the name blocked for the hold given on release, then frees it', () => {
    const clock = manualClock();
    const guards = new Guards({ cooldownMs: 0, now: clock.now });
    guards.claimName(GUILD, 'shop', MEMBER)(5 * MINUTE);
    clock.advance(5 * MINUTE - 1);
    const error = botErrorOf(() => guards.claimName(GUILD, 'shop', OTHER_MEMBER));
    expect(error.code).toBe('BOT_NAME_IN_FLIGHT');
    expect(error.message).toMatch(/may or may not have reached Z-API/);
    expect(error.message).toContain(`<@${MEMBER}>`);
    clock.advance(1);
    expect(() => guards.claimName(GUILD, 'shop', OTHER_MEMBER)).not.toThrow();
  });
  it('never forgets a name in flight or held, however many other names and ids come after', () => {
    const clock = manualClock();
    const guards = new Guards({ cooldownMs: 0, now: clock.now });
    guards.claimName(GUILD, 'in-flight', MEMBER);
    guards.claimName(GUILD, 'held', MEMBER)(5 * MINUTE);
    // Past every bound the guards keep (10 000 ids): 10 000 more names in flight, 10 000 held.
    for (let index = 0; index < 20_000; index += 1) {
      const release = guards.claimName(GUILD, `other-${index}`, OTHER_MEMBER);
      if (index % 2 === 0) release(5 * MINUTE);
      guards.firstDelivery(`interaction-${index}`);
    }
    clock.advance(5 * MINUTE - 1);
    const inFlight = botErrorOf(() => guards.claimName(GUILD, 'in-flight', OTHER_MEMBER));
    expect(inFlight.message).toMatch(/already in progress/);
    const held = botErrorOf(() => guards.claimName(GUILD, 'held', OTHER_MEMBER));
    expect(held.message).toMatch(/may or may not have reached Z-API/);
  });
});

describe('Guards.startPaid', () => {
  it('refuses the same member in the same guild within the cooldown', () => {
    const clock = manualClock();
    const guards = new Guards({ cooldownMs: 10_000, now: clock.now });
    guards.startPaid(GUILD, MEMBER);
    clock.advance(9_999);
    const error = botErrorOf(() => {
      guards.startPaid(GUILD, MEMBER);
    });
    expect(error.code).toBe('BOT_COOLDOWN');
    expect(error.message).toContain(`<t:${Math.ceil((clock.now() + 1) / 1_000)}:R>`);
  });

  it('allows another member, and the same member in another guild', () => {
    const guards = new Guards({ cooldownMs: 10_000, now: () => 0 });
    guards.startPaid(GUILD, MEMBER);
    expect(() => {
      guards.startPaid(GUILD, OTHER_MEMBER);
    }).not.toThrow();
    expect(() => {
      guards.startPaid(OTHER_GUILD, MEMBER);
    }).not.toThrow();
  });

  it('allows the member again once the cooldown has passed', () => {
    const clock = manualClock();
    const guards = new Guards({ cooldownMs: 10_000, now: clock.now });
    guards.startPaid(GUILD, MEMBER);
    clock.advance(10_000);
    expect(() => {
      guards.startPaid(GUILD, MEMBER);
    }).not.toThrow();
    clock.advance(5_000);
    expect(
      botErrorOf(() => {
        guards.startPaid(GUILD, MEMBER);
      }).code,
    ).toBe('BOT_COOLDOWN');
  });

  it('does not extend the cooldown when a refused attempt is repeated', () => {
    const clock = manualClock();
    const guards = new Guards({ cooldownMs: 10_000, now: clock.now });
    guards.startPaid(GUILD, MEMBER);
    clock.advance(5_000);
    expect(() => {
      guards.startPaid(GUILD, MEMBER);
    }).toThrow();
    clock.advance(5_000);
    expect(() => {
      guards.startPaid(GUILD, MEMBER);
    }).not.toThrow();
  });

  it('never refuses with a cooldown of 0', () => {
    const guards = new Guards({ cooldownMs: 0, now: () => 0 });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(() => {
        guards.startPaid(GUILD, MEMBER);
      }).not.toThrow();
    }
  });
});
