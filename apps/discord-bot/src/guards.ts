import { userMention } from 'discord.js';
import { LRUCache } from 'lru-cache';
import { relativeTime } from './commands/shared.js';
import { BotError } from './errors.js';

// Interaction tokens live 15 minutes: nothing older can be delivered usefully again.
const DELIVERY_MEMORY_MS = 15 * 60_000;
const MAX_REMEMBERED = 10_000;

/**
 * What keeps one person's action from reaching Z-API twice: repeated deliveries of an
 * interaction, a second create for a name already in flight, and a cooldown on paid commands.
 * Every key includes the guild, and Discord routes all of a guild's events to one shard, so the
 * state never needs to be shared between shards.
 */
export class Guards {
  readonly #seen: LRUCache<string, true>;
  // Creates in progress, by name. A plain Map, never evicted: an evicted claim would let a
  // second paid create through. Each entry lives only as long as its create, so the number of
  // creates running at once bounds it.
  readonly #creating = new Map<string, string>();
  // Names blocked after an unknown outcome. No max, so nothing evicts a hold before it ends;
  // each expires on its own timer, so the holds of the last few minutes bound it.
  readonly #held: LRUCache<string, { memberId: string; until: number }>;
  // When each member may start a paid action again. Evicting one under a flood of 10 000 other
  // members only ends that member's cooldown early; the name guard still blocks double creates.
  readonly #paidUntil: LRUCache<string, number>;
  readonly #cooldownMs: number;
  readonly #now: () => number;

  constructor(options: { cooldownMs: number; now?: () => number }) {
    this.#cooldownMs = options.cooldownMs;
    this.#now = options.now ?? Date.now;
    const perf = { now: this.#now };
    this.#seen = new LRUCache({
      max: MAX_REMEMBERED,
      // lru-cache keeps an entry through its ttl; an id is forgotten at 15 minutes exactly.
      ttl: DELIVERY_MEMORY_MS - 1,
      ttlResolution: 0,
      perf,
    });
    this.#held = new LRUCache({
      // Every hold sets its own ttl; this default is never used.
      ttl: DELIVERY_MEMORY_MS,
      ttlAutopurge: true,
      ttlResolution: 0,
      perf,
    });
    this.#paidUntil = new LRUCache({
      max: MAX_REMEMBERED,
      ttl: this.#cooldownMs,
      ttlResolution: 0,
      perf,
    });
  }

  /** True the first time an interaction id is seen; false for a repeated delivery. */
  firstDelivery(interactionId: string): boolean {
    if (this.#seen.has(interactionId)) return false;
    this.#seen.set(interactionId, true);
    return true;
  }

  /**
   * Claims an instance name in a guild until `release` is called; throws BOT_NAME_IN_FLIGHT
   * while another create for it has not finished.
   */
  claimName(guildId: string, name: string, memberId: string): (holdMs?: number) => void {
    const key = `${guildId}\n${name}`;
    const creator = this.#creating.get(key);
    if (creator !== undefined) {
      throw new BotError(
        'BOT_NAME_IN_FLIGHT',
        `A create for "${name}" is already in progress (started by ${userMention(creator)}). Nothing was sent again: wait for it, then check /zapi-list.`,
      );
    }
    const held = this.#held.get(key);
    if (held !== undefined && held.until > this.#now()) {
      throw new BotError(
        'BOT_NAME_IN_FLIGHT',
        `A create for "${name}" by ${userMention(held.memberId)} may or may not have reached Z-API. Nothing was sent again: check /zapi-list first; the name can be used again ${relativeTime(held.until)}.`,
      );
    }
    this.#creating.set(key, memberId);
    // After an unknown outcome the name stays blocked a while, so that nobody creates (and pays
    // for) it twice before checking whether the first one exists.
    return (holdMs = 0) => {
      if (holdMs > 0) {
        this.#held.set(key, { memberId, until: this.#now() + holdMs }, { ttl: holdMs });
      }
      this.#creating.delete(key);
    };
  }

  /** Starts a paid action for a member; throws BOT_COOLDOWN when their last one was too recent. */
  startPaid(guildId: string, memberId: string): void {
    if (this.#cooldownMs === 0) return;
    const key = `${guildId}\n${memberId}`;
    const now = this.#now();
    const readyAt = this.#paidUntil.get(key);
    if (readyAt !== undefined && readyAt > now) {
      throw new BotError(
        'BOT_COOLDOWN',
        `You ran a paid command moments ago. Try again ${relativeTime(readyAt)}; nothing was sent to Z-API.`,
      );
    }
    this.#paidUntil.set(key, now + this.#cooldownMs);
  }
}
