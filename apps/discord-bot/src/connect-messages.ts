// The English words of /zapi-connect, /zapi-restart, /zapi-disconnect and the events channel, in
// one place so they can move into the message catalogue as they stand: plain functions of the
// values they show, no Discord calls. Names and ids arrive already escaped for markdown.

/** How an instance is named in these messages: `**name** (`id`)`. */
export function instanceLabel(shownName: string, id: string): string {
  return `**${shownName}** (\`${id}\`)`;
}

/** How a phone number is shown: `+5511999999999`. */
export function shownPhone(phone: string): string {
  return `+${phone.replace(/^\+/, '')}`;
}

export const CONNECT_WORDS = {
  scanTitle: 'Scan to connect',
  scan: (instance: string, until: string) =>
    `In WhatsApp on the phone: **Linked devices → Link a device**, then scan this code for ${instance}. The code changes about every 20 seconds and this message follows it until the phone connects; it stops waiting ${until}.`,
  pairingTitle: 'Type this code on the phone',
  pairing: (instance: string, phone: string, until: string) =>
    `In WhatsApp on ${phone}: **Linked devices → Link a device → Link with phone number instead**, then type this code for ${instance}. This message says when the phone connects, or stops waiting ${until}.`,
  connectedTitle: 'Connected',
  connected: (instance: string, phone: string | undefined) =>
    phone === undefined
      ? `A phone is connected to ${instance}.`
      : `${phone} is connected to ${instance}.`,
  alreadyConnectedTitle: 'Already connected',
  alreadyConnected: (instance: string, phone: string | undefined) =>
    `${phone === undefined ? 'A phone' : phone} is already connected to ${instance}: there is nothing to scan. To connect another phone, use \`/zapi-disconnect\` first.`,
  timedOutTitle: 'Stopped waiting',
  timedOut: (instance: string, minutes: string) =>
    `No phone connected to ${instance} within ${minutes}. Run \`/zapi-connect\` again for a fresh code.`,
  stoppedTitle: 'Stopped waiting',
  stopped: (instance: string) =>
    `The bot is restarting, so this message no longer follows ${instance}. Run \`/zapi-connect\` again in a minute; check \`/zapi-status\` first.`,
  phoneOption: 'Connect with a pairing code for this phone instead of a QR code (5511999999999)',
  phoneOptionPtBr: 'Conectar com um código para este telefone em vez do QR code (5511999999999)',
} as const;

/** "5 minutes", "90 seconds": how long the wait lasted. */
export function duration(ms: number): string {
  const seconds = Math.round(ms / 1_000);
  if (seconds % 60 === 0 && seconds >= 60) {
    const minutes = seconds / 60;
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

export const LIFECYCLE_WORDS = {
  confirm: 'Confirm',
  abort: 'Abort',
  restartTitle: 'Restart this instance?',
  restartQuestion: (instance: string) =>
    `Restart ${instance}? Z-API restarts it and it reconnects by itself, without a new scan. Messages wait while it restarts.`,
  restartedTitle: 'Instance restarted',
  restarted: (instance: string) => `${instance} is restarting. Check \`/zapi-status\` in a moment.`,
  disconnectTitle: 'Disconnect the phone?',
  disconnectQuestion: (instance: string) =>
    `Disconnect the phone from ${instance}? The instance stops sending and receiving messages (webhooks too) until a phone connects again with \`/zapi-connect\`.`,
  disconnectedTitle: 'Phone disconnected',
  disconnected: (instance: string) =>
    `${instance} has no phone now. Connect one again with \`/zapi-connect\`.`,
} as const;

export const EVENT_WORDS = {
  connectedTitle: 'Phone connected',
  disconnectedTitle: 'Phone disconnected',
  instanceField: 'Instance',
  phoneField: 'Phone',
  sinceField: 'Since',
  disconnectedNote: (flapSeconds: string) =>
    `Still disconnected after ${flapSeconds}. Reconnect with \`/zapi-connect\`.`,
} as const;
