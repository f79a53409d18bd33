import { goto } from '$app/navigation';
import type { LocalVisitRequest } from '../client/db';
import { newRequestId } from '../client/outbox';
import { booking } from './booking.svelte';
import { draftFromInput } from './draft';
import { changePath, stepPath, type Step } from './flow';

/**
 * "Choose new times and send again" for a request the server refused: its answers become the
 * draft (under a new id, since the server keeps the old id for the old body), and the visitor
 * goes to the times, then back to check their answers.
 */
export async function chooseNewTimes(request: Pick<LocalVisitRequest, 'id' | 'input'>): Promise<void> {
	await booking.reset(draftFromInput(newRequestId(), request.input, request.id));
	await goto(changePath('slots'));
}

/** The page most likely to need a change, by what the prison said was wrong. */
export function sendAgainStep(reasons: readonly string[] | undefined): Step {
	if (reasons?.some((reason) => reason === 'prisoner_details_incorrect' || reason === 'prisoner_moved')) return 'prisoner';
	if (reasons?.some((reason) => reason === 'visitor_banned' || reason === 'visitor_not_on_list')) return 'visitors';
	if (reasons?.some((reason) => reason === 'slot_unavailable')) return 'slots';
	return 'check';
}

/**
 * "Send again" for a request the prison turned down ("details not correct"): every answer comes
 * back as a new draft (a new request: the old one stays, turned down), and the visitor starts at
 * the page that needs changing, then returns to check their answers.
 */
export async function sendAgain(request: Pick<LocalVisitRequest, 'input' | 'rejectionReasons'>): Promise<void> {
	await booking.reset(draftFromInput(newRequestId(), request.input));
	const step = sendAgainStep(request.rejectionReasons);
	await goto(step === 'check' ? stepPath('check') : changePath(step));
}
