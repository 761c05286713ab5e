// Layout of the state machine diagram: states as boxes in layers (rows, top
// to bottom) by their distance from the start state, transitions as arrows.
// Pure: the Diagram component only draws what this returns.

export const NODE_W = 160;
export const NODE_H = 48;
const GAP_X = 48;
const GAP_Y = 72;
const PAD = 24;

/**
 * The edges of a workflow: one per transition and source state. "*" means
 * every non-terminal state except the target (docs/workflow-language.md);
 * a "stay" transition is a loop on its state.
 */
export function edgesOf(wf) {
	const states = wf?.states || [];
	const keys = new Set(states.map((s) => s.key));
	const open = states.filter((s) => s.kind !== 'terminal').map((s) => s.key);
	const out = [];
	for (const t of wf?.transitions || []) {
		const from = (t.from || []).includes('*') ? open.filter((k) => k !== t.to) : t.from || [];
		for (const f of from) {
			const to = t.stay ? f : t.to;
			if (!keys.has(f) || !keys.has(to)) continue; // the diagnostics name unknown states
			out.push({ key: t.key, from: f, to, label: t.label, stay: !!t.stay, automatic: !(t.roles || []).length });
		}
	}
	return out;
}

/** Layer of each state: shortest distance from the start; unreachable states go below the rest. */
export function layers(wf, edges = edgesOf(wf)) {
	const states = wf?.states || [];
	const start = states.find((s) => s.kind === 'start')?.key ?? states[0]?.key;
	const layer = new Map();
	if (start === undefined) return layer;
	layer.set(start, 0);
	const queue = [start];
	while (queue.length) {
		const k = queue.shift();
		for (const e of edges) {
			if (e.from === k && !layer.has(e.to)) {
				layer.set(e.to, layer.get(k) + 1);
				queue.push(e.to);
			}
		}
	}
	const below = Math.max(-1, ...layer.values()) + 1;
	for (const s of states) if (!layer.has(s.key)) layer.set(s.key, below);
	return layer;
}

/**
 * Positions: {width, height, nodes: [{key, label, kind, x, y, w, h, layer}],
 * edges: [{key, from, to, label, showLabel, d, lx, ly, back, stay, automatic}]}. Within
 * a layer states keep their definition order, then one pass orders them by
 * the mean position of their predecessors (fewer crossings).
 */
export function layout(wf, labelOf = (s) => s.key) {
	const states = wf?.states || [];
	const edges = edgesOf(wf);
	const layer = layers(wf, edges);
	const rows = [];
	states.forEach((s, i) => {
		const l = layer.get(s.key);
		(rows[l] ||= []).push({ s, i });
	});
	const pos = new Map();
	const place = () =>
		rows.forEach((row, l) =>
			(row || []).forEach((n, j) => pos.set(n.s.key, { x: PAD + j * (NODE_W + GAP_X), y: PAD + l * (NODE_H + GAP_Y), layer: l })),
		);
	place();
	for (let l = 1; l < rows.length; l++) {
		if (!rows[l]) continue;
		const mean = (k) => {
			const xs = edges.filter((e) => e.to === k && pos.get(e.from)?.layer < l).map((e) => pos.get(e.from).x);
			return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Infinity;
		};
		rows[l].sort((a, b) => mean(a.s.key) - mean(b.s.key) || a.i - b.i);
		place();
	}
	const widest = Math.max(1, ...rows.map((r) => (r || []).length));
	const width = 2 * PAD + widest * NODE_W + (widest - 1) * GAP_X + 40;
	const height = 2 * PAD + Math.max(1, rows.length) * NODE_H + (Math.max(1, rows.length) - 1) * GAP_Y;
	const nodes = states.map((s) => ({ key: s.key, label: labelOf(s), kind: s.kind, w: NODE_W, h: NODE_H, ...pos.get(s.key) }));

	// Parallel edges between the same pair bend apart. A transition from
	// several states is labelled once (its first edge); loops (stay) only in the list.
	const seen = new Map();
	const labelled = new Set();
	const out = edges.map((e) => {
		const pair = [e.from, e.to].sort().join('→');
		const n = seen.get(pair) || 0;
		seen.set(pair, n + 1);
		const showLabel = !e.stay && !labelled.has(e.key);
		labelled.add(e.key);
		return { ...e, showLabel, ...route(pos.get(e.from), pos.get(e.to), n) };
	});
	return { width, height, nodes, edges: out };
}

/** The SVG path of one edge and where its label goes; n-th edge of its pair. */
function route(a, b, n) {
	const cx = (p) => p.x + NODE_W / 2;
	if (a === b) {
		// A loop on the right side of the box.
		const x = a.x + NODE_W;
		const y = a.y + NODE_H / 2;
		const r = 14 + 8 * n;
		return { d: `M ${x} ${y - 10} C ${x + 2 * r} ${y - 2 * r} ${x + 2 * r} ${y + 2 * r} ${x} ${y + 10}`, lx: x + 2 * r, ly: y, back: false };
	}
	const down = b.layer > a.layer;
	const bend = (n % 2 ? -1 : 1) * Math.ceil(n / 2) * 24;
	if (down) {
		const x1 = cx(a) + bend / 2;
		const y1 = a.y + NODE_H;
		const x2 = cx(b) + bend / 2;
		const y2 = b.y;
		const my = (y1 + y2) / 2;
		return { d: `M ${x1} ${y1} C ${x1} ${my} ${x2} ${my} ${x2} ${y2}`, lx: (x1 + x2) / 2, ly: my, back: false };
	}
	if (a.layer === b.layer) {
		// Side by side: an arc above the row.
		const left = a.x < b.x;
		const x1 = left ? a.x + NODE_W : a.x;
		const x2 = left ? b.x : b.x + NODE_W;
		const y = a.y + NODE_H / 2 + (left ? -10 : 10);
		const my = y + (left ? -30 : 30) - bend;
		return { d: `M ${x1} ${y} C ${x1} ${my} ${x2} ${my} ${x2} ${y}`, lx: (x1 + x2) / 2, ly: my, back: !left };
	}
	// Back up: around the right side of both boxes.
	const x1 = a.x + NODE_W;
	const y1 = a.y + NODE_H / 2;
	const x2 = b.x + NODE_W;
	const y2 = b.y + NODE_H / 2;
	const out = Math.max(x1, x2) + 40 + 16 * n;
	return { d: `M ${x1} ${y1} C ${out} ${y1} ${out} ${y2} ${x2} ${y2}`, lx: out - 10, ly: (y1 + y2) / 2, back: true };
}
