import { EntitySchema } from 'typeorm';

/** The portfolio's last computed snapshot, as JSON, with the fingerprint of its inputs (migration profile-016). */
export interface KeptSnapshotRow {
  kind: string;
  inputs: string;
  lastRowid: number;
  computedAt: string;
  snapshot: string;
}

export const KeptSnapshotEntity = new EntitySchema<KeptSnapshotRow>({
  name: 'KeptSnapshot',
  tableName: 'kept_snapshots',
  columns: {
    kind: { type: 'text', primary: true },
    inputs: { type: 'text' },
    lastRowid: { name: 'last_rowid', type: 'integer' },
    computedAt: { name: 'computed_at', type: 'text' },
    snapshot: { type: 'text' },
  },
});
