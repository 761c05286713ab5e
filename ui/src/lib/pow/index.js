// Starts the proof of work as soon as a form opens, so it is ready by submit
// time. fetchChallenge() returns {challenge, difficulty}.
import { solve } from './solve.js';

function inWorker(challenge, difficulty) {
	return new Promise((resolve, reject) => {
		const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
		w.onmessage = (e) => {
			w.terminate();
			resolve(e.data.nonce);
		};
		w.onerror = (e) => {
			w.terminate();
			reject(e);
		};
		w.postMessage({ challenge, difficulty });
	});
}

/** Without workers: small slices on the main thread so the page stays responsive. */
async function inSlices(challenge, difficulty) {
	const slice = 5000;
	for (let start = 0; ; start += slice) {
		const nonce = solve(challenge, difficulty, { start, limit: slice });
		if (nonce !== null) return nonce;
		await new Promise((r) => setTimeout(r, 0));
	}
}

/** Returns a promise of {challenge, nonce}. */
export async function proofOfWork(fetchChallenge) {
	const { challenge, difficulty } = await fetchChallenge();
	let nonce;
	try {
		nonce = typeof Worker === 'undefined' ? await inSlices(challenge, difficulty) : await inWorker(challenge, difficulty);
	} catch {
		nonce = await inSlices(challenge, difficulty);
	}
	return { challenge, nonce };
}
