import { useId, useState } from 'react';
import { useMutation } from 'urql';
import { useAnnounce } from './announcer.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { ConnectDialog } from './ConnectDialog.js';
import { useI18n, type MessageKey } from './i18n/i18n.js';
import { connectionOf, formatDue } from './instances-view.js';
import {
  CancelInstanceMutation,
  DisconnectInstanceMutation,
  EnableCallsMutation,
  RestartInstanceMutation,
  SubscribeInstanceMutation,
} from './operations.js';
import type { InstanceRow } from './use-instances.js';
import { codeOf } from './errors.js';
import { useViewer } from './viewer.js';
import { WebhookEditor } from './WebhookEditor.js';

type Action =
  'subscribeInstance' | 'cancelInstance' | 'enableCalls' | 'restartInstance' | 'disconnectInstance';

const CONFIRM: Partial<Record<Action, MessageKey>> = {
  cancelInstance: 'confirmCancel',
  disconnectInstance: 'confirmDisconnect',
};

interface Payload {
  userErrors: readonly { message: string; code: string }[];
}

/** One instance: its facts, the lifecycle buttons, connect, and the webhook editor. */
export function InstancePanel(props: {
  instance: InstanceRow;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t, locale } = useI18n();
  const viewer = useViewer();
  const announce = useAnnounce();
  const titleId = useId();
  const canWrite = viewer.scopes.includes('write');
  const { instance } = props;
  const [withCalls, setWithCalls] = useState(false);
  const [confirming, setConfirming] = useState<Action>();
  const [running, setRunning] = useState<Action>();
  const [message, setMessage] = useState<string>();
  const [connecting, setConnecting] = useState(false);
  // One idempotency key per click of a paid action; a retry of the same click reuses it.
  const [, subscribe] = useMutation(SubscribeInstanceMutation);
  const [, cancel] = useMutation(CancelInstanceMutation);
  const [, enableCalls] = useMutation(EnableCallsMutation);
  const [, restart] = useMutation(RestartInstanceMutation);
  const [, disconnect] = useMutation(DisconnectInstanceMutation);

  const run = async (action: Action) => {
    setConfirming(undefined);
    setRunning(action);
    setMessage(undefined);
    const id = instance.id;
    const idempotencyKey = crypto.randomUUID();
    const result =
      action === 'subscribeInstance'
        ? await subscribe({ id, withCalls, idempotencyKey })
        : action === 'cancelInstance'
          ? await cancel({ id })
          : action === 'enableCalls'
            ? await enableCalls({ id, idempotencyKey })
            : action === 'restartInstance'
              ? await restart({ id, idempotencyKey })
              : await disconnect({ id });
    setRunning(undefined);
    const payload = (result.data as Record<string, Payload | undefined> | undefined)?.[action];
    const error = result.error?.graphQLErrors[0];
    const text = payload?.userErrors[0]
      ? t('errorCode', { code: payload.userErrors[0].code, message: payload.userErrors[0].message })
      : result.error
        ? t('errorCode', {
            code: codeOf(result.error),
            message: error?.message ?? result.error.message,
          })
        : t(`done_${action}`, { name: instance.name });
    setMessage(text);
    announce(text);
    props.onChanged();
  };

  const button = (action: Action, label: MessageKey, danger = false) => (
    <button
      type="button"
      className={danger ? 'danger' : undefined}
      disabled={!canWrite || running !== undefined}
      title={canWrite ? undefined : t('needsWrite')}
      onClick={() => {
        if (CONFIRM[action]) setConfirming(action);
        else void run(action);
      }}
    >
      {running === action ? t('working') : t(label)}
    </button>
  );

  const status = connectionOf(instance);
  return (
    <aside className="panel" aria-labelledby={titleId} data-testid="instance-panel">
      <div className="panel-head">
        <h2 id={titleId}>{t('detailTitle', { name: instance.name })}</h2>
        <button type="button" onClick={props.onClose}>
          {t('close')}
        </button>
      </div>
      <dl>
        <dt>{t('instanceId')}</dt>
        <dd>
          <code>{instance.id}</code>
        </dd>
        <dt>{t('colStatus')}</dt>
        <dd>
          <span className={`status ${status}`}>{t(`status_${status}`)}</span>
        </dd>
        <dt>{t('colPayment')}</dt>
        <dd>
          {instance.paymentStatus
            ? t(`payment_${instance.paymentStatus}`)
            : (instance.rawPaymentStatus ?? t('payment_unknown'))}
        </dd>
        <dt>{t('colDue')}</dt>
        <dd>{formatDue(instance.due, locale) ?? t('noDue')}</dd>
      </dl>
      {!canWrite && <p className="hint">{t('needsWrite')}</p>}

      <h3>{t('connect')}</h3>
      <button
        type="button"
        className="primary"
        disabled={!canWrite}
        title={canWrite ? undefined : t('needsWrite')}
        onClick={() => {
          setConnecting(true);
        }}
      >
        {t('connect')}
      </button>

      <h3>{t('lifecycle')}</h3>
      <div className="actions">
        <span className="with-calls">
          <input
            id={`${titleId}-calls`}
            type="checkbox"
            checked={withCalls}
            disabled={!canWrite}
            onChange={(event) => {
              setWithCalls(event.target.checked);
            }}
          />
          <label htmlFor={`${titleId}-calls`}>{t('subscribeWithCalls')}</label>
        </span>
        {button('subscribeInstance', 'subscribe')}
        {button('enableCalls', 'enableCalls')}
        {button('restartInstance', 'restart')}
        {button('cancelInstance', 'cancelSubscription', true)}
        {button('disconnectInstance', 'disconnect', true)}
      </div>
      {message && (
        <p className="result" data-testid="action-result">
          {message}
        </p>
      )}

      <WebhookEditor instanceId={instance.id} canWrite={canWrite} />

      {confirming && CONFIRM[confirming] && (
        <ConfirmDialog
          question={t(CONFIRM[confirming], { name: instance.name })}
          onCancel={() => {
            setConfirming(undefined);
          }}
          onConfirm={() => {
            void run(confirming);
          }}
        />
      )}
      {connecting && (
        <ConnectDialog
          instance={instance}
          onClose={() => {
            setConnecting(false);
            props.onChanged();
          }}
        />
      )}
    </aside>
  );
}
