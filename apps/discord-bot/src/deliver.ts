import {
  ButtonStyle,
  DiscordAPIError,
  RESTJSONErrorCodes,
  Routes,
  userMention,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { customId, fitsCustomId } from './components/custom-id.js';
import { button, buttonRow } from './components/buttons.js';
import { memberMessages } from './i18n/index.js';
import { toEditOptions, type Reply } from './reply.js';

/** Discord accepts edits through an interaction's token for 15 minutes. */
export const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60_000;
// Past this age an edit is not even tried: it would likely land after the token ran out.
const SAFETY_MARGIN_MS = 30_000;

type Answerable = ChatInputCommandInteraction | ButtonInteraction;

/** Whether Discord refused an edit because the interaction's token has run out. */
function isExpiredToken(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === RESTJSONErrorCodes.InvalidWebhookToken ||
      error.code === RESTJSONErrorCodes.UnknownWebhook ||
      error.code === RESTJSONErrorCodes.UnknownInteraction)
  );
}

/**
 * Puts a result in the deferred reply. When the 15-minute interaction token has run out, posts
 * a follow-up in the channel instead, addressed to the member: without the secret, which it
 * offers behind a button that answers only that member, ephemerally.
 */
export async function deliver(
  interaction: Answerable,
  reply: Reply,
  now: () => number = Date.now,
): Promise<'reply' | 'channel'> {
  if (now() - interaction.createdTimestamp < INTERACTION_TOKEN_LIFETIME_MS - SAFETY_MARGIN_MS) {
    try {
      await interaction.editReply(toEditOptions(reply));
      return 'reply';
    } catch (error) {
      if (!isExpiredToken(error)) throw error;
    }
  }
  await postInChannel(interaction, reply);
  return 'channel';
}

const MAX_CONTENT = 2_000;

async function postInChannel(interaction: Answerable, reply: Reply): Promise<void> {
  // Posted on the member's behalf, so in their language, as their reply would have been.
  const t = memberMessages(interaction);
  const member = userMention(interaction.user.id);
  const notes = [
    interaction.isChatInputCommand()
      ? t.deliver.lateCommand({ member, command: interaction.commandName })
      : t.deliver.lateButton({ member }),
    reply.content,
    reply.files?.length ? t.deliver.imageLeftOut() : undefined,
  ].filter((part) => part !== undefined);
  // Only a button bound to this member goes public: the reply's own buttons (Subscribe, QR code)
  // would let anyone who reads the channel act on the instance.
  const components =
    reply.secretOf === undefined || !fitsCustomId('token', reply.secretOf, interaction.user.id)
      ? []
      : [
          buttonRow(
            button(
              t.deliver.showTokenButton(),
              ButtonStyle.Secondary,
              customId('token', reply.secretOf, interaction.user.id),
            ),
          ),
        ];
  const content = notes.join('\n');
  await interaction.client.rest.post(Routes.channelMessages(interaction.channelId), {
    body: {
      content: content.length > MAX_CONTENT ? `${content.slice(0, MAX_CONTENT - 1)}…` : content,
      // An image that points at a dropped attachment would show as broken.
      embeds: (reply.embeds ?? []).map(({ image: _image, ...embed }) => embed),
      components,
      allowed_mentions: { users: [interaction.user.id] },
    },
  });
}
