// Which screen is showing. No router: a POS has a handful of screens and no URLs to share; a reload lands on the
// screen the session state implies (sell when a session is open, the lock screen when suspended, the close screen
// while counting).
import { create } from 'zustand';
import type { CommandOutput } from '../../src/contract';

export type Screen =
  | { readonly name: 'home' }
  | { readonly name: 'sell' }
  | { readonly name: 'agents' }
  | { readonly name: 'handover' }
  | { readonly name: 'close' }
  /** `report`: the report in hand (a close's reply carries its Z report), shown without asking the engine again. */
  | { readonly name: 'report'; readonly sessionId: string; readonly report?: CommandOutput<'reports.session'> }
  | { readonly name: 'sessions' }
  | { readonly name: 'daily' }
  | { readonly name: 'sync' }
  | { readonly name: 'admin-registers' }
  | { readonly name: 'admin-users' }
  | { readonly name: 'admin-products' }
  | { readonly name: 'admin-providers' }
  | { readonly name: 'admin-backups' };

export interface NavState {
  readonly screen: Screen | null;
  go(screen: Screen): void;
  reset(): void;
}

export const useNav = create<NavState>()((set) => ({
  screen: null,
  go: (screen) => set({ screen }),
  reset: () => set({ screen: null }),
}));
