import { useEffect, useId, useState, type SyntheticEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useAnnounce } from './announcer.js';
import { CREATE_FIELDS } from './create-form.js';
import { readFragment, type ResultOf } from './graphql.js';
import { codeOf } from './errors.js';
import { useI18n } from './i18n/i18n.js';
import { InstanceWebhooksQuery, UpdateWebhooksMutation, WebhooksFields } from './operations.js';

type Webhooks = ResultOf<typeof WebhooksFields>;
const URL_FIELDS = [
  'receivedCallbackUrl',
  'receivedAndDeliveryCallbackUrl',
  'deliveryCallbackUrl',
  'messageStatusCallbackUrl',
  'connectedCallbackUrl',
  'disconnectedCallbackUrl',
  'presenceChatCallbackUrl',
] as const satisfies readonly (keyof Webhooks)[];

/**
 * The instance's webhooks as the instance reports them (Z-API's /me). Saving sends only what
 * changed, then shows the values read back: a value that did not stick is named, never hidden
 * behind a success message.
 */
export function WebhookEditor(props: { instanceId: string; canWrite: boolean }) {
  const { t, locale } = useI18n();
  const announce = useAnnounce();
  const baseId = useId();
  const [{ data, fetching }] = useQuery({
    query: InstanceWebhooksQuery,
    variables: { id: props.instanceId },
    requestPolicy: 'network-only',
  });
  const [, update] = useMutation(UpdateWebhooksMutation);
  const current = data?.instance?.webhooks
    ? readFragment(WebhooksFields, data.instance.webhooks)
    : undefined;
  const [draft, setDraft] = useState<Record<string, string | boolean>>({});
  const [message, setMessage] = useState<string>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (current) {
      const next: Record<string, string | boolean> = {
        notifySentByMe: current.notifySentByMe === true,
      };
      for (const name of URL_FIELDS) next[name] = current[name] ?? '';
      setDraft(next);
    }
  }, [data]);

  const label = (name: string) => {
    const field = CREATE_FIELDS.find((candidate) => candidate.name === name);
    if (!field) return name;
    return locale === 'pt-BR' ? field.descriptionPtBr : field.description;
  };

  const save = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (!current) return;
    const input: Record<string, string | boolean> = {};
    for (const name of URL_FIELDS) {
      const value = String(draft[name] ?? '').trim();
      if (value !== (current[name] ?? '')) input[name] = value;
    }
    if ((draft.notifySentByMe === true) !== (current.notifySentByMe === true))
      input.notifySentByMe = draft.notifySentByMe === true;
    setSaving(true);
    setMessage(undefined);
    setErrors({});
    const result = await update({ id: props.instanceId, input });
    setSaving(false);
    const payload = result.data?.updateInstanceWebhooks;
    if (payload && payload.userErrors.length > 0) {
      const byField: Record<string, string> = {};
      for (const error of payload.userErrors)
        byField[error.field[error.field.length - 1] ?? ''] = error.message;
      setErrors(byField);
      setMessage(payload.userErrors.map((error) => error.message).join(' '));
      return;
    }
    const after = payload?.instance?.webhooks
      ? readFragment(WebhooksFields, payload.instance.webhooks)
      : undefined;
    if (!after) {
      const text = t('errorCode', {
        code: codeOf(result.error),
        message: result.error?.message ?? '',
      });
      setMessage(text);
      announce(text);
      return;
    }
    // What the instance reports now, field by field against what was asked.
    const differing = Object.entries(input)
      .filter(([name, value]) =>
        name === 'notifySentByMe'
          ? (after.notifySentByMe === true) !== value
          : (after[name as (typeof URL_FIELDS)[number]] ?? '') !== value,
      )
      .map(([name]) => label(name));
    const next: Record<string, string | boolean> = {
      notifySentByMe: after.notifySentByMe === true,
    };
    for (const name of URL_FIELDS) next[name] = after[name] ?? '';
    setDraft(next);
    const text =
      differing.length === 0 ? t('savedReadBack') : t('notStuck', { fields: differing.join(', ') });
    setMessage(text);
    announce(text);
  };

  return (
    <section aria-labelledby={`${baseId}-title`} className="webhooks">
      <h3 id={`${baseId}-title`}>{t('webhooks')}</h3>
      <p className="hint">{t('webhooksHelp')}</p>
      {fetching && !current && <p>{t('loadingWebhooks')}</p>}
      {current && (
        <form
          onSubmit={(event) => {
            void save(event);
          }}
        >
          {URL_FIELDS.map((name) => (
            <div className="field" key={name}>
              <label htmlFor={`${baseId}-${name}`}>{label(name)}</label>
              <input
                id={`${baseId}-${name}`}
                name={name}
                type="url"
                disabled={!props.canWrite}
                value={String(draft[name] ?? '')}
                aria-invalid={errors[name] ? true : undefined}
                aria-describedby={errors[name] ? `${baseId}-${name}-error` : undefined}
                onChange={(event) => {
                  setDraft({ ...draft, [name]: event.target.value });
                }}
              />
              {errors[name] && (
                <p id={`${baseId}-${name}-error`} className="error field-error">
                  {errors[name]}
                </p>
              )}
            </div>
          ))}
          <div className="field flag">
            <input
              id={`${baseId}-notify`}
              type="checkbox"
              disabled={!props.canWrite}
              checked={draft.notifySentByMe === true}
              onChange={(event) => {
                setDraft({ ...draft, notifySentByMe: event.target.checked });
              }}
            />
            <label htmlFor={`${baseId}-notify`}>{t('notifySentByMe')}</label>
          </div>
          <button type="submit" disabled={!props.canWrite || saving}>
            {saving ? t('saving') : t('save')}
          </button>
          {message && (
            <p className="result" data-testid="webhooks-result">
              {message}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
