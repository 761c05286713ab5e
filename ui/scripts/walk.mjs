// Walks any published form of a running server like a participant would:
// fills every visible required field with a plausible value, steps through,
// submits, creates the optional account; axe and layout shift on every step.
//   node --experimental-websocket scripts/walk.mjs http://127.0.0.1:8090 bwtw integrationsbegleitung [lang]
// (npm run walk -- URL TENANT OFFER LANG). Needs Debian's chromium.
import { mkdirSync } from 'node:fs';
import { launch } from './cdp.mjs';
import { helpers, js } from './checks.mjs';

const [base = 'http://127.0.0.1:8090', tenant = 'bwtw', offer = 'integrationsbegleitung', lang = 'de'] = process.argv.slice(2);
const out = process.env.SHOTS || `/tmp/mp-walk-${lang}`;
mkdirSync(out, { recursive: true });

const b = await launch({ width: 320, height: 720 });
const h = helpers(b, { out });
const { audit, click, fill } = h;

/** A plausible answer by field key and type (a participant born 1990, living in Mühlhausen). */
function valueFor(key, type) {
	if (type === 'date') return /birth/.test(key) && !/child/.test(key) ? '1990-04-02' : /child/.test(key) ? '2021-06-01' : '2030-12-31';
	if (type === 'phone') return '+49 151 23456789';
	if (type === 'email') return 'teilnehmer@example.org';
	if (type === 'number' || type === 'integer') return '2';
	if (/postal|plz|zip/.test(key)) return '99974';
	return 'Mühlhausen';
}

/** Answers the visible required fields that are still empty; returns how many. */
async function answerRequired() {
	const fields = await b.evaluate(`[...document.querySelectorAll('[data-testid^="field-"][data-required]')].map((e) => ({ path: e.dataset.testid.slice(6), type: e.dataset.type }))`);
	let n = 0;
	for (const { path, type } of fields) {
		const id = `f-${path.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-+$/, '')}`;
		const sel = `[data-testid=${js(`field-${path}`)}]`;
		const empty = await b.evaluate(`(() => { const f = document.querySelector(${js(sel)}); const c = [...f.querySelectorAll('input, select, textarea')]; return !c.some((e) => (e.type === 'radio' || e.type === 'checkbox') ? e.checked : e.value !== ''); })()`);
		if (!empty || type === 'repeat' || type === 'file') continue;
		n++;
		if (type === 'boolean') await click(`${sel} input[type=radio]:nth-of-type(1)`).then(() => click(`#${id}-1`)); // "no"
		else if (type === 'consent') await click(`#${id}`);
		else if (type === 'multichoice') await click(`${sel} .option:last-child input`); // the last option: least likely to need more
		else if (await b.evaluate(`document.getElementById(${js(id)})?.type === 'radio'`)) await click(`#${id}`);
		else if (await b.evaluate(`document.getElementById(${js(id)})?.tagName === 'SELECT'`)) await fill(id, await b.evaluate(`document.getElementById(${js(id)}).options[1].value`));
		else await fill(id, valueFor(path, type));
	}
	return n;
}

await b.navigate(`${base}/register/`);
await b.evaluate(`localStorage.clear(); sessionStorage.clear(); localStorage.setItem('mp.lang', ${js(lang)}); true`);
await b.navigate(`${base}/register/?walk#/${tenant}/${offer}`);
await b.waitFor(`!!document.querySelector('[data-testid=registration-form]')`);
for (let guard = 0; guard < 40; guard++) {
	const step = await b.evaluate(`document.querySelector('[data-testid=step]').textContent.trim()`);
	await answerRequired();
	await new Promise((r) => setTimeout(r, 500)); // let the evaluation answer
	await answerRequired(); // fields that became required or visible
	await audit(`${String(guard).padStart(2, '0')}-${step.replace(/\W+/g, '_')}`);
	const last = await b.evaluate(`!!document.querySelector('[data-testid=submit]')`);
	await click(last ? '[data-testid=submit]' : '[data-testid=next]');
	await b.waitFor(`!!document.querySelector('[data-testid=reference]') || !!document.querySelector('[data-testid=error-summary]') || document.querySelector('[data-testid=step]')?.textContent.trim() !== ${js(step)}`, 30000);
	if (await b.evaluate(`!!document.querySelector('[data-testid=reference]')`)) break;
	const errs = await b.evaluate(`document.querySelector('[data-testid=error-summary]')?.textContent.trim()`);
	if (errs) {
		console.log(`     ${step}: ${errs}`);
		if ((await answerRequired()) === 0) {
			h.fail(`cannot get past ${step}`);
			break;
		}
	}
}
const reference = await b.evaluate(`document.querySelector('[data-testid=reference]')?.textContent.trim()`);
if (reference) {
	console.log(`     reference ${reference}`);
	await audit('zz-confirmation');
	await fill('account-email', `walk-${Date.now()}@example.org`);
	await fill('account-password', 'ein-langes-Passwort-2026');
	await click('[data-testid=account] button[type=submit]');
	await b.waitFor(`!!document.querySelector('[data-testid=account-created]') || !!document.querySelector('[data-testid=account] .error')`, 20000);
	const accountError = await b.evaluate(`document.querySelector('[data-testid=account] .error')?.textContent`);
	if (accountError) h.fail(`account: ${accountError}`);
	else console.log('     account created');
} else h.fail('no confirmation');
if (b.consoleErrors.length) h.fail(`page errors:\n  ${b.consoleErrors.join('\n  ')}`);
await b.close();
console.log(h.failures ? `${h.failures} problem(s); screenshots in ${out}` : `all steps clean; screenshots in ${out}`);
process.exit(h.failures ? 1 : 0);
