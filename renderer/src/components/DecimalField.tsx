import type { ReactNode } from 'react';
import { AmountInput } from './AmountInput.js';

interface Props {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  /** The unit shown inside the box. */
  suffix: ReactNode;
  /** Shown instead of the hint, and marks the input invalid. */
  error: string | null;
  hint: string;
  placeholder?: string;
  disabled?: boolean;
  autoFocus?: boolean;
}

/** A labelled decimal input with its unit, and one line under it: the hint, or what is wrong with the value. */
export function DecimalField({ id, label, value, onChange, suffix, error, hint, placeholder, disabled, autoFocus }: Props) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <AmountInput
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint`}
        maxLength={40}
        disabled={disabled}
        autoFocus={autoFocus}
        suffix={suffix}
      />
      <p className={error ? 'field-error' : 'hint'} id={`${id}-hint`}>
        {error ?? hint}
      </p>
    </div>
  );
}
