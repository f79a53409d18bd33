import type { BookAPrisonVisitDb, LocalVisitRequest } from '../client/db';
import { listVisibleRequests } from '../client/requests';
import { newRequestId } from '../client/visitor-queue';
import { fromLocalDate } from './date-fields';
import { emptyDraft, type BookingDraft, type VisitorDraft } from './draft';
import type { SavedVisitor } from '../shared/schemas-accounts';

/*
 * Less retyping: a new request starts with the lead visitor of the last request made on this
 * device (the same person books again and again), and the page offers the rest of that party
 * rather than filling it in unasked (the family coming may differ from last time).
 * Only what this device itself sent is used; nothing comes from the server.
 */

type SentVisitor = LocalVisitRequest['input']['visitors'][number];

function visitorDraft(visitor: SentVisitor, withContact: boolean): VisitorDraft {
	return {
		firstName: visitor.firstName,
		lastName: visitor.lastName,
		dateOfBirth: fromLocalDate(visitor.dateOfBirth),
		email: withContact ? (visitor.email ?? '') : '',
		phone: withContact ? (visitor.phone ?? '') : ''
	};
}

/** The newest request this device made (a refused one replaced by its resend counts as the resend). */
export async function lastRequest(db: BookAPrisonVisitDb): Promise<LocalVisitRequest | undefined> {
	return (await listVisibleRequests(db)).find((request) => (request.input?.visitors?.length ?? 0) > 0);
}

/** A fresh draft, its lead visitor copied from the device's last request when there is one. */
export async function newDraft(db: BookAPrisonVisitDb, id: string = newRequestId()): Promise<BookingDraft> {
	const draft = emptyDraft(id);
	const last = await lastRequest(db);
	const lead = last?.input.visitors[0];
	if (!last || !lead) return draft;
	return { ...draft, visitors: [visitorDraft(lead, true)], leadFrom: last.id };
}

/** The other visitors of the last request, to offer (not add) on the visitors page. */
export async function lastOtherVisitors(db: BookAPrisonVisitDb): Promise<VisitorDraft[]> {
	const last = await lastRequest(db);
	return (last?.input.visitors.slice(1) ?? []).map((visitor) => visitorDraft(visitor, false));
}

const sameName = (a: Pick<VisitorDraft, 'firstName' | 'lastName'>, b: Pick<VisitorDraft, 'firstName' | 'lastName'>) =>
	a.firstName.trim().toLowerCase() === b.firstName.trim().toLowerCase() &&
	a.lastName.trim().toLowerCase() === b.lastName.trim().toLowerCase();

/** Who of last time's party is not in the draft yet: what the offer names. */
export function notYetAdded(draft: Pick<BookingDraft, 'visitors'>, others: readonly VisitorDraft[]): VisitorDraft[] {
	return others.filter((other) => !draft.visitors.some((visitor) => sameName(visitor, other)));
}

/**
 * The visitors a signed-in family's account keeps (GOV.UK One Login), to choose from: as the lead
 * they come with their contact details, as another visitor without (only the lead is asked).
 */
export function keptVisitorDraft(saved: SavedVisitor, asLead: boolean): VisitorDraft {
	return visitorDraft(saved, asLead);
}

/** Whether the draft's only visitor is still blank, so a chosen visitor takes that place. */
export function onlyBlankLead(draft: Pick<BookingDraft, 'visitors'>): boolean {
	const [lead, ...others] = draft.visitors;
	return others.length === 0 && (!lead || (lead.firstName.trim() === '' && lead.lastName.trim() === ''));
}
