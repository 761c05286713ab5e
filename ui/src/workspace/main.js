import '../styles/base.css';
import './workspace.css';
import { mount } from 'svelte';
import { setLanguage, useCatalogs } from '../lib/locale.svelte.js';
import App from './App.svelte';

// German only: the participant catalog brings the form renderer's texts, the
// staff catalog the shared staff words, workspace.de.json the workspace's own.
useCatalogs(
	['de'],
	import.meta.glob('../i18n/de.json'),
	import.meta.glob('../i18n/staff/de.json'),
	{ de: () => import('../i18n/staff/workspace.de.json') },
);
setLanguage('de', { remember: false }).then(() => {
	const target = document.getElementById('app');
	target.replaceChildren();
	mount(App, { target });
});
