// Local end-to-end check of the participant pages in headless Chromium:
// walks catalogue → every step of the sample form → confirmation in German
// and Arabic at 320 px, runs axe-core on each view, takes screenshots.
//   npm run dev &            (Vite with the dev API stand-in)
//   npm run check:browser [-- http://localhost:5173]   (needs Debian's chromium)
// Exits non-zero on a serious or critical axe violation or a page error.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { launch } from './cdp.mjs';

const base = process.argv[2] || 'http://localhost:5173';
const out = process.env.SHOTS || '/tmp/mp-shots';
mkdirSync(out, { recursive: true });
const axeSource = readFileSync(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

const b = await launch({ width: 320, height: 720 });
let failures = 0;

async function audit(name) {
	await b.evaluate(`window.axe || (0, eval)(${JSON.stringify(axeSource)}), true`);
	const violations = await b.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3) })))`);
	const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	const overflow = await b.evaluate('document.documentElement.scrollWidth > window.innerWidth');
	// Layout shifts not caused by input since the previous view (or the page load).
	const cls = await b.evaluate(`new Promise((r) => { let sum = 0; new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput && e.startTime > (window.__clsFrom || 0)) sum += e.value; }).observe({ type: 'layout-shift', buffered: true }); setTimeout(() => r(sum), 50); })`);
	if (cls > 0.1) {
		failures++;
		const shifts = await b.evaluate(`new Promise((r) => { const out = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput && e.value > 0.01 && e.startTime > (window.__clsFrom || 0)) out.push(Math.round(e.startTime) + 'ms ' + e.value.toFixed(3) + ' ' + e.sources.map((x) => x.node ? (x.node.id || x.node.className || x.node.nodeName) + ' ' + JSON.stringify([x.previousRect.x, x.previousRect.y, x.previousRect.width, x.previousRect.height, '->', x.currentRect.x, x.currentRect.y, x.currentRect.width, x.currentRect.height]) : '?').join(', ')); }).observe({ type: 'layout-shift', buffered: true }); setTimeout(() => r(out), 50); })`);
		console.log(`FAIL ${name}: layout shift ${cls.toFixed(3)}\n       ${shifts.join('\n       ')}`);
	}
	writeFileSync(`${out}/${name}.png`, await b.screenshot());
	// A full-page screenshot resizes the viewport: count shifts only from here on.
	await new Promise((r) => setTimeout(r, 200));
	await b.evaluate('window.__clsFrom = performance.now()');
	console.log(`${bad.length || overflow ? 'FAIL' : 'ok  '} ${name}: ${violations.length} axe findings, ${bad.length} serious/critical, CLS ${cls.toFixed(3)}${overflow ? ', HORIZONTAL SCROLL' : ''}`);
	for (const v of violations) console.log(`       ${v.impact} ${v.id}: ${v.help} ${v.nodes.join(' | ')}`);
	if (bad.length || overflow) failures++;
}

const js = (s) => JSON.stringify(s);

/** Tab through step 1: every control is reached, and the focused one is visibly marked. */
async function keyboardWalk() {
	await b.evaluate('document.activeElement?.blur(), window.scrollTo(0, 0), true');
	const want = await b.evaluate(`[...document.querySelectorAll('main input:not([tabindex="-1"]), main select, main textarea, main button, main a[href], header select')].filter((e) => !e.disabled && e.offsetParent && (e.type !== 'radio' || e.checked || !document.querySelector('input[type=radio][name="' + e.name + '"]:checked') && e === document.querySelector('input[type=radio][name="' + e.name + '"]'))).map((e) => e.id || e.textContent.trim() || e.name)`);
	const seen = [];
	for (let i = 0; i < want.length + 5; i++) {
		await b.key('Tab');
		const f = await b.evaluate(`(() => { const e = document.activeElement; const cs = getComputedStyle(e); return { id: e.id || e.textContent.trim() || e.name, visible: cs.outlineStyle !== 'none' && cs.outlineWidth !== '0px' || cs.boxShadow !== 'none' }; })()`);
		if (!f.visible) (failures++, console.log(`FAIL no visible focus on ${f.id}`));
		seen.push(f.id);
	}
	const missed = want.filter((id) => !seen.includes(id));
	console.log(`${missed.length ? 'FAIL' : 'ok  '} keyboard: ${want.length} controls, reached ${want.length - missed.length}${missed.length ? ', missed ' + missed.join(', ') : ''}`);
	if (missed.length) failures++;
}
// Real input events (mouse, typed text), so layout shifts that follow them count as expected.
async function click(selector) {
	const at = await b.evaluate(`(() => { const e = document.querySelector(${js(selector)}); e.scrollIntoView({ block: 'center', behavior: 'instant' }); const r = e.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`);
	for (const type of ['mousePressed', 'mouseReleased']) await b.page('Input.dispatchMouseEvent', { type, x: at.x, y: at.y, button: 'left', clickCount: 1 });
}
async function fill(id, value) {
	const kind = await b.evaluate(`(() => { const e = document.getElementById(${js(id)}); e.scrollIntoView({ block: 'center', behavior: 'instant' }); e.focus(); return e.tagName === 'SELECT' || e.type === 'date' ? 'set' : (e.select(), 'type'); })()`);
	if (kind === 'type') return b.page('Input.insertText', { text: value });
	await b.evaluate(`(() => { const e = document.getElementById(${js(id)}); e.value = ${js(value)}; e.dispatchEvent(new Event('input', { bubbles: true })); e.dispatchEvent(new Event('change', { bubbles: true })); })()`);
}
const text = (selector) => b.evaluate(`document.querySelector(${js(selector)})?.textContent.trim()`);
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
	if ((lang === 'ar') !== (dir === 'rtl')) (failures++, console.log(`FAIL ${lang}: dir=${dir}`));
	await audit(`${lang}-1-catalogue`);

	await b.evaluate(`location.hash = '#/bwtw/integrationsbegleitung'; true`);
	await b.waitFor(`!!document.querySelector('[data-testid=registration-form]')`);
	const info = await text('[data-testid=field-welcome]');
	if (!info.includes('<script>') && lang === 'de') (failures++, console.log('FAIL markup in a text was not shown as text'));
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
		if (!(await step()).includes('2')) (failures++, console.log('FAIL step not restored'));
		if (!(await b.evaluate(`document.body.textContent.includes('wiederhergestellt')`))) (failures++, console.log('FAIL no restored notice'));
		// Another language: the form's texts change, the answers stay.
		// Keyboard on the closed select: ArrowDown from Deutsch is English, ArrowUp back.
		const switchTo = async (l) => {
			await b.evaluate(`document.querySelector('[data-testid=language]').focus()`);
			await b.key(l === 'en' ? 'ArrowDown' : 'ArrowUp', l === 'en' ? 'ArrowDown' : 'ArrowUp', l === 'en' ? 40 : 38);
		};
		await switchTo('en');
		await b.waitFor(`document.querySelector('h1').textContent.includes('Registration') && document.documentElement.lang === 'en'`);
		if ((await b.evaluate(`document.getElementById('f-languages-0-language').value`)) !== 'Arabisch') (failures++, console.log('FAIL answers lost on language change'));
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
	if (after !== before + 1) (failures++, console.log(`FAIL ${lang}: ${after - before} submissions stored, want 1`));
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
	if (draftLeft.length) (failures++, console.log('FAIL draft not cleared', draftLeft));
}

if (b.consoleErrors.length) {
	failures++;
	console.log('page errors:\n  ' + b.consoleErrors.join('\n  '));
}
await b.close();
console.log(failures ? `${failures} problem(s); screenshots in ${out}` : `all views clean; screenshots in ${out}`);
process.exit(failures ? 1 : 0);
