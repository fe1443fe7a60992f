import { useId, useState, type SyntheticEvent } from 'react';
import { useI18n } from './i18n/i18n.js';

/** The sign-in form: one API key, kept in sessionStorage once the gateway accepts it. */
export function SignIn(props: {
  problem: string | undefined;
  onSignIn: (key: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const problemId = useId();
  const problem =
    props.problem === undefined
      ? undefined
      : props.problem === 'unknownKey'
        ? t('unknownKey')
        : t('gatewayUnreachable', { reason: props.problem });

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    await props.onSignIn(key.trim());
    setBusy(false);
  };

  return (
    <main id="main" className="sign-in">
      <form
        onSubmit={(event) => {
          void submit(event);
        }}
        aria-labelledby={`${inputId}-title`}
      >
        <h2 id={`${inputId}-title`}>{t('signInTitle')}</h2>
        <p>{t('signInHelp')}</p>
        <label htmlFor={inputId}>{t('apiKey')}</label>
        <input
          id={inputId}
          name="apiKey"
          type="password"
          autoComplete="off"
          required
          value={key}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? problemId : undefined}
          onChange={(event) => {
            setKey(event.target.value);
          }}
        />
        {problem && (
          <p id={problemId} className="error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" disabled={busy || key.trim() === ''}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </main>
  );
}
