import { Profiles1763800000101 } from './app-001-profiles.js';
import { ProfileKeys1763800000102 } from './app-002-profile-keys.js';
import { RetiredKeys1763800000103 } from './app-003-retired-keys.js';
import { Ledger1763800000001 } from './profile-001-ledger.js';
import { Idempotency1763800000002 } from './profile-002-idempotency.js';
import { Catalogue1763800000003 } from './profile-003-catalogue.js';
import { Trading1763800000004 } from './profile-004-trading.js';
import { History1763800000005 } from './profile-005-history.js';
import { HistoryPending1763800000006 } from './profile-006-history-pending.js';
import { CheckLists1763800000007 } from './profile-007-check-lists.js';
import { OrderEvents1763800000008 } from './profile-008-order-events.js';
import { PersonalSettings1763800000009 } from './profile-009-personal-settings.js';
import { Alerts1763800000010 } from './profile-010-alerts.js';
import { Accounts1763800000011 } from './profile-011-accounts.js';
import { OrderPages1763800000014 } from './profile-014-order-pages.js';
import { SplitProposals1763800000015 } from './profile-015-split-proposals.js';
import { KeptSnapshot1763800000016 } from './profile-016-kept-snapshot.js';
import { AccountMethods1763800000017 } from './profile-017-account-methods.js';
import { PublishedSplits1763800000018 } from './profile-018-published-splits.js';
import { TransferLegs1763800000019 } from './profile-019-transfer-legs.js';
import { TransferIndex1763800000021 } from './profile-021-transfer-index.js';
import { FewerPages1763800000022 } from './profile-022-fewer-pages.js';

/** Explicit migration lists (never `synchronize`), in the order of their numbers. */
export const profileMigrations = [
  Ledger1763800000001,
  Idempotency1763800000002,
  Catalogue1763800000003,
  Trading1763800000004,
  History1763800000005,
  HistoryPending1763800000006,
  CheckLists1763800000007,
  OrderEvents1763800000008,
  PersonalSettings1763800000009,
  Alerts1763800000010,
  Accounts1763800000011,
  OrderPages1763800000014,
  SplitProposals1763800000015,
  KeptSnapshot1763800000016,
  AccountMethods1763800000017,
  PublishedSplits1763800000018,
  TransferLegs1763800000019,
  TransferIndex1763800000021,
  FewerPages1763800000022,
];
export const appMigrations = [Profiles1763800000101, ProfileKeys1763800000102, RetiredKeys1763800000103];
