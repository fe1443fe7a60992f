import { useEffect, useRef } from 'react';
import { useI18n } from './i18n/i18n.js';

/** A modal question before an action that cannot be undone; Escape or Cancel says no. */
export function ConfirmDialog(props: {
  question: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm"
      aria-labelledby="confirm-question"
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}
    >
      <p id="confirm-question">{props.question}</p>
      <div className="buttons">
        <button type="button" autoFocus onClick={props.onCancel}>
          {t('cancel')}
        </button>
        <button type="button" className="danger" onClick={props.onConfirm}>
          {t('confirm')}
        </button>
      </div>
    </dialog>
  );
}
