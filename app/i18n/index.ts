// Language selection: Spanish by default; the choice lives in the session store. The texts of each language are
// es.ts/en.ts (sign-in, home, errors) merged with ui-es.ts/ui-en.ts (the cashier and manager screens).
import { useSession } from '../stores/session';
import { en } from './en';
import { es } from './es';
import type { Language, Messages } from './types';
import { uiEn } from './ui-en';
import type { UiMessages } from './ui-es';
import { uiEs } from './ui-es';

export type { Language, Messages } from './types';
export type T = Messages & UiMessages;

export const MESSAGES: Readonly<Record<Language, T>> = { es: { ...es, ...uiEs }, en: { ...en, ...uiEn } };
export const LANGUAGES: readonly Language[] = ['es', 'en'];

export function useT(): T {
  return MESSAGES[useSession((s) => s.language)];
}
