// Header pieces shared by the screens: the brand mark and the language switch.
import { LANGUAGES, MESSAGES, useT } from '../i18n';
import { useSession } from '../stores/session';

export function Brand({ compact = false }: { readonly compact?: boolean }) {
  const t = useT();
  return (
    <div className="brand">
      <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="currentColor" />
        <g fill="#fff">
          <ellipse cx="14" cy="11" rx="7" ry="2.6" />
          <path d="M7 13.2c0 1.5 3.1 2.7 7 2.7s7-1.2 7-2.7v2.6c0 1.5-3.1 2.7-7 2.7s-7-1.2-7-2.7z" />
          <path d="M7 18.4c0 1.5 3.1 2.7 7 2.7s7-1.2 7-2.7V21c0 1.5-3.1 2.7-7 2.7S7 22.5 7 21z" />
        </g>
        <circle cx="23" cy="22" r="5" fill="#f59e0b" />
      </svg>
      <span className="brand-name">{t.app.name}</span>
      {!compact && <span className="brand-tagline">{t.app.tagline}</span>}
    </div>
  );
}

export function LanguageSwitch() {
  const language = useSession((s) => s.language);
  const setLanguage = useSession((s) => s.setLanguage);
  return (
    <div className="lang" role="group" aria-label="Idioma / Language" data-testid="lang-switch">
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          className={l === language ? 'lang-btn active' : 'lang-btn'}
          aria-pressed={l === language}
          title={MESSAGES[l].languageName}
          data-testid={`lang-${l}`}
          onClick={() => setLanguage(l)}
        >
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
