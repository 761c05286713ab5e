// What the registration page transfers for JS and CSS, gzip -9, from the
// build in ../pb_public: the HTML's scripts and stylesheets with their static
// imports, the largest language catalog (one is loaded at start) and the
// proof-of-work worker (started when the form opens).
//   npm run build && npm run size        fails above the budget (60 KB)
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const out = new URL('../../pb_public/', import.meta.url);
const BUDGET = 60 * 1024;
const page = process.argv[2] || 'register/index.html';
const LANG = /^(de|en|ar|fa|uk|ru|tr)-[\w-]+\.js$/;

const read = (asset) => readFileSync(new URL(`assets/${asset}`, out));
const gz = (buf) => gzipSync(buf, { level: 9 }).length;

const html = readFileSync(new URL(page, out), 'utf8');
const initial = new Set([...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]));
const lazy = new Set();
const workers = new Set();
for (const file of initial) {
	if (!file.endsWith('.js')) continue;
	const code = read(file).toString('utf8');
	for (const m of code.matchAll(/(?:from|import)\s*["'`]\.\/([^"'`]+\.js)["'`]/g)) initial.add(m[1]);
	for (const m of code.matchAll(/import\(\s*["'`]\.\/([^"'`]+\.js)["'`]\s*\)/g)) lazy.add(m[1]);
	for (const m of code.matchAll(/new URL\(\s*["'`]\/?(?:assets\/)?([^"'`]*worker[^"'`]*\.js)["'`]/g)) workers.add(m[1]);
}
const langs = [...lazy].filter((f) => LANG.test(f));
const rows = [];
const add = (kind, file) => {
	const buf = read(file);
	rows.push({ kind, file, raw: buf.length, gzip: gz(buf) });
};
for (const f of initial) add(f.endsWith('.css') ? 'css' : 'js', f);
const biggestLang = langs.map((f) => ({ f, g: gz(read(f)) })).sort((a, b) => b.g - a.g)[0];
if (biggestLang) add('js (language, largest of ' + langs.length + ')', biggestLang.f);
for (const f of workers) add('js (pow worker)', f);

const kb = (n) => (n / 1024).toFixed(1).padStart(6);
console.log(`${page}: JS and CSS, gzip -9`);
for (const r of rows) console.log(`  ${kb(r.gzip)} KB gz  ${kb(r.raw)} KB raw  ${r.kind.padEnd(30)} ${r.file}`);
const total = rows.reduce((s, r) => s + r.gzip, 0);
const js = rows.filter((r) => r.kind.startsWith('js')).reduce((s, r) => s + r.gzip, 0);
console.log(`  total ${kb(total)} KB gz (JS ${kb(js).trim()} KB, CSS ${kb(total - js).trim()} KB); budget ${BUDGET / 1024} KB`);
if (total > BUDGET) {
	console.error('over budget');
	process.exit(1);
}
