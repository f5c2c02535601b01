import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { useSession } from './stores/session';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
document.documentElement.lang = useSession.getState().language;
// Before sales.list, each register kept its own copy of the sales it made under `arqueo.sales.<registerId>`; the
// engine is the only list now, so those copies go.
try {
  for (const key of Object.keys(localStorage)) if (key.startsWith('arqueo.sales.')) localStorage.removeItem(key);
} catch {
  // no storage: nothing to clean
}
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
