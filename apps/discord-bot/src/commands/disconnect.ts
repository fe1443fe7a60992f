import { COLOURS } from './shared.js';
import { confirmedInstanceAction } from './confirmed-action.js';

/** `/zapi-disconnect`; only Confirm sends the disconnect. */
export const { command: disconnectCommand, confirm: disconnectConfirmButton } =
  confirmedInstanceAction({
    name: 'zapi-disconnect',
    description:
      "Disconnect an instance's phone; it stops until a phone connects again (asks first)",
    descriptionPtBr:
      'Desconectar o celular da instância; ela para até conectar de novo (pede confirmação)',
    action: 'disconnect-confirm',
    colour: COLOURS.danger,
    words: (t) => ({
      confirmTitle: t.disconnect.confirmTitle,
      confirm: t.disconnect.confirm,
      doneTitle: t.disconnect.disconnectedTitle,
      done: t.disconnect.disconnected,
    }),
    send: (context, instance) => context.zapi.disconnectInstance(instance),
    outcome: 'disconnected',
  });
