import { setTimeout as sleep } from 'node:timers/promises';
import { isZapiError, ZapiValidationError } from '@zapikit/client';
import { PairingCodeInput, validate, type InstanceListItem } from '@zapikit/schema';
import { Locale } from 'discord.js';
import { connectedPhone } from '../connected-phone.js';
import type { BotContext } from '../context.js';
import { INTERACTION_TOKEN_LIFETIME_MS } from '../deliver.js';
import { memberMessages, type Messages } from '../i18n/index.js';
import type { Reply } from '../reply.js';
import type { SlashCommand } from './command.js';
import {
  COLOURS,
  displayName,
  instanceChoices,
  instanceIdOption,
  labelled,
  relativeTime,
  resolveInstance,
  slashCommand,
} from './shared.js';

/** How long `/zapi-connect` follows an instance by default (DISCORD_CONNECT_TIMEOUT_SECONDS). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5 * 60_000;
/** How often it asks Z-API for the QR code or status by default: Z-API rotates it about every 20 s. */
export const DEFAULT_CONNECT_POLL_MS = 5_000;
// The last edit must land before the interaction's token runs out; this leaves room for it.
const TOKEN_MARGIN_MS = 60_000;
// A Z-API that keeps failing ends the wait with its error rather than failing silently for minutes.
const MAX_FAILED_POLLS = 3;

/** What one poll found: a QR code to show, or a connected phone. */
type Seen = { connected: true } | { connected: false; image?: string };

/** How a phone number is shown: `+5511999999999`. */
function shownPhone(phone: string): string {
  return `+${phone.replace(/^\+/, '')}`;
}

function embedReply(
  title: string,
  description: string,
  colour: number,
  context: BotContext,
  t: Messages,
  image?: string,
): Reply {
  if (image === undefined) {
    return { embeds: [labelled({ title, description, color: colour }, context, t)] };
  }
  const base64 = image.slice(image.indexOf(',') + 1);
  return {
    embeds: [
      labelled(
        { title, description, color: colour, image: { url: 'attachment://qr-code.png' } },
        context,
        t,
      ),
    ],
    files: [{ name: 'qr-code.png', data: Buffer.from(base64, 'base64') }],
  };
}

/** The "Connected" (or "Already connected") message, with the phone when it is known. */
async function connectedReply(
  instance: InstanceListItem,
  context: BotContext,
  t: Messages,
  already: boolean,
  knownPhone?: string,
): Promise<Reply> {
  const phone = knownPhone ?? (await connectedPhone(context.zapi, instance));
  const shown = {
    name: displayName(instance.name, t),
    id: instance.id,
    phone: phone === undefined ? undefined : shownPhone(phone),
  };
  return already
    ? embedReply(
        t.connect.alreadyConnectedTitle(),
        t.connect.alreadyConnected(shown),
        COLOURS.ok,
        context,
        t,
      )
    : embedReply(t.connect.connectedTitle(), t.connect.connected(shown), COLOURS.ok, context, t);
}

/**
 * Follows an instance until its phone connects: asks Z-API every `pollMs` (the QR code, which
 * Z-API refuses once connected, or the status when a pairing code was shown) and edits the reply
 * at each new QR code, then once more when it connects, times out, or the bot stops.
 */
