import { goto } from '$app/navigation';
import type { Prison } from '../shared/answers';
import { booking } from './booking.svelte';
import { cachedPrison } from './current-prison';
import { stepPath } from './flow';

/**
 * What every page after "choose a prison" needs first: the saved draft and its prison from the
 * device. Without a prison there is nothing to ask, so the person goes back to choose one.
 */
export async function loadBookingPage(): Promise<Prison | null> {
	await booking.load();
	const prison = await cachedPrison(booking.draft.prisonId);
	if (!prison) await goto(stepPath('prison'), { replaceState: true });
	return prison;
}
