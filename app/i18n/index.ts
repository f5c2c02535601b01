// Language selection: Spanish by default; the choice lives in the session store.
import { useSession } from '../stores/session';
import { en } from './en';
import { es } from './es';
import type { Language, Messages } from './types';

export type { Language, Messages } from './types';

export const MESSAGES: Readonly<Record<Language, Messages>> = { es, en };
export const LANGUAGES: readonly Language[] = ['es', 'en'];

export function useT(): Messages {
  return MESSAGES[useSession((s) => s.language)];
}
