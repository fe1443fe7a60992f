import { describe, expect, it } from 'vitest';
import { isBotError, type BotError } from './errors.js';
import { Guards, REPEAT_HOLD_MS, UNKNOWN_OUTCOME_HOLD_MS } from './guards.js';
import { ptBR } from './i18n/index.js';
import { MemoryGuardStore } from './state/memory-store.js';

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

const LEASE_MS = 50_000;

/** Guards on a memory store that share one clock. */
function memoryGuards(options: { cooldownMs: number; now?: () => number }) {
  const store = new MemoryGuardStore(options.now ? { now: options.now } : {});
  return new Guards({ store, leaseMs: LEASE_MS, ...options });
}

/** Runs `action`, expecting a BotError; returns it. */
async function botErrorOf(action: () => Promise<unknown>): Promise<BotError> {
  try {
    await action();
  } catch (error) {
    expect(isBotError(error)).toBe(true);
    return error as BotError;
  }
  throw new Error('expected a BotError, but the action was allowed');
}

describe('Guards.firstDelivery', () => {
  it('is true for the first delivery of an id and false for a repeat', async () => {
    const guards = memoryGuards({ cooldownMs: 0 });
    expect(await guards.firstDelivery('interaction-1')).toBe(true);
    expect(await guards.firstDelivery('interaction-1')).toBe(false);
    expect(await guards.firstDelivery('interaction-1')).toBe(false);
  });

  it('is true for another id', async () => {
    const guards = memoryGuards({ cooldownMs: 0 });
    expect(await guards.firstDelivery('interaction-1')).toBe(true);
    expect(await guards.firstDelivery('interaction-2')).toBe(true);
  });

  it('still remembers an id just under 15 minutes later', async () => {
    const clock = manualClock();
    const guards = memoryGuards({ cooldownMs: 0, now: clock.now });
    await guards.firstDelivery('old');
    clock.advance(15 * MINUTE - 1);
    expect(await guards.firstDelivery('new')).toBe(true);
    expect(await guards.firstDelivery('old')).toBe(false);
  });

  it('forgets ids after 15 minutes, so memory stays bounded', async () => {
    const clock = manualClock();
    const guards = memoryGuards({ cooldownMs: 0, now: clock.now });
    await guards.firstDelivery('old');
    clock.advance(15 * MINUTE);
    // The next delivery sweeps what has expired.
    expect(await guards.firstDelivery('new')).toBe(true);
    expect(await guards.firstDelivery('old')).toBe(true);
    expect(await guards.firstDelivery('new')).toBe(false);
  });

  it('forgets the oldest id once 10 000 are remembered within 15 minutes', async () => {
    const guards = memoryGuards({ cooldownMs: 0, now: () => 0 });
    for (let index = 0; index <= 10_000; index += 1) {
      expect(await guards.firstDelivery(`interaction-${index}`)).toBe(true);
    }
    expect(await guards.firstDelivery('interaction-10000')).toBe(false);
    expect(await guards.firstDelivery('interaction-1')).toBe(false);
    expect(await guards.firstDelivery('interaction-0')).toBe(true);
  });
});

