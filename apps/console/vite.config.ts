import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the gateway at /console/ (same origin as /graphql): relative to that base, no CDN.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', target: 'es2022', sourcemap: false, assetsInlineLimit: 0 },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000', '/__sandbox': 'http://127.0.0.1:4000' } },
});
