import { randomUUID } from 'node:crypto';
import { escapeMarkdown, userMention } from 'discord.js';
import { relativeTime } from './commands/shared.js';
import { BotError } from './errors.js';
import type { Messages, Sentence } from './i18n/index.js';
import { isStoreUnavailable, type GuardStore } from './state/guard-store.js';

// Interaction tokens live 15 minutes: nothing older can be delivered usefully again.
const DELIVERY_MEMORY_MS = 15 * 60_000;

/** How long a name (or an instance) stays blocked after a call whose outcome is unknown. */
export const UNKNOWN_OUTCOME_HOLD_MS = 5 * 60_000;
/** How long an instance just subscribed refuses another subscription (a double click). */
export const REPEAT_HOLD_MS = 5 * 60_000;

/** What a claim's holder says when its paid call ends. */
export type ClaimOutcome =
  /** Nothing was sent, or it failed for sure: free at once. */
  | 'free'
  /** The call may or may not have reached Z-API: blocked for UNKNOWN_OUTCOME_HOLD_MS. */
  | 'unknown'
  /** It was done: blocked for REPEAT_HOLD_MS (used for subscriptions). */
  | 'done';

/** Ends a claim; never throws (a release that cannot reach the store lets the lease run out). */
export type Release = (outcome?: ClaimOutcome) => Promise<void>;

/** One claim as the store keeps it: who, and until when each state lasts. */
interface ClaimRecord {
  member: string;
  /** Tells this claim from a later one on the same key. */
  token: string;
  state: 'in-flight' | 'unknown' | 'done';
  /** Past this, an in-flight claim's process is taken to have died mid-call. */
  leaseEnds: number;
  /** When the key frees itself. */
  until: number;
}

/** The refusals for one kind of claim, as sentences any catalogue can word. */
interface ClaimWords {
  code: 'BOT_NAME_IN_FLIGHT' | 'BOT_INSTANCE_IN_FLIGHT';
  inFlight(member: string | undefined): Sentence;
  unknown(member: string | undefined, until: number): Sentence;
  cutOff(member: string | undefined, until: number): Sentence;
  done(member: string | undefined, until: number): Sentence;
}

function nameWords(name: string): ClaimWords {
  const shown = escapeMarkdown(name);
  return {
    code: 'BOT_NAME_IN_FLIGHT',
    inFlight: (member) => (t) => t.guards.nameInFlight({ name: shown, member: who(member, t) }),
    unknown: (member, until) => (t) =>
      t.guards.nameUnknown({ name: shown, member: who(member, t), when: relativeTime(until) }),
    cutOff: (member, until) => (t) =>
      t.guards.nameCutOff({ name: shown, member: who(member, t), when: relativeTime(until) }),
    done: (member, until) => (t) =>
      t.guards.nameDone({ name: shown, member: who(member, t), when: relativeTime(until) }),
  };
}

function subscriptionWords(id: string): ClaimWords {
  return {
    code: 'BOT_INSTANCE_IN_FLIGHT',
    inFlight: (member) => (t) => t.guards.subscriptionInFlight({ id, member: who(member, t) }),
    unknown: (member, until) => (t) =>
      t.guards.subscriptionUnknown({ id, member: who(member, t), when: relativeTime(until) }),
    cutOff: (member, until) => (t) =>
      t.guards.subscriptionCutOff({ id, member: who(member, t), when: relativeTime(until) }),
    done: (member, until) => (t) =>
      t.guards.subscriptionDone({ id, member: who(member, t), when: relativeTime(until) }),
  };
}

/** The member who holds a claim, as a mention; a record without one says "someone". */
function who(member: string | undefined, t: Messages): string {
  return member === undefined ? t.guards.someone() : userMention(member);
}

/** The refusal a member reads when the store cannot be reached: nothing was sent. */
export function storeUnavailable(cause?: unknown): BotError {
  return new BotError(
    'BOT_STORE_UNAVAILABLE',
    (t) => t.guards.storeUnavailable(),
    cause === undefined ? undefined : { cause },
  );
}

export interface GuardsOptions {
  store: GuardStore;
  cooldownMs: number;
  /**
   * How long a claim may stay in flight before its process is taken to have died: longer than
   * any create can take (the Z-API timeout, then a lookup of about twice that).
   */
  leaseMs: number;
  now?: () => number;
  /** Told when a release could not reach the store (its claim then ends with its lease). */
  onReleaseFailed?: (error: unknown, key: string) => void;
}

/**
 * What keeps one person's action from reaching Z-API twice: repeated deliveries of an
 * interaction, a second create for a name (or subscription of an instance) already in flight or
 * whose outcome is unknown, and a cooldown on paid commands. The records live in a GuardStore:
 * this process's memory, or Redis when REDIS_URL is set, so every shard and process shares them.
 */
export class Guards {
  readonly #store: GuardStore;
  readonly #cooldownMs: number;
  readonly #leaseMs: number;
  readonly #now: () => number;
  readonly #onReleaseFailed: (error: unknown, key: string) => void;