describe('Guards.claimName', () => {
  it('refuses the same name in the same guild while held, naming the holder', async () => {
    const guards = memoryGuards({ cooldownMs: 0 });
    await guards.claimName(GUILD, 'shop', MEMBER);
    const error = await botErrorOf(() => guards.claimName(GUILD, 'shop', OTHER_MEMBER));
    expect(error.code).toBe('BOT_NAME_IN_FLIGHT');
    expect(error.message).toContain(`<@${MEMBER}>`);
    expect(error.message).toContain('"shop"');
  });

  it('refuses the holder a second claim too', async () => {
    const guards = memoryGuards({ cooldownMs: 0 });
    await guards.claimName(GUILD, 'shop', MEMBER);
    expect((await botErrorOf(() => guards.claimName(GUILD, 'shop', MEMBER))).code).toBe(
      'BOT_NAME_IN_FLIGHT',
    );
  });

  it('allows the same name in a different guild, and another name in the same guild', async () => {
    const guards = memoryGuards({ cooldownMs: 0 });
    await guards.claimName(GUILD, 'shop', MEMBER);
    await expect(guards.claimName(OTHER_GUILD, 'shop', MEMBER)).resolves.toBeTypeOf('function');
    await expect(guards.claimName(GUILD, 'shop-2', MEMBER)).resolves.toBeTypeOf('function');
  });

  it('frees the name on release', async () => {
    const guards = memoryGuards({ cooldownMs: 0 });
    const release = await guards.claimName(GUILD, 'shop', MEMBER);
    await release();
    await expect(guards.claimName(GUILD, 'shop', OTHER_MEMBER)).resolves.toBeTypeOf('function');
  });

  it('keeps the name blocked for the hold after an unknown outcome, then frees it', async () => {
    const clock = manualClock();
    const guards = memoryGuards({ cooldownMs: 0, now: clock.now });
    await (
      await guards.claimName(GUILD, 'shop', MEMBER)
    )('unknown');
    clock.advance(UNKNOWN_OUTCOME_HOLD_MS - 1);
    const error = await botErrorOf(() => guards.claimName(GUILD, 'shop', OTHER_MEMBER));
    expect(error.code).toBe('BOT_NAME_IN_FLIGHT');
    expect(error.message).toMatch(/may or may not have reached Z-API/);
    expect(error.message).toContain(`<@${MEMBER}>`);
    clock.advance(1);
    await expect(guards.claimName(GUILD, 'shop', OTHER_MEMBER)).resolves.toBeTypeOf('function');
  });

  it('treats a claim whose lease ran out (its process died mid-call) as an unknown outcome, held after the lease', async () => {
    const clock = manualClock();
    const guards = memoryGuards({ cooldownMs: 0, now: clock.now });
    await guards.claimName(GUILD, 'shop', MEMBER);
    clock.advance(LEASE_MS - 1);
    expect((await botErrorOf(() => guards.claimName(GUILD, 'shop', OTHER_MEMBER))).message).toMatch(
      /already in progress/,
    );
    clock.advance(1);
    const cutOff = await botErrorOf(() => guards.claimName(GUILD, 'shop', OTHER_MEMBER));
    expect(cutOff.message).toMatch(
      /cut off before Z-API answered .*may or may not have reached Z-API/,
    );
    clock.advance(UNKNOWN_OUTCOME_HOLD_MS - 1);
    await botErrorOf(() => guards.claimName(GUILD, 'shop', OTHER_MEMBER));
    clock.advance(1);
    await expect(guards.claimName(GUILD, 'shop', OTHER_MEMBER)).resolves.toBeTypeOf('function');
  });

  it('never lets a late release end a newer claim on the same name', async () => {
    const clock = manualClock();
    const guards = memoryGuards({ cooldownMs: 0, now: clock.now });
    const stale = await guards.claimName(GUILD, 'shop', MEMBER);
    clock.advance(LEASE_MS + UNKNOWN_OUTCOME_HOLD_MS);
    await guards.claimName(GUILD, 'shop', OTHER_MEMBER);
    await stale();
    expect((await botErrorOf(() => guards.claimName(GUILD, 'shop', MEMBER))).message).toContain(
      `<@${OTHER_MEMBER}>`,
    );
  });

  it('never forgets a name in flight or held, however many other names and ids come after', async () => {
    const clock = manualClock();
    const guards = memoryGuards({ cooldownMs: 0, now: clock.now });
    await guards.claimName(GUILD, 'in-flight', MEMBER);
    await (
      await guards.claimName(GUILD, 'held', MEMBER)
    )('unknown');
    // Past every bound the guards keep (10 000 ids): 10 000 more names in flight, 10 000 held.
    for (let index = 0; index < 20_000; index += 1) {
      const release = await guards.claimName(GUILD, `other-${index}`, OTHER_MEMBER);
      if (index % 2 === 0) await release('unknown');
      await guards.firstDelivery(`interaction-${index}`);
    }
    clock.advance(LEASE_MS - 1);
    const inFlight = await botErrorOf(() => guards.claimName(GUILD, 'in-flight', OTHER_MEMBER));
    expect(inFlight.message).toMatch(/already in progress/);
    clock.advance(UNKNOWN_OUTCOME_HOLD_MS - LEASE_MS);
    const cutOff = await botErrorOf(() => guards.claimName(GUILD, 'in-flight', OTHER_MEMBER));
    expect(cutOff.message).toMatch(/cut off/);
    const held = await botErrorOf(() => guards.claimName(GUILD, 'held', OTHER_MEMBER));
    expect(held.message).toMatch(/may or may not have reached Z-API/);
  });
});

describe('a claim record the guards cannot read', () => {
  it('is refused as an unknown outcome by "someone", in the reader\'s language', async () => {
    const store = new MemoryGuardStore();
    const guards = new Guards({ store, leaseMs: LEASE_MS, cooldownMs: 0 });
    await store.claim('claim', `name\n${GUILD}\nshop`, 'not json', MINUTE);
    const error = await botErrorOf(() => guards.claimName(GUILD, 'shop', MEMBER));
    expect(error.code).toBe('BOT_NAME_IN_FLIGHT');
    expect(error.message).toMatch(/^A create for "shop" by someone may or may not have reached/);
    expect(error.sentence(ptBR)).toMatch(/^Uma criação de "shop" por alguém pode ou não ter/);
  });
});

