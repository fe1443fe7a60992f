import { useEffect, useId, useMemo, useRef, useState, type SyntheticEvent } from 'react';
import { useMutation } from 'urql';
import { useAnnounce } from './announcer.js';
import { authHeaders } from './client.js';
import { useI18n } from './i18n/i18n.js';
import { createLiveClient, subscribe } from './live.js';
import { InstanceConnectionSubscription, PairingCodeMutation } from './operations.js';
import type { InstanceRow } from './use-instances.js';
import { useViewer } from './viewer.js';

/** Z-API rotates the QR code every 20 seconds; the countdown learns a different pace. */
export const QR_ROTATION_S = 20;

/**
 * Connect a phone, fed by the instanceConnection subscription (graphql-sse): each rotation's QR
 * code replaces the last, with a countdown; a pairing code as the alternative; "Connected" and
 * closing when the phone connects; a broken stream said, retried, and its return said (the
 * first event after a retry says where things stand); on a timeout, a button for a new code.
 */
export function ConnectDialog(props: { instance: InstanceRow; onClose: () => void }) {
  const { t } = useI18n();
  const viewer = useViewer();
  const announce = useAnnounce();
  const baseId = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [image, setImage] = useState<string>();
  const [receivedAt, setReceivedAt] = useState<number>();
  const [rotationS, setRotationS] = useState(QR_ROTATION_S);
  const [now, setNow] = useState(() => Date.now());
  const [connected, setConnected] = useState(false);
  const [timedOut, setTimedOut] = useState(false);
  const [wentAway, setWentAway] = useState(false);
  const [lost, setLost] = useState(false);
  const [back, setBack] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [phone, setPhone] = useState('');
  const [pairing, setPairing] = useState<string>();
  const [pairingError, setPairingError] = useState<string>();
  const [, requestPairingCode] = useMutation(PairingCodeMutation);
  const { onClose } = props;
  // The stream's handlers read these through refs: a parent's re-render (a new onClose) or a
  // language switch must not end and restart the subscription.
  const latest = useRef({ onClose, t, announce });
  latest.current = { onClose, t, announce };
  const liveClient = useMemo(() => createLiveClient(viewer.key), [viewer.key]);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  useEffect(() => {
    let lastImage: string | undefined;
    let lastAt: number | undefined;
    let wasLost = false;
    let backTimer: ReturnType<typeof setTimeout> | undefined;
    setTimedOut(false);
    const unsubscribe = subscribe(
      liveClient,
      InstanceConnectionSubscription,
      { id: props.instance.id },
      {
        next: ({ instanceConnection: event }) => {
          if (wasLost) {
            latest.current.announce(latest.current.t('streamBack'));
            setBack(true);
            clearTimeout(backTimer);
            backTimer = setTimeout(() => {
              setBack(false);
            }, 4_000);
          }
          wasLost = false;
          setLost(false);
          setWentAway(event.state === 'DISCONNECTED');
          if (event.state === 'CONNECTED') {
            setConnected(true);
            latest.current.announce(`${props.instance.name}: ${latest.current.t('connectedNow')}`);
            setTimeout(() => {
              latest.current.onClose();
            }, 1_500);
          } else if (event.state === 'TIMED_OUT') {
            setTimedOut(true);
            latest.current.announce(latest.current.t('timedOut'));
          } else if (event.qrCode && event.qrCode !== lastImage) {
            const at = Date.now();
            // The pace actually seen between two codes (the sandbox may rotate faster).
            if (lastImage !== undefined && lastAt !== undefined)
              setRotationS(Math.max(1, Math.round((at - lastAt) / 1_000)));
            lastImage = event.qrCode;
            lastAt = at;
            setImage(event.qrCode);
            setReceivedAt(at);
          }
        },
        state: (state) => {
          if (state === 'reconnecting' && !wasLost) {
            wasLost = true;
            setLost(true);
            latest.current.announce(latest.current.t('streamLost'));
          }
        },
        last: ({ instanceConnection: event }) =>
          event.state === 'CONNECTED' || event.state === 'TIMED_OUT',
      },
    );
    const tick = setInterval(() => {
      setNow(Date.now());
    }, 1_000);
    return () => {
      unsubscribe();
      clearInterval(tick);
      clearTimeout(backTimer);
    };
  }, [liveClient, props.instance.id, props.instance.name, attempt]);

  const seconds =
    receivedAt === undefined
      ? undefined
      : Math.min(rotationS, Math.max(0, rotationS - Math.floor((now - receivedAt) / 1_000)));

  const getCode = async (event: SyntheticEvent) => {
    event.preventDefault();
    setPairingError(undefined);
    const result = await requestPairingCode({ id: props.instance.id, phone: phone.trim() });
    const payload = result.data?.requestPairingCode;
    if (payload?.code) setPairing(payload.code);
    else
      setPairingError(
        payload?.userErrors[0]?.message ??
          result.error?.message ??
          t('errorCode', { code: '', message: '' }),
      );
  };

  const simulate = async () => {
    await fetch(`/__sandbox/instances/${encodeURIComponent(props.instance.id)}/connect`, {
      method: 'POST',
      headers: authHeaders(viewer.key),
    });
  };

  return (
    <dialog
      ref={ref}
      className="connect"
      aria-labelledby={`${baseId}-title`}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={`${baseId}-title`}>{t('connectTitle', { name: props.instance.name })}</h2>
      {lost && (
        <p className="error" data-testid="stream-lost">
          {t('streamLost')}
        </p>
      )}
      {back && !lost && (
        <p className="connected-back" data-testid="stream-back">
          {t('streamBack')}
        </p>
      )}
      {connected ? (
        <p className="connected-now" data-testid="connected">
          {t('connectedNow')}
        </p>
      ) : timedOut ? (
        <p>
          {t('timedOut')}{' '}
          <button
            type="button"
            onClick={() => {
              setAttempt((n) => n + 1);
            }}
          >
            {t('tryAgain')}
          </button>
        </p>
      ) : (
        <>
          {wentAway && <p className="hint">{t('phoneWentAway')}</p>}
          <p>{t('scanHelp')}</p>
          <div className="qr">
            {image ? (
              <img src={image} alt={t('qrAlt')} width={240} height={240} data-testid="qr" />
            ) : (
              <p>{t('qrWaiting')}</p>
            )}
          </div>
          {seconds !== undefined && (
            <p className="countdown" data-testid="countdown">
              {t('qrRefresh', { seconds })}
            </p>
          )}
          <form
            className="pairing"
            onSubmit={(event) => {
              void getCode(event);
            }}
          >
            <h3>{t('pairingTitle')}</h3>
            <label htmlFor={`${baseId}-phone`}>{t('phone')}</label>
            <input
              id={`${baseId}-phone`}
              type="tel"
              inputMode="numeric"
              autoComplete="off"
              value={phone}
              aria-invalid={pairingError ? true : undefined}
              aria-describedby={pairingError ? `${baseId}-phone-error` : undefined}
              onChange={(event) => {
                setPhone(event.target.value);
              }}
            />
            <button type="submit" disabled={phone.trim() === ''}>
              {t('getCode')}
            </button>
            {pairingError && (
              <p id={`${baseId}-phone-error`} className="error">
                {pairingError}
              </p>
            )}
            {pairing && (
              <p className="pairing-code" data-testid="pairing-code">
                {t('pairingCode', { code: pairing })}
              </p>
            )}
          </form>
          {viewer.sandbox && (
            <p>
              <button
                type="button"
                onClick={() => {
                  void simulate();
                }}
              >
                {t('simulatePhone')}
              </button>{' '}
              <span className="hint">{t('simulateHelp')}</span>
            </p>
          )}
        </>
      )}
      <div className="buttons">
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </dialog>
  );
}
