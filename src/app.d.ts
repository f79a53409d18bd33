// See https://svelte.dev/docs/kit/types#app.d.ts
import type { PagePlatform } from '$lib/shared/page-platform';

declare global {
	namespace App {
		// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the one shape, declared where the server can read it too
		interface Platform extends PagePlatform {}
	}
}
export {};
