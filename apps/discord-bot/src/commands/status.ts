import type { InstanceListItem } from '@zapikit/schema';
import { ButtonStyle } from 'discord.js';
import { customId } from '../components/custom-id.js';
import { button, buttonRow } from '../components/buttons.js';
import type { BotContext } from '../context.js';
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

const yesNo = (value: boolean | null | undefined) =>
  value === true ? 'yes' : value === false ? 'no' : 'unknown';

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
    return {
      embeds: [
        labelled(
          {
            title: status.connected ? 'Connected' : 'Not connected',
            color: status.connected ? COLOURS.ok : COLOURS.warn,
            description: `**${displayName(instance.name)}** (\`${instance.id}\`)`,
            fields: [
              { name: 'WhatsApp connected', value: yesNo(status.connected), inline: true },
              { name: 'Phone online', value: yesNo(status.smartphoneConnected), inline: true },
              ...(status.error
                ? [{ name: 'Z-API says', value: status.error.slice(0, 1_000) }]
                : []),
            ],
          },
          context,
        ),
      ],
      components: status.connected
        ? []
        : [buttonRow(button('QR code', ButtonStyle.Primary, customId('qr', instance.id)))],
    };
  },
};

/** The QR code that connects a phone, as an image only the member sees. */
export async function qrCodeReply(instance: InstanceListItem, context: BotContext): Promise<Reply> {
  const qr = await context.zapi.getQrCode(instance);
  if (qr.connected) {
    return {
      embeds: [
        labelled(
          {
            title: 'Already connected',
            color: COLOURS.ok,
            description: `A phone is connected to **${displayName(instance.name)}**: there is no QR code to scan.`,
          },
          context,
        ),
      ],
    };
  }
  const base64 = qr.image.slice(qr.image.indexOf(',') + 1);
  return {
    embeds: [
      labelled(
        {
          title: 'Scan to connect',
          color: COLOURS.info,
          description: `In WhatsApp on the phone: **Linked devices → Link a device**, then scan this code for **${displayName(instance.name)}**. It changes every 20 seconds or so; press the button again if it expires.`,
          image: { url: 'attachment://qr-code.png' },
        },
        context,
      ),
    ],
    files: [{ name: 'qr-code.png', data: Buffer.from(base64, 'base64') }],
  };
}

export const qrCodeButton: ButtonAction = {
  action: 'qr',
  ack: 'reply',
  async execute(_interaction, [id = ''], context) {
    return qrCodeReply(await resolveInstance(id, context), context);
  },
};
