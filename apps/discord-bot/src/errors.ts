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

/** A refusal the member can act on; its message is safe to show them. */
export class BotError extends Error {
  override name = 'BotError';
  readonly code: BotErrorCode;

  constructor(code: BotErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** Whether a value is one of the bot's refusals. Matches on `code`, not the class. */
export function isBotError(value: unknown): value is BotError {
  if (!(value instanceof Error) || !('code' in value)) return false;
  return (BOT_ERROR_CODES as readonly unknown[]).includes(value.code);
}
