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
import { untilDrained } from './drain.js';
import { storeUnavailable } from './guards.js';
import { isBotError, type BotError } from './errors.js';
import { memberMessages, type Messages } from './i18n/index.js';
import { describeOptionProblems, zapiErrorSentence } from './messages.js';
import { toEditOptions, type Reply } from './reply.js';

const commandsByName = new Map(commands.map((command) => [command.data.name, command]));
const buttonsByAction = new Map(buttons.map((button) => [button.action, button]));

/** What a member reads when something failed: by code, in their language, never with a secret. */
export function errorReply(
  error: unknown,
  context: BotContext,
  t: Messages,
): { reply: Reply; code: string } {
  if (isBotError(error)) {
    // isBotError matches on the code: a refusal made elsewhere may carry only its English words.
    const sentence = (error as Partial<BotError>).sentence;
    return { reply: { content: sentence ? sentence(t) : error.message }, code: error.code };
  }
  if (error instanceof ZapiValidationError) {
    return {
      reply: {
        content: t.errors.fixOptions({
          problems: describeOptionProblems(error.problems, optionNameForField, t),
        }),
      },
      code: error.code,
    };
  }
  if (isZapiError(error)) {
    const parts = [
      zapiErrorSentence(error.code, t),
      error.zapiMessage ? t.errors.zapiSaid({ message: error.zapiMessage.slice(0, 300) }) : '',
      error.retryAfterMs !== undefined
        ? t.errors.tryAgain({ when: relativeTime(Date.now() + error.retryAfterMs) })
        : '',
      `(${error.code})`,
    ];
    return {
      reply: { content: parts.filter((part) => part !== '').join(' ') },
      code: error.code,
    };
  }
  context.logger.error({ err: error }, 'unexpected error while handling an interaction');
  return { reply: { content: t.errors.internal() }, code: 'INTERNAL' };
}

/** One line per interaction: what, who, how it ended and how long the acknowledgement took. */
function logInteraction(
  context: BotContext,
  interaction: Interaction,
  fields: { kind: string; name: string; outcome: string; ackMs?: number; started: number },
): void {
  const { started, ...rest } = fields;
  context.metrics?.record(rest);
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

/** Whether an interaction was seen before; `unchecked` when the guard store could not say. */
type Delivery = 'first' | 'repeat' | 'unchecked';

// The acknowledgement must reach Discord within 3 seconds: a store that has not answered by
// then lets the interaction go on unchecked, and a paid command then refuses to run.
const DELIVERY_CHECK_BUDGET_MS = 1_500;

async function checkDelivery(interaction: Interaction, context: BotContext): Promise<Delivery> {
  const budget = new AbortController();
  try {
    const first = await Promise.race([
      context.guards.firstDelivery(interaction.id),
      sleep(DELIVERY_CHECK_BUDGET_MS, 'late' as const, { signal: budget.signal }),
    ]);
    if (first === 'late') {
      context.logger.warn(
        { interactionId: interaction.id },
        'the guard store did not answer in time: paid commands are refused',
      );
      return 'unchecked';
    }
    return first ? 'first' : 'repeat';
  } catch (error) {
    context.logger.warn(
      { err: error, interactionId: interaction.id },
      'the guard store cannot be reached: paid commands are refused, read commands go on',
    );
    return 'unchecked';
  } finally {
    budget.abort();
  }
}

async function run(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  execute: () => Promise<Reply>,
  ack: 'reply' | 'update',
  meta: { kind: string; name: string; started: number; paid: boolean; delivery: Delivery },
  context: BotContext,
): Promise<void> {
  const { paid, delivery, ...logged } = meta;
  const t = memberMessages(interaction);
  // Acknowledge before any check or I/O: Discord drops an interaction unanswered in 3 seconds.
  if (ack === 'update' && interaction.isButton()) await interaction.deferUpdate();
  else await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const ackMs = Math.round((performance.now() - meta.started) * 10) / 10;

  let outcome = 'ok';
  let reply: Reply;
  try {
    assertAllowed(interaction, context.access);
    // Without the store, nothing can tell this delivery from a repeat: a paid call could run twice.
    if (paid && delivery === 'unchecked') throw storeUnavailable();
    // A paid command answers the drain deadline itself, holding what it claimed.
    reply = paid ? await execute() : await untilDrained(execute(), context, false);
  } catch (error) {
    const failed = errorReply(error, context, t);
    outcome = failed.code;
    reply = failed.reply;
    if (ack === 'update') {
      // Leave the message and its buttons as they were; the member sees why, privately.
      await interaction.followUp({
        content: failed.reply.content ?? '',
        flags: MessageFlags.Ephemeral,
        allowedMentions: { parse: [] },
      });
      logInteraction(context, interaction, { ...logged, outcome, ackMs });
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
        content:
          reply.secretOf === undefined
            ? t.errors.resultNotShown()
            : t.errors.resultNotShownCreated({ id: reply.secretOf }),
        embeds: [],
        components: [],
        files: [],
        attachments: [],
      })
      .catch(() => undefined);
  }
  logInteraction(context, interaction, {
    ...logged,
    outcome:
      where === 'reply'
        ? outcome
        : `${outcome} (${where === 'channel' ? 'posted in channel' : 'not delivered'})`,
    ackMs,
  });
  if (reply.watch && where === 'reply') await followReply(interaction, reply.watch, context);
}

/**
 * Runs a reply's watch (the QR code of `/zapi-connect`) once the reply is delivered; a failure
 * of the watch replaces the reply with its sentence. An edit Discord refuses (the member dismissed
 * the message, or its token ran out) ends the watch: nobody is left to see it.
 */
async function followReply(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  watch: NonNullable<Reply['watch']>,
  context: BotContext,
): Promise<void> {
  const refused = { edit: false };
  const edit = async (next: Reply) => {
    try {
      await interaction.editReply(toEditOptions(next));
    } catch (error) {
      refused.edit = true;
      throw error;
    }
  };
  try {
    await watch(edit);
  } catch (error) {
    if (refused.edit) {
      context.logger.info(
        { err: error, interactionId: interaction.id },
        'stopped following a reply: Discord refused its edit',
      );
      return;
    }
    const failed = errorReply(error, context, memberMessages(interaction));
    context.logger.warn(
      { interactionId: interaction.id, outcome: failed.code },
      'a reply that follows an instance ended with an error',
    );
    await interaction.editReply(toEditOptions(failed.reply)).catch(() => undefined);
  }
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
  const delivery = await checkDelivery(interaction, context);
  if (delivery === 'repeat') {
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
              content: memberMessages(interaction).errors.unknownCommand({
                command: interaction.commandName,
              }),
            }),
      'reply',
      {
        kind: 'command',
        name: interaction.commandName,
        started,
        paid: command?.paid ?? false,
        delivery,
      },
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
        : Promise.resolve({ content: memberMessages(interaction).errors.unknownButton() }),
    button?.ack ?? 'reply',
    {
      kind: 'button',
      name: parsed?.action ?? 'unknown',
      started,
      paid: button?.paid ?? false,
      delivery,
    },
    context,
  );
}
