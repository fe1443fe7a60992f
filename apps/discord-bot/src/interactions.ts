import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { isZapiError, ZapiValidationError } from '@zapikit/client';
import {
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from 'discord.js';
import { assertAllowed } from './access.js';
import type { ButtonAction, SlashCommand } from './commands/command.js';
import { buttons, commands } from './commands/index.js';
import { optionNameForField } from './commands/option-names.js';
import { AUTOCOMPLETE_BUDGET_MS, relativeTime } from './commands/shared.js';
import { parseCustomId } from './components/custom-id.js';
import type { BotContext } from './context.js';
import { deliver } from './deliver.js';
import { isBotError } from './errors.js';
import { describeOptionProblems, ZAPI_ERROR_SENTENCES } from './messages.js';
import type { Reply } from './reply.js';

const commandsByName = new Map(commands.map((command) => [command.data.name, command]));
const buttonsByAction = new Map(buttons.map((button) => [button.action, button]));

/** What a member reads when something failed: by code, never with a secret. */
export function errorReply(error: unknown, context: BotContext): { reply: Reply; code: string } {
  if (isBotError(error)) return { reply: { content: error.message }, code: error.code };
  if (error instanceof ZapiValidationError) {
    return {
      reply: {
        content: `Nothing was sent to Z-API. Please fix:\n${describeOptionProblems(error.problems, optionNameForField)}`,
      },
      code: error.code,
    };
  }
  if (isZapiError(error)) {
    const said = error.zapiMessage ? ` Z-API said: "${error.zapiMessage.slice(0, 300)}".` : '';
    const wait =
      error.retryAfterMs !== undefined
        ? ` Try again ${relativeTime(Date.now() + error.retryAfterMs)}.`
        : '';
    return {
      reply: { content: `${ZAPI_ERROR_SENTENCES[error.code]}${said}${wait} (${error.code})` },
      code: error.code,
    };
  }
  context.logger.error({ err: error }, 'unexpected error while handling an interaction');
  return {
    reply: {
      content: 'Something went wrong inside the bot. It was logged; nothing more is known.',
    },
    code: 'INTERNAL',
  };
}

/** One line per interaction: what, who, how it ended and how long the acknowledgement took. */
function logInteraction(
  context: BotContext,
  interaction: Interaction,
  fields: { kind: string; name: string; outcome: string; ackMs?: number; started: number },
): void {
  const { started, ...rest } = fields;
  context.logger.info(
    {
      interactionId: interaction.id,
      guildId: interaction.guildId,
      memberId: interaction.user.id,
      ...rest,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    },
    `${fields.kind} ${fields.name} ${fields.outcome}`,
  );
}

async function answerAutocomplete(
  interaction: AutocompleteInteraction,
  command: SlashCommand | undefined,
  context: BotContext,
  started: number,
): Promise<void> {
  let outcome = 'ok';
  let choices: Awaited<ReturnType<NonNullable<SlashCommand['autocomplete']>>> = [];
  try {
    assertAllowed(interaction, context.access);
    if (command?.autocomplete) {
      const budget = new AbortController();
      choices = await Promise.race([
        command.autocomplete(interaction, context),
        sleep(AUTOCOMPLETE_BUDGET_MS, [], { signal: budget.signal }).then(() => {
          outcome = 'TIMEOUT';
          return [];
        }),
      ]).finally(() => {
        budget.abort();
      });
    }
  } catch (error) {
    // Refusals and failures alike offer nothing: suggestions would reveal instance names.
    outcome = isBotError(error) || isZapiError(error) ? error.code : 'INTERNAL';
    if (outcome === 'INTERNAL') context.logger.error({ err: error }, 'autocomplete failed');
  }
  await interaction.respond(choices);
  logInteraction(context, interaction, {
    kind: 'autocomplete',
    name: interaction.commandName,
    outcome,
    started,
  });
}

async function run(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  execute: () => Promise<Reply>,
  ack: 'reply' | 'update',
  meta: { kind: string; name: string; started: number },
  context: BotContext,
): Promise<void> {
  // Acknowledge before any check or I/O: Discord drops an interaction unanswered in 3 seconds.
  if (ack === 'update' && interaction.isButton()) await interaction.deferUpdate();
  else await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const ackMs = Math.round((performance.now() - meta.started) * 10) / 10;

  let outcome = 'ok';
  let reply: Reply;
  try {
    assertAllowed(interaction, context.access);
    reply = await execute();
  } catch (error) {
    const failed = errorReply(error, context);
    outcome = failed.code;
    reply = failed.reply;
    if (ack === 'update') {
      // Leave the message and its buttons as they were; the member sees why, privately.
      await interaction.followUp({
        content: failed.reply.content ?? '',
        flags: MessageFlags.Ephemeral,
        allowedMentions: { parse: [] },
      });
      logInteraction(context, interaction, { ...meta, outcome, ackMs });
      return;
    }
  }
  let where: Awaited<ReturnType<typeof deliver>> | 'nowhere';
  try {
    where = await deliver(interaction, reply);
  } catch (error) {
    // @discordjs/rest has already retried what was worth retrying; say what it means.
    where = 'nowhere';
    context.logger.error(
      {
        err: error,
        interactionId: interaction.id,
        ...(reply.secretOf === undefined ? {} : { instanceId: reply.secretOf }),
      },
      reply.secretOf === undefined
        ? 'could not deliver a result'
        : 'could not deliver the result of a create: the instance exists',
    );
    await interaction
      .editReply({
        content: `The result could not be shown here.${reply.secretOf === undefined ? '' : ` The instance \`${reply.secretOf}\` was created: find it with \`/zapi-list\`.`}`,
        embeds: [],
        components: [],
        files: [],
        attachments: [],
      })
      .catch(() => undefined);
  }
  logInteraction(context, interaction, {
    ...meta,
    outcome:
      where === 'reply'
        ? outcome
        : `${outcome} (${where === 'channel' ? 'posted in channel' : 'not delivered'})`,
    ackMs,
  });
}

/** Routes one interaction to its command or button, once, acknowledged at once. */
export async function handleInteraction(
  interaction: Interaction,
  context: BotContext,
): Promise<void> {
  const started = performance.now();
  if (
    !interaction.isChatInputCommand() &&
    !interaction.isButton() &&
    !interaction.isAutocomplete()
  ) {
    return;
  }
  if (!context.guards.firstDelivery(interaction.id)) {
    context.logger.warn(
      { interactionId: interaction.id },
      'ignored a repeated delivery of an interaction already handled',
    );
    return;
  }
  if (interaction.isAutocomplete()) {
    await answerAutocomplete(
      interaction,
      commandsByName.get(interaction.commandName),
      context,
      started,
    );
    return;
  }
  if (interaction.isChatInputCommand()) {
    const command = commandsByName.get(interaction.commandName);
    await run(
      interaction,
      () =>
        command
          ? command.execute(interaction, context)
          : Promise.resolve({
              content: `This bot does not know \`/${interaction.commandName}\`: its commands need deploying again (\`pnpm discord:deploy\`).`,
            }),
      'reply',
      { kind: 'command', name: interaction.commandName, started },
      context,
    );
    return;
  }
  const parsed = parseCustomId(interaction.customId);
  const button: ButtonAction | undefined = parsed && buttonsByAction.get(parsed.action);
  await run(
    interaction,
    () =>
      button && parsed
        ? button.execute(interaction, parsed.args, context)
        : Promise.resolve({ content: 'This button is no longer served by the bot.' }),
    button?.ack ?? 'reply',
    { kind: 'button', name: parsed?.action ?? 'unknown', started },
    context,
  );
}
