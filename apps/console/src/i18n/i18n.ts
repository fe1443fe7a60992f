import { createContext, useContext } from 'react';
import { en, type MessageKey } from './en.js';
import { ptBR } from './pt-BR.js';

export const CATALOGUES = { en, 'pt-BR': ptBR } as const satisfies Record<
  string,
  Record<MessageKey, string>
>;
export type Locale = keyof typeof CATALOGUES;
export const LOCALES = Object.keys(CATALOGUES) as Locale[];
export type { MessageKey };

/** The first of the browser's languages we have: any Portuguese is pt-BR, else English. */
export function pickLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    const tag = language.toLowerCase();
    if (tag.startsWith('pt')) return 'pt-BR';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

/** A message with its {placeholders} filled in. */
export function format(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  return CATALOGUES[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export const LocaleContext = createContext<{ locale: Locale; t: Translate }>({
  locale: 'en',
  t: (key, params) => format('en', key, params),
});

/** The current language and its translate function. */
export function useI18n() {
  return useContext(LocaleContext);
}
