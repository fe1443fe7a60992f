import { Locale } from 'discord.js';
import { en, type Messages } from './en.js';
import { ptBR } from './pt-BR.js';

export { en, type Messages } from './en.js';
export { ptBR } from './pt-BR.js';

/** Every catalogue by the Discord locale it serves; English serves every other locale. */
export const CATALOGUES: Readonly<Record<string, Messages>> = Object.freeze({
  [Locale.EnglishUS]: en,
  [Locale.PortugueseBR]: ptBR,
});

/** A sentence not yet put in a language: the catalogue of whoever reads it chooses the words. */
export type Sentence = (t: Messages) => string;

/** The catalogue for a Discord locale (`interaction.locale`, `guild.preferredLocale`). */
export function messagesFor(locale: string | null | undefined): Messages {
  return locale === Locale.PortugueseBR ? ptBR : en;
}

/** The catalogue of the member who caused an interaction: Discord sends their client's locale. */
export function memberMessages(interaction: { locale: string }): Messages {
  return messagesFor(interaction.locale);
}

/**
 * The catalogue for a post no member caused (a server-wide announcement): the server's
 * preferred locale, which Discord sets from Server Settings → Community (English otherwise).
 */
export function guildMessages(guild: { preferredLocale: string } | null | undefined): Messages {
  return messagesFor(guild?.preferredLocale);
}