describe('Guards.claimSubscription', () => {
  it('refuses a second subscription while one is in flight, and for a while after one is done', async () => {
    const clock = manualClock();
    const guards = memoryGuards({ cooldownMs: 0, now: clock.now });
    const release = await guards.claimSubscription('3C1A', MEMBER);
    const inFlight = await botErrorOf(() => guards.claimSubscription('3C1A', OTHER_MEMBER));
    expect(inFlight.code).toBe('BOT_INSTANCE_IN_FLIGHT');
    expect(inFlight.message).toMatch(/already in progress/);
    await release('done');
    clock.advance(REPEAT_HOLD_MS - 1);
    const done = await botErrorOf(() => guards.claimSubscription('3C1A', MEMBER));
    expect(done.message).toMatch(/was subscribed moments ago by <@\d+>/);
    // The member reads the same refusal in their own language.
    expect(inFlight.sentence(ptBR)).toMatch(/^Uma assinatura de `3C1A` já está em andamento/);
    expect(done.sentence(ptBR)).toMatch(/^`3C1A` foi assinada há instantes por <@\d+>/);
    await expect(guards.claimSubscription('OTHER', MEMBER)).resolves.toBeTypeOf('function');
    clock.advance(1);
    await expect(guards.claimSubscription('3C1A', MEMBER)).resolves.toBeTypeOf('function');
  });
});

describe('Guards confirmations', () => {
  it('keeps at most 1 000 in memory: the oldest then reads as expired', async () => {
    const guards = memoryGuards({ cooldownMs: 0 });
    for (let index = 0; index <= 1_000; index += 1) {
      await guards.holdConfirmation(String(index), { index }, MINUTE);
    }
    expect(await guards.takeConfirmation('0')).toBeUndefined();
    expect(await guards.takeConfirmation('1')).toEqual({ index: 1 });
    expect(await guards.takeConfirmation('1000')).toEqual({ index: 1000 });
  });

  it('gives what was held once, to one caller only', async () => {
    const guards = memoryGuards({ cooldownMs: 0 });
    await guards.holdConfirmation('42', { name: 'shop' }, MINUTE);
    const taken = await Promise.all([guards.takeConfirmation('42'), guards.takeConfirmation('42')]);
    expect(taken.filter((value) => value !== undefined)).toEqual([{ name: 'shop' }]);
  });
});

describe('Guards.startPaid', () => {
  it('refuses the same member in the same guild within the cooldown', async () => {
    const clock = manualClock();
    const guards = memoryGuards({ cooldownMs: 10_000, now: clock.now });
    await guards.startPaid(GUILD, MEMBER);
    clock.advance(9_999);
    const error = await botErrorOf(() => guards.startPaid(GUILD, MEMBER));
    expect(error.code).toBe('BOT_COOLDOWN');
    expect(error.message).toContain(`<t:${Math.ceil((clock.now() + 1) / 1_000)}:R>`);
  });

  it('allows another member, and the same member in another guild', async () => {
    const guards = memoryGuards({ cooldownMs: 10_000, now: () => 0 });
    await guards.startPaid(GUILD, MEMBER);
    await expect(guards.startPaid(GUILD, OTHER_MEMBER)).resolves.toBeUndefined();
    await expect(guards.startPaid(OTHER_GUILD, MEMBER)).resolves.toBeUndefined();
  });

  it('allows the member again once the cooldown has passed', async () => {
    const clock = manualClock();
    const guards = memoryGuards({ cooldownMs: 10_000, now: clock.now });
    await guards.startPaid(GUILD, MEMBER);
    clock.advance(10_000);
    await expect(guards.startPaid(GUILD, MEMBER)).resolves.toBeUndefined();
    clock.advance(5_000);
    expect((await botErrorOf(() => guards.startPaid(GUILD, MEMBER))).code).toBe('BOT_COOLDOWN');
  });

  it('does not extend the cooldown when a refused attempt is repeated', async () => {
    const clock = manualClock();
    const guards = memoryGuards({ cooldownMs: 10_000, now: clock.now });
    await guards.startPaid(GUILD, MEMBER);
    clock.advance(5_000);
    await botErrorOf(() => guards.startPaid(GUILD, MEMBER));
    clock.advance(5_000);
    await expect(guards.startPaid(GUILD, MEMBER)).resolves.toBeUndefined();
  });

  it('never refuses with a cooldown of 0', async () => {
    const guards = memoryGuards({ cooldownMs: 0, now: () => 0 });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expect(guards.startPaid(GUILD, MEMBER)).resolves.toBeUndefined();
    }
  });
});