function follow(
  instance: InstanceListItem,
  context: BotContext,
  t: Messages,
  options: { deadline: number; timeoutMs: number; firstImage?: string; phone?: string },
): NonNullable<Reply['watch']> {
  return async (edit) => {
    const { connect, watching, logger } = context;
    const named = { name: displayName(instance.name, t), id: instance.id };
    const stop = AbortSignal.any([
      watching,
      AbortSignal.timeout(Math.max(0, options.deadline - Date.now())),
    ]);
    // A poll still waiting on Z-API when the bot stops is left behind, not waited for.
    const ended = new Promise<'ended'>((resolve) => {
      stop.addEventListener(
        'abort',
        () => {
          resolve('ended');
        },
        { once: true },
      );
    });
    let shown = options.firstImage;
    let failures = 0;
    const seen = async (): Promise<Seen> => {
      if (options.phone !== undefined) {
        const status = await context.zapi.getInstanceStatus(instance);
        return status.connected ? { connected: true } : { connected: false };
      }
      const qr = await context.zapi.getQrCode(instance);
      return qr.connected ? { connected: true } : { connected: false, image: qr.image };
    };
    for (;;) {
      try {
        await sleep(connect.pollMs, undefined, { signal: stop });
      } catch {
        break;
      }
      let now: Seen | 'ended';
      try {
        const asked = seen();
        asked.catch(() => undefined);
        now = await Promise.race([asked, ended]);
        if (now === 'ended') break;
        failures = 0;
      } catch (error) {
        failures += 1;
        logger.warn(
          { err: error, instanceId: instance.id, failures },
          '/zapi-connect could not ask Z-API',
        );
        if (failures >= MAX_FAILED_POLLS || !isZapiError(error) || !error.retryable) throw error;
        continue;
      }
      if (now.connected) {
        await edit(await connectedReply(instance, context, t, false, options.phone));
        logger.info({ instanceId: instance.id }, '/zapi-connect: the phone connected');
        return;
      }
      if (now.image !== undefined && now.image !== shown) {
        shown = now.image;
        await edit(
          embedReply(
            t.connect.scanTitle(),
            t.connect.scan({ ...named, until: relativeTime(options.deadline) }),
            COLOURS.info,
            context,
            t,
            now.image,
          ),
        );
      }
    }
    const stopped = watching.aborted;
    await edit(
      embedReply(
        stopped ? t.connect.stoppedTitle() : t.connect.timedOutTitle(),
        stopped
          ? t.connect.stopped(named)
          : t.connect.timedOut({ ...named, seconds: Math.round(options.timeoutMs / 1_000) }),
        COLOURS.warn,
        context,
        t,
      ),
    );
    logger.info(
      { instanceId: instance.id, outcome: stopped ? 'stopped' : 'timed out' },
      `/zapi-connect: ${stopped ? 'stopped following (the bot is stopping)' : 'no phone connected in time'}`,
    );
  };
}

export const connectCommand: SlashCommand = {
  data: slashCommand(
    'zapi-connect',
    "Connect a phone to an instance: a QR code that follows Z-API's until it connects",
    'Conectar um celular à instância: um QR code atualizado até a conexão',
  )
    .addStringOption(instanceIdOption)
    .addStringOption((option) =>
      option
        .setName('phone')
        .setDescription(
          'Connect with a pairing code for this phone instead of a QR code (5511999999999)',
        )
        .setDescriptionLocalization(
          Locale.PortugueseBR,
          'Conectar com um código para este telefone em vez do QR code (5511999999999)',
        )
        .setMaxLength(32),
    )
    .toJSON(),
  autocomplete: instanceChoices,
  async execute(interaction, context) {
    const typedPhone = interaction.options.getString('phone');
    let phone: string | undefined;
    if (typedPhone !== null) {
      // Checked before anything is asked of Z-API, by the schema the client uses.
      const checked = validate(PairingCodeInput, { phone: typedPhone });
      if (!checked.success) throw new ZapiValidationError(checked.problems, 'getPairingCode');
      phone = checked.data.phone;
    }
    const instance = await resolveInstance(interaction.options.getString('id', true), context);
    const timeoutMs = context.connect.timeoutMs;
    const deadline = Math.min(
      Date.now() + timeoutMs,
      interaction.createdTimestamp + INTERACTION_TOKEN_LIFETIME_MS - TOKEN_MARGIN_MS,
    );
    const t = memberMessages(interaction);
    const shown = { name: displayName(instance.name, t), id: instance.id };
    const already = () => connectedReply(instance, context, t, true);

    if (phone !== undefined) {
      // Z-API gives no pairing code to a connected instance's phone: say so at once.
      if ((await context.zapi.getInstanceStatus(instance)).connected) return already();
      const code = await context.zapi.getPairingCode(instance, phone);
      return {
        ...embedReply(
          t.connect.pairingTitle(),
          `# \`${code}\`\n${t.connect.pairing({ ...shown, phone: shownPhone(phone), until: relativeTime(deadline) })}`,
          COLOURS.info,
          context,
          t,
        ),
        watch: follow(instance, context, t, { deadline, timeoutMs, phone }),
      };
    }
    const qr = await context.zapi.getQrCode(instance);
    if (qr.connected) return already();
    return {
      ...embedReply(
        t.connect.scanTitle(),
        t.connect.scan({ ...shown, until: relativeTime(deadline) }),
        COLOURS.info,
        context,
        t,
        qr.image,
      ),
      watch: follow(instance, context, t, { deadline, timeoutMs, firstImage: qr.image }),
    };
  },
};
