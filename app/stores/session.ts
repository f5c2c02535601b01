// Who is signed in, their current cash session, and the interface language. Server state is fetched by the screens
// through api.ts; this store only keeps what several screens share.
import { create } from 'zustand';
import type { CommandOutput } from '../../src/contract';
import type { Language } from '../i18n/types';

export type AuthUser = CommandOutput<'auth.login'>['user'];
export type CurrentCash = CommandOutput<'cash.current'>;

const LANGUAGE_KEY = 'arqueo.language';

function initialLanguage(): Language {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'es';
  } catch {
    return 'es';
  }
}

export interface SessionState {
  readonly user: AuthUser | null;
  readonly cash: CurrentCash | null;
  readonly language: Language;
  signedIn(user: AuthUser): void;
  signedOut(): void;
  setCash(cash: CurrentCash | null): void;
  setLanguage(language: Language): void;
}

export const useSession = create<SessionState>()((set) => ({
  user: null,
  cash: null,
  language: initialLanguage(),
  signedIn: (user) => set({ user, cash: null }),
  signedOut: () => set({ user: null, cash: null }),
  setCash: (cash) => set({ cash }),
  setLanguage: (language) => {
    try {
      localStorage.setItem(LANGUAGE_KEY, language);
    } catch {
      // not persisted: fine
    }
    document.documentElement.lang = language;
    set({ language });
  },
}));
