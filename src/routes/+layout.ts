import { browser } from '$app/environment';
import { prepareLanguage } from '$lib/shell/language.svelte';
import type { LayoutLoad } from './$types';

// Pages are rendered on the server in the reader's language (hooks.server.ts), then run on the
// device, which draws every later page itself, offline too. No page loads data on the server: a
// navigation never needs the network.
export const prerender = false;

// On the device, each page renders with its messages loaded in the reader's language (visitor pages never load staff text).
export const load: LayoutLoad = async ({ url }) => {
	if (browser) await prepareLanguage(url.pathname, url.searchParams.get('lang'));
	return {};
};
