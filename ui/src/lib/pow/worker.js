// Web Worker: solves one proof-of-work challenge off the main thread.
import { solve } from './solve.js';

self.onmessage = (e) => {
	const { challenge, difficulty } = e.data;
	self.postMessage({ challenge, nonce: solve(challenge, difficulty) });
};
