/** What the list needs of an instance to search, sort and show its status. */
export interface ListedInstance {
  id: string;
  name: string;
  due?: string | null;
  whatsappConnected?: boolean | null;
  paymentStatus?: string | null;
}

export type SortKey = 'name' | 'status' | 'due';
export type SortDirection = 'asc' | 'desc';
export type ConnectionWord = 'connected' | 'disconnected' | 'unknown';

/** The connection status the list shows: null (Z-API did not say) is its own word. */
export function connectionOf(instance: ListedInstance): ConnectionWord {
  if (instance.whatsappConnected === true) return 'connected';
  if (instance.whatsappConnected === false) return 'disconnected';
  return 'unknown';
}

const STATUS_ORDER: Record<ConnectionWord, number> = { connected: 0, disconnected: 1, unknown: 2 };

/** Lower-cased, accents removed: "Sao" finds "São". */
export function searchText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/**
 * The instances whose name or id contain every word of `query` (any case, any accent), in a new
 * array. Each instance's search text is computed once per array (a WeakMap), so a keystroke
 * over 1,000 instances costs a scan of short strings.
 */
const prepared = new WeakMap<ListedInstance, string>();
export function filterInstances<T extends ListedInstance>(items: readonly T[], query: string): T[] {
  const words = searchText(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  return items.filter((item) => {
    let text = prepared.get(item);
    if (text === undefined) {
      text = searchText(`${item.name} ${item.id}`);
      prepared.set(item, text);
    }
    return words.every((word) => text.includes(word));
  });
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Sorted by `key`, ties by name then id; instances without a due date go last either way. */
export function sortInstances<T extends ListedInstance>(
  items: readonly T[],
  key: SortKey,
  direction: SortDirection,
): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  const byName = (a: T, b: T) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1);
  return [...items].sort((a, b) => {
    if (key === 'due') {
      const ad = a.due ? Date.parse(a.due) : NaN;
      const bd = b.due ? Date.parse(b.due) : NaN;
      if (Number.isNaN(ad) !== Number.isNaN(bd)) return Number.isNaN(ad) ? 1 : -1;
      if (!Number.isNaN(ad) && ad !== bd) return sign * (ad - bd);
      return byName(a, b);
    }
    if (key === 'status') {
      const diff = STATUS_ORDER[connectionOf(a)] - STATUS_ORDER[connectionOf(b)];
      return diff !== 0 ? sign * diff : byName(a, b);
    }
    return sign * byName(a, b);
  });
}

/** A due date in the browser's time zone and language, e.g. "4 Dec 2026, 10:08". */
export function formatDue(due: string | null | undefined, locale: string, timeZone?: string) {
  if (!due) return null;
  const date = new Date(due);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}
