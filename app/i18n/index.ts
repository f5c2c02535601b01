// Language selection: Spanish by default; the choice lives in the session store. The texts of each language are
// es.ts/en.ts (sign-in, home, errors) merged with ui-es.ts/ui-en.ts (the cashier and manager screens) and setup-es.ts/setup-en.ts (first start, backups).
import { useSession } from '../stores/session';
import { en } from './en';
import { es } from './es';
import type { Language, Messages } from './types';
import { setupEn } from './setup-en';
import type { SetupMessages } from './setup-es';
import { setupEs } from './setup-es';
import { uiEn } from './ui-en';
import type { UiMessages } from './ui-es';
import { uiEs } from './ui-es';

export type { Language, Messages } from './types';
export type T = Messages & UiMessages & SetupMessages;

export const MESSAGES: Readonly<Record<Language, T>> = { es: { ...es, ...uiEs, ...setupEs }, en: { ...en, ...uiEn, ...setupEn } };
export const LANGUAGES: readonly Language[] = ['es', 'en'];

export function useT(): T {
  return MESSAGES[useSession((s) => s.language)];
}
