import { goto } from '$app/navigation';
import { page } from '$app/state';
import { onMount } from 'svelte';
import type { Prison } from '../shared/answers';
import { booking } from './booking.svelte';
import { loadBookingPage } from './booking-page';
import { isFromCheck, nextPath, type Step } from './flow';
import { sectionErrors, type Section } from './validate';

/*
 * What a booking step's page does around its own fields: load the draft and its prison, check the
 * step's section of the draft on Continue (every problem at once), and go on to the next step (or back
 * to "Check your answers"). The page skeleton is BookingStep.svelte. Call once in a page's script.
 */

export interface BookingStepState {
	readonly prison: Prison | null;
	errors: Record<string, string>;
	/** Counts Continue presses, so the error summary takes focus again on each. */
	readonly attempt: number;
	readonly fromCheck: boolean;
	submit: (event: SubmitEvent) => void;
}

export function bookingStep(step: Step, section: Section): BookingStepState {
	let prison = $state<Prison | null>(null);
	let errors = $state<Record<string, string>>({});
	let attempt = $state(0);
	const fromCheck = $derived(isFromCheck(page.url));

	onMount(async () => {
		prison = await loadBookingPage();
	});

	return {
		get prison() {
			return prison;
		},
		get errors() {
			return errors;
		},
		set errors(value) {
			errors = value;
		},
		get attempt() {
			return attempt;
		},
		get fromCheck() {
			return fromCheck;
		},
		submit(event: SubmitEvent) {
			event.preventDefault();
			if (!prison) return;
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- the moment of the check, never changed or shown
			errors = sectionErrors(booking.draft, section, prison, new Date());
			attempt += 1;
			if (Object.keys(errors).length === 0) void goto(nextPath(step, fromCheck));
		}
	};
}
