import { goto } from '$app/navigation';
import type { LocalVisitRequest } from '../client/db';
import { newRequestId } from '../client/outbox';
import { booking } from './booking.svelte';
import { draftFromInput } from './draft';
import { changePath } from './flow';

/**
 * "Choose new times and send again" for a request the server refused: its answers become the
 * draft (under a new id, since the server keeps the old id for the old body), and the visitor
 * goes to the times, then back to check their answers.
 */
export async function chooseNewTimes(request: Pick<LocalVisitRequest, 'id' | 'input'>): Promise<void> {
	await booking.reset(draftFromInput(newRequestId(), request.input, request.id));
	await goto(changePath('slots'));
}
