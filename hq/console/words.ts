// The words of the console in the chosen language (a hook, so a language switch redraws every screen).
import { WORDS } from './i18n';
import type { Words } from './i18n';
import { useConsole } from './store';

export const useWords = (): Words => WORDS[useConsole((s) => s.lang)];
