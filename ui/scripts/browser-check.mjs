// Local end-to-end check of the participant pages in headless Chromium:
// walks catalogue → every step of the sample form → confirmation in German
// and Arabic at 320 px, runs axe-core on each view, takes screenshots.
//   npm run dev &            (Vite with the dev API stand-in)
//   npm run check:browser [-- http://localhost:5173]   (needs Debian's chromium)
// Exits non-zero on a serious or critical axe violation or a page error.
import { mkdirSync, writeFileSync } from 'node:fs';
import { launch } from './cdp.mjs';
import { helpers, js } from './checks.mjs';

const base = process.argv[2] || 'http://localhost:5173';
const out = process.env.SHOTS || '/tmp/mp-shots';
mkdirSync(out, { recursive: true });
const b = await launch({ width: 320, height: 720 });
const h = helpers(b, { out });
const { audit, keyboardWalk, click, fill, text } = h;

const step = () => text('[data-testid=step]');
const next = async () => {
	const before = await step();
	await click('[data-testid=next]');
	await b.waitFor(`document.querySelector('[data-testid=step]')?.textContent.trim() !== ${js(before)} || !!document.querySelector('[data-testid=error-summary]')`);
};

await b.navigate(`${base}/`);
await audit('landing');

for (const lang of ['de', 'ar']) {
	await b.navigate(`${base}/register/`);
	await b.evaluate(`localStorage.clear(); sessionStorage.clear(); localStorage.setItem('mp.lang', ${js(lang)}); true`);
	await b.navigate(`${base}/register/?l=${lang}#/`);
	await b.waitFor(`!!document.querySelector('[data-testid=offers]')`);
	const dir = await b.evaluate('document.documentElement.dir');
	if ((lang === 'ar') !== (dir === 'rtl')) h.fail(`${lang}: dir=${dir}`);
	await audit(`${lang}-1-catalogue`);

	await b.evaluate(`location.hash = '#/bwtw/integrationsbegleitung'; true`);
	await b.waitFor(`!!document.querySelector('[data-testid=registration-form]')`);
	const info = await text('[data-testid=field-welcome]');
	if (!info.includes('<script>') && lang === 'de') h.fail('markup in a text was not shown as text');
	await audit(`${lang}-2-step1-empty`);
	if (lang === 'de') await keyboardWalk();

	await click('[data-testid=next]');
	await b.waitFor(`!!document.querySelector('[data-testid=error-summary]')`);
	await audit(`${lang}-3-step1-errors`);

	await fill('f-first_name', '<script>alert(1)</script>Amal');
	await fill('f-last_name', 'Haddad');
	await fill('f-birth_date', '1990-04-02');
	await fill('f-nationality', 'SY');
	await fill('f-phone', '+49 151 2345678');
	await b.waitFor(`document.querySelector('output')?.textContent.trim().match(/^\\d+$/)`);
	await next();

	await click('#f-work_permit'); // "yes" → permit_until appears and is required
	await b.waitFor(`!!document.getElementById('f-permit_until')`);
	await fill('f-permit_until', '2027-12-31');
	await click('[data-testid="field-languages"] button.secondary'); // add a row
	await fill('f-languages-0-language', 'Arabisch');
	await fill('f-hours', '٣٠'); // Arabic-Indic digits
	await click('#f-has_children'); // yes → children section
	await b.waitFor(`document.querySelector('[data-testid=step]').textContent.includes('5')`);
	await audit(`${lang}-4-step2-filled`);
	if (lang === 'de') {
		// A reload loses nothing: same step, same answers, a notice that they were restored.
		await b.evaluate('window.__before = true');
		await b.page('Page.reload');
		await b.waitFor(`!window.__before && document.getElementById('f-hours')?.value === '30'`);
		if (!(await step()).includes('2')) h.fail('step not restored');
		if (!(await b.evaluate(`document.body.textContent.includes('wiederhergestellt')`))) h.fail('no restored notice');
		// Another language: the form's texts change, the answers stay.
		// Keyboard on the closed select: ArrowDown from Deutsch is English, ArrowUp back.
		const switchTo = async (l) => {
			await b.evaluate(`document.querySelector('[data-testid=language]').focus()`);
			await b.key(l === 'en' ? 'ArrowDown' : 'ArrowUp', l === 'en' ? 'ArrowDown' : 'ArrowUp', l === 'en' ? 40 : 38);
		};
		await switchTo('en');
		await b.waitFor(`document.querySelector('h1').textContent.includes('Registration') && document.documentElement.lang === 'en'`);
		if ((await b.evaluate(`document.getElementById('f-languages-0-language').value`)) !== 'Arabisch') h.fail('answers lost on language change');
		await switchTo('de');
		await b.waitFor(`document.querySelector('h1').textContent.includes('Anmeldung')`);
	}
	await next();
	if (await b.evaluate(`!!document.querySelector('[data-testid=error-summary]')`)) {
		await audit(`${lang}-4b-step2-errors`);
		await click('#f-languages-0-level');
		await next();
	}
	await fill('f-children_count', '2');
	await next();
	if (lang === 'de') {
		// Document upload: the file is listed and travels as a multipart part.
		writeFileSync(`${out}/lebenslauf.pdf`, '%PDF-1.4\n% sample\n');
		const { root } = await b.page('DOM.getDocument');
		const { nodeId } = await b.page('DOM.querySelector', { nodeId: root.nodeId, selector: '#f-documents' });
		await b.page('DOM.setFileInputFiles', { nodeId, files: [`${out}/lebenslauf.pdf`] });
		await b.waitFor(`document.querySelector('[data-testid=field-documents] .files')?.textContent.includes('lebenslauf.pdf')`);
	}
	await audit(`${lang}-5-documents`);
	await next();
	await audit(`${lang}-6-consent`);
	await click('[data-testid=submit]');
	await b.waitFor(`!!document.querySelector('[data-testid=error-summary]')`);
	await click('#f-consent_processing');
	const stored = () => b.evaluate(`fetch('/api/mp/public/__mock').then((r) => r.json()).then((j) => j.count)`);
	const before = await stored();
	const retrying = lang === 'de' ? 'Verbindung unterbrochen' : 'انقطع الاتصال';
	if (lang === 'de') {
		// The submission request fails, the page is reloaded while it retries: the
		// reloaded page resumes the same request, and the server stores it once.
		await b.page('Network.enable');
		await b.page('Network.setBlockedURLs', { urls: ['*/submissions'] });
		await click('[data-testid=submit]');
		await b.waitFor(`document.querySelector('[data-testid=send-status]').textContent.includes(${js(retrying)})`, 20000);
		await b.evaluate('window.__before = true');
		await b.page('Page.reload');
		await b.waitFor(`!window.__before && document.querySelector('[data-testid=send-status]')?.textContent.includes(${js(retrying)})`, 20000);
		await audit(`${lang}-6b-resumed-after-reload`);
		await b.page('Network.setBlockedURLs', { urls: [] });
		await click('[data-testid=retry-now]');
	} else {
		// Offline while sending: the page says so and resends by itself once online.
		await b.page('Network.enable');
		await b.page('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
		await click('[data-testid=submit]');
		await b.waitFor(`document.querySelector('[data-testid=send-status]').textContent.includes(${js(retrying)})`, 20000);
		await audit(`${lang}-6b-offline-retrying`);
		await b.page('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
	}
	await b.waitFor(`!!document.querySelector('[data-testid=reference]')`, 40000);
	const after = await stored();
	if (after !== before + 1) h.fail(`${lang}: ${after - before} submissions stored, want 1`);
	console.log(`     ${lang} reference ${await text('[data-testid=reference]')}`);
	await audit(`${lang}-7-confirmation`);
	if (lang === 'de') {
		// Optional account with the one-time claim of the confirmation.
		await fill('account-email', 'amal@example.org');
		await fill('account-password', 'kurz');
		await click('[data-testid=account] button[type=submit]');
		await b.waitFor(`!!document.getElementById('account-password-error')`);
		await fill('account-password', 'ein-langes-Passwort');
		await click('[data-testid=account] button[type=submit]');
		await b.waitFor(`!!document.querySelector('[data-testid=account-created]')`);
		await audit(`${lang}-8-account-created`);
	}
	const draftLeft = await b.evaluate(`Object.keys(localStorage).filter(k => k.startsWith('mp.draft.'))`);
	if (draftLeft.length) h.fail(`draft not cleared: ${draftLeft}`);
}

if (b.consoleErrors.length) {
	h.failures++;
	console.log('page errors:\n  ' + b.consoleErrors.join('\n  '));
}
await b.close();
console.log(h.failures ? `${h.failures} problem(s); screenshots in ${out}` : `all views clean; screenshots in ${out}`);
process.exit(h.failures ? 1 : 0);
