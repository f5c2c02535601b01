// The console's state: who is signed in, the language, the screen. Invariant: `person` is set only from HQ's answer to
// sign-in or /v1/console/me, never from anything typed; the CSRF token lives in api.ts, not here.
import { create } from 'zustand';
import type { Person } from './api';
import type { Lang } from './i18n';

export const SCREENS = ['branches', 'staff', 'catalog', 'providers', 'live', 'sessions', 'daily', 'overshort', 'deliveries'] as const;
export type Screen = (typeof SCREENS)[number];

interface ConsoleState {
  readonly person: Person | null;
  /** False until the first /v1/console/me answered (so a reload does not flash the sign-in screen). */
  readonly checked: boolean;
  readonly lang: Lang;
  readonly screen: Screen;
  setPerson(person: Person | null): void;
  setLang(lang: Lang): void;
  go(screen: Screen): void;
}

const savedLang = (): Lang => (globalThis.localStorage?.getItem('hq.lang') === 'en' ? 'en' : 'es');

export const useConsole = create<ConsoleState>((set) => ({
  person: null,
  checked: false,
  lang: savedLang(),
  screen: 'branches',
  setPerson: (person) => set({ person, checked: true }),
  setLang: (lang) => {
    globalThis.localStorage?.setItem('hq.lang', lang);
    document.documentElement.lang = lang;
    set({ lang });
  },
  go: (screen) => set({ screen }),
}));
