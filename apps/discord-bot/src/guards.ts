import { BotError } from './errors.js';

const DELIVERY_MEMORY_MS = 15 * 60_000;
const MAX_REMEMBERED = 10_000;

/**
 * What keeps one person's action from reaching Z-API twice: repeated deliveries of an
 * interaction, a second create for a name already in flight, and a cooldown on paid commands.
 * Every key includes the guild, and Discord routes all of a guild's events to one shard, so the
 * state never needs to be shared between shards.
 */
export class Guards {
  readonly #seen = new Map<string, number>();
  readonly #names = new Map<string, { memberId: string; until?: number }>();
  readonly #paidAt = new Map<string, number>();
  readonly #cooldownMs: number;
  readonly #now: () => number;

  constructor(options: { cooldownMs: number; now?: () => number }) {
    this.#cooldownMs = options.cooldownMs;
    this.#now = options.now ?? Date.now;
  }

  /** True the first time an interaction id is seen; false for a repeated delivery. */
  firstDelivery(interactionId: string): boolean {
    const now = this.#now();
    if (this.#seen.has(interactionId)) return false;
    this.#seen.set(interactionId, now);
    // Interaction tokens live 15 minutes: nothing older can be delivered usefully again.
    for (const [id, at] of this.#seen) {
      if (now - at < DELIVERY_MEMORY_MS && this.#seen.size <= MAX_REMEMBERED) break;
      this.#seen.delete(id);
    }
    return true;
  }

  /**
   * Claims an instance name in a guild until `release` is called; throws BOT_NAME_IN_FLIGHT
   * while another create for it has not finished.
   */
  claimName(guildId: string, name: string, memberId: string): (holdMs?: number) => void {
    const key = `${guildId}\n${name}`;
    const now = this.#now();
    for (const [other, held] of this.#names) {
      if (held.until !== undefined && held.until <= now) this.#names.delete(other);
    }
    const holder = this.#names.get(key);
    if (holder !== undefined) {
      throw new BotError(
        'BOT_NAME_IN_FLIGHT',
        holder.until === undefined
          ? `A create for "${name}" is already in progress (started by <@${holder.memberId}>). Nothing was sent again: wait for it, then check /zapi-list.`
          : `A create for "${name}" by <@${holder.memberId}> may or may not have reached Z-API. Nothing was sent again: check /zapi-list first; the name can be used again <t:${Math.ceil(holder.until / 1_000)}:R>.`,
      );
    }
    this.#names.set(key, { memberId });
    // After an unknown outcome the name stays blocked a while, so that nobody creates (and pays
    // for) it twice before checking whether the first one exists.
    return (holdMs = 0) => {
      if (holdMs > 0) this.#names.set(key, { memberId, until: this.#now() + holdMs });
      else this.#names.delete(key);
    };
  }

  /** Starts a paid action for a member; throws BOT_COOLDOWN when their last one was too recent. */
  startPaid(guildId: string, memberId: string): void {
    if (this.#cooldownMs === 0) return;
    const key = `${guildId}\n${memberId}`;
    const now = this.#now();
    const last = this.#paidAt.get(key);
    if (last !== undefined && now - last < this.#cooldownMs) {
      const readyAt = Math.ceil((last + this.#cooldownMs) / 1_000);
      throw new BotError(
        'BOT_COOLDOWN',
        `You ran a paid command moments ago. Try again <t:${readyAt}:R>; nothing was sent to Z-API.`,
      );
    }
    // Re-inserted so the map stays in time order and the sweep below can stop early.
    this.#paidAt.delete(key);
    this.#paidAt.set(key, now);
    for (const [other, at] of this.#paidAt) {
      if (now - at < this.#cooldownMs) break;
      this.#paidAt.delete(other);
    }
  }
}
