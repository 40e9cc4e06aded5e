import type { InputHTMLAttributes, ReactNode } from 'react';

/** A text input for a decimal with its unit (a currency or a symbol) shown inside the box, hidden from readers. */
export function AmountInput({ suffix, ...input }: InputHTMLAttributes<HTMLInputElement> & { suffix: ReactNode }) {
  return (
    <div className="amount-input">
      <input {...input} />
      <span className="amount-suffix" aria-hidden="true">
        {suffix}
      </span>
    </div>
  );
}
