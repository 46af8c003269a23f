/**
 * Entry of the OBS browser-source page: every setting comes from the page URL, or, when it has no
 * query string (OBS's "Local file" takes none), from `settings.js` beside the page (see config.ts).
 * The build turns this into one classic script, so the page also works opened from `file://`.
 */
import '../../components/index.js';
import { mountObsPage, readObsConfig } from './config.js';

declare global {
  interface Window {
    /** Set by the optional settings.js: the same text as the page's query string. */
    onairObsSettings?: unknown;
  }
}

const settings = typeof window.onairObsSettings === 'string' ? window.onairObsSettings : '';
const root = document.getElementById('obs-root');
if (root) mountObsPage(root, readObsConfig(location.search || settings));
