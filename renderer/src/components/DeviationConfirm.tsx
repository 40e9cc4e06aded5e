import { useTranslation } from 'react-i18next';
import { useEffect, useId, useRef } from 'react';

interface Props {
  message: string;
  pending: boolean;
  onConfirm(): void;
  onDismiss(): void;
}

/** PRICE_NEEDS_CONFIRMATION: says how far the price is from the last close and asks before resending with confirm. */
export function DeviationConfirm({ message, pending, onConfirm, onDismiss }: Props) {
  const { t } = useTranslation('trading');
  const id = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  return (
    <div className="confirm-box" role="alertdialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`}>
      <p id={`${id}-title`} className="confirm-title">
        {t('confirm.title')}
      </p>
      <p id={`${id}-text`}>{message}</p>
      <div className="actions">
        <button ref={confirmRef} type="button" className="primary" disabled={pending} onClick={onConfirm}>
          {t('confirm.place')}
        </button>
        <button type="button" className="secondary" disabled={pending} onClick={onDismiss}>
          {t('confirm.keep')}
        </button>
      </div>
    </div>
  );
}
