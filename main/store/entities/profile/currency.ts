import { EntitySchema } from 'typeorm';

/** The profile's currency catalogue: ISO 4217 (`builtin = 1`) and the user's own, editable. */
export interface CurrencyRow {
  code: string;
  name: string;
  /** Digits after the decimal point of the minor unit, 0 to 8. */
  minorUnit: number;
  /** 1 for a currency seeded from ISO 4217, 0 for any other. */
  builtin: number;
}

export const CurrencyEntity = new EntitySchema<CurrencyRow>({
  name: 'Currency',
  tableName: 'currencies',
  columns: {
    code: { type: 'text', primary: true },
    name: { type: 'text' },
    minorUnit: { name: 'minor_unit', type: 'integer' },
    builtin: { type: 'integer', default: 0 },
  },
  checks: [{ expression: 'minor_unit BETWEEN 0 AND 8' }],
  withoutRowid: true,
});
