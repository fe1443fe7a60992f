import type { InstanceListItem } from '@zapikit/schema';
import { ButtonStyle } from 'discord.js';
import { customId } from '../components/custom-id.js';
import { button, buttonRow } from '../components/buttons.js';
import type { BotContext } from '../context.js';
import { memberMessages, type Messages } from '../i18n/index.js';
import type { Reply } from '../reply.js';
import type { ButtonAction, SlashCommand } from './command.js';
import {
  COLOURS,
  displayName,
  instanceChoices,
  instanceIdOption,
  labelled,
  resolveInstance,
  slashCommand,
} from './shared.js';

const yesNo = (value: boolean | null | undefined, t: Messages) =>
  value === true ? t.common.yes() : value === false ? t.common.no() : t.common.unknown();

export const statusCommand: SlashCommand = {
  data: slashCommand(
    'zapi-status',
    "Show whether an instance's phone is connected",
    'Mostrar se o celular da instância está conectado',
  )
    .addStringOption(instanceIdOption)
    .toJSON(),
  autocomplete: instanceChoices,
  async execute(interaction, context) {
    const instance = await resolveInstance(interaction.options.getString('id', true), context);
    const status = await context.zapi.getInstanceStatus(instance);
    const t = memberMessages(interaction);
    return {
      embeds: [
        labelled(
          {
            title: status.connected ? t.status.connectedTitle() : t.status.notConnectedTitle(),
            color: status.connected ? COLOURS.ok : COLOURS.warn,
            description: `**${displayName(instance.name, t)}** (\`${instance.id}\`)`,
            fields: [
              {
                name: t.status.whatsappConnected(),
                value: yesNo(status.connected, t),
                inline: true,
              },
              {
                name: t.status.phoneOnline(),
                value: yesNo(status.smartphoneConnected, t),
                inline: true,
              },
              ...(status.error
                ? [{ name: t.status.zapiSays(), value: status.error.slice(0, 1_000) }]
                : []),
            ],
          },
          context,
          t,
        ),
      ],
      components: status.connected
        ? []
        : [
            buttonRow(
              button(t.common.qrCodeButton(), ButtonStyle.Primary, customId('qr', instance.id)),
            ),
          ],
    };
  },
};

/** The QR code that connects a phone, as an image only the member sees. */
export async function qrCodeReply(
  instance: InstanceListItem,
  context: BotContext,
  t: Messages,
): Promise<Reply> {
  const qr = await context.zapi.getQrCode(instance);
  if (qr.connected) {
    return {
      embeds: [
        labelled(
          {
            title: t.status.alreadyConnectedTitle(),
            color: COLOURS.ok,
            description: t.status.alreadyConnected({ name: displayName(instance.name, t) }),
          },
          context,
          t,
        ),
      ],
    };
  }
  const base64 = qr.image.slice(qr.image.indexOf(',') + 1);
  return {
    embeds: [
      labelled(
        {
          title: t.status.scanTitle(),
          color: COLOURS.info,
          description: t.status.scan({ name: displayName(instance.name, t) }),
          image: { url: 'attachment://qr-code.png' },
        },
        context,
        t,
      ),
    ],
    files: [{ name: 'qr-code.png', data: Buffer.from(base64, 'base64') }],
  };
}

export const qrCodeButton: ButtonAction = {
  action: 'qr',
  ack: 'reply',
  async execute(interaction, [id = ''], context) {
    return qrCodeReply(await resolveInstance(id, context), context, memberMessages(interaction));
  },
};
