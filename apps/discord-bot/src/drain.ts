import type { BotContext } from './context.js';
import { BotError } from './errors.js';

/** What a member reads when the bot stopped before their command needed Z-API. */
export function stoppingError(sentNothing: boolean): BotError {
  return new BotError(
    'BOT_STOPPING',
    sentNothing ? (t) => t.drain.stoppingNothingSent() : (t) => t.drain.stoppingMaybeSent(),
  );
}

/**
 * The call's result, or BOT_STOPPING once the bot's drain deadline passes first. The call itself
 * goes on (Z-API may still act on it); only the wait ends, so the member gets an answer before
 * the process exits. A later failure of the call is left to its own audit line.
 */
export async function untilDrained<T>(
  call: Promise<T>,
  context: Pick<BotContext, 'drain'>,
  sentNothing = true,
): Promise<T> {
  const { drain } = context;
  if (drain.aborted) {
    call.catch(() => undefined);
    throw stoppingError(sentNothing);
  }
  let onAbort: (() => void) | undefined;
  const drained = new Promise<never>((_, reject) => {
    onAbort = () => {
      reject(stoppingError(sentNothing));
    };
    drain.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([call, drained]);
  } finally {
    if (onAbort) drain.removeEventListener('abort', onAbort);
    call.catch(() => undefined);
    drained.catch(() => undefined);
  }
}

/** Whether an error is the drain deadline's BOT_STOPPING. */
export function isStopping(error: unknown): boolean {
  return error instanceof BotError && error.code === 'BOT_STOPPING';
}
