import { EntitySchema } from 'typeorm';

/** One of the profile's personal settings, as JSON under its name. */
export interface PreferenceRow {
  name: string;
  value: string;
}

export const PreferenceEntity = new EntitySchema<PreferenceRow>({
  name: 'Preference',
  tableName: 'preferences',
  columns: {
    name: { type: 'text', primary: true },
    value: { type: 'text' },
  },
});