  constructor(options: GuardsOptions) {
    this.#store = options.store;
    this.#cooldownMs = options.cooldownMs;
    this.#leaseMs = options.leaseMs;
    this.#now = options.now ?? Date.now;
    this.#onReleaseFailed = options.onReleaseFailed ?? (() => undefined);
  }

  /** Where the records live: `memory` or `redis`. */
  get storeKind(): GuardStore['kind'] {
    return this.#store.kind;
  }

  /**
   * True the first time an interaction id is seen; false for a repeated delivery. Throws
   * GuardStoreUnavailableError when the store cannot say.
   */
  async firstDelivery(interactionId: string): Promise<boolean> {
    return (
      (await this.#store.claim('delivery', interactionId, '1', DELIVERY_MEMORY_MS)) === undefined
    );
  }

  /**
   * Claims an instance name in a guild until the release; throws BOT_NAME_IN_FLIGHT while
   * another create for it is in flight or held, BOT_STORE_UNAVAILABLE without a store.
   */
  claimName(guildId: string, name: string, memberId: string): Promise<Release> {
    return this.#claim(`name\n${guildId}\n${name}`, memberId, nameWords(name));
  }

  /** Claims the subscription of an instance, like {@link claimName}: BOT_INSTANCE_IN_FLIGHT. */
  claimSubscription(instanceId: string, memberId: string): Promise<Release> {
    return this.#claim(`subscribe\n${instanceId}`, memberId, subscriptionWords(instanceId));
  }

  /** Starts a paid action for a member; throws BOT_COOLDOWN when their last one was too recent. */
  async startPaid(guildId: string, memberId: string): Promise<void> {
    if (this.#cooldownMs === 0) return;
    const readyAt = this.#now() + this.#cooldownMs;
    const present = await this.#guarded(() =>
      this.#store.claim('cooldown', `${guildId}\n${memberId}`, String(readyAt), this.#cooldownMs),
    );
    if (present === undefined) return;
    throw new BotError('BOT_COOLDOWN', (t) =>
      t.guards.cooldown({ when: relativeTime(Number(present) || readyAt) }),
    );
  }

  /** Keeps what a member is asked to confirm, under `id`, until taken or `ttlMs` has passed. */
  async holdConfirmation(id: string, value: unknown, ttlMs: number): Promise<void> {
    await this.#guarded(() => this.#store.claim('pending', id, JSON.stringify(value), ttlMs));
  }

  /** What was held under `id`, once: a second press of the same button gets undefined. */
  async takeConfirmation(id: string): Promise<unknown> {
    const value = await this.#guarded(() => this.#store.take('pending', id));
    if (value === undefined) return undefined;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }

  async #claim(key: string, memberId: string, words: ClaimWords): Promise<Release> {
    const now = this.#now();
    const record: ClaimRecord = {
      member: memberId,
      token: randomUUID(),
      state: 'in-flight',
      leaseEnds: now + this.#leaseMs,
      // A claim whose lease runs out without an outcome is then held like an unknown outcome.
      until: now + this.#leaseMs + UNKNOWN_OUTCOME_HOLD_MS,
    };
    const value = JSON.stringify(record);
    const present = await this.#guarded(() =>
      this.#store.claim('claim', key, value, record.until - now),
    );
    if (present !== undefined) throw refusal(present, words, now);
    let released = false;
    return async (outcome = 'free') => {
      if (released) return;
      released = true;
      let next: { value: string; ttlMs: number } | undefined;
      if (outcome !== 'free') {
        const holdMs = outcome === 'unknown' ? UNKNOWN_OUTCOME_HOLD_MS : REPEAT_HOLD_MS;
        const held: ClaimRecord = { ...record, state: outcome, until: this.#now() + holdMs };
        next = { value: JSON.stringify(held), ttlMs: holdMs };
      }
      try {
        await this.#store.settle('claim', key, value, next);
      } catch (error) {
        this.#onReleaseFailed(error, key);
      }
    };
  }

  async #guarded<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      if (isStoreUnavailable(error)) throw storeUnavailable(error);
      throw error;
    }
  }
}

/** The refusal for a key that another claim holds. */
function refusal(present: string, words: ClaimWords, now: number): BotError {
  let record: Partial<ClaimRecord> = {};
  try {
    record = JSON.parse(present) as Partial<ClaimRecord>;
  } catch {
    // Not ours to read: still a claim, and refused as one whose outcome is unknown.
  }
  const member = typeof record.member === 'string' ? record.member : undefined;
  const until = typeof record.until === 'number' ? record.until : now + UNKNOWN_OUTCOME_HOLD_MS;
  const sentence =
    record.state === 'in-flight'
      ? typeof record.leaseEnds === 'number' && record.leaseEnds <= now
        ? words.cutOff(member, until)
        : words.inFlight(member)
      : record.state === 'done'
        ? words.done(member, until)
        : words.unknown(member, until);
  return new BotError(words.code, sentence);
}
