import type { RequestStatus } from '../shared/domain';

/*
 * The success banner after a withdraw or a cancel (GOV.UK notification banner, success). It
 * says so only once the server has the change: offline, the page says the change is waiting,
 * and the banner comes when it has been sent. Kept for the tab's session, so a reload keeps it.
 */

export type VisitorAction = 'withdraw' | 'cancel';
const KEY = 'bpv-action-banner';
const DONE: Record<VisitorAction, RequestStatus> = { withdraw: 'withdrawn', cancel: 'cancelled' };

function storage(): Storage | undefined {
	try {
		return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
	} catch {
		return undefined;
	}
}

export function rememberAction(requestId: string, action: VisitorAction): void {
	storage()?.setItem(KEY, JSON.stringify({ requestId, action }));
}

/** The action to thank the visitor for on this request's page, once the server has it. */
export function doneAction(request: { id: string; status: RequestStatus; pendingAction?: string | undefined }): VisitorAction | null {
	try {
		const saved = JSON.parse(storage()?.getItem(KEY) ?? 'null') as { requestId?: unknown; action?: unknown } | null;
		if (saved?.requestId !== request.id || (saved.action !== 'withdraw' && saved.action !== 'cancel')) return null;
		return request.status === DONE[saved.action] && !request.pendingAction ? saved.action : null;
	} catch {
		return null;
	}
}

/** Leaving the page after the banner was shown: it is not shown again. */
export function forgetAction(requestId: string): void {
	const store = storage();
	if (store?.getItem(KEY)?.includes(requestId)) store.removeItem(KEY);
}
