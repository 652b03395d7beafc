import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { prepareBoot } from './state/boot.js';
import { PreferencesProvider } from './state/preferences.js';
import { parseHash } from './state/router.js';
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/library.css';
import './styles/reader.css';
import './styles/search.css';
import './styles/annotations.css';
import './styles/data.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

// Opening straight into a text (a reload, a link): ask for it before React starts.
// What the first screen shows is requested now, and the first render waits for it (briefly).
void prepareBoot(parseHash(location.hash)).then(() =>
  createRoot(container).render(
    <StrictMode>
      <PreferencesProvider>
        <App />
      </PreferencesProvider>
    </StrictMode>,
  ),
);
