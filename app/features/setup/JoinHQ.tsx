// SLOT for the "Unirse a una central" path (enrollment at headquarters with a one-time code). The enrollment command
// (`setup.enroll`) is built on another branch; the lead wires its form here. Until then this shows what the path
// will ask for, and nothing is sent.
import { useT } from '../../i18n';

export function JoinHQ() {
  const t = useT();
  return (
    <section className="card setup-card" data-testid="setup-join" aria-labelledby="setup-join-title">
      <h2 id="setup-join-title" className="card-title">
        {t.setup.join}
      </h2>
      <p className="muted">{t.setup.joinHint}</p>
    </section>
  );
}
