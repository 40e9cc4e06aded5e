import { Profiles1763800000101 } from './app-001-profiles.js';
import { Ledger1763800000001 } from './profile-001-ledger.js';
import { Idempotency1763800000002 } from './profile-002-idempotency.js';
import { Catalogue1763800000003 } from './profile-003-catalogue.js';
import { Trading1763800000004 } from './profile-004-trading.js';
import { History1763800000005 } from './profile-005-history.js';
import { HistoryPending1763800000006 } from './profile-006-history-pending.js';
import { CheckLists1763800000007 } from './profile-007-check-lists.js';
import { OrderEvents1763800000008 } from './profile-008-order-events.js';
import { Accounts1763800000011 } from './profile-011-accounts.js';

/** Explicit, ordered migration lists (never `synchronize`). Append only. */
export const profileMigrations = [Ledger1763800000001, Idempotency1763800000002, Catalogue1763800000003, Trading1763800000004, History1763800000005, HistoryPending1763800000006, CheckLists1763800000007, OrderEvents1763800000008, Accounts1763800000011];
export const appMigrations = [Profiles1763800000101];
