// The API key lives in sessionStorage only: gone when the tab closes, never in localStorage (it
// would outlive the session and be shared by every tab), never in a URL or query string (history,
// logs, referrers).
const STORAGE_KEY = 'zapikit.console.apiKey';

/** The key signed in with in this tab, if any. */
export function storedKey(): string | undefined {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the key for this tab's session. */
export function storeKey(key: string): void {
  sessionStorage.setItem(STORAGE_KEY, key);
}

/** Signs out: forgets the key. */
export function forgetKey(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
