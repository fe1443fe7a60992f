import type { InstanceDirectory, ZapiClient } from '@zapikit/client';
import type { Logger } from 'pino';
import type { AccessPolicy } from './access.js';
import type { Guards } from './guards.js';
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
  /** Instance searches for autocomplete, shared and reused briefly. */
  suggestions: SuggestionSearches;
}
