import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { useSession } from './stores/session';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
document.documentElement.lang = useSession.getState().language;
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
