import '../styles/base.css';
import { mount } from 'svelte';
import { PARTICIPANT_LANGUAGES } from '../lib/i18n.js';
import { initialLanguage, setLanguage, useCatalogs } from '../lib/locale.svelte.js';
import App from './App.svelte';

useCatalogs(PARTICIPANT_LANGUAGES, import.meta.glob('../i18n/*.json'));
setLanguage(initialLanguage(), { remember: false }).then(() => {
	const target = document.getElementById('app');
	target.replaceChildren();
	mount(App, { target });
});
