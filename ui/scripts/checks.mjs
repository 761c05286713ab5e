// Helpers for the local browser checks (browser-check.mjs, walk.mjs): axe-core
// and layout-shift audit with a screenshot per view, real mouse/keyboard/text
// input through CDP, a keyboard walk.
import { readFileSync, writeFileSync } from 'node:fs';

const axeSource = readFileSync(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
export const js = (s) => JSON.stringify(s);

export function helpers(b, { out }) {
	const h = { failures: 0 };
	h.fail = (msg) => {
		h.failures++;
		console.log(`FAIL ${msg}`);
	};

	async function audit(name) {
		await b.evaluate(`window.axe || (0, eval)(${JSON.stringify(axeSource)}), true`);
		const violations = await b.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3) })))`);
		const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		const overflow = await b.evaluate('document.documentElement.scrollWidth > window.innerWidth');
		// Layout shifts not caused by input since the previous view (or the page load).
		const cls = await b.evaluate(`new Promise((r) => { let sum = 0; new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput && e.startTime > (window.__clsFrom || 0)) sum += e.value; }).observe({ type: 'layout-shift', buffered: true }); setTimeout(() => r(sum), 50); })`);
		if (cls > 0.1) {
			h.failures++;
			const shifts = await b.evaluate(`new Promise((r) => { const out = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput && e.value > 0.01 && e.startTime > (window.__clsFrom || 0)) out.push(Math.round(e.startTime) + 'ms ' + e.value.toFixed(3) + ' ' + e.sources.map((x) => x.node ? (x.node.id || x.node.className || x.node.nodeName) + ' ' + JSON.stringify([x.previousRect.x, x.previousRect.y, x.previousRect.width, x.previousRect.height, '->', x.currentRect.x, x.currentRect.y, x.currentRect.width, x.currentRect.height]) : '?').join(', ')); }).observe({ type: 'layout-shift', buffered: true }); setTimeout(() => r(out), 50); })`);
			console.log(`FAIL ${name}: layout shift ${cls.toFixed(3)}\n       ${shifts.join('\n       ')}`);
		}
		writeFileSync(`${out}/${name}.png`, await b.screenshot());
		// A full-page screenshot resizes the viewport: count shifts only from here on.
		await new Promise((r) => setTimeout(r, 200));
		await b.evaluate('window.__clsFrom = performance.now()');
		console.log(`${bad.length || overflow ? 'FAIL' : 'ok  '} ${name}: ${violations.length} axe findings, ${bad.length} serious/critical, CLS ${cls.toFixed(3)}${overflow ? ', HORIZONTAL SCROLL' : ''}`);
		for (const v of violations) console.log(`       ${v.impact} ${v.id}: ${v.help} ${v.nodes.join(' | ')}`);
		if (bad.length || overflow) h.failures++;
	}


	/** Tab through step 1: every control is reached, and the focused one is visibly marked. */
	async function keyboardWalk() {
		await b.evaluate('document.activeElement?.blur(), window.scrollTo(0, 0), true');
		const want = await b.evaluate(`[...document.querySelectorAll('main input:not([tabindex="-1"]), main select, main textarea, main button, main a[href], header select')].filter((e) => !e.disabled && e.offsetParent && (e.type !== 'radio' || e.checked || !document.querySelector('input[type=radio][name="' + e.name + '"]:checked') && e === document.querySelector('input[type=radio][name="' + e.name + '"]'))).map((e) => e.id || e.textContent.trim() || e.name)`);
		const seen = [];
		for (let i = 0; i < want.length + 5; i++) {
			await b.key('Tab');
			const f = await b.evaluate(`(() => { const e = document.activeElement; const cs = getComputedStyle(e); return { id: e.id || e.textContent.trim() || e.name, visible: cs.outlineStyle !== 'none' && cs.outlineWidth !== '0px' || cs.boxShadow !== 'none' }; })()`);
			if (!f.visible) (h.failures++, console.log(`FAIL no visible focus on ${f.id}`));
			seen.push(f.id);
		}
		const missed = want.filter((id) => !seen.includes(id));
		console.log(`${missed.length ? 'FAIL' : 'ok  '} keyboard: ${want.length} controls, reached ${want.length - missed.length}${missed.length ? ', missed ' + missed.join(', ') : ''}`);
		if (missed.length) h.failures++;
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

	return Object.assign(h, { audit, keyboardWalk, click, fill, text });
}
