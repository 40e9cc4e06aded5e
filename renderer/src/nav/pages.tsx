import type { ReactElement } from 'react';
import { Accounts } from '../pages/Accounts.js';
import { Activity } from '../pages/Activity.js';
import { Catalogue } from '../pages/Catalogue.js';
import { Convert } from '../pages/Convert.js';
import { DataSources } from '../pages/DataSources.js';
import { History } from '../pages/History.js';
import { Markets } from '../pages/Markets.js';
import { Orders } from '../pages/Orders.js';
import { Portfolio } from '../pages/Portfolio.js';
import { Reports } from '../pages/Reports.js';
import { Settings } from '../pages/Settings.js';
import { Sync } from '../pages/Sync.js';
import { Trade } from '../pages/Trade.js';
import { Wallets } from '../pages/Wallets.js';
import { Health } from '../pages/Health.js';
import { Alerts } from '../pages/Alerts.js';
import type { IconName } from './icons.js';

export const GROUPS = ['Overview', 'Money', 'Trading', 'Records', 'Market data', 'Settings'] as const;
export type Group = (typeof GROUPS)[number];

export interface PageEntry {
  id: string;
  label: string;
  group: Group;
  icon: IconName;
  /** The second key of its "G then key" shortcut (listed in the command palette). */
  key: string;
  /** Words the command palette also matches. */
  keywords: string[];
  render: () => ReactElement;
}

/**
 * Every page of the signed-in app, in sidebar order: the sidebar, the command palette, the "G then key" shortcuts
 * and the remembered page all read this one list, so a new page is one entry here.
 */
export const PAGES = [
  { id: 'portfolio', label: 'Portfolio', group: 'Overview', icon: 'overview', key: 'p', keywords: ['overview', 'holdings', 'returns', 'allocation'], render: () => <Portfolio /> },
  { id: 'wallets', label: 'Wallets', group: 'Money', icon: 'wallet', key: 'w', keywords: ['cash', 'deposit', 'withdraw', 'balance'], render: () => <Wallets /> },
  { id: 'accounts', label: 'Accounts', group: 'Money', icon: 'accounts', key: 'k', keywords: ['broker', 'bank', 'transfer', 'cost basis', 'fifo'], render: () => <Accounts /> },
  { id: 'convert', label: 'Convert', group: 'Money', icon: 'convert', key: 'c', keywords: ['fx', 'exchange', 'rate', 'currency'], render: () => <Convert /> },
  { id: 'trade', label: 'Trade', group: 'Trading', icon: 'trade', key: 't', keywords: ['buy', 'sell', 'order'], render: () => <Trade /> },
  { id: 'orders', label: 'Orders', group: 'Trading', icon: 'orders', key: 'o', keywords: ['fills', 'open', 'cancel'], render: () => <Orders /> },
  { id: 'activity', label: 'Activity', group: 'Records', icon: 'activity', key: 'a', keywords: ['record', 'dividend', 'broker', 'outside'], render: () => <Activity /> },
  { id: 'reports', label: 'Reports', group: 'Records', icon: 'reports', key: 'r', keywords: ['tax', 'realized', 'gains', 'income', 'pdf', 'lots'], render: () => <Reports /> },
  { id: 'history', label: 'History', group: 'Records', icon: 'history', key: 'h', keywords: ['export', 'import', 'csv', 'json', 'ledger'], render: () => <History /> },
  { id: 'markets', label: 'Markets', group: 'Market data', icon: 'markets', key: 'm', keywords: ['prices', 'watchlist', 'quotes'], render: () => <Markets /> },
  { id: 'catalogue', label: 'Catalogue', group: 'Market data', icon: 'catalogue', key: 'i', keywords: ['instruments', 'currencies', 'symbols'], render: () => <Catalogue /> },
  { id: 'sources', label: 'Data sources', group: 'Market data', icon: 'sources', key: 'd', keywords: ['providers', 'api key', 'feed'], render: () => <DataSources /> },
  { id: 'sync', label: 'Sync', group: 'Market data', icon: 'sync', key: 'y', keywords: ['history', 'backfill', 'jobs'], render: () => <Sync /> },
  { id: 'alerts', label: 'Alerts', group: 'Market data', icon: 'alerts', key: 'l', keywords: ['price alert', 'notify', 'above', 'below'], render: () => <Alerts /> },
  { id: 'health', label: 'Data health', group: 'Market data', icon: 'health', key: 'x', keywords: ['missing rate', 'no price', 'gaps', 'stale', 'provider'], render: () => <Health /> },
  { id: 'settings', label: 'Settings', group: 'Settings', icon: 'settings', key: 's', keywords: ['preferences', 'theme', 'backup', 'lock'], render: () => <Settings /> },
] as const satisfies readonly PageEntry[];

export type Page = (typeof PAGES)[number]['id'] | 'welcome';

export function pageEntry(id: string): PageEntry | undefined {
  return PAGES.find((p) => p.id === id);
}

export function isPage(id: string): id is Page {
  return id === 'welcome' || pageEntry(id) !== undefined;
}
