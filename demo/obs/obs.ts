/** Entry of the OBS browser-source page: every setting comes from the page URL (see config.ts). */
import '../../components/index.js';
import { mountObsPage, readObsConfig } from './config.js';

const root = document.getElementById('obs-root');
if (root) mountObsPage(root, readObsConfig(location.search));
