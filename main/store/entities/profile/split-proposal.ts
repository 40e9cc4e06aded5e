import { EntitySchema } from 'typeorm';

/** A split a provider published for a held instrument (migration profile-015-split-proposals). */
export interface SplitProposalRow {
  id: string;
  symbol: string;
  date: string;
  numerator: string;
  denominator: string;
  provider: string;
  state: string;
  activityId: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export const SplitProposalEntity = new EntitySchema<SplitProposalRow>({
  name: 'SplitProposal',
  tableName: 'split_proposals',
  columns: {
    id: { type: 'text', primary: true },
    symbol: { type: 'text' },
    date: { type: 'text' },
    numerator: { type: 'text' },
    denominator: { type: 'text' },
    provider: { type: 'text' },
    state: { type: 'text' },
    activityId: { name: 'activity_id', type: 'text', nullable: true },
    createdAt: { name: 'created_at', type: 'text' },
    decidedAt: { name: 'decided_at', type: 'text', nullable: true },
  },
  indices: [{ name: 'idx_split_proposals_symbol_date', columns: ['symbol', 'date'], unique: true }],
});
