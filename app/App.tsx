// The shell: restores a live sign-in on start, then shows the sign-in screen or home.
import { useEffect, useState } from 'react';
import { invoke, maybeSignedIn } from './api';
import { useT } from './i18n';
import { Home } from './screens/Home';
import { SignIn } from './screens/SignIn';
import { useSession } from './stores/session';

export function App() {
  const user = useSession((s) => s.user);
  const signedIn = useSession((s) => s.signedIn);
  const [ready, setReady] = useState(!maybeSignedIn());
  const t = useT();

  useEffect(() => {
    if (ready) return;
    let live = true;
    void invoke('auth.me', {}).then((reply) => {
      if (!live) return;
      if (reply.ok) signedIn(reply.data.user);
      setReady(true);
    });
    return () => {
      live = false;
    };
  }, [ready, signedIn]);

  if (!ready) return <div className="splash" data-testid="splash">{t.app.loading}</div>;
  return user === null ? <SignIn /> : <Home user={user} />;
}
