import { cancelCommand, cancelConfirmButton, dismissButton } from './cancel.js';
import type { ButtonAction, SlashCommand } from './command.js';
import { connectCommand } from './connect.js';
import { createCancelButton, createCommand, createConfirmButton } from './create.js';
import { disconnectCommand, disconnectConfirmButton } from './disconnect.js';
import { listButton, listCommand } from './list.js';
import { restartCommand, restartConfirmButton } from './restart.js';
import { qrCodeButton, statusCommand } from './status.js';
import { subscribeButton, subscribeCommand, subscribeConfirmButton } from './subscribe.js';
import { tokenButton } from './token.js';

/** Every slash command the bot registers and serves. */
export const commands: readonly SlashCommand[] = [
  createCommand,
  listCommand,
  subscribeCommand,
  cancelCommand,
  statusCommand,
  connectCommand,
  restartCommand,
  disconnectCommand,
];

/** Every button the bot puts under its messages. */
export const buttons: readonly ButtonAction[] = [
  createConfirmButton,
  createCancelButton,
  subscribeButton,
  subscribeConfirmButton,
  cancelConfirmButton,
  restartConfirmButton,
  disconnectConfirmButton,
  dismissButton,
  qrCodeButton,
  listButton,
  tokenButton,
];

/** The registration JSON of every command, as `discord:commands` prints and `discord:deploy` sends. */
export function commandsJson() {
  return commands.map((command) => command.data);
}
