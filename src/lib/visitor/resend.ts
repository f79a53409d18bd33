import { goto } from '$app/navigation';
import type { LocalVisitRequest } from '../client/db';
import { newRequestId } from '../client/visitor-queue';
import { booking } from './booking.svelte';
import { draftFromInput } from './draft';
import { changePath, sendAgainStep, stepPath } from './flow';

/**
 * "Choose new times and send again" for a request the server refused: its answers become the
 * draft (under a new id, since the server keeps the old id for the old body), and the visitor
 * goes to the times, then back to check their answers.
 */
export async function chooseNewTimes(request: Pick<LocalVisitRequest, 'id' | 'input'>): Promise<void> {
	await booking.reset(draftFromInput(newRequestId(), request.input, request.id));
	await goto(changePath('slots'));
}

/**
 * "Choose new times" for a visit the prison cancelled (a closure, say): every answer is kept as a
 * new draft with a new id, the times are cleared (they are what has to change), and the visitor
 * goes to the times, then to check their answers. The cancelled visit stays in the list as it was.
 */
export async function chooseNewTimesAfterCancellation(request: Pick<LocalVisitRequest, 'input'>): Promise<void> {
	await booking.reset({ ...draftFromInput(newRequestId(), request.input), slots: [] });
	await goto(changePath('slots'));
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
