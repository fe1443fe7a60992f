import { ZapiValidationError } from '@zapikit/client';
import {
  ListInstancesInput,
  MAX_QUERY_LENGTH,
  validate,
  type InstanceListItem,
} from '@zapikit/schema';
import { ButtonStyle, Locale, type APIEmbed, type Message } from 'discord.js';
import { z } from 'zod';
import { customId } from '../components/custom-id.js';
import { button, buttonRow } from '../components/buttons.js';
import type { BotContext } from '../context.js';
import { CATALOGUES, memberMessages, type Messages } from '../i18n/index.js';
import type { Reply } from '../reply.js';
import type { ButtonAction, SlashCommand } from './command.js';
import { COLOURS, discordTime, displayName, labelled, slashCommand } from './shared.js';

/** Ten instances fit an embed's description comfortably. */
export const LIST_PAGE_SIZE = 10;
// The search travels with the message (its embed), since a custom id has room only for ids. A
// list made in one language may be paged by a member reading another: any language's name works.
const SEARCH_FIELDS: ReadonlySet<string> = new Set(
  Object.values(CATALOGUES).map((t) => t.list.searchField()),
);

function line(instance: InstanceListItem, t: Messages): string {
  const connected =
    instance.whatsappConnected === true
      ? t.list.connected()
      : instance.whatsappConnected === false
        ? t.list.notConnected()
        : '';
  const parts = [
    `**${displayName(instance.name, t)}**`,
    `\`${instance.id.slice(0, 64)}\``,
    instance.due ? t.list.due({ when: discordTime(instance.due, 'd') }) : '',
    (instance.paymentStatus ?? '').slice(0, 30),
    connected,
  ].filter((part) => part !== '');
  return `• ${parts.join(' · ')}`;
}

async function listPage(
  page: number,
  query: string | undefined,
  context: BotContext,
  t: Messages,
): Promise<Reply> {
  const input = { page, pageSize: LIST_PAGE_SIZE, ...(query === undefined ? {} : { query }) };
  const parsed = validate(ListInstancesInput, input);
  if (!parsed.success) throw new ZapiValidationError(parsed.problems, 'listInstances');
  const result = await context.zapi.listInstances(parsed.data);
  for (const instance of result.items) context.instances.remember(instance);
  const pages = Math.max(1, Math.ceil(result.total / LIST_PAGE_SIZE));
  const embed: APIEmbed = {
    title: t.list.title({ page, pages, total: result.total }),
    color: COLOURS.info,
    description:
      result.items.length === 0
        ? page > pages
          ? t.list.noSuchPage({ page })
          : t.list.empty()
        : result.items.map((instance) => line(instance, t)).join('\n'),
    fields:
      query === undefined ? [] : [{ name: t.list.searchField(), value: JSON.stringify(query) }],
  };
  return {
    embeds: [labelled(embed, context, t)],
    components: [
      buttonRow(
        button(
          t.list.previousButton(),
          ButtonStyle.Secondary,
          customId('list', String(Math.max(1, page - 1)), 'prev'),
          page <= 1,
        ),
        button(
          t.list.nextButton(),
          ButtonStyle.Secondary,
          customId('list', String(page + 1), 'next'),
          page >= pages,
        ),
      ),
    ],
  };
}

/** The search a list message was made with, read back from its embed. */
function searchOf(message: Message): string | undefined {
  const field = message.embeds[0]?.fields.find((candidate) => SEARCH_FIELDS.has(candidate.name));
  if (!field) return undefined;
  try {
    const parsed = z.string().safeParse(JSON.parse(field.value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const listCommand: SlashCommand = {
  data: slashCommand(
    'zapi-list',
    "List the partner's instances, newest first",
    'Listar as instâncias do parceiro, das mais novas às mais antigas',
  )
    .addStringOption((option) =>
      option
        .setName('query')
        .setDescription('Only instances whose name or id contains this')
        .setDescriptionLocalization(
          Locale.PortugueseBR,
          'Somente instâncias cujo nome ou id contém isto',
        )
        .setMaxLength(MAX_QUERY_LENGTH),
    )
    .addIntegerOption((option) =>
      option
        .setName('page')
        .setDescription('Page to show (10 instances per page)')
        .setDescriptionLocalization(
          Locale.PortugueseBR,
          'Página a mostrar (10 instâncias por página)',
        )
        .setMinValue(1),
    )
    .toJSON(),
  async execute(interaction, context) {
    const query = interaction.options.getString('query') ?? undefined;
    const page = interaction.options.getInteger('page') ?? 1;
    return listPage(page, query, context, memberMessages(interaction));
  },
};

/** Previous / Next under a list. */
export const listButton: ButtonAction = {
  action: 'list',
  ack: 'update',
  async execute(interaction, [page = '1'], context) {
    return listPage(
      Number.parseInt(page, 10) || 1,
      searchOf(interaction.message),
      context,
      memberMessages(interaction),
    );
  },
};
