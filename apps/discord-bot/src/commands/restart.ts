import { COLOURS } from './shared.js';
import { confirmedInstanceAction } from './confirmed-action.js';

/** `/zapi-restart`; only Confirm sends the restart (at most once, by the client). */
export const { command: restartCommand, confirm: restartConfirmButton } = confirmedInstanceAction({
  name: 'zapi-restart',
  description: 'Restart an instance; it reconnects without a new scan (asks before doing it)',
  descriptionPtBr:
    'Reiniciar uma instância; ela reconecta sem novo QR code (pede confirmação antes)',
  action: 'restart-confirm',
  colour: COLOURS.warn,
  words: (t) => ({
    confirmTitle: t.restart.confirmTitle,
    confirm: t.restart.confirm,
    doneTitle: t.restart.restartedTitle,
    done: t.restart.restarted,
  }),
  send: (context, instance) => context.zapi.restartInstance(instance),
  outcome: 'restarted',
});
