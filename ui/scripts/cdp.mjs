// A minimal Chrome DevTools Protocol client over Node's WebSocket (Node 20 needs
// --experimental-websocket). Only for the local checks in this folder; the
// project's browser tests are written in Go with chromedp.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function launch({ width = 360, height = 800 } = {}) {
	const profile = mkdtempSync(join(tmpdir(), 'mp-chromium-'));
	const proc = spawn(process.env.CHROMIUM || '/usr/bin/chromium', [
		'--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
		'--disable-sync', '--no-first-run', '--remote-debugging-port=0', `--user-data-dir=${profile}`,
		`--window-size=${width},${height}`, 'about:blank',
	], { stdio: ['ignore', 'ignore', 'pipe'] });
	const wsUrl = await new Promise((resolve, reject) => {
		let buf = '';
		proc.stderr.on('data', (d) => {
			buf += d;
			const m = buf.match(/DevTools listening on (ws:\/\/\S+)/);
			if (m) resolve(m[1]);
		});
		proc.on('exit', (code) => reject(new Error(`chromium exited ${code}: ${buf}`)));
	});
	const ws = new WebSocket(wsUrl);
	await new Promise((r, j) => ((ws.onopen = r), (ws.onerror = j)));
	let seq = 0;
	const pending = new Map();
	const listeners = [];
	ws.onmessage = (e) => {
		const msg = JSON.parse(e.data);
		if (msg.id && pending.has(msg.id)) {
			const { resolve, reject } = pending.get(msg.id);
			pending.delete(msg.id);
			msg.error ? reject(new Error(`${msg.error.message} ${msg.error.data || ''}`)) : resolve(msg.result);
		} else if (msg.method) listeners.forEach((l) => l(msg));
	};
	const send = (method, params = {}, sessionId) =>
		new Promise((resolve, reject) => {
			const id = ++seq;
			pending.set(id, { resolve, reject });
			ws.send(JSON.stringify({ id, method, params, sessionId }));
		});
	const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
	const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
	const page = (method, params) => send(method, params, sessionId);
	await page('Page.enable');
	await page('Runtime.enable');
	await page('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: true });
	const consoleErrors = [];
	listeners.push((m) => {
		if (m.method === 'Runtime.exceptionThrown') consoleErrors.push(m.params.exceptionDetails.exception?.description || m.params.exceptionDetails.text);
		if (m.method === 'Runtime.consoleAPICalled' && m.params.type === 'error') consoleErrors.push(m.params.args.map((a) => a.value ?? a.description).join(' '));
	});

	async function evaluate(expression) {
		const r = await page('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
		if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description || r.exceptionDetails.text);
		return r.result.value;
	}
	async function waitFor(expression, timeout = 10000) {
		const end = Date.now() + timeout;
		while (Date.now() < end) {
			if (await evaluate(expression)) return true;
			await new Promise((r) => setTimeout(r, 100));
		}
		throw new Error(`timed out waiting for ${expression}`);
	}
	async function navigate(url) {
		await page('Page.navigate', { url });
		await waitFor('document.readyState === "complete"');
	}
	async function screenshot() {
		const { data } = await page('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true });
		return Buffer.from(data, 'base64');
	}
	async function key(k, code = k, keyCode = 9) {
		await page('Input.dispatchKeyEvent', { type: 'keyDown', key: k, code, windowsVirtualKeyCode: keyCode });
		await page('Input.dispatchKeyEvent', { type: 'keyUp', key: k, code, windowsVirtualKeyCode: keyCode });
	}
	async function close() {
		try {
			await send('Browser.close');
		} catch {
			proc.kill();
		}
		await new Promise((r) => (proc.exitCode !== null ? r() : proc.on('exit', r)));
		rmSync(profile, { recursive: true, force: true });
	}
	/** Calls fn(params) for every event `method` of the page. */
	const on = (method, fn) => listeners.push((m) => m.method === method && m.sessionId === sessionId && fn(m.params));
	return { page, evaluate, waitFor, navigate, screenshot, key, close, on, consoleErrors };
}
