import { pino, type DestinationStream, type Logger } from 'pino';

// A safety net: the bot never logs these, and pino removes them should one slip through.
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'discordToken',
  '*.discordToken',
  'partnerToken',
  '*.partnerToken',
  'clientToken',
  '*.clientToken',
  'authorization',
  'headers.authorization',
  '*.headers.authorization',
  'secret',
  '*.secret',
];

/**
 * Errors are logged by a short list of fields. discord.js's DiscordAPIError carries the request
 * it failed on: its URL holds the interaction token and its body the reply, which may show an
 * instance token. Neither belongs in a log.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields = error as Error & Record<string, unknown>;
  const kept: Record<string, unknown> = { type: error.name, message: error.message };
  for (const key of ['code', 'status', 'method', 'retryable', 'operation', 'causeCode'] as const) {
    if (
      typeof fields[key] === 'string' ||
      typeof fields[key] === 'number' ||
      typeof fields[key] === 'boolean'
    ) {
      kept[key] = fields[key];
    }
  }
  if (error.stack) kept.stack = error.stack;
  return kept;
}

/** The bot's pino logger: JSON lines, secrets redacted. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'zapi-discord-bot' },
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    serializers: { err: serializeError },
  };
  return destination ? pino(options, destination) : pino(options);
}
