import { prepareLanguage } from '$lib/shell/language.svelte';
import type { LayoutLoad } from './$types';

// The PWA is a single-page app: every page renders on the device, so it works offline.
export const ssr = false;
export const prerender = false;

// Each page renders with its messages loaded in the device's language (visitor pages never load staff text).
export const load: LayoutLoad = async ({ url }) => {
	await prepareLanguage(url.pathname, url.searchParams.get('lang'));
	return {};
};
