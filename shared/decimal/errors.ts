/** Stable codes for text that is not a decimal, or one too far from 1 to write out in plain notation. */
export type DecimalErrorCode = 'INVALID_DECIMAL' | 'DECIMAL_OUT_OF_RANGE';

export class DecimalError extends RangeError {
  constructor(
    readonly code: DecimalErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DecimalError';
  }
}
