import { browser } from '$app/environment';
import { booking } from '$lib/visitor/booking.svelte';
import { prisonsToChoose } from '$lib/visitor/prisons-to-choose';
import type { PageLoad } from './$types';

// On the device the draft is read before the list shows, so a prison tapped meanwhile is never
// replaced by the draft read after it (the list is there from the first paint: the server's).
export const load: PageLoad = async ({ fetch }) => {
	const [prisons] = await Promise.all([prisonsToChoose(fetch), browser ? booking.load() : undefined]);
	return { prisons };
};
