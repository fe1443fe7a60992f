import { useCallback, useEffect, useMemo, useState } from 'react';
import { Provider } from 'urql';
import { Announcer } from './announcer.js';
import { createConsoleClient } from './client.js';
import {
  CATALOGUES,
  format,
  LocaleContext,
  LOCALES,
  pickLocale,
  type Locale,
} from './i18n/i18n.js';
import { InstancesPage } from './InstancesPage.js';
import { ViewerQuery } from './operations.js';
import { forgetKey, storedKey, storeKey } from './session.js';
import { SignIn } from './SignIn.js';
import { ViewerContext, type ViewerInfo } from './viewer.js';

const LOCALE_KEY = 'zapikit.console.locale';

type Auth =
  | { state: 'checking' }
  | { state: 'signedOut'; problem?: string }
  | { state: 'signedIn'; viewer: ViewerInfo };

/** Asks the gateway who `key` is: the viewer, or why not. */
async function whoIs(key: string | undefined): Promise<ViewerInfo | { problem: string }> {
  const result = await createConsoleClient(key)
    .query(ViewerQuery, {}, { requestPolicy: 'network-only' })
    .toPromise();
  const viewer = result.data?.viewer;
  if (viewer) return { ...viewer, key };
  const code = result.error?.graphQLErrors[0]?.extensions.code;
  if (code === 'UNAUTHENTICATED') return { problem: 'unknownKey' };
  return { problem: result.error?.message ?? 'unknown' };
}

/** The console: the language, the sign-in, then the instances page. */
export function App() {
  const [locale, setLocale] = useState<Locale>(() => {
    const saved = sessionStorage.getItem(LOCALE_KEY);
    return saved && saved in CATALOGUES ? (saved as Locale) : pickLocale(navigator.languages);
  });
  const [auth, setAuth] = useState<Auth>({ state: 'checking' });

  useEffect(() => {
    document.documentElement.lang = locale;
    sessionStorage.setItem(LOCALE_KEY, locale);
  }, [locale]);

  const i18n = useMemo(
    () => ({
      locale,
      t: (key: Parameters<typeof format>[1], params?: Record<string, string | number>) =>
        format(locale, key, params),
    }),
    [locale],
  );
  useEffect(() => {
    document.title = i18n.t('appTitle');
  }, [i18n]);

  const signIn = useCallback(async (key: string | undefined) => {
    const answer = await whoIs(key);
    if ('problem' in answer) {
      if (key) forgetKey();
      setAuth({ state: 'signedOut', problem: answer.problem });
      return;
    }
    if (key) storeKey(key);
    setAuth({ state: 'signedIn', viewer: answer });
  }, []);

  useEffect(() => {
    // A key from this tab's session, or none: an open sandbox needs none.
    const key = storedKey();
    void signIn(key).then(() => undefined);
  }, [signIn]);

  const client = useMemo(
    () => (auth.state === 'signedIn' ? createConsoleClient(auth.viewer.key) : undefined),
    [auth],
  );

  const signOut = () => {
    forgetKey();
    setAuth({ state: 'signedOut' });
  };

  return (
    <LocaleContext.Provider value={i18n}>
      <Announcer>
        <a className="skip" href="#main">
          {i18n.t('skipToContent')}
        </a>
        <header className="top">
          <h1>{i18n.t('appTitle')}</h1>
          {auth.state === 'signedIn' && (
            <span
              className={auth.viewer.sandbox ? 'badge sandbox' : 'badge live'}
              title={auth.viewer.sandbox ? i18n.t('sandboxHelp') : undefined}
              data-testid="mode-badge"
            >
              {auth.viewer.sandbox ? i18n.t('sandboxBadge') : i18n.t('liveBadge')}
            </span>
          )}
          <span className="spacer" />
          <label className="language">
            {i18n.t('language')}{' '}
            <select
              value={locale}
              onChange={(event) => {
                setLocale(event.target.value as Locale);
              }}
            >
              {LOCALES.map((code) => (
                <option key={code} value={code}>
                  {code === 'en' ? 'English' : 'Português (Brasil)'}
                </option>
              ))}
            </select>
          </label>
          {auth.state === 'signedIn' && !auth.viewer.open && (
            <button type="button" onClick={signOut}>
              {i18n.t('signOut')}
            </button>
          )}
        </header>
        {auth.state === 'checking' && <p className="loading">{i18n.t('loading')}</p>}
        {auth.state === 'signedOut' && <SignIn problem={auth.problem} onSignIn={signIn} />}
        {auth.state === 'signedIn' && client && (
          <ViewerContext.Provider value={auth.viewer}>
            <Provider value={client}>
              <InstancesPage />
            </Provider>
          </ViewerContext.Provider>
        )}
      </Announcer>
    </LocaleContext.Provider>
  );
}
