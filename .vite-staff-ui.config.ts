// Temporary (staff UI engineer): dev server on 5174 proxying to a private API on 3100. Delete freely.
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
export default defineConfig({ plugins: [sveltekit()], server: { proxy: { '/api': 'http://127.0.0.1:3100' } } });
