import { isZapiError } from '@zapikit/client';
import type { Interaction } from 'discord.js';
import type { BotContext } from './context.js';

/** What an audit line records about one paid (or billing) action besides who and where. */
export interface AuditEntry {
  /** `created`, `subscribed`, `cancelled`, or the failure's code. */
  outcome: string;
  instanceId?: string;
  instanceName?: string;
  withCalls?: boolean;
}

/**
 * One JSON line per action that spends or stops the partner's money: member, guild, command,
 * instance, outcome. Never a token: none is passed in, and the logger redacts the usual names.
 */
export function audit(
  context: BotContext,
  interaction: Interaction,
  command: string,
  entry: AuditEntry,
): void {
  context.logger.info(
    {
      audit: true,
      command,
      memberId: interaction.user.id,
      member: interaction.user.username,
      guildId: interaction.guildId,
      interactionId: interaction.id,
      sandbox: context.sandbox,
      ...entry,
    },
    `audit: ${command} ${entry.outcome}`,
  );
}

/**
 * Runs an action that spends or stops money and writes its audit line either way: `done` gives
 * the outcome of a success, a failure is recorded by its code.
 */
export async function audited<T>(
  context: BotContext,
  interaction: Interaction,
  command: string,
  entry: Omit<AuditEntry, 'outcome'>,
  action: () => Promise<T>,
  done: (result: T) => Partial<AuditEntry> & { outcome: string },
): Promise<T> {
  let result: T;
  try {
    result = await action();
  } catch (error) {
    audit(context, interaction, command, {
      outcome: isZapiError(error) ? error.code : 'ERROR',
      ...entry,
    });
    throw error;
  }
  audit(context, interaction, command, { ...done(result), ...entry });
  return result;
}
