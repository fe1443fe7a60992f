import type { InstanceDirectory, ZapiClient } from '@zapikit/client';
import type { Logger } from 'pino';
import type { AccessPolicy } from './access.js';
import type { Guards } from './guards.js';
import type { BotMetrics } from './metrics.js';
import type { SuggestionSearches } from './suggestions.js';

/** What every command and button gets: the services to act with and the rules to follow. */
export interface BotContext {
  zapi: ZapiClient;
  /** Finds instance tokens by id; members only ever handle ids. */
  instances: InstanceDirectory;
  /** Whether calls go to a sandbox rather than Z-API: every reply then says so. */
  sandbox: boolean;
  logger: Logger;
  access: AccessPolicy;
  guards: Guards;
  /**
   * Aborted at the shutdown's drain deadline: a paid call still waiting then answers that its
   * outcome is unknown (and holds its name), so every member gets an answer before exit.
   */
  drain: AbortSignal;
  /**
   * Aborted as soon as the bot starts stopping: replies that follow an instance over minutes
   * (`/zapi-connect`) say so and end at once, so the drain never waits on them.
   */
  watching: AbortSignal;
  /** How `/zapi-connect` follows an instance: for how long, and how often it asks Z-API. */
  connect: { timeoutMs: number; pollMs: number };
  /** Instance searches for autocomplete, shared and reused briefly. */
  suggestions: SuggestionSearches;
  /** Where each interaction is counted; absent in tests that do not look. */
  metrics?: BotMetrics;
}
