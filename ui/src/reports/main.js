import '../styles/base.css';
import './reports.css';
import { mount } from 'svelte';
import { setLanguage, useCatalogs } from '../lib/locale.svelte.js';
import App from './App.svelte';

// Staff pages are German only: the participant catalog brings the shared
// texts (skip link, errors), the staff catalog the staff words, reports.de.json the page's own.
useCatalogs(['de'], import.meta.glob('../i18n/de.json'), import.meta.glob('../i18n/staff/de.json'), {
	de: () => import('../i18n/staff/reports.de.json'),
});
setLanguage('de', { remember: false }).then(() => {
	const target = document.getElementById('app');
	target.replaceChildren();
	mount(App, { target });
});
