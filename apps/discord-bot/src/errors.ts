import { en, type Sentence } from './i18n/index.js';

/**
 * Why the bot itself refused an interaction, by stable code. Z-API failures keep the client's
 * `ZAPI_*` codes; these are the bot's own.
 */
export const BOT_ERROR_CODES = [
  'BOT_NOT_ALLOWED',
  'BOT_COOLDOWN',
  'BOT_NAME_IN_FLIGHT',
  'BOT_INSTANCE_IN_FLIGHT',
  'BOT_STORE_UNAVAILABLE',
  'BOT_CONFIRMATION_EXPIRED',
  'BOT_STOPPING',
  'BOT_UNKNOWN_INSTANCE',
  'BOT_NOT_YOURS',
] as const;
export type BotErrorCode = (typeof BOT_ERROR_CODES)[number];

/**
 * A refusal the member can act on; its words are safe to show them. `message` is the English
 * sentence (for logs and tests); the member reads `sentence` in their own language.
 */
export class BotError extends Error {
  override name = 'BotError';
  readonly code: BotErrorCode;
  /** The refusal in whichever catalogue the reader's locale picks. */
  readonly sentence: Sentence;

  constructor(code: BotErrorCode, sentence: Sentence, options?: ErrorOptions) {
    super(sentence(en), options);
    this.code = code;
    this.sentence = sentence;
  }
}

/** Whether a value is one of the bot's refusals. Matches on `code`, not the class. */
export function isBotError(value: unknown): value is BotError {
  if (!(value instanceof Error) || !('code' in value)) return false;
  return (BOT_ERROR_CODES as readonly unknown[]).includes(value.code);
}
