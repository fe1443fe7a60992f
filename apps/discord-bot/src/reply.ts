import type {
  APIActionRowComponent,
  APIButtonComponent,
  APIEmbed,
  InteractionEditReplyOptions,
} from 'discord.js';

/** What a command or button answers, before it is delivered. */
export interface Reply {
  /**
   * Text that holds a secret (an instance token): shown only in the ephemeral reply, never in a
   * channel follow-up or a log line.
   */
  secret?: string;
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponent>[];
  files?: { name: string; data: Buffer }[];
  /** The instance whose token `secret` shows, so a channel follow-up can offer it safely. */
  secretOf?: string;
  /**
   * Keeps the reply up to date after it was delivered (the QR code of `/zapi-connect`): called
   * once, with a way to edit the reply, and resolves when there is nothing more to show. A throw
   * is answered like a failed command, in the same reply.
   */
  watch?: (edit: (next: Reply) => Promise<void>) => Promise<void>;
}

/** The reply as discord.js's edit options; every field is set, so an edit replaces the lot. */
export function toEditOptions(reply: Reply): InteractionEditReplyOptions {
  const content = [reply.content, reply.secret].filter((part) => part !== undefined).join('\n');
  return {
    content,
    embeds: reply.embeds ?? [],
    components: reply.components ?? [],
    files: (reply.files ?? []).map((file) => ({ attachment: file.data, name: file.name })),
    attachments: [],
    allowedMentions: { parse: [] },
  };
}
