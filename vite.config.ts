import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The SPA lives in src/web; the server serves dist/web and proxies nothing in production.
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // zod ships comments Rollup cannot place; they are harmless.
      onwarn(warning, warn) {
        if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
      },
    },
  },
  // '^/api/' as a pattern: a plain '/api' prefix would also catch the UI's own src/web/api.ts.
  server: { proxy: { '^/api/': 'http://127.0.0.1:3000' } },
});
