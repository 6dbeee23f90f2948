import { defineConfig } from 'vite';
import places from './build/places.js';
import basemap from './build/basemap.js';

// The dashboard is served by `vigil serve --web web/dist`: everything it needs is bundled, so
// it works with no network but the server's.
export default defineConfig({
  base: '/',
  plugins: [places(), basemap()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    sourcemap: false,
  },
  server: {
    proxy: { '/api': process.env.VIGIL_API ?? 'http://127.0.0.1:8080' },
  },
});
