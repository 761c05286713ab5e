import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';

// One small bundle per audience: the landing page and the participant pages
// (later: studio/, workspace/). Built into ../pb_public, which PocketBase serves.
//   npm run dev                      Vite with the dev-only API stand-in (src/dev/)
//   MP_API=http://127.0.0.1:8090 npm run dev   Vite proxying /api to a running server
export default defineConfig(async ({ command }) => {
	const plugins = [svelte()];
	const proxyTarget = process.env.MP_API;
	if (command === 'serve' && !proxyTarget) {
		const { devApi } = await import('./src/dev/mock.js');
		plugins.push(devApi());
	}
	return {
		plugins,
		base: '/',
		build: {
			outDir: '../pb_public',
			emptyOutDir: true,
			target: 'es2020',
			assetsInlineLimit: 0,
			rollupOptions: {
				input: {
					main: resolve(import.meta.dirname, 'index.html'),
					register: resolve(import.meta.dirname, 'register/index.html'),
					reports: resolve(import.meta.dirname, 'reports/index.html'),
					workspace: resolve(import.meta.dirname, 'workspace/index.html'),
					studio: resolve(import.meta.dirname, 'studio/index.html'),
				},
			},
		},
		worker: { format: 'es' },
		// Component tests mount Svelte's client build (not its server build).
		resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
		server: proxyTarget ? { proxy: { '/api': proxyTarget } } : {},
		test: {
			include: ['test/**/*.test.js'],
			environment: 'node',
		},
	};
});
