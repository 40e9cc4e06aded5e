import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// First: strings are looked up as modules load and components first render.
import './i18n/index.js';
import { App } from './App.js';
import './styles.css';
import './market.css';
import './trading.css';
import './nav.css';
import './accounts.css';
import './corporate.css';
import './theme.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
