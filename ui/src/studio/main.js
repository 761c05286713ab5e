import '../styles/base.css';
import './studio.css';
import { mount } from 'svelte';
import { pb } from '../lib/pb.js';
import { setLanguage, useCatalogs } from '../lib/locale.svelte.js';
import App from './App.svelte';

// Staff pages are German only; the participant catalog brings the form
// renderer's texts, the staff catalog the shared staff words, studio.de.json the studio's own.
useCatalogs(['de'], import.meta.glob('../i18n/de.json'), import.meta.glob('../i18n/staff/de.json'), { de: () => import('../i18n/staff/studio.de.json') });
// The studio drops stale answers itself (checks and previews overlap while typing).
pb().autoCancellation(false);
setLanguage('de', { remember: false }).then(() => {
	const target = document.getElementById('app');
	target.replaceChildren();
	mount(App, { target });
});
