import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { useClient, useMutation } from 'urql';
import { useAnnounce } from './announcer.js';
import { authHeaders } from './client.js';
import { useI18n } from './i18n/i18n.js';
import { ConnectionQuery, PairingCodeMutation } from './operations.js';
import type { InstanceRow } from './use-instances.js';
import { useViewer } from './viewer.js';

/** Z-API (and the sandbox) rotate the QR code every 20 seconds. */
export const QR_ROTATION_S = 20;
/** How often the dialog asks for the code and the connection while it is open. */
export const POLL_MS = 2_000;

/**
 * Connect a phone: the QR code, replaced as soon as it rotates, with a countdown; a pairing code
 * as the alternative; "Connected" and closing when the phone connects; a loss of contact with
 * the gateway said, and its return. Fed by polling instanceQrCode until the gateway's
 * instanceConnection subscription exists (see docs/console.md).
 */
export function ConnectDialog(props: { instance: InstanceRow; onClose: () => void }) {
  const { t } = useI18n();
  const viewer = useViewer();
  const announce = useAnnounce();
  const client = useClient();
  const baseId = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [image, setImage] = useState<string>();
  const [receivedAt, setReceivedAt] = useState<number>();
  const [now, setNow] = useState(() => Date.now());
  const [connected, setConnected] = useState(false);
  const [lost, setLost] = useState(false);
  const [phone, setPhone] = useState('');
  const [pairing, setPairing] = useState<string>();
  const [pairingError, setPairingError] = useState<string>();
  const [, requestPairingCode] = useMutation(PairingCodeMutation);
  const { onClose } = props;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  useEffect(() => {
    let stopped = false;
    let wasLost = false;
    let lastImage: string | undefined;
    const poll = async () => {
      const result = await client
        .query(ConnectionQuery, { id: props.instance.id }, { requestPolicy: 'network-only' })
        .toPromise();
      if (stopped) return;
      const qr = result.data?.instanceQrCode;
      if (!qr) {
        if (!wasLost) announce(t('streamLost'));
        wasLost = true;
        setLost(true);
        return;
      }
      if (wasLost) announce(t('streamBack'));
      wasLost = false;
      setLost(false);
      if (qr.connected) {
        stopped = true;
        setConnected(true);
        announce(`${props.instance.name}: ${t('connectedNow')}`);
        setTimeout(onClose, 1_500);
        return;
      }
      if (qr.image && qr.image !== lastImage) {
        lastImage = qr.image;
        setImage(qr.image);
        setReceivedAt(Date.now());
      }
    };
    void poll();
    const timer = setInterval(() => {
      if (!stopped) void poll();
      setNow(Date.now());
    }, POLL_MS);
    const tick = setInterval(() => {
      setNow(Date.now());
    }, 1_000);
    return () => {
      stopped = true;
      clearInterval(timer);
      clearInterval(tick);
    };
  }, [client, props.instance.id, props.instance.name, announce, t, onClose]);

  const seconds =
    receivedAt === undefined
      ? undefined
      : Math.min(
          QR_ROTATION_S,
          Math.max(0, QR_ROTATION_S - Math.floor((now - receivedAt) / 1_000)),
        );

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
      {connected ? (
        <p className="connected-now" data-testid="connected">
          {t('connectedNow')}
        </p>
      ) : (
        <>
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
