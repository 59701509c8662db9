import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server serves `dist/index.html` for every page and `dist/assets/*` with a year-long cache:
// everything but the index must carry a content hash, which Vite's default names do.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    // Read by scripts/bundle-size.mjs to find what the home screen loads first.
    manifest: true,
    // Small files inline as data: URLs would defeat the per-file cache; keep them separate.
    assetsInlineLimit: 0,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/react-dom') || id.includes('node_modules/react/') || id.includes('node_modules/scheduler')) {
            return 'react';
          }
          return undefined;
        },
      },
    },
  },
  server: {
    // `npm run dev`: the API comes from a `comune` server on its default address.
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/healthz': 'http://127.0.0.1:8080',
    },
  },
});
