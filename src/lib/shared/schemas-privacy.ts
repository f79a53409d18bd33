// Shapes of the privacy API (PRODUCT.md, Privacy). Answers only: these routes take no body.
import type { StateChange, VisitRequest } from './answers';
import type { WaitlistEntry } from './schemas-waitlist';
import type { SavedVisitor } from './schemas-accounts';

/** GET /api/visit-requests/export: everything held for the calling device. */
export interface DataExport {
	exportedAt: string;
	device: { firstSeenAt: string; lastSeenAt: string };
	requests: (VisitRequest & { history: StateChange[] })[];
	pushSubscriptions: { endpoint: string; createdAt: string }[];
	/** The slots the device waits for a place in. */
	waitingList: WaitlistEntry[];
	/** The GOV.UK One Login account this phone is signed in to (issue #29): what it keeps. */
	account: { signedIn: boolean; visitors: SavedVisitor[] };
}

/** DELETE /api/visit-requests: what "forget me" did. */
export interface ForgetResult {
	withdrawn: string[];
	cancelled: string[];
	erased: number;
	visitorsErased: number;
	pushSubscriptionsDeleted: number;
	credentialRevoked: true;
}

/** A staff read of a request's personal data, as the request's history shows it. */
export interface RequestRead {
	staffName: string | null;
	what: 'request' | 'queue' | 'day-list' | 'record';
	at: string;
	/** More reads of the same view by the same person within a few minutes, folded into this line. */
	repeats?: number;
	/** The last of those. */
	until?: string;
}

/** Why a request's details are gone, for staff: the scheduled purge or the visitor's own request. */
export type DetailsRemoved = 'retention' | 'visitor_asked' | null;
