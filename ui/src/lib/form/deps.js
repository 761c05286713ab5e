// When to ask the server to evaluate: only when a field some rule depends on
// changes (docs/API.md sends the deps of every rule, never the expressions).

const RULE_KEYS = ['visible_if', 'required_if', 'calculate'];

/** Every field path any rule of the form depends on. */
export function collectDeps(form) {
	const deps = new Set();
	const add = (list) => (list || []).forEach((d) => deps.add(d));
	const walkFields = (fields) => {
		for (const f of fields || []) {
			for (const k of RULE_KEYS) if (f[k]) add(f[k].deps);
			for (const v of f.validations || []) add(v.deps);
			if (f.fields) walkFields(f.fields);
		}
	};
	for (const s of form?.sections || []) {
		if (s.visible_if) add(s.visible_if.deps);
		walkFields(s.fields);
	}
	return deps;
}

/** Row-independent spelling: "languages[2].level" → "languages.level". */
const plain = (p) => p.replace(/\[(\d+|\*)?\]/g, '');

/**
 * True when a change at `path` can change a rule's result. A dependency on a
 * repeat group ("languages") covers every change inside it; a dependency on a
 * sub-field ("languages[].level") is touched by adding or removing rows
 * (a change at "languages").
 */
export function affects(deps, path) {
	const p = plain(path);
	for (const raw of deps) {
		const d = plain(raw);
		if (d === p || p.startsWith(d + '.') || d.startsWith(p + '.')) return true;
	}
	return false;
}

/**
 * A debounced evaluation trigger.
 *   const ev = createEvaluator({ deps, evaluate, onResult, onError, delay });
 *   ev.changed('birth_date')   // schedules an evaluation if a rule depends on it
 * evaluate() gets no arguments (the caller reads its current answers) and
 * returns a promise; results of superseded calls are dropped.
 */
export function createEvaluator({ deps, evaluate, onResult, onError = () => {}, delay = 300 }) {
	let timer = null;
	let seq = 0;

	async function run() {
		timer = null;
		const mine = ++seq;
		try {
			const res = await evaluate();
			if (mine === seq) onResult(res);
		} catch (err) {
			if (mine === seq) onError(err);
		}
	}

	return {
		/** Returns true when an evaluation was scheduled. */
		changed(path) {
			if (!affects(deps, path)) return false;
			clearTimeout(timer);
			timer = setTimeout(run, delay);
			return true;
		},
		/** Evaluates now (e.g. after restoring a draft). */
		now() {
			clearTimeout(timer);
			return run();
		},
		/** True while an evaluation is scheduled but not yet sent. */
		get pending() {
			return timer !== null;
		},
		cancel() {
			clearTimeout(timer);
			timer = null;
			seq++;
		},
	};
}
