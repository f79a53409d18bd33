import type { MessageChannel, SlotRef } from '../shared/schemas';
import { emptyDateFields, fromLocalDate, toLocalDate, type DateFields } from './date-fields';

/*
 * What a visitor has typed so far, kept exactly as typed (dates as three boxes), so a reload or
 * a crashed tab gives back every keystroke. It becomes the shared schema's input only when checked.
 */

export interface PrisonerDraft {
	firstName: string;
	lastName: string;
	dateOfBirth: DateFields;
	prisonerNumber: string;
}

export interface VisitorDraft {
	firstName: string;
	lastName: string;
	dateOfBirth: DateFields;
	/** Asked of the lead visitor only. */
	email: string;
	phone: string;
}

export interface BookingDraft {
	/** Made when the draft starts and sent as the request's id, so a double submit is one request. */
	id: string;
	prisonId: string;
	prisoner: PrisonerDraft;
	visitors: VisitorDraft[];
	/** In order of preference. */
	slots: SlotRef[];
	additionalSupport: string;
	/** A refused request this draft replaces when sent (it goes with a new id). */
	resendOf?: string;
	/** The earlier request whose lead visitor this draft started with (the page says so). */
	leadFrom?: string;
	/** The visitor answered the offer of last time's party (added them, or said no). */
	partyOfferAnswered?: boolean;
	/** How to be told, as chosen on the check page; absent until they choose (the page shows a default). */
	channels?: MessageChannel[];
	/** The language of messages, when chosen apart from the page's. */
	messageLanguage?: 'en' | 'cy';
}

export const emptyVisitor = (): VisitorDraft => ({
	firstName: '',
	lastName: '',
	dateOfBirth: emptyDateFields(),
	email: '',
	phone: ''
});

export function emptyDraft(id: string): BookingDraft {
	return {
		id,
		prisonId: '',
		prisoner: { firstName: '', lastName: '', dateOfBirth: emptyDateFields(), prisonerNumber: '' },
		visitors: [emptyVisitor()],
		slots: [],
		additionalSupport: ''
	};
}

/** A request body as typed or as sent: what pages show and the shared schema checks. */
export interface RequestBody {
	id: string;
	prisonId: string;
	prisoner: { firstName: string; lastName: string; dateOfBirth: string; prisonerNumber: string };
	visitors: { firstName: string; lastName: string; dateOfBirth: string; email?: string; phone?: string }[];
	slots: SlotRef[];
	additionalSupport?: string;
	channels?: MessageChannel[];
	messageLanguage?: 'en' | 'cy';
}

/** The request body the shared schema checks, built from what was typed. */
export function draftToRawInput(draft: BookingDraft): RequestBody {
	return {
		id: draft.id,
		prisonId: draft.prisonId,
		prisoner: {
			firstName: draft.prisoner.firstName,
			lastName: draft.prisoner.lastName,
			dateOfBirth: toLocalDate(draft.prisoner.dateOfBirth),
			prisonerNumber: draft.prisoner.prisonerNumber
		},
		visitors: draft.visitors.map((visitor, index) => ({
			firstName: visitor.firstName,
			lastName: visitor.lastName,
			dateOfBirth: toLocalDate(visitor.dateOfBirth),
			...(index === 0 ? { email: visitor.email, phone: visitor.phone } : {})
		})),
		slots: draft.slots.map((slot) => ({ date: slot.date, start: slot.start })),
		additionalSupport: draft.additionalSupport,
		...(draft.channels ? { channels: [...draft.channels] } : {}),
		...(draft.messageLanguage ? { messageLanguage: draft.messageLanguage } : {})
	};
}

/** A draft holding a sent request's details, for "choose new times and send again". */
export function draftFromInput(id: string, input: Omit<RequestBody, 'id'>, resendOf?: string): BookingDraft {
	return {
		id,
		prisonId: input.prisonId,
		prisoner: { ...input.prisoner, dateOfBirth: fromLocalDate(input.prisoner.dateOfBirth) },
		visitors: input.visitors.map((visitor) => ({
			firstName: visitor.firstName,
			lastName: visitor.lastName,
			dateOfBirth: fromLocalDate(visitor.dateOfBirth),
			email: visitor.email ?? '',
			phone: visitor.phone ?? ''
		})),
		slots: input.slots.map((slot) => ({ date: slot.date, start: slot.start })),
		additionalSupport: input.additionalSupport ?? '',
		...(resendOf ? { resendOf } : {})
	};
}
