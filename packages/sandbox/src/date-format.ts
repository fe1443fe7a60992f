/**
 * How the sandbox writes the dates of its answers, to test a client against each form Z-API may
 * use: `millis` (epoch milliseconds, the default, as the list page documents), `seconds` (epoch
 * seconds), `iso` (ISO-8601 in UTC) and `empty` (`""`, as Z-API's list page shows `created`).
 */
export const SANDBOX_DATE_FORMATS = ['millis', 'seconds', 'iso', 'empty'] as const;
export type SandboxDateFormat = (typeof SANDBOX_DATE_FORMATS)[number];

/**
 * Writes a date (epoch ms) in `format`. Epoch forms are numbers, or digit strings with `asText`
 * (the create page shows its `due` so).
 */
export function writeDate(
  millis: number,
  format: SandboxDateFormat,
  asText = false,
): string | number {
  switch (format) {
    case 'millis':
      return asText ? String(millis) : millis;
    case 'seconds': {
      const seconds = Math.floor(millis / 1000);
      return asText ? String(seconds) : seconds;
    }
    case 'iso':
      return new Date(millis).toISOString();
    case 'empty':
      return '';
  }
}
